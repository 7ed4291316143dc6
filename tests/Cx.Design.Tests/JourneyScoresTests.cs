using Cx.Common.V1;
using Cx.Design.V1;
using Cx.Events.V1;
using Cx.Measurement;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;
using M = Cx.Measurement.V1;

namespace Cx.Design.Tests;

/// <summary>Design beside a real measurement service, as the catalog runs them: design calls it, and it trusts design's tokens.</summary>
public sealed class MeasuredDesignHost() : HostBesidePeer<DesignHost>(new DesignHost(), new ServiceHost(new MeasurementModule()), "measurement")
{
    public DesignHost Design => Host;

    public M.MeasurementService.MeasurementServiceClient MeasurementClient => new(Peer.Channel);
}

/// <summary>Design whose measurement service is configured but does not answer (nothing listens at the address).</summary>
public sealed class UnreachableMeasurementDesignHost : DesignHost
{
    public UnreachableMeasurementDesignHost() => Settings["Cx:Peers:measurement"] = "http://127.0.0.1:9";
}

/// <summary>A journey's live step scores: Measurement's own results for the same filter, one grouped call per metric.</summary>
public sealed class JourneyScoresTests(MeasuredDesignHost hosts) : IClassFixture<MeasuredDesignHost>
{
    private DesignHost Host => hosts.Design;

    private static Metadata AtMeasurement(string tenant) => TestIdentity.For("measurement", tenant, "maria");

