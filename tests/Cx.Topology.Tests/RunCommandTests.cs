using System.Net;
using Cx.Topology.Tests.Support;

namespace Cx.Topology.Tests;

/// <summary>`cx run --from FILE` as a user runs it: entries started, output prefixed, all stopped by one SIGTERM.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_TopologyFile_StartsItsEntriesUntilReady_ThenStopsThemAllOnSigterm()
    {
        var directory = Directory.CreateTempSubdirectory("cx-run-");
        var (grpc, http) = (CxProcess.FreePort(), CxProcess.FreePort());
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
                  - {name: Cx__Identity__KeyDirectory, value: data/identity}
            """);
        try
        {
            await using var process = CxProcess.Start(TopologyFixture.CxAssembly, ["run", "--from", Path.Combine(directory.FullName, "tye.yaml")]);

            await process.WaitForLineAsync(l => l.StartsWith("Ready:", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            Assert.Contains("[cx-platform] cx-platform 0", process.Output, StringComparison.Ordinal);

            // The runner made the identity keys its entry names, beside the topology.
            Assert.True(File.Exists(Path.Combine(directory.FullName, "data", "identity", "platform.key")));
            using (var probe = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync(new Uri($"http://127.0.0.1:{http}/health/ready"))).StatusCode);
            }

            Assert.Equal(0, await process.TerminateAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("[cx-platform] cx-platform stopped.", process.Output, StringComparison.Ordinal);
            Assert.True(CxProcess.IsFree(grpc) && CxProcess.IsFree(http), "the service's process is gone with its ports");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
