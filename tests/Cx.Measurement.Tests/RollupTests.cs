using Cx.Common.V1;
using Cx.Measurement.Data;
using Cx.Measurement.Drivers;
using Cx.Measurement.Responses;
using Cx.Measurement.Results;
using Cx.Measurement.V1;
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

        await using var scope = Host.Service<IServiceScopeFactory>().CreateTenantScope(tenant);
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

    private async Task<string> SeedDriversAsync()
    {
        var tenant = "d" + Guid.NewGuid().ToString("N")[..12];
        await Host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        foreach (var id in new[] { "ease", "speed", "app-rating" })
        {
            await Host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = id, Kind = MetricKind.Rating, Name = id, ScaleMin = 1, ScaleMax = 5, HigherIsBetter = true } }, Tenant(tenant));
        }

        var random = new Random(23);
        var start = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        string[] channels = ["web", "app", "phone"];
        var batch = new RecordResponsesRequest();
        for (var i = 0; i < 1_200; i++)
        {
            var ease = random.Next(1, 6);
            var speed = random.Next(1, 6);
            var response = new Response
            {
                SubmissionId = "drv-" + i,
                Context = new ResponseContext
                {
                    Channel = channels[random.Next(3)],
                    JourneyId = "buy",
                    Region = random.Next(2) == 0 ? "north" : "south",
                    TeamId = "team-" + random.Next(3),
                    EmployeeId = "e-" + random.Next(5),
                    OccurredAt = Timestamp.FromDateTime(start.AddHours(random.Next(24 * 90))),
                },
                Answers = { new Answer { MetricId = "nps", Score = Math.Clamp((2 * ease) + (speed / 2) + random.Next(-2, 3) - 2, 0, 10) }, new Answer { MetricId = "ease", Score = ease } },
            };

            // Partial responses: speed skipped or not asked, and a third rating some answer.
            switch (random.Next(6))
            {
                case 0:
                    response.Answers.Add(new Answer { MetricId = "speed" });
                    break;
                case 1:
                    break;
                default:
                    response.Answers.Add(new Answer { MetricId = "speed", Score = speed });
                    break;
            }

            if (random.Next(3) == 0)
            {
                response.Answers.Add(new Answer { MetricId = "app-rating", Score = random.Next(1, 6) });
            }

            batch.Responses.Add(response);
        }

        await Host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        return tenant;
    }

    /// <summary>Pages keyed by id follow code points on every database, whatever its collation (see the PostgreSQL host).</summary>
    [Fact]
    public async Task Paging_OverIdsWithPunctuation_FollowsCodePoints_NothingSkippedOrRepeated()
    {
        var tenant = "p" + Guid.NewGuid().ToString("N")[..12];
        string[] ids = ["ab", "a-c", "aa", "a-b", "a-a-z", "b"];
        foreach (var id in ids)
        {
            await Host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = id, Kind = MetricKind.Nps, Name = id } }, Tenant(tenant));
        }

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await Host.Client.ListMetricDefinitionsAsync(new ListMetricDefinitionsRequest { PageSize = 1, PageToken = token }, Tenant(tenant));
            seen.AddRange(page.Metrics.Select(m => m.MetricId));
            token = page.NextPageToken;
        }
        while (token.Length > 0 && seen.Count <= ids.Length);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task DriverAnalysis_FromScoreCombinations_EqualsTheAnalysisFromTheAnswers()
    {
        var tenant = await SeedDriversAsync();
        var august = Timestamp.FromDateTime(new DateTime(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc));
        var october = Timestamp.FromDateTime(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        Timestamp At(int month, int day) => Timestamp.FromDateTime(new DateTime(2026, month, day, 0, 0, 0, DateTimeKind.Utc));
        var filters = new (ResultFilter Filter, bool WholeMonths, int PartsFromAnswers)[]
        {
            (new ResultFilter(), true, 0),
            (new ResultFilter { Channels = { "web", "app" } }, true, 0),
            (new ResultFilter { Regions = { "north" }, TeamIds = { "team-1", "team-2" }, From = august }, true, 0),
            (new ResultFilter { From = august, To = october }, true, 0),
            (new ResultFilter { From = At(8, 10) }, true, 1),
            (new ResultFilter { From = At(7, 15), To = At(9, 20), Channels = { "web" } }, true, 2),
            (new ResultFilter { From = At(8, 3), To = At(8, 20) }, false, 1),
            (new ResultFilter { EmployeeIds = { "e-1", "e-2", "e-3" } }, false, 1),
        };

        await using var scope = Host.Service<IServiceScopeFactory>().CreateTenantScope(tenant);
        var drivers = scope.ServiceProvider.GetRequiredService<DriverAnalysisApi>();
        foreach (var (filter, wholeMonths, partsFromAnswers) in filters)
        {
            var request = new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "speed", "ease" }, Filter = filter, BootstrapSamples = 200, Seed = 3 };

            var fromRollups = await drivers.AnalyseAsync(request, useRollups: true, CancellationToken.None);
            var fromAnswers = await drivers.AnalyseAsync(request, useRollups: false, CancellationToken.None);

            var sources = DriverAnalysisApi.SourcesFor(filter);
            Assert.Equal((wholeMonths, partsFromAnswers), (sources.WholeMonths is not null, sources.FromAnswers.Count));
            Assert.Equal(fromAnswers, fromRollups);
            Assert.Equal(["ease", "speed"], fromRollups.Drivers.Select(d => d.MetricId).Order().ToArray());
            Assert.True(fromRollups.N >= 60, $"n = {fromRollups.N}");
        }

        // Responses that repeat a combination in the same month and context share its row.
        var db = scope.ServiceProvider.GetRequiredService<MeasurementDb>();
        var stored = await db.ScoreCombinations.ToListAsync();
        Assert.Equal(1_200, stored.Sum(c => c.Count));
        Assert.InRange(stored.Count, 100, 1_199);
        Assert.All(stored, c => Assert.Equal(Cx.Persistence.ContentKeys.Sha256Hex(c.Scores), c.CombinationKey));
        var all = await drivers.AnalyseAsync(new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "speed", "ease" }, BootstrapSamples = 1 }, CancellationToken.None);
        Assert.Equal(stored.Where(c => c.Scores.Contains(";speed=", StringComparison.Ordinal)).Sum(c => c.Count), all.N);
    }
}

