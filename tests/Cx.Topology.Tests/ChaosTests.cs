using System.Diagnostics;
using Cx.Chaos;
using Cx.Topology.Tests.Support;
using Xunit.Abstractions;

namespace Cx.Topology.Tests;

/// <summary>
/// tye.yaml's platform of its own (not the flagship fixture's, whose processes the other tests
/// count on), with Redis a process the test kills like any service, on an append-only file it can
/// keep or lose.
/// </summary>
public sealed class ChaosFixture : IAsyncLifetime
{
    private ChaosTopology? _topology;

    public ChaosTopology Topology => _topology ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _topology = await ChaosTopology.StartAsync(Repository.PathOf("tye.yaml"));

    public async Task DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }
}

/// <summary>The chaos test runs alone: its restarts and settle times mean nothing on cores shared with another topology.</summary>
[CollectionDefinition(nameof(ChaosTests), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>
/// Every process killed once under load (Redis twice: once it keeps its data, once it comes back
/// empty), a few seconds apart: what the clients were told was recorded is stored exactly once,
/// every detractor response gets exactly one case, and every webhook subscriber gets every event.
/// The expectations come from what the clients sent, never from what the platform says it did.
/// </summary>
[Collection(nameof(ChaosTests))]
public sealed class ChaosTests(ChaosFixture chaos, ITestOutputHelper output) : IClassFixture<ChaosFixture>
{
    [Fact]
    public async Task EveryProcessKilledUnderLoad_RedisOnceKeptOnceEmptied_NothingAckedIsLost_OneCasePerDetractor_EverySubscriberGetsEveryEvent()
    {
        // The services first, a few seconds apart (each comes back while the next dies), then Redis
        // under running consumers: once keeping its data, then once coming back empty.
        var plan = new ChaosPlan
        {
            WarmUp = TimeSpan.FromSeconds(3),
            Victims =
            [
                new("cx-measurement"),
                new("cx-gateway"),
                new("cx-governance"),
                new("cx-platform"),
                new(ChaosTopology.Redis),
                new(ChaosTopology.Redis, Empty: true),
            ],
            Interval = TimeSpan.FromSeconds(3),
            Tail = TimeSpan.FromSeconds(4),
            StopGrace = TimeSpan.FromSeconds(10),
            // Past the lease of a webhook delivery the killed gateway may have been sending (45 s
            // after its kill), which is sent again only then.
            SettleAtMost = TimeSpan.FromSeconds(40),
            Quiet = TimeSpan.FromSeconds(8),
        };

        var clock = Stopwatch.StartNew();
        var report = await ChaosScenario.RunAsync(chaos.Topology, plan, new ChaosLoadOptions(), output.WriteLine);
        output.WriteLine(report.Describe());
        output.WriteLine($"the run took {clock.Elapsed.TotalSeconds:0} s");

        Assert.True(report.State.Acked > 0, "No response was acknowledged at all.");
        Assert.True(report.Problems.Count == 0, string.Join('\n', report.Problems) + "\n\n" + report.Describe() + "\n" + chaos.Topology.RecentOutput());
    }
}
