using System.Diagnostics;

namespace Cx.Contracts.Tests;

/// <summary>
/// The contract read by buf, as an integrator's toolchain would: it builds and passes the lint
/// rules buf.yaml sets, offline, with nothing but the repository and the contract's build.
/// </summary>
public sealed class BufTests
{
    private static readonly string Root = ContractSnapshotFile.FindRepositoryRoot(AppContext.BaseDirectory);

    [Fact]
    public async Task BufBuild_ReadsTheWholeContract()
    {
        var (exit, output) = await BufAsync("build", "-o", "-#format=json");

        Assert.True(exit == 0, "buf build failed:\n" + output);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "proto", "cx"), "*.proto", SearchOption.AllDirectories))
        {
            Assert.Contains("\"" + Path.GetRelativePath(Path.Combine(Root, "proto"), file).Replace('\\', '/') + "\"", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BufLint_FindsNothing()
    {
        var (exit, output) = await BufAsync("lint");

        Assert.True(exit == 0 && output.Length == 0, "buf lint:\n" + output);
    }

    private static async Task<(int Exit, string Output)> BufAsync(params string[] arguments)
    {
        var buf = Path.Combine(Root, "tools", "buf", "node_modules", ".bin", "buf");
        Assert.True(File.Exists(buf), $"buf is not installed in {buf}: run scripts/install-test-deps.");
        var start = new ProcessStartInfo(buf) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