public sealed class SqliteRollupTests(MeasurementHost host) : RollupBehaviour, IClassFixture<MeasurementHost>
{
    protected override MeasurementHost Host => host;

    /// <summary>
    /// The rollups hold neither employees nor customers, so a filter on one reads the answers; it
    /// must find that person's responses through their index, not read every response of the range.
    /// </summary>
    [Theory]
    [InlineData("employee", "IX_responses_TenantId_EmployeeId_OccurredAtUtc")]
    [InlineData("customer", "IX_responses_TenantId_CustomerId_OccurredAtUtc")]
    public async Task FilterOnAnEmployeeOrCustomer_ReadsTheirResponsesThroughTheirIndex(string person, string index)
    {
        var tenant = "p" + Guid.NewGuid().ToString("N")[..12];
        var metadata = new Metadata { { "x-cx-tenant", tenant } };
        await Host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, metadata);
        var batch = new RecordResponsesRequest();
        for (var i = 0; i < 2_000; i++)
        {
            batch.Responses.Add(new Response
            {
                SubmissionId = "person-" + i,
                Context = new ResponseContext
                {
                    EmployeeId = "e-" + (i % 40),
                    CustomerId = "c-" + (i % 500),
                    OccurredAt = Timestamp.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i)),
                },
                Answers = { new Answer { MetricId = "nps", Score = i % 11 } },
            });
        }

        await Host.Client.RecordResponsesAsync(batch, metadata);
        var filter = new ResultFilter { From = Timestamp.FromDateTime(new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc)) };
        (person == "employee" ? filter.EmployeeIds : filter.CustomerIds).Add(person == "employee" ? "e-7" : "c-42");

        var plan = await Host.ReadAsync(tenant, async db =>
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            await using var command = ResultsApi.Filter(db.Answers.Where(a => a.MetricId == "nps" && a.Score != null), db.Responses, filter).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await db.Database.OpenConnectionAsync();
            await using var reader = await command.ExecuteReaderAsync();
            var steps = new List<string>();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }

            return steps;
        });

        Assert.Contains(plan, step => step.Contains("responses", StringComparison.Ordinal) && step.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }
}

