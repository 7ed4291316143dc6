using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cx.Topology.Tests.Support;

namespace Cx.Topology.Tests;

/// <summary>`cx run --from FILE` as a user runs it: entries started, output prefixed, all stopped by one SIGTERM.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_TopologyFile_StartsItsEntriesUntilReady_ThenStopsThemAllOnSigterm()
    {
        var directory = Directory.CreateTempSubdirectory("cx-run-");
        var (grpc, http) = (FreePort(), FreePort());
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "tye.yaml"), $$"""
            name: lone-platform
            services:
              - name: cx-platform
                project: {{Repository.PathOf("services", "Cx.Host", "Cx.Host.csproj")}}
                args: serve platform
                bindings:
                  - {name: grpc, port: {{grpc}}, protocol: http}
                  - {name: http, port: {{http}}, protocol: http}
                readiness:
                  http:
                    path: /health/ready
                    port: {{http}}
                env:
                  - {name: Cx__BindAddress, value: 127.0.0.1}
                  - {name: Cx__Ports__Grpc, value: "{{grpc}}"}
                  - {name: Cx__Ports__Http, value: "{{http}}"}
            """);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { TopologyFixture.CxAssembly, "run", "--from", Path.Combine(directory.FullName, "tye.yaml") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["NO_COLOR"] = "1" },
        };
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }

            if (line?.StartsWith("Ready:", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(ready.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(ready.Task.IsCompleted, "cx run did not become ready:\n" + Snapshot(output));
            Assert.Contains("[cx-platform] cx-platform 0", Snapshot(output), StringComparison.Ordinal);
            using (var probe = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync(new Uri($"http://127.0.0.1:{http}/health/ready"))).StatusCode);
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("[cx-platform] cx-platform stopped.", Snapshot(output), StringComparison.Ordinal);
            Assert.True(IsFree(grpc) && IsFree(http), "the service's process is gone with its ports");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            directory.Delete(recursive: true);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
