using System.Diagnostics;
using Cx.Host.Launch;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Cx.Topology.Tests.Support;

namespace Cx.Topology.Tests;

/// <summary>
/// The images, read as files (no container engine runs here): one per catalog service, each
/// `cx serve` of that service as a non-root user on the ports the service listens on by default,
/// and a build script that tags them with the version, never "latest".
/// </summary>
public sealed class ImageTests
{
    private static readonly string Images = Repository.PathOf("deploy", "images");

    public static TheoryData<string> CatalogServices => TopologyFileTests.CatalogServices;

    [Theory]
    [MemberData(nameof(CatalogServices))]
    public void Dockerfile_CatalogService_RunsCxServeOfItAsANonRootUserOnItsDefaultPorts(string name)
    {
        var instructions = Dockerfile.Read(Path.Combine(Images, name + ".Dockerfile"));
        var defaults = new CxServiceSettings();

        Assert.Equal("${CX_IMAGE}", Assert.Single(instructions, i => i.Keyword == "FROM").Arguments);
        Assert.Contains(instructions, i => i.Keyword == "ARG" && i.Arguments == "CX_IMAGE");
        AssertNonRoot(instructions);
        var exposed = instructions.Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).Order();
        Assert.Equal(new[] { defaults.HttpPort, defaults.GrpcPort }.Order(), exposed);
        Assert.Equal(["dotnet", "/app/cx.dll", "serve", name], Assert.Single(instructions, i => i.Keyword == "ENTRYPOINT").ExecForm);
    }

    [Fact]
    public void CxDockerfile_BuildsTheHostOnTheSdk_AndRunsItOnAspNetAsNonRoot_ReadyForAReadOnlyRoot()
    {
        var instructions = Dockerfile.Read(Path.Combine(Images, "cx.Dockerfile"));
        var stages = instructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        var final = Dockerfile.FinalStage(instructions);

        Assert.Equal(2, stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", stages[1], StringComparison.Ordinal);
        Assert.All(stages, s => Assert.DoesNotContain(":latest", s, StringComparison.Ordinal));
        Assert.Contains(instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish services/Cx.Host/Cx.Host.csproj", StringComparison.Ordinal));
        Assert.Contains(final, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build", StringComparison.Ordinal));
        AssertNonRoot(final);
        var environment = string.Join(' ', final.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains("TMPDIR=/tmp", environment, StringComparison.Ordinal);
        Assert.Contains("Cx__DataDirectory=", environment, StringComparison.Ordinal);
        Assert.Equal(["dotnet", "/app/cx.dll"], Assert.Single(final, i => i.Keyword == "ENTRYPOINT").ExecForm);
        Assert.True(File.Exists(Repository.PathOf(".dockerignore")));
    }

    [Fact]
    public async Task BuildImages_DryRun_TagsTheCxImageAndEveryServiceImageWithTheVersion()
    {
        var (exit, output, _) = await RunBuildImagesAsync(["--dry-run"]);

        Assert.Equal(0, exit);
        Assert.Contains($"--tag cx:{CxServiceApplication.Version} ", output, StringComparison.Ordinal);
        foreach (var slot in ServiceCatalog.All)
        {
            Assert.Contains($"--build-arg CX_IMAGE=cx:{CxServiceApplication.Version} --tag {slot.ProcessName}:{CxServiceApplication.Version} ", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("latest", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildImages_RegistryAndTag_NameEveryImage()
    {
        var (exit, output, _) = await RunBuildImagesAsync(["--dry-run", "--registry", "registry.example.com/team/", "--tag", "2.0.0-rc.1"]);

        Assert.Equal(0, exit);
        var images = output.Split('\n').SkipWhile(l => l != "images:").Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0);
        Assert.Equal(
            ServiceCatalog.All.Select(s => $"registry.example.com/team/{s.ProcessName}:2.0.0-rc.1").Append("registry.example.com/team/cx:2.0.0-rc.1").Order(StringComparer.Ordinal),
            images.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BuildImages_LatestTag_IsRefused()
    {
        var (exit, _, error) = await RunBuildImagesAsync(["--dry-run", "--tag", "latest"]);

        Assert.NotEqual(0, exit);
        Assert.Contains("latest", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildImages_WithoutDockerOrPodman_FailsSayingSo()
    {
        // An empty PATH: neither engine can be found (the script uses only builtins until it knows its engine).
        var empty = Directory.CreateTempSubdirectory("cx-no-engine-");
        try
        {
            var (exit, _, error) = await RunBuildImagesAsync([], new Dictionary<string, string?> { ["PATH"] = empty.FullName, ["CX_CONTAINER_ENGINE"] = null });

            Assert.Equal(1, exit);
            Assert.Contains("neither docker nor podman is installed", error, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete();
        }
    }

    private static void AssertNonRoot(IReadOnlyList<DockerInstruction> instructions)
    {
        var user = Assert.Single(instructions, i => i.Keyword == "USER").Arguments.Split(':')[0];
        Assert.False(user is "root" or "0", $"USER {user} is root");
    }

    private static async Task<(int Exit, string Output, string Error)> RunBuildImagesAsync(string[] args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Repository.PathOf("scripts", "build-images"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }
}
