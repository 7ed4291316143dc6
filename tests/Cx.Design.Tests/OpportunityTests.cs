using Cx.Common.V1;
using Cx.Design.V1;
using Cx.Events.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Design.Tests;

/// <summary>Opportunities: a journey's pain points ranked by the driver, gap and customers behind them, every input shown.</summary>
public sealed class OpportunityTests(DesignHost host) : IClassFixture<DesignHost>
{
    private DateTimeOffset Now => host.Clock.GetUtcNow();

    private static PainPointIdentified PainPoint(string id, string step, long mentions, string metric, bool foundInComments = true, bool dismissed = false) => new()
    {
        PainPointId = id,
        Title = id,
        Origin = foundInComments ? PainPointOrigin.BottomUp : PainPointOrigin.TopDown,
        JourneyId = "online-purchase",
        JourneyStepId = step,
        MetricIds = { metric },
        Mentions = mentions,
        Dismissed = dismissed,
        Version = 1,
    };

    private static DriverAnalysisCompleted Analysis(string outcome, string[] journeys, params (string Metric, double Importance, double Gap)[] drivers) => new()
    {
        Analysis = new DriverAnalysis { OutcomeMetricId = outcome, N = 500, Drivers = { drivers.Select(d => new DriverWeight { MetricId = d.Metric, Importance = d.Importance, Gap = d.Gap }) } },
        Filter = new ResultFilter { JourneyIds = { journeys } },
    };