/// <summary>
/// The measurement service on PostgreSQL: its migrations, and the rollup upserts in its schema. The
/// database is punctuation-blind, as many production databases are: every ordering must still be by code point.
/// </summary>
public sealed class PostgreSqlMeasurementHost() : MeasurementHost(TestDatabase.PostgreSql)
{
    public override Task InitializeAsync()
    {
        PostgreSqlCollation = PostgreSqlServer.PunctuationBlindCollation;
        return base.InitializeAsync();
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
            await db.Database.OpenConnectionAsync();
            Cx.Persistence.ContentKeys.RegisterOn((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection());
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

/// <summary>Upgrading a database that already holds responses fills the score combinations from their answers.</summary>
public abstract class ScoreCombinationsMigrationBehaviour
{
    /// <summary>A new, empty measurement database for tenant "t1", open, on which migrations can run.</summary>
    protected abstract Task<MeasurementDb> CreateDatabaseAsync(TenantContext tenant);

    [Fact]
    public async Task ScoreCombinations_AreFilledFromTheResponsesAlreadyRecorded()
    {
        var tenant = new TenantContext();
        tenant.Set("t1");
        await using var db = await CreateDatabaseAsync(tenant);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(db.Database.IsSqlite() ? "20261124092306_Grains" : "20261124092313_Grains");
        ResponseRecord Response(string month, string channel, params (string Metric, int? Score)[] answers)
        {
            var id = Guid.NewGuid();
            return new ResponseRecord
            {
                Id = id, SubmissionId = id.ToString(), Channel = channel, Day = month + "-15", Week = month + "-12", Month = month,
                OccurredAtUtc = DateTime.Parse(month + "-15T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(),
                Answers = answers.Select(a => new AnswerRecord { ResponseId = id, MetricId = a.Metric, MetricVersion = 1, Score = a.Score }).ToList(),
            };
        }

        // By code point "app-ease" comes before "appa"; a linguistic collation, which skips the '-',
        // puts it after. The combination must follow the code points, as ingestion does.
        ResponseRecord[] recorded =
        [
            Response("2026-10", "web", ("speed", 3), ("nps", 9), ("ease", 4)),
            Response("2026-10", "web", ("nps", 9), ("ease", 4), ("speed", 3)),
            Response("2026-10", "app", ("nps", 9), ("ease", 4), ("speed", 3)),
            Response("2026-11", "web", ("nps", 2), ("ease", 1), ("speed", null)),
            Response("2026-11", "web", ("appa", 4), ("app-ease", 5), ("nps", 8)),
            Response("2026-11", "web", ("nps", 10)),
        ];
        await AtThatVersion.InsertAsync(db, recorded);

        await migrator.MigrateAsync();

        var combinations = (await db.ScoreCombinations.ToListAsync())
            .Select(c => (c.Month, c.Channel, c.Scores, c.Count, KeyIsTheHash: c.CombinationKey == Cx.Persistence.ContentKeys.Sha256Hex(c.Scores))).Order().ToArray();
        Assert.Equal(
            [
                ("2026-10", "app", ";ease=4;nps=9;speed=3;", 1L, true), ("2026-10", "web", ";ease=4;nps=9;speed=3;", 2L, true),
                ("2026-11", "web", ";app-ease=5;appa=4;nps=8;", 1L, true), ("2026-11", "web", ";ease=1;nps=2;", 1L, true),
            ],
            combinations);

        // What ingestion writes from now on is keyed exactly as the migration keyed the past.
        Assert.Equal(";ease=4;nps=9;speed=3;", ScoreRollups.CombinationOf(Response("2026-12", "web", ("speed", 3), ("nps", 9), ("skipped", null), ("ease", 4)).Answers));
        Assert.Equal(";app-ease=5;appa=4;nps=8;", ScoreRollups.CombinationOf(Response("2026-12", "web", ("nps", 8), ("appa", 4), ("app-ease", 5)).Answers));
    }
}

/// <summary>
/// Rows as a database at the ScoreCombinations migration held them: written by SQL with that
/// version's columns, since the model has columns of later migrations.
/// </summary>
file static class AtThatVersion
{
    public static async Task InsertAsync(MeasurementDb db, IEnumerable<ResponseRecord> responses)
    {
        string Table<T>() => db.Model.FindEntityType(typeof(T))!.GetSchema() is { } schema ? $"\"{schema}\".\"{db.Model.FindEntityType(typeof(T))!.GetTableName()}\"" : $"\"{db.Model.FindEntityType(typeof(T))!.GetTableName()}\"";
        string[] responseColumns = ["Id", "TenantId", "SubmissionId", "Channel", "JourneyId", "JourneyStepId", "Touchpoint", "Segment", "Region", "EmployeeId", "TeamId", "CustomerId", "OccurredAtUtc", "Day", "Week", "Month", "RecordedAtUtc"];
        string[] answerColumns = ["TenantId", "ResponseId", "MetricId", "MetricVersion", "Score"];
        string Insert(string table, string[] columns) =>
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "{" + i + "}"))})";
        foreach (var r in responses)
        {
            await db.Database.ExecuteSqlRawAsync(Insert(Table<ResponseRecord>(), responseColumns),
                r.Id, "t1", r.SubmissionId, r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.EmployeeId, r.TeamId, r.CustomerId, r.OccurredAtUtc, r.Day, r.Week, r.Month, r.OccurredAtUtc);
            foreach (var a in r.Answers)
            {
                object?[] values = ["t1", r.Id, a.MetricId, a.MetricVersion, a.Score];
                await db.Database.ExecuteSqlRawAsync(Insert(Table<AnswerRecord>(), answerColumns), values!);
            }
        }
    }
}

