using Cx.Measurement.Api;
using Cx.Measurement.Data;
using Cx.Measurement.V1;
using Cx.Persistence.Tests.Support;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Measurement.Tests;

/// <summary>Results from the rollups must be exactly the results from the answers, for every filter and grouping they serve.</summary>
public abstract class RollupBehaviour
{
    protected abstract MeasurementHost Host { get; }

    private static Metadata Tenant(string tenant) => new() { { "x-cx-tenant", tenant } };

    private async Task<string> SeedAsync()
    {
        var tenant = "r" + Guid.NewGuid().ToString("N")[..12];
        await Host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        var random = new Random(17);
        var start = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] channels = ["web", "app", "phone"];
        string[] steps = ["browse", "checkout", "delivery"];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var batch = new RecordResponsesRequest();
            for (var i = 0; i < 300; i++)
            {
                var response = new Response
                {
                    SubmissionId = $"roll-{chunk}-{i}",
                    Context = new ResponseContext
                    {
                        Channel = channels[random.Next(3)],
                        JourneyId = "buy",
                        JourneyStepId = steps[random.Next(3)],
                        Region = random.Next(2) == 0 ? "north" : "south",
                        TeamId = "team-" + random.Next(4),
                        CustomerId = "c-" + random.Next(50),
                        OccurredAt = Timestamp.FromDateTime(start.AddHours(random.Next(24 * 50))),
                    },
                    Answers = { random.Next(10) == 0 ? new Answer { MetricId = "nps" } : new Answer { MetricId = "nps", Score = random.Next(11) } },
                };
                batch.Responses.Add(response);
            }

            await Host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        }

        return tenant;
    }

    [Fact]
    public async Task Results_FromRollups_EqualResultsFromTheAnswers_AtEveryGrain()
    {
        var tenant = await SeedAsync();
        var october = Timestamp.FromDateTime(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        var november = Timestamp.FromDateTime(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        var requests = new (GetResultsRequest Request, ResultsApi.RollupGrain Grain)[]
        {
            (new GetResultsRequest { MetricId = "nps" }, ResultsApi.RollupGrain.Totals),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Day }, ResultsApi.RollupGrain.Totals),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Week }, ResultsApi.RollupGrain.Totals),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Month }, ResultsApi.RollupGrain.Totals),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Day, Filter = new ResultFilter { From = Timestamp.FromDateTime(new DateTime(2026, 10, 10, 0, 0, 0, DateTimeKind.Utc)), To = november } }, ResultsApi.RollupGrain.Totals),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.JourneyStep, Filter = new ResultFilter { Channels = { "web", "app" } } }, ResultsApi.RollupGrain.Monthly),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Month, Filter = new ResultFilter { Regions = { "south" } } }, ResultsApi.RollupGrain.Monthly),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Team, Filter = new ResultFilter { Regions = { "north" }, From = october, To = november } }, ResultsApi.RollupGrain.Monthly),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Team, Filter = new ResultFilter { Regions = { "north" }, From = Timestamp.FromDateTime(new DateTime(2026, 10, 10, 0, 0, 0, DateTimeKind.Utc)), To = november } }, ResultsApi.RollupGrain.Daily),
            (new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Week, Filter = new ResultFilter { JourneyStepIds = { "checkout" } } }, ResultsApi.RollupGrain.Daily),
        };

        await using var scope = Host.Service<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var results = scope.ServiceProvider.GetRequiredService<ResultsApi>();
        foreach (var (request, grain) in requests)
        {
            var fromRollups = await results.GetAsync(request, useRollups: true, CancellationToken.None);
            var fromAnswers = await results.GetAsync(request, useRollups: false, CancellationToken.None);

            Assert.Equal(grain, ResultsApi.GrainFor(request.Filter ?? new ResultFilter(), request.GroupBy));
            Assert.Equal(fromAnswers, fromRollups);
            Assert.NotEmpty(fromRollups.Results);
        }

        var overall = await results.GetAsync(requests[0].Request, useRollups: true, CancellationToken.None);
        Assert.InRange(overall.Results[0].N, 780, 850);
    }
}

public sealed class SqliteRollupTests(MeasurementHost host) : RollupBehaviour, IClassFixture<MeasurementHost>
{
    protected override MeasurementHost Host => host;
}

/// <summary>The measurement service on PostgreSQL: its migrations, and the rollup upserts in its schema.</summary>
public sealed class PostgreSqlMeasurementHost : MeasurementHost
{
    private readonly PostgreSqlServer _server = new();

    public override async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        PostgreSqlConnectionString = await _server.CreateDatabaseAsync("measurement_tests");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
    }
}

public sealed class PostgreSqlRollupTests(PostgreSqlMeasurementHost host) : RollupBehaviour, IClassFixture<PostgreSqlMeasurementHost>
{
    protected override MeasurementHost Host => host;
}

/// <summary>Upgrading a database that already holds rollups fills the new grains from them.</summary>
public sealed class GrainsMigrationTests
{
    [Fact]
    public async Task Grains_AreFilledFromTheDailyRollupsAlreadyRecorded()
    {
        var file = Path.Combine(Path.GetTempPath(), "cx-grains-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var options = new DbContextOptionsBuilder<MeasurementDbSqlite>().UseSqlite($"Data Source={file}").Options;
            await using var db = new MeasurementDbSqlite(options, new TenantContext());
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261124061336_FollowUps");
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO score_rollups (TenantId, MetricId, Day, Channel, JourneyId, JourneyStepId, Touchpoint, Segment, Region, TeamId, Score, Count) VALUES
                ('t1', 'nps', '2026-10-30', 'web', 'buy', 'pay', '', '', 'north', '', 9, 5),
                ('t1', 'nps', '2026-10-31', 'web', 'buy', 'pay', '', '', 'north', '', 9, 3),
                ('t1', 'nps', '2026-10-31', 'app', 'buy', 'pay', '', '', 'north', '', 9, 2),
                ('t1', 'nps', '2026-11-01', 'web', 'buy', 'pay', '', '', 'north', '', 3, 4),
                ('t2', 'nps', '2026-10-30', 'web', 'buy', 'pay', '', '', 'north', '', 9, 7)
                """);

            await migrator.MigrateAsync();

            var totals = (await db.ScoreTotals.IgnoreQueryFilters().ToListAsync())
                .Select(t => (t.TenantId, t.Day, t.Score, t.Count)).Order().ToArray();
            var monthly = (await db.MonthlyScoreRollups.IgnoreQueryFilters().ToListAsync())
                .Select(m => (m.TenantId, m.Month, m.Channel, m.Score, m.Count)).Order().ToArray();
            Assert.Equal([("t1", "2026-10-30", 9, 5L), ("t1", "2026-10-31", 9, 5L), ("t1", "2026-11-01", 3, 4L), ("t2", "2026-10-30", 9, 7L)], totals);
            Assert.Equal([("t1", "2026-10", "app", 9, 2L), ("t1", "2026-10", "web", 9, 8L), ("t1", "2026-11", "web", 3, 4L), ("t2", "2026-10", "web", 9, 7L)], monthly);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
