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

    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

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
        var metadata = TestIdentity.For("measurement", tenant);
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
            await using var command = ResultsApi.Filter(db.Answers.Where(a => a.MetricId == "nps" && a.Score != null), db.Responses, filter, db.CustomerSegments).CreateDbCommand();
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
