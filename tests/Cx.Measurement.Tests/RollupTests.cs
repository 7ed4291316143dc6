using Cx.Measurement.Api;
using Cx.Measurement.V1;
using Cx.Persistence.Tests.Support;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
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
    public async Task Results_FromRollups_EqualResultsFromTheAnswers()
    {
        var tenant = await SeedAsync();
        var requests = new[]
        {
            new GetResultsRequest { MetricId = "nps" },
            new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Day },
            new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Week },
            new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Month },
            new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.JourneyStep, Filter = new ResultFilter { Channels = { "web", "app" } } },
            new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Team, Filter = new ResultFilter { Regions = { "north" }, From = Timestamp.FromDateTime(new DateTime(2026, 10, 10, 0, 0, 0, DateTimeKind.Utc)), To = Timestamp.FromDateTime(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)) } },
        };

        await using var scope = Host.Service<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var results = scope.ServiceProvider.GetRequiredService<ResultsApi>();
        foreach (var request in requests)
        {
            var fromRollups = await results.GetAsync(request, useRollups: true, CancellationToken.None);
            var fromAnswers = await results.GetAsync(request, useRollups: false, CancellationToken.None);

            Assert.Equal(fromAnswers, fromRollups);
            Assert.NotEmpty(fromRollups.Results);
        }

        var overall = await results.GetAsync(requests[0], useRollups: true, CancellationToken.None);
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
