using Cx.Common.V1;
using Cx.Measurement.V1;
using Grpc.Core;

namespace Cx.Measurement.Tests;

public sealed class CompositeIndexTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private const double Z95 = 1.959963984540054;

    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private async Task<string> TenantAsync()
    {
        var tenant = "x" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "csat", Kind = MetricKind.Csat, Name = "CSAT" } }, Tenant(tenant));
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "ease", Kind = MetricKind.Rating, Name = "Ease", ScaleMin = 1, ScaleMax = 5, HigherIsBetter = true } }, Tenant(tenant));
        return tenant;
    }

    [Fact]
    public async Task Results_GivenWeights_CombineTheRescaledComponentsAndTheirErrors()
    {
        var tenant = await TenantAsync();
        var batch = new RecordResponsesRequest();
        for (var i = 0; i < 40; i++)
        {
            batch.Responses.Add(new Response
            {
                SubmissionId = "w-" + i,
                Context = new ResponseContext { JourneyStepId = i < 30 ? "web" : "store" },
                Answers = { new Answer { MetricId = "nps", Score = i % 11 }, new Answer { MetricId = "csat", Score = 1 + (i % 5) }, new Answer { MetricId = "ease", Score = 1 + (i % 5) } },
            });
        }

        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        var created = await host.Client.CreateCompositeIndexAsync(new CreateCompositeIndexRequest
        {
            Index = new CompositeIndex { IndexId = "cx-index", Name = "CX index", Components = { new IndexComponent { MetricId = "nps", Weight = 2 }, new IndexComponent { MetricId = "csat", Weight = 1 }, new IndexComponent { MetricId = "ease", Weight = 1 } } },
        }, Tenant(tenant));

        var index = await host.Client.GetCompositeIndexResultsAsync(new GetCompositeIndexResultsRequest { IndexId = "cx-index", GroupBy = Grouping.JourneyStep }, Tenant(tenant));

        Assert.Equal([0.5, 0.25, 0.25], created.Components.Select(c => c.Weight).ToArray());
        foreach (var group in new[] { "store", "web" })
        {
            var filter = new ResultFilter { JourneyStepIds = { group } };
            MetricResult Figure(string metric) => host.Client.GetResults(new GetResultsRequest { MetricId = metric, Filter = filter }, Tenant(tenant)).Results[0];
            var (nps, csat, ease) = (Figure("nps"), Figure("csat"), Figure("ease"));
            double Scaled(string metric, double value) => metric switch { "nps" => (value + 100) / 2, "csat" => value, _ => 100 * (value - 1) / 4 };
            double Se(string metric, MetricResult r) => (Scaled(metric, r.Interval.Upper) - Scaled(metric, r.Interval.Lower)) / (2 * Z95);
            var expected = (0.5 * Scaled("nps", nps.Score)) + (0.25 * Scaled("csat", csat.Score)) + (0.25 * Scaled("ease", ease.Score));
            var half = Z95 * Math.Sqrt(Math.Pow(0.5 * Se("nps", nps), 2) + Math.Pow(0.25 * Se("csat", csat), 2) + Math.Pow(0.25 * Se("ease", ease), 2));

            var result = index.Results.Single(r => r.Group == group);
            Assert.Equal(expected, result.Score, 9);
            Assert.Equal(expected - half, result.Interval.Lower, 9);
            Assert.Equal(Scaled("ease", ease.Score), result.Components.Single(c => c.MetricId == "ease").NormalizedScore, 9);
        }
    }

    [Fact]
    public async Task GetAndList_ReturnTheIndexAsCreated_ByIdAPageAtATime()
    {
        var tenant = await TenantAsync();
        var created = new List<CompositeIndex>();
        foreach (var id in new[] { "c-index", "a-index", "b-index" })
        {
            created.Add(await host.Client.CreateCompositeIndexAsync(new CreateCompositeIndexRequest
            {
                Index = new CompositeIndex { IndexId = id, Name = id.ToUpperInvariant(), Components = { new IndexComponent { MetricId = "nps", Weight = 3 }, new IndexComponent { MetricId = "csat", Weight = 1 } } },
            }, Tenant(tenant)));
        }

        var one = await host.Client.GetCompositeIndexAsync(new GetCompositeIndexRequest { IndexId = "b-index" }, Tenant(tenant));
        var first = await host.Client.ListCompositeIndexesAsync(new ListCompositeIndexesRequest { PageSize = 2 }, Tenant(tenant));
        var second = await host.Client.ListCompositeIndexesAsync(new ListCompositeIndexesRequest { PageSize = 2, PageToken = first.NextPageToken }, Tenant(tenant));
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetCompositeIndexAsync(new GetCompositeIndexRequest { IndexId = "z-index" }, Tenant(tenant)));
        var otherTenant = await host.Client.ListCompositeIndexesAsync(new ListCompositeIndexesRequest(), Tenant(await TenantAsync()));

        Assert.Equal(created[2], one);
        Assert.Equal([0.75, 0.25], one.Components.Select(c => c.Weight).ToArray());
        Assert.Equal(created.OrderBy(i => i.IndexId, StringComparer.Ordinal), first.Indexes.Concat(second.Indexes));
        Assert.Equal((2, "", StatusCode.NotFound), (first.Indexes.Count, second.NextPageToken, missing.StatusCode));
        Assert.Empty(otherTenant.Indexes);
    }

    [Fact]
    public async Task Create_WeightsFromADriverAnalysis_AreTheNormalisedRelativeWeights()
    {
        var tenant = await TenantAsync();
        var random = new Random(3);
        var batch = new RecordResponsesRequest();
        for (var i = 0; i < 80; i++)
        {
            var csat = random.Next(1, 6);
            var ease = random.Next(1, 6);
            batch.Responses.Add(new Response
            {
                SubmissionId = "d-" + i,
                Answers = { new Answer { MetricId = "nps", Score = Math.Clamp((2 * ease) + (csat / 2) + random.Next(-1, 2) - 2, 0, 10) }, new Answer { MetricId = "csat", Score = csat }, new Answer { MetricId = "ease", Score = ease } },
            });
        }

        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        var analysis = await host.Client.AnalyseDriversAsync(new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "csat", "ease" } }, Tenant(tenant));

        var index = await host.Client.CreateCompositeIndexAsync(new CreateCompositeIndexRequest
        {
            Index = new CompositeIndex { IndexId = "derived", Name = "Derived", WeightsFromOutcomeMetricId = "nps", Components = { new IndexComponent { MetricId = "csat" }, new IndexComponent { MetricId = "ease" } } },
        }, Tenant(tenant));

        var total = analysis.Drivers.Sum(d => d.RawWeight);
        Assert.Equal(analysis.Drivers.Single(d => d.MetricId == "ease").RawWeight / total, index.Components.Single(c => c.MetricId == "ease").Weight, 9);
        Assert.True(index.Components.Single(c => c.MetricId == "ease").Weight > 0.5);
    }

    [Fact]
    public async Task Create_BadComponents_AreNamed_AndAnIndexIsCreatedOnce()
    {
        var tenant = await TenantAsync();

        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CreateCompositeIndexAsync(new CreateCompositeIndexRequest
        {
            Index = new CompositeIndex { IndexId = "bad", Name = "Bad", Components = { new IndexComponent { MetricId = "nps", Weight = 0 }, new IndexComponent { MetricId = "unknown", Weight = 1 } } },
        }, Tenant(tenant)));
        var request = new CreateCompositeIndexRequest { Index = new CompositeIndex { IndexId = "once", Name = "Once", Components = { new IndexComponent { MetricId = "nps", Weight = 1 } } } };
        await host.Client.CreateCompositeIndexAsync(request, Tenant(tenant));
        var twice = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CreateCompositeIndexAsync(request, Tenant(tenant)));

        Assert.Equal(["index.components[0].weight", "index.components[1].metric_id"], invalid.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray());
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
    }
}