    private static M.Response Answer(string id, string step, int score, DateTimeOffset at) => new()
    {
        SubmissionId = id,
        Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = step, Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(at) },
        Answers = { new Answer { MetricId = "nps", Score = score } },
    };

    /// <summary>A tenant with nps answers on browse and delivery in the last 30 days and the 30 before, none on checkout; the journey published.</summary>
    private async Task<string> TenantAsync()
    {
        var tenant = NewTenant();
        await hosts.MeasurementClient.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = "nps", Kind = M.MetricKind.Nps, Name = "NPS" } }, AtMeasurement(tenant));
        var now = Host.Clock.GetUtcNow();
        var batch = new M.RecordResponsesRequest();
        batch.Responses.Add(Enumerable.Range(0, 40).Select(i => Answer("b-now-" + i, "browse", i < 30 ? 10 : 3, now.AddDays(-3))));
        batch.Responses.Add(Enumerable.Range(0, 40).Select(i => Answer("b-then-" + i, "browse", i < 20 ? 10 : 3, now.AddDays(-40))));
        batch.Responses.Add(Enumerable.Range(0, 12).Select(i => Answer("d-now-" + i, "delivery", i < 9 ? 1 : 9, now.AddDays(-10))));
        batch.Responses.Add(Enumerable.Range(0, 30).Select(i => Answer("x-" + i, "other-step", 10, now.AddDays(-3))));
        await hosts.MeasurementClient.RecordResponsesAsync(batch, AtMeasurement(tenant));
        await Host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(tenant));
        await Host.Client.PublishJourneyAsync(new PublishJourneyRequest { JourneyId = "online-purchase" }, As(tenant));
        return tenant;
    }

    [Fact]
    public async Task EveryStep_CarriesMeasurementsOwnResultForTheSameFilter_InTheJourneysOrder()
    {
        var tenant = await TenantAsync();
        await Host.DeliverAsync(tenant, "p-1", new PainPointIdentified { PainPointId = "late", Title = "Late delivery", JourneyId = "online-purchase", JourneyStepId = "delivery", Confirmed = true, Version = 1 });

        var scores = await Host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "online-purchase", MetricIds = { "nps" }, WindowDays = 30 }, As(tenant));

        var now = Host.Clock.GetUtcNow();
        Assert.Equal((1, now.AddDays(-30), now), (scores.Version, scores.From.ToDateTimeOffset(), scores.To.ToDateTimeOffset()));
        Assert.Equal(["browse", "checkout", "delivery"], scores.Steps.Select(s => s.StepId));
        var direct = await hosts.MeasurementClient.GetResultsAsync(new M.GetResultsRequest
        {
            MetricId = "nps",
            GroupBy = M.Grouping.JourneyStep,
            CompareToPreviousPeriod = true,
            Filter = new ResultFilter { JourneyIds = { "online-purchase" }, From = scores.From, To = scores.To },
        }, AtMeasurement(tenant));
        foreach (var step in new[] { "browse", "delivery" })
        {
            var expected = direct.Results.Single(r => r.Group == step);
            var actual = Assert.Single(scores.Steps.Single(s => s.StepId == step).Scores);
            Assert.Equal((expected.N, expected.Score, expected.Interval, expected.LowN, expected.Change), (actual.N, actual.Score, actual.Interval, actual.LowN, actual.Change));
        }

        // Worked out here: browse 30 promoters and 10 detractors of 40 now (+50), 20 and 20 before (0); delivery 3 promoters of 12 (-50), no answers before.
        var browse = scores.Steps[0].Scores[0];
        var delivery = scores.Steps[2].Scores[0];
        Assert.Equal((40L, 50.0, false), (browse.N, browse.Score, browse.LowN));
        Assert.True(browse.Change.Difference > 0);
        Assert.Equal((12L, -50.0, true), (delivery.N, delivery.Score, delivery.LowN));
        Assert.Null(delivery.Change);
        var checkout = Assert.Single(scores.Steps[1].Scores);
        Assert.Equal((0L, false, true), (checkout.N, checkout.HasScore, checkout.LowN));
        Assert.Equal(["late"], scores.Steps[2].IdentifiedPainPoints.Select(p => p.PainPointId));
        Assert.Empty(scores.ScoresUnavailable);
    }

    [Fact]
    public async Task GovernancesOpenCases_AndThoseEscalated_AreCountedOnTheirSteps_InAnyOrder_Once()
    {
        var tenant = await TenantAsync();
        CaseOpened Opened(string id, string step) => new() { CaseId = id, JourneyId = "online-purchase", JourneyStepId = step, Owner = "jon.berg" };
        await Host.DeliverAsync(tenant, "o-1", Opened("c-1", "delivery"));
        await Host.DeliverAsync(tenant, "o-2", Opened("c-2", "delivery"));
        await Host.DeliverAsync(tenant, "o-3", Opened("c-3", "delivery"));
        await Host.DeliverAsync(tenant, "o-4", Opened("c-4", "checkout"));
        await Host.DeliverAsync(tenant, "o-5", Opened("c-5", "nowhere"));
        await Host.DeliverAsync(tenant, "e-1", new CaseEscalated { CaseId = "c-1", JourneyId = "online-purchase", JourneyStepId = "delivery" });
        await Host.DeliverAsync(tenant, "e-1", new CaseEscalated { CaseId = "c-1", JourneyId = "online-purchase", JourneyStepId = "delivery" });
        await Host.DeliverAsync(tenant, "x-2", new CaseClosed { CaseId = "c-2", JourneyId = "online-purchase", JourneyStepId = "delivery", Recovered = true });

        // Closed before its opening arrived: never counted open.
        await Host.DeliverAsync(tenant, "x-6", new CaseClosed { CaseId = "c-6", JourneyId = "online-purchase", JourneyStepId = "checkout" });
        await Host.DeliverAsync(tenant, "o-6", Opened("c-6", "checkout"));

        var scores = await Host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "online-purchase", MetricIds = { "nps" } }, As(tenant));

        Assert.Equal([("browse", 0, 0), ("checkout", 1, 0), ("delivery", 2, 1)], scores.Steps.Select(s => (s.StepId, s.OpenCases, s.BreachedCases)));
        var other = await TenantAsync();
        Assert.All((await Host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "online-purchase", MetricIds = { "nps" } }, As(other))).Steps, s => Assert.Equal(0, s.OpenCases));
    }

    [Fact]
    public async Task EachStep_NamesTheTopicsOfItsNegativeComments_InTheWindow_MostMentionedFirst()
    {
        var tenant = await TenantAsync();
        var now = Host.Clock.GetUtcNow();
        FeedbackEnriched Comment(string id, string step, SentimentLabel label, DateTimeOffset at, params string[] topics) => new()
        {
            FeedbackId = id + ":0",
            ResponseId = id,
            Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = step, OccurredAt = Timestamp.FromDateTimeOffset(at) },
            Label = label,
            TopicIds = { topics },
        };

        // Delivery: 5 negative comments in the window (late 4, damaged 2, rude 1, price 1, one without a topic); a positive one and an
        // old one do not count; the same comment under another event id counts once. Checkout: 1.
        var comments = new (string EventId, FeedbackEnriched Comment)[]
        {
            ("f1", Comment("f1", "delivery", SentimentLabel.Negative, now.AddDays(-2), "late-delivery", "damaged")),
            ("f2", Comment("f2", "delivery", SentimentLabel.Negative, now.AddDays(-5), "late-delivery")),
            ("f3", Comment("f3", "delivery", SentimentLabel.Negative, now.AddDays(-9), "late-delivery", "rude-courier", "price")),
            ("f4", Comment("f4", "delivery", SentimentLabel.Negative, now.AddDays(-20), "late-delivery", "damaged")),
            ("f5", Comment("f5", "delivery", SentimentLabel.Negative, now.AddDays(-1))),
            ("f6", Comment("f6", "delivery", SentimentLabel.Positive, now.AddDays(-1), "late-delivery")),
            ("f7", Comment("f7", "delivery", SentimentLabel.Negative, now.AddDays(-45), "price", "price-2", "price-3")),
            ("f1-again", Comment("f1", "delivery", SentimentLabel.Negative, now.AddDays(-2), "late-delivery", "damaged")),
            ("f8", Comment("f8", "checkout", SentimentLabel.Negative, now.AddDays(-3), "payment-failed")),
        };
        foreach (var (eventId, comment) in comments)
        {
            await Host.DeliverAsync(tenant, eventId, comment);
        }

        var scores = await Host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "online-purchase", MetricIds = { "nps" }, WindowDays = 30 }, As(tenant));

        var delivery = scores.Steps.Single(s => s.StepId == "delivery");
        Assert.Equal(5, delivery.NegativeComments);
        Assert.Equal([("late-delivery", 4, 0.8), ("damaged", 2, 0.4), ("price", 1, 0.2)], delivery.TopNegativeTopics.Select(t => (t.TopicId, t.Mentions, t.Share)));
        var checkout = scores.Steps.Single(s => s.StepId == "checkout");
        Assert.Equal((1, "payment-failed", 1.0), (checkout.NegativeComments, checkout.TopNegativeTopics.Single().TopicId, checkout.TopNegativeTopics.Single().Share));
        Assert.Equal((0, 0), (scores.Steps[0].NegativeComments, scores.Steps[0].TopNegativeTopics.Count));
    }

    [Fact]
    public async Task AMetricMeasurementDoesNotKnow_SaysWhyOnEachStep_TheOthersStillScore()
    {
        var tenant = await TenantAsync();

        var scores = await Host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "online-purchase", MetricIds = { "nope", "nps" } }, As(tenant));

        Assert.All(scores.Steps, s => Assert.StartsWith("NotFound", s.Scores[0].Problem, StringComparison.Ordinal));
        Assert.Equal(80L, scores.Steps[0].Scores[1].N); // the default 90 days hold both months of browse
    }

    [Fact]
    public async Task BadRequests_AreNamed_AndAnUnknownJourneyIsNotFound()
    {
        var tenant = await TenantAsync();

        var bad = await Refused(() => Host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "online-purchase", WindowDays = 400 }, As(tenant)).ResponseAsync);
        var unknown = await Refused(() => Host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "returns", MetricIds = { "nps" } }, As(tenant)).ResponseAsync);
        var otherTenant = await Refused(() => Host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "online-purchase", MetricIds = { "nps" } }, As(NewTenant())).ResponseAsync);

        Assert.Equal(["metric_ids", "window_days"], Violations(bad).Select(v => v.Field));
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (unknown.StatusCode, otherTenant.StatusCode));
    }
}

/// <summary>With measurement down, the map still answers: the steps and their pain points, and why there are no scores.</summary>
public sealed class UnreachableMeasurementScoresTests(UnreachableMeasurementDesignHost host) : IClassFixture<UnreachableMeasurementDesignHost>
{
    [Fact]
    public async Task NoStepHasScores_AndTheAnswerSaysMeasurementDidNotAnswer()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(tenant));

        var scores = await host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "online-purchase", MetricIds = { "nps" } }, As(tenant));

        Assert.Equal(["browse", "checkout", "delivery"], scores.Steps.Select(s => s.StepId));
        Assert.All(scores.Steps, s => Assert.Empty(s.Scores));
        Assert.StartsWith("measurement: Unavailable", scores.ScoresUnavailable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownJourney_IsStillNotFound_ThoughMeasurementWasAskedBeforeTheJourneyWasRead()
    {
        var unknown = await Refused(() => host.Client.GetJourneyScoresAsync(new GetJourneyScoresRequest { JourneyId = "returns", MetricIds = { "nps", "csat" } }, As(NewTenant())).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