    [Fact]
    public async Task PainPoints_AreRankedByImportanceTimesGapTimesCustomersAffected_WithEveryInputAndTheBriefsThatAnswerThem()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(tenant));
        var toBe = JourneyBehaviour.Purchase("To be");
        (toBe.JourneyId, toBe.State, toBe.AsIsJourneyId) = ("online-purchase-to-be", JourneyState.ToBe, "online-purchase");
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = toBe }, As(tenant));
        var brief = BriefTests.Brief();
        brief.PainPointIds.Clear();
        brief.PainPointIds.Add("late");
        await host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = brief }, As(tenant));

        await host.DeliverAsync(tenant, "p1", PainPoint("late", "delivery", 40, "delivery-speed"));
        await host.DeliverAsync(tenant, "p2", PainPoint("app", "browse", 30, "app-ease"));
        await host.DeliverAsync(tenant, "p3", PainPoint("workshop", "checkout", 0, "checkout-ease", foundInComments: false));
        await host.DeliverAsync(tenant, "p4", PainPoint("packaging", "delivery", 50, "packaging"));
        await host.DeliverAsync(tenant, "p5", PainPoint("gone", "delivery", 99, "delivery-speed", dismissed: true));

        // The journey's NPS analysis, then a later one replacing it; an older one arriving last changes nothing. The CSAT analysis
        // covers every journey, and weighs delivery speed more than NPS does.
        await host.DeliverAsync(tenant, "a1", Analysis("nps", ["online-purchase"], ("delivery-speed", 50, 0.2), ("app-ease", 40, 0.9)), occurredAt: Now.AddHours(-2));
        await host.DeliverAsync(tenant, "a2", Analysis("nps", ["online-purchase"], ("delivery-speed", 80, 0.5), ("app-ease", 10, 0.3)), occurredAt: Now.AddHours(-1));
        await host.DeliverAsync(tenant, "a0", Analysis("nps", ["online-purchase"], ("app-ease", 99, 0.99)), occurredAt: Now.AddHours(-3));
        await host.DeliverAsync(tenant, "a3", Analysis("csat", [], ("delivery-speed", 90, 0.5), ("checkout-ease", 60, 0.4)), occurredAt: Now.AddHours(-1));

        // The entered pain point affects the step's negative comments of the last 90 days: 3 (a fourth is older).
        foreach (var (id, days) in new[] { ("n1", 1), ("n2", 10), ("n3", 89), ("n4", 91) })
        {
            await host.DeliverAsync(tenant, id, new FeedbackEnriched
            {
                FeedbackId = id + ":0",
                Label = SentimentLabel.Negative,
                Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = "checkout", OccurredAt = Timestamp.FromDateTimeOffset(Now.AddDays(-days)) },
            });
        }

        var opportunities = (await host.Client.ListOpportunitiesAsync(new ListOpportunitiesRequest { JourneyId = "online-purchase" }, As(tenant))).Opportunities;

        Assert.Equal(
            [
                ("pain-point/late", "delivery", Math.Round(90.0 / 100 * 0.5 * 40, 9), "delivery-speed", "csat", 40L, "mentions"),
                ("pain-point/app", "browse", Math.Round(10.0 / 100 * 0.3 * 30, 9), "app-ease", "nps", 30L, "mentions"),
                ("pain-point/workshop", "checkout", Math.Round(60.0 / 100 * 0.4 * 3, 9), "checkout-ease", "csat", 3L, "step_negative_comments"),
                ("pain-point/packaging", "delivery", 0.0, "", "", 50L, "mentions"),
            ],
            opportunities.Select(o => (o.OpportunityId, o.JourneyStepId, Math.Round(o.ExpectedImpact, 9), o.Inputs.DriverMetricId, o.Inputs.OutcomeMetricId, o.Inputs.CustomersAffected, o.Inputs.AffectedFrom)));
        Assert.Equal((90.0, 0.5, Now.AddHours(-1)), (opportunities[0].Inputs.Importance, opportunities[0].Inputs.Gap, opportunities[0].Inputs.AnalysedAt.ToDateTimeOffset()));
        Assert.Equal(["told-before-they-ask"], opportunities[0].BriefIds);
        Assert.Empty(opportunities[1].BriefIds);
    }

    [Fact]
    public async Task AcceptedFrontlineSuggestions_AreOpportunities_RankedTheSameWay_WithTheExperimentsThatTryThem()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(tenant));
        await host.DeliverAsync(tenant, "p1", PainPoint("late", "delivery", 40, "delivery-speed"));
        await host.DeliverAsync(tenant, "a1", Analysis("nps", ["online-purchase"], ("delivery-speed", 80, 0.5), ("checkout-ease", 20, 0.25)), occurredAt: Now.AddHours(-1));
        foreach (var id in new[] { "n1", "n2" })
        {
            await host.DeliverAsync(tenant, id, new FeedbackEnriched
            {
                FeedbackId = id + ":0",
                Label = SentimentLabel.Negative,
                Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = "checkout", OccurredAt = Timestamp.FromDateTimeOffset(Now.AddDays(-1)) },
            });
        }

        var accepted = new SuggestionAccepted
        {
            SuggestionId = "one-page-checkout", Title = "Put checkout on one page", Description = "Customers give up at the third page.",
            JourneyId = "online-purchase", JourneyStepId = "checkout", MetricId = "checkout-ease", SubmittedBy = "agent-4", Votes = 5, AcceptedBy = "grace.ho",
            AcceptedAt = Timestamp.FromDateTimeOffset(Now),
        };
        await host.DeliverAsync(tenant, "s1", accepted);
        await host.DeliverAsync(tenant, "s1-again", accepted);
        await host.DeliverAsync(tenant, "s2", new SuggestionAccepted { SuggestionId = "elsewhere", Title = "Elsewhere", JourneyId = "returns", JourneyStepId = "refund", SubmittedBy = "agent-1" });
        var trial = ExperimentTests.Trial("one-page-trial", ExperimentDesign.BeforeAfter, Now.AddDays(1), Now.AddDays(20), "checkout-ease");
        trial.SuggestionId = "one-page-checkout";
        await host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = trial }, As(tenant));

        var opportunities = (await host.Client.ListOpportunitiesAsync(new ListOpportunitiesRequest { JourneyId = "online-purchase" }, As(tenant))).Opportunities;

        Assert.Equal(
            [
                ("pain-point/late", OpportunitySource.PainPoint, Math.Round(80.0 / 100 * 0.5 * 40, 9), 40L),
                ("suggestion/one-page-checkout", OpportunitySource.FrontlineSuggestion, Math.Round(20.0 / 100 * 0.25 * 2, 9), 2L),
            ],
            opportunities.Select(o => (o.OpportunityId, o.Source, Math.Round(o.ExpectedImpact, 9), o.Inputs.CustomersAffected)));
        var suggestion = opportunities[1];
        Assert.Equal(("one-page-checkout", "agent-4", 5, "Put checkout on one page", "checkout", "step_negative_comments"), (suggestion.SuggestionId, suggestion.SuggestedBy, suggestion.Votes, suggestion.Title, suggestion.JourneyStepId, suggestion.Inputs.AffectedFrom));
        Assert.Equal(["one-page-trial"], suggestion.ExperimentIds);
        Assert.Empty(suggestion.BriefIds);

        // Each was announced as it ranked when it appeared: the pain point before any analysis
        // linked it, the suggestion after; a repeated acceptance is not announced again.
        var announced = (await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.design.opportunity_identified.v1").OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync()))
            .Select(OpportunityIdentified.Parser.ParseJson).ToList();
        Assert.Equal(
            [("pain-point/late", "late", "", 0.0, ""), ("suggestion/one-page-checkout", "", "one-page-checkout", Math.Round(20.0 / 100 * 0.25 * 2, 9), "checkout-ease"), ("suggestion/elsewhere", "", "elsewhere", 0.0, "")],
            announced.Select(o => (o.OpportunityId, o.PainPointId, o.SuggestionId, Math.Round(o.ExpectedImpact, 9), o.DriverMetricId)));
        Assert.Equal((2L, "step_negative_comments", "nps"), (announced[1].CustomersAffected, announced[1].AffectedFrom, announced[1].OutcomeMetricId));
    }

    [Fact]
    public async Task AnUnknownJourney_IsNotFound_AndABadIdIsNamed()
    {
        var tenant = NewTenant();

        var unknown = await Refused(() => host.Client.ListOpportunitiesAsync(new ListOpportunitiesRequest { JourneyId = "nowhere" }, As(tenant)).ResponseAsync);
        var bad = await Refused(() => host.Client.ListOpportunitiesAsync(new ListOpportunitiesRequest { JourneyId = "Not An Id" }, As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["journey_id"], Violations(bad).Select(v => v.Field));
    }
}
