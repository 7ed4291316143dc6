using Cx.Common.V1;
using Cx.Design.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;
using G = Cx.Governance.V1;
using M = Cx.Measurement.V1;

namespace Cx.Design.Tests;

/// <summary>A to-be journey is published only when Governance's review of it passes, on the evidence of its concluded experiments.</summary>
public sealed class ReviewGateTests(GovernedDesignHost hosts) : IClassFixture<GovernedDesignHost>
{
    private const string ToBe = "online-purchase-to-be";

    private DesignHost Host => hosts.Design;

    private DateTimeOffset Now => Host.Clock.GetUtcNow();

    private static Metadata AtMeasurement(string tenant) => GovernedDesignHost.At(GovernedDesignHost.MeasurementService, tenant);

    private static Metadata AtGovernance(string tenant) => GovernedDesignHost.At(GovernedDesignHost.GovernanceService, tenant);

    private static Journey Redraw()
    {
        var journey = JourneyBehaviour.Purchase("Online purchase (to be)");
        journey.JourneyId = ToBe;
        journey.State = JourneyState.ToBe;
        journey.AsIsJourneyId = "online-purchase";
        return journey;
    }

    private async Task<string> TenantAsync()
    {
        var tenant = NewTenant();
        foreach (var (metricId, kind) in new[] { ("ces", M.MetricKind.Ces), ("csat", M.MetricKind.Csat) })
        {
            await hosts.Measurement.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = metricId, Kind = kind, Name = metricId } }, AtMeasurement(tenant));
        }

        foreach (var standard in new[]
        {
            new G.Standard { StandardId = "effortless-delivery", Title = "Delivery takes little effort", MetricId = "ces", Comparison = Comparison.AtLeast, Threshold = 5.5, JourneyIds = { "online-purchase" } },
            new G.Standard { StandardId = "satisfied-customers", Title = "Customers are satisfied", MetricId = "csat", Comparison = Comparison.AtLeast, Threshold = 80 },
            new G.Standard { StandardId = "quick-refunds", Title = "Refunds are quick", MetricId = "ces", Comparison = Comparison.AtLeast, Threshold = 6.5, JourneyIds = { "returns" } },
        })
        {
            await hosts.Governance.PublishStandardAsync(new G.PublishStandardRequest { Standard = standard }, AtGovernance(tenant));
        }

        await Host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = Redraw() }, As(tenant));
        return tenant;
    }

    /// <summary>An A/B experiment for the to-be journey whose treatment answers <paramref name="scores"/>, concluded now.</summary>
    private async Task<Experiment> ConcludedAsync(string tenant, string id, string metric, IReadOnlyList<int> scores)
    {
        var responses = scores.Select((score, i) => new M.Response
        {
            SubmissionId = $"{id}-{i}",
            Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = "delivery", Touchpoint = id, OccurredAt = Timestamp.FromDateTimeOffset(Now.AddDays(-2)) },
            Answers = { new Answer { MetricId = metric, Score = score } },
        });
        await hosts.Measurement.RecordResponsesAsync(new M.RecordResponsesRequest { Responses = { responses } }, AtMeasurement(tenant));
        var trial = ExperimentTests.Trial(id, ExperimentDesign.AB, Now.AddDays(-7), Now.AddDays(7), metric);
        trial.Treatment.Touchpoint = id;
        trial.EvidenceForJourneyId = ToBe;
        await Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = trial }, As(tenant));
        return await Host.Client.ConcludeExperimentAsync(new ConcludeExperimentRequest { ExperimentId = id }, As(tenant));
    }

    private Task<Journey> PublishAsync(string tenant) => Host.Client.PublishJourneyAsync(new PublishJourneyRequest { JourneyId = ToBe }, As(tenant)).ResponseAsync;

    private async Task<Journey> ReadAsync(string tenant) => await Host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = ToBe, View = JourneyView.Basic }, As(tenant));

    [Fact]
    public async Task AToBeJourney_IsPublishedOnlyOnceEveryStandardOfTheJourneyItRedrawsIsMet_ByItsExperiments()
    {
        var tenant = await TenantAsync();

        // No experiment yet: both standards that apply to online-purchase lack evidence; the one for returns does not apply.
        var unproven = await Refused(() => PublishAsync(tenant));
        Assert.Equal(StatusCode.FailedPrecondition, unproven.StatusCode);
        Assert.Equal(
            [("NO_EVIDENCE", "standard/effortless-delivery"), ("NO_EVIDENCE", "standard/satisfied-customers")],
            unproven.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations.Select(v => (v.Type, v.Subject)));
        Assert.Equal((JourneyVersionStatus.Draft, 0, ""), await StateAsync(tenant));

        // Effort 5.0 on 40 answers (below 5.5), satisfaction 90% on 40; a better effort on 10 answers is no evidence.
        await ConcludedAsync(tenant, "effort-v1", "ces", [.. Enumerable.Repeat(4, 20), .. Enumerable.Repeat(6, 20)]);
        await ConcludedAsync(tenant, "satisfaction-v1", "csat", [.. Enumerable.Repeat(5, 36), .. Enumerable.Repeat(2, 4)]);
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        await ConcludedAsync(tenant, "effort-few", "ces", [.. Enumerable.Repeat(7, 10)]);

        var unmet = await Refused(() => PublishAsync(tenant));
        var violation = Precondition(unmet);
        Assert.Equal(("STANDARD_NOT_MET", "standard/effortless-delivery"), (violation.Type, violation.Subject));
        Assert.Contains("ces must be at least 5.5; experiment effort-v1 measured 5 on 40 answers", violation.Description, StringComparison.Ordinal);
        Assert.Equal((JourneyVersionStatus.Draft, 0, ""), await StateAsync(tenant));

        // A later experiment measures effort 6.0: the latest concluded evidence per metric decides, and the gate passes.
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        await ConcludedAsync(tenant, "effort-v2", "ces", [.. Enumerable.Repeat(6, 40)]);
        var published = await PublishAsync(tenant);

        Assert.Equal((JourneyVersionStatus.Published, 1), (published.Status, published.PublishedVersion));
        var review = await hosts.Governance.GetLatestReviewAsync(new G.GetLatestReviewRequest { ChangeId = ToBe + "/v1" }, AtGovernance(tenant));
        Assert.Equal((review.ReviewId, G.ReviewDecision.Passed, 3, "online-purchase", "maria"), (published.ReviewId, review.Decision, review.Revision, review.JourneyId, review.Reviewer));
        Assert.Equal(
            [("effortless-delivery", 6.0, G.CheckOutcome.Met), ("satisfied-customers", 90.0, G.CheckOutcome.Met)],
            review.Checks.Select(c => (c.StandardId, c.Value, c.Outcome)));
        Assert.Equal((JourneyVersionStatus.Published, 1, review.ReviewId), await StateAsync(tenant));
    }

    [Fact]
    public async Task AnAsIsJourney_IsPublishedWithoutAReview()
    {
        var tenant = await TenantAsync();
        await Host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(tenant));

        var published = await Host.Client.PublishJourneyAsync(new PublishJourneyRequest { JourneyId = "online-purchase" }, As(tenant));

        Assert.Equal((JourneyVersionStatus.Published, ""), (published.Status, published.ReviewId));
        var none = await Refused(() => hosts.Governance.GetLatestReviewAsync(new G.GetLatestReviewRequest { ChangeId = "online-purchase/v1" }, AtGovernance(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    private async Task<(JourneyVersionStatus, int, string)> StateAsync(string tenant)
    {
        var journey = await ReadAsync(tenant);
        return (journey.Status, journey.PublishedVersion, journey.ReviewId);
    }
}
