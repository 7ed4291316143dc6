using System.Diagnostics;

namespace Cx.Deploy.Tests.Support;

/// <summary>
/// The programs the chart's tests run: yamllint and a JSON Schema validator (Debian's yamllint and
/// python3-jsonschema). Missing ones are installed once through scripts/install-test-deps.
/// </summary>
internal static class Tools
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(InstallWhatIsMissing);

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

        return null;
    }
}
