using Cx.Common.V1;
using Cx.Measurement.V1;
using Grpc.Core;

namespace Cx.Measurement.Tests;

public sealed class ExportTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private async Task<string> TenantWithResponsesAsync(int count)
    {
        var tenant = "e" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(Enumerable.Range(0, count).Select(i => new Response
        {
            SubmissionId = $"r-{i:D5}",
            Context = new ResponseContext { JourneyStepId = i % 2 == 0 ? "even" : "odd" },
            Answers = { i % 10 == 0 ? new Answer { MetricId = "nps" } : new Answer { MetricId = "nps", Score = i % 11 } },
        }));
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        return tenant;
    }

    [Fact]
    public async Task ListResponses_FilteredPages_InSubmissionOrder_WithSkippedAnswersKept()
    {
        var tenant = await TenantWithResponsesAsync(7);
        var filter = new ResultFilter { JourneyStepIds = { "even" } };

        var first = await host.Client.ListResponsesAsync(new ListResponsesRequest { Filter = filter, PageSize = 3 }, Tenant(tenant));
        var second = await host.Client.ListResponsesAsync(new ListResponsesRequest { Filter = filter, PageSize = 3, PageToken = first.NextPageToken }, Tenant(tenant));

        Assert.Equal(["r-00000", "r-00002", "r-00004"], first.Responses.Select(r => r.Response.SubmissionId).ToArray());
        Assert.Equal(["r-00006"], second.Responses.Select(r => r.Response.SubmissionId).ToArray());
        Assert.Equal(string.Empty, second.NextPageToken);
        Assert.False(first.Responses[0].Response.Answers[0].HasScore);
        Assert.Equal(2, first.Responses[1].Response.Answers[0].Score);
        Assert.Equal("even", first.Responses[0].Response.Context.JourneyStepId);
    }

    [Fact]
    public async Task ExportResponses_MoreThanOneChunk_StreamsEachOnceInOrder()
    {
        var tenant = await TenantWithResponsesAsync(1_234);

        using var call = host.Client.ExportResponses(new ExportResponsesRequest(), Tenant(tenant));
        var exported = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            exported.Add(response.Response.SubmissionId);
        }

        Assert.Equal(Enumerable.Range(0, 1_234).Select(i => $"r-{i:D5}").ToArray(), exported);
    }
}