public sealed class SqliteScoreCombinationsMigrationTests : ScoreCombinationsMigrationBehaviour, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "cx-combinations-" + Guid.NewGuid().ToString("N") + ".db");

    protected override async Task<MeasurementDb> CreateDatabaseAsync(TenantContext tenant)
    {
        var db = new MeasurementDbSqlite(new DbContextOptionsBuilder<MeasurementDbSqlite>().UseSqlite($"Data Source={_file}").Options, tenant);
        await db.Database.OpenConnectionAsync();
        Cx.Persistence.ContentKeys.RegisterOn((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection());
        return db;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

public sealed class PostgreSqlScoreCombinationsMigrationTests(PostgreSqlServer server) : ScoreCombinationsMigrationBehaviour, IClassFixture<PostgreSqlServer>
{
    protected override async Task<MeasurementDb> CreateDatabaseAsync(TenantContext tenant)
    {
        // A collation that ignores punctuation, so the migration must order by code point itself.
        var connection = await server.CreateDatabaseAsync("combinations_" + Guid.NewGuid().ToString("N")[..8], PostgreSqlServer.PunctuationBlindCollation);
        return new MeasurementDbPostgreSql(
            new DbContextOptionsBuilder<MeasurementDbPostgreSql>()
                .UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", MeasurementModule.ServiceName))
                .Options,
            tenant);
    }
}
