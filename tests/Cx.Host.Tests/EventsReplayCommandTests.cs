using Cx.Common.V1;
using Cx.Host.Commands;
using Cx.Host.Tests.Support;
using Cx.Measurement;
using Cx.Measurement.Data;
using Cx.Measurement.V1;
using Cx.Persistence.Messaging;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using StackExchange.Redis;

namespace Cx.Host.Tests;

/// <summary>
/// `cx events replay --service NAME --since TIME`: an operator sends a service's published events
/// out again from its outbox, after Redis lost them, from the service's own configuration.
/// </summary>
public sealed class EventsReplayCommandTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("cx-events-replay-");

    public Task InitializeAsync() => _redis.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task Replay_AfterRedisLostEverything_PublishesTheOutboxsEventsSinceTheTimeAgain()
    {
        var published = await RecordDetractorsAndStopAsync(3);
        await _redis.FlushAsync();
        Assert.Empty(await StreamedEventIdsAsync());

        var (exit, output) = await CxCommandLine.RunAsync(["events", "replay", "--service", "measurement", "--since", "2026-11-23T00:00:00Z", .. Configuration()]);

        Assert.True(exit == 0, output);
        Assert.Contains($"published {published.Count} event(s) again", output, StringComparison.Ordinal);
        Assert.Equal(published.Order(StringComparer.Ordinal), (await StreamedEventIdsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Replay_SinceAfterEveryPublish_PublishesNothing()
    {
        await RecordDetractorsAndStopAsync(1);
        await _redis.FlushAsync();

        var (exit, output) = await CxCommandLine.RunAsync(["events", "replay", "--service", "measurement", "--since", "2026-11-24T00:00:00Z", .. Configuration()]);

        Assert.True(exit == 0, output);
        Assert.Contains("published 0 event(s) again", output, StringComparison.Ordinal);
        Assert.Empty(await StreamedEventIdsAsync());
    }

    [Fact]
    public async Task DeadLetters_OfAServiceOnTheDaprBackend_AreReadFromItsDatabase()
    {
        string[] dapr = ["--Cx:Backend=dapr", "--Cx:Database:Provider=sqlite", $"--Cx:DataDirectory={_data.FullName}"];
        var (migrated, migration) = await CxCommandLine.RunAsync(["db", "migrate", "--service", "measurement", .. dapr]);

        var (listed, list) = await CxCommandLine.RunAsync(["events", "dead-letters", "--service", "measurement", .. dapr]);
        var (replayed, replay) = await CxCommandLine.RunAsync(["events", "replay", "7", "--service", "measurement", .. dapr]);

        Assert.True(migrated == 0, migration);
        Assert.True(listed == 0, list);
        Assert.Contains("No dead letters.", list, StringComparison.Ordinal);
        Assert.Equal(1, replayed);
        Assert.Contains("There is no open dead letter 7.", replay, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("events replay --service measurement", "--service needs --since")]
    [InlineData("events replay --since 2026-11-23T00:00:00Z", "Give a dead letter's id (with --service for one the service keeps), or --service with --since; not both.")]
    [InlineData("events replay 1-0 --service measurement --since 2026-11-23T00:00:00Z", "Give a dead letter's id (with --service for one the service keeps), or --service with --since; not both.")]
    [InlineData("events replay --service measurement --since 2026-11-23T00:00:00Z --redis localhost:1", "--data and --redis are for dead letters")]
    public void Replay_WrongCombination_IsAUsageErrorNamingIt(string arguments, string message)
    {
        var parsed = CxCli.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) })).Parse(arguments.Split(' '));

        Assert.Contains(parsed.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_UnknownService_IsRefusedNamingTheServices()
    {
        var (exit, output) = await CxCommandLine.RunAsync("events", "replay", "--service", "billing", "--since", "2026-11-23T00:00:00Z");

        Assert.Equal(ServeCommand.UsageError, exit);
        Assert.Contains("measurement", output, StringComparison.Ordinal);
    }

    private string[] Configuration() =>
    [
        "--Cx:Backend=redis",
        "--Cx:Database:Provider=sqlite",
        $"--Cx:DataDirectory={_data.FullName}",
        $"--Cx:Eventing:Redis:Configuration={_redis.Configuration}",
    ];

    /// <summary>Runs measurement on the redis backend until its detractors' events are in Redis; returns the outbox's event ids.</summary>
    private async Task<List<string>> RecordDetractorsAndStopAsync(int detractors)
    {
        var host = new ServiceHost(new MeasurementModule(), TestDatabase.Sqlite, _data);
        host.Settings["Cx:Backend"] = "redis";
        host.Settings["Cx:Database:Provider"] = "sqlite";
        host.Settings["Cx:Database:MigrateOnStartup"] = "true";
        host.Settings["Cx:Eventing:Redis:Configuration"] = _redis.Configuration;
        await host.InitializeAsync();
        try
        {
            var client = new MeasurementService.MeasurementServiceClient(host.Channel);
            var tenant = TestIdentity.For("measurement", "acme");
            await client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest
            {
                Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS", HigherIsBetter = true },
            }, tenant);
            for (var i = 0; i < detractors; i++)
            {
                await client.RecordResponseAsync(new RecordResponseRequest
                {
                    Response = new Response
                    {
                        SubmissionId = $"s-{i}",
                        Context = new ResponseContext { CustomerId = $"c-{i}", JourneyId = "buy", JourneyStepId = "delivery", Channel = "web" },
                        Answers = { new Answer { MetricId = "nps", Score = 2 } },
                    },
                }, tenant);
            }

            var outbox = await WaitForAsync(
                () => host.ReadAsync<MeasurementDb, List<OutboxMessage>>("acme", db => db.Outbox.IgnoreQueryFilters().ToListAsync()),
                rows => rows.Count >= 2 * detractors && rows.All(r => r.PublishedAt is not null));
            await WaitForAsync(StreamedEventIdsAsync, ids => ids.Count == outbox.Count);
            return outbox.Select(r => r.EventId).ToList();
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private async Task<List<string>> StreamedEventIdsAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration + ",allowAdmin=true");
        var ids = new List<string>();
        await foreach (var key in redis.GetServer(_redis.Configuration).KeysAsync(pattern: "cx:stream:*"))
        {
            ids.AddRange((await redis.GetDatabase().StreamRangeAsync(key)).Select(e => (string)e["id"]!));
        }

        return ids;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
