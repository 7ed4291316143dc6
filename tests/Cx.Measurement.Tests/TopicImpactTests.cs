using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cx.Measurement.Tests;

/// <summary>How far a metric would move without the responses whose comments mention a topic (from Understanding's feedback_enriched).</summary>
public sealed class TopicImpactTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static int Nps(int i) => i % 11;

    /// <summary>NPS of the responses <paramref name="of"/>, in points, as the formula defines it.</summary>
    private static double ExpectedNps(IEnumerable<int> of)
    {
        var scores = of.Select(Nps).ToList();
        return 100.0 * (scores.Count(s => s >= 9) - scores.Count(s => s <= 6)) / scores.Count;
    }

    private Task<DeliveryOutcome> EnrichedAsync(string tenant, string eventId, string responseId, params string[] topics) =>
        host.DeliverAsync<MeasurementDb>(tenant, eventId, new FeedbackEnriched { FeedbackId = responseId + ":0", ResponseId = responseId, TopicIds = { topics }, Label = SentimentLabel.Negative }, responseId + ":0");

    /// <summary>
    /// 100 responses (NPS i mod 11), half on "buy" and half on "return"; "late" mentioned by every
    /// fourth, "app" by every fifth (both by every twentieth). Returns the tenant and the response ids.
    /// </summary>
    private async Task<(string Tenant, Dictionary<int, string> Ids)> TenantAsync()
    {
        var tenant = NewTenant();
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        var ids = new Dictionary<int, string>();
        for (var i = 1; i <= 100; i++)
        {
            var recorded = await host.Client.RecordResponseAsync(new RecordResponseRequest
            {
                Response = new Response
                {
                    SubmissionId = $"s-{i}",
                    Context = new ResponseContext { Channel = "web", JourneyId = i <= 50 ? "buy" : "return", OccurredAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddDays(-1)) },
                    Answers = { new Answer { MetricId = "nps", Score = Nps(i) } },
                },
            }, Tenant(tenant));
            ids[i] = recorded.ResponseId;
        }

        for (var i = 1; i <= 100; i++)
        {
            var topics = new[] { i % 4 == 0 ? "late" : null, i % 5 == 0 ? "app" : null }.OfType<string>().ToArray();
            if (topics.Length > 0)
            {
                await EnrichedAsync(tenant, $"e-{i}", ids[i], topics);
            }
        }

        return (tenant, ids);
    }

    [Fact]
    public async Task EachTopic_MovesTheMetricByItsShareTimesTheGap_TheCostliestFirst()
    {
        var (tenant, ids) = await TenantAsync();

        // A second comment of a response naming a topic again, and a redelivery under another id, count once.
        await host.DeliverAsync<MeasurementDb>(tenant, "e-4b", new FeedbackEnriched { FeedbackId = ids[4] + ":1", ResponseId = ids[4], TopicIds = { "late" } }, ids[4] + ":1");
        await EnrichedAsync(tenant, "e-8-again", ids[8], "late");

        var impact = await host.Client.GetTopicImpactAsync(new GetTopicImpactRequest { MetricId = "nps" }, Tenant(tenant));

        var everyone = Enumerable.Range(1, 100).ToList();
        Assert.Equal(100L, impact.N);
        Assert.Equal(ExpectedNps(everyone), impact.Score, 9);
        var expected = new[] { ("late", 4), ("app", 5) }.Select(t =>
        {
            var mentioning = everyone.Where(i => i % t.Item2 == 0).ToList();
            var rest = everyone.Except(mentioning).ToList();
            var share = mentioning.Count / 100.0;
            return (Topic: t.Item1, N: (long)mentioning.Count, With: ExpectedNps(mentioning), Without: ExpectedNps(rest), Move: share * (ExpectedNps(rest) - ExpectedNps(mentioning)));
        }).OrderByDescending(t => t.Move).ToList();
        Assert.Equal(expected.Select(e => e.Topic), impact.Topics.Select(t => t.TopicId));
        foreach (var (topic, actual) in expected.Zip(impact.Topics))
        {
            Assert.Equal(topic.N, actual.N);
            Assert.Equal(topic.With, actual.Score, 9);
            Assert.Equal(topic.Without, actual.ScoreWithout, 9);
            Assert.Equal(topic.Move, actual.Move, 9);
            Assert.Equal(topic.N / 100.0, actual.Share, 12);

            // What the move means: NPS without those responses is the overall NPS plus the move.
            Assert.Equal(topic.Without, impact.Score + actual.Move, 9);
            Assert.True(actual.Interval.Lower < actual.Move && actual.Move < actual.Interval.Upper, $"{actual.Interval} around {actual.Move}");
        }

        Assert.Contains("move = share mentioning", impact.Method, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFilterAndTheTopicsAsked_NarrowIt()
    {
        var (tenant, _) = await TenantAsync();

        var impact = await host.Client.GetTopicImpactAsync(new GetTopicImpactRequest { MetricId = "nps", TopicIds = { "app" }, Filter = new ResultFilter { JourneyIds = { "buy" } } }, Tenant(tenant));

        var buy = Enumerable.Range(1, 50).ToList();
        var app = buy.Where(i => i % 5 == 0).ToList();
        var only = Assert.Single(impact.Topics);
        Assert.Equal(("app", 10L, 50L), (only.TopicId, only.N, impact.N));
        Assert.Equal(0.2 * (ExpectedNps(buy.Except(app)) - ExpectedNps(app)), only.Move, 9);
        Assert.True(only.LowN);
    }

    [Fact]
    public async Task BadInput_IsRefused()
    {
        var (tenant, _) = await TenantAsync();

        var unknown = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetTopicImpactAsync(new GetTopicImpactRequest { MetricId = "csat" }, Tenant(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetTopicImpactAsync(new GetTopicImpactRequest { MetricId = "nps", Confidence = 2, TopicIds = { Enumerable.Range(0, 51).Select(i => $"t-{i}") } }, Tenant(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["confidence", "topic_ids"], bad.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field));

        // Another tenant's topics are not this one's.
        var other = NewTenant();
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(other));
        var empty = await host.Client.GetTopicImpactAsync(new GetTopicImpactRequest { MetricId = "nps" }, Tenant(other));
        Assert.Equal((0L, 0), (empty.N, empty.Topics.Count));
    }
}
