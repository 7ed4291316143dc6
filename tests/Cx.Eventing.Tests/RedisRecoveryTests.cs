using Cx.Eventing.Outbox;
using Cx.Eventing.Redis;
using Cx.Eventing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Cx.Eventing.Tests;

/// <summary>
/// The redis backend when Redis itself fails: restarted without its data, a group deleted by an
/// operator, a stream trimmed, a connection cut, consumers of stopped processes left behind.
/// Each ends with every order booked exactly once, counted in the ledger's database.
/// </summary>
[Collection(RedisBackendGroup.Name)]
public sealed class RedisRecoveryTests(RedisBackendServers servers)
{
    private const string Tenant = "acme";
    private const string Group = "ledger.RecordOrderInLedger";
    private static readonly RedisKey Stream = RedisKeys.Stream(EventingWorld.OrderPlacedType);

    /// <summary>Redis killed mid-stream and restarted: from its append-only file, or without any data (streams, groups and published-id markers gone).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RedisKilledAndRestartedMidStream_WithOrWithoutItsData_EveryOrderBookedExactlyOnce(bool appendOnly)
    {
        await EventingWorld.OnRedisOfItsOwnAsync(appendOnly, servers.PostgreSql, async (redis, world) =>
        {
            await world.StartShopAsync();
            await world.StartLedgerAsync();
            await world.PlaceOrdersAsync(Tenant, 0, 500);
            await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 50, "the first bookings");

            await redis.CrashAndRestartAsync();
            await world.PlaceOrdersAsync(Tenant, 500, 1_000);

            await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 1_000, "every booking", seconds: 120);
            await AssertBookedExactlyOnceAsync(world, 0, 1_000);
        });
    }

    [Fact]
    public async Task PublishedButNotYetConsumed_WhenRedisRestartsEmpty_AreRepublishedAndBooked()
    {
        await EventingWorld.OnRedisOfItsOwnAsync(appendOnly: false, servers.PostgreSql, async (redis, world) =>
        {
            await world.StartShopAsync();
            await world.PlaceOrdersAsync(Tenant, 0, 200);
            await EventingWorld.WaitForAsync(async () => (await world.PublishedAsync()).Count == 200, "every order in its stream");

            await redis.CrashAndRestartAsync();
            await world.StartLedgerAsync();

            await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 200, "every booking", seconds: 60);
            await AssertBookedExactlyOnceAsync(world, 0, 200);
            Assert.Equal(200, (await world.PublishedAsync()).Count);
        });
    }

    [Fact]
    public async Task ConsumerGroupDeletedByAnOperator_IsRecreated_AndTheLedgerGoesOn()
    {
        await using var world = await EventingWorld.StartAsync(servers);
        await world.PlaceOrdersAsync(Tenant, 0, 100);
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 100, "the first hundred bookings");

        Assert.True(await world.Redis!.GetDatabase().StreamDeleteConsumerGroupAsync(Stream, Group));
        await world.PlaceOrdersAsync(Tenant, 100, 200);

        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 200, "the next hundred bookings");
        await AssertBookedExactlyOnceAsync(world, 0, 200);
        Assert.Contains(await world.Redis.GetDatabase().StreamGroupInfoAsync(Stream), g => g.Name == Group);
    }

    [Fact]
    public async Task StreamTrimmedBeforeTheLedgerReadIt_AnOperatorsReplayBooksWhatWasTrimmed()
    {
        await using var world = await EventingWorld.CreateAsync(servers);
        await world.StartShopAsync();
        await world.StartLedgerAsync();
        await world.PlaceOrdersAsync(Tenant, 0, 10);
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 10, "the first bookings");
        await world.StopLedgersAsync();
        await world.PlaceOrdersAsync(Tenant, 10, 60);
        await EventingWorld.WaitForAsync(async () => (await world.PublishedAsync()).Count == 60, "every order in its stream");

        // Below the group's position: Redis keeps no trace of what the group never read.
        await world.Redis!.GetDatabase().StreamTrimAsync(Stream, 0);
        await world.StartLedgerAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(10, await world.CountEntriesAsync(Tenant));

        var replay = world.Shop.Services.GetRequiredService<IOutboxReplay>();
        Assert.Equal(60, await replay.CountPublishedSinceAsync(DateTimeOffset.MinValue, CancellationToken.None));
        var progress = new List<int>();
        Assert.Equal(60, await replay.RepublishSinceAsync(DateTimeOffset.MinValue, progress.Add, CancellationToken.None));

        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 60, "the trimmed bookings");
        await AssertBookedExactlyOnceAsync(world, 0, 60);
        Assert.Equal(60, progress[^1]);
    }

    [Fact]
    public async Task ConnectionCut_AfterRedisLostItsLastWrites_TheLostTailIsRepublished_TheRestIsNotDoubled()
    {
        await using var world = await EventingWorld.CreateAsync(servers);
        await world.StartShopAsync();
        await world.PlaceOrdersAsync(Tenant, 0, 20);
        await EventingWorld.WaitForAsync(async () => (await world.PublishedAsync()).Count == 20, "every order in its stream");

        // What a Redis restarted from an append-only file that missed its last second looks like:
        // the last five events and their published-id markers gone, and every connection dropped.
        var database = world.Redis!.GetDatabase();
        var lastFive = (await database.StreamRangeAsync(Stream)).TakeLast(5).ToArray();
        await database.StreamDeleteAsync(Stream, lastFive.Select(e => e.Id).ToArray());
        await database.KeyDeleteAsync(lastFive.Select(e => (RedisKey)RedisKeys.Published((string)e["id"]!)).ToArray());
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(servers.Redis.Configuration + ",allowAdmin=true"))
        {
            await admin.GetServer(servers.Redis.Configuration).ExecuteAsync("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
        }

        await EventingWorld.WaitForAsync(async () => (await world.PublishedAsync()).Count == 20, "the lost tail back in its stream");
        await world.StartLedgerAsync();
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 20, "every booking");
        await AssertBookedExactlyOnceAsync(world, 0, 20);
        var ids = (await database.StreamRangeAsync(Stream)).Select(e => (string)e["id"]!).ToArray();
        Assert.Equal(20, ids.Distinct().Count());
        Assert.Equal(20, ids.Length);
    }

    [Fact]
    public async Task ConsumersOfStoppedLedgers_AreRemovedOnceIdle_TheLiveOneStays()
    {
        await using var world = await EventingWorld.StartAsync(servers);
        await world.PlaceOrdersAsync(Tenant, 0, 10);
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 10, "the first bookings");
        await world.StopLedgersAsync();
        await world.StartLedgerAsync();
        await world.PlaceOrdersAsync(Tenant, 10, 20);
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 20, "the next bookings");
        await world.StopLedgersAsync();
        await world.StartLedgerAsync();
        await world.PlaceOrdersAsync(Tenant, 20, 30);

        var running = world.Ledger.Services.GetRequiredService<RedisEventingOptions>().ConsumerName;
        async Task<string[]> ConsumersAsync() => (await world.Redis!.GetDatabase().StreamConsumerInfoAsync(Stream, Group)).Select(c => c.Name.ToString()).ToArray();

        await EventingWorld.WaitForAsync(async () => (await ConsumersAsync()).SequenceEqual([running]), "only the running ledger's consumer in the group");
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 30, "every booking");
        await AssertBookedExactlyOnceAsync(world, 0, 30);
        Assert.Equal([running], await ConsumersAsync());
    }

    [Fact]
    public async Task RedisDownWhenTheServicesStart_TheyStartAndCommit_AndBookEverythingOnceRedisComes()
    {
        await EventingWorld.OnRedisOfItsOwnAsync(appendOnly: false, servers.PostgreSql, async (redis, world) =>
        {
            await redis.KillAsync();

            await world.StartShopAsync();
            await world.StartLedgerAsync();
            await world.PlaceOrdersAsync(Tenant, 0, 50);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(0, await world.CountEntriesAsync(Tenant));

            await redis.StartAgainAsync();

            await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 50, "every booking once Redis is up", seconds: 60);
            await AssertBookedExactlyOnceAsync(world, 0, 50);
        });
    }

    [Fact]
    public async Task Readiness_RedisNeverReached_IsUnhealthy_ReachedThenGone_IsDegraded()
    {
        using var neverUp = new RedisProbe($"127.0.0.1:{CxProcess.FreePort()}");
        Assert.Equal(HealthStatus.Unhealthy, await neverUp.CheckAsync());

        var redis = new RedisServer();
        await redis.InitializeAsync();
        using var probe = new RedisProbe(redis.Configuration);
        Assert.Equal(HealthStatus.Healthy, await probe.CheckAsync());
        await redis.DisposeAsync();
        Assert.Equal(HealthStatus.Degraded, await probe.CheckAsync());
    }

    private static async Task AssertBookedExactlyOnceAsync(EventingWorld world, int from, int to)
    {
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).Order().ToArray();
        Assert.Equal(Enumerable.Range(from, to - from).Select(i => (long)i).ToArray(), booked);
    }

    private sealed class RedisProbe(string configuration) : IDisposable
    {
        private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(configuration + ",abortConnect=false,connectTimeout=500,syncTimeout=1000,asyncTimeout=1000");
        private RedisReadinessCheck? _check;

        public async Task<HealthStatus> CheckAsync()
        {
            _check ??= new RedisReadinessCheck(_redis);
            return (await _check.CheckHealthAsync(new HealthCheckContext())).Status;
        }

        public void Dispose() => _redis.Dispose();
    }
}
