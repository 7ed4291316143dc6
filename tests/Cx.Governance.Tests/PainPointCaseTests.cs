using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Governance.V1;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cx.Governance.Tests;

public sealed class PainPointCaseTests(GovernanceHost host) : PainPointCaseBehaviour(host), IClassFixture<GovernanceHost>;

public sealed class PainPointCasePostgreSqlTests(PostgreSqlGovernanceHost host) : PainPointCaseBehaviour(host), IClassFixture<PostgreSqlGovernanceHost>;

/// <summary>Cases from confirmed pain points (pain_point_identified): one per pain point while active, its evidence on it, no customer; on SQLite and on a real PostgreSQL.</summary>
public abstract class PainPointCaseBehaviour(GovernanceHost host)
{
    private DateTimeOffset Monday { get; } = host.Clock.AdvanceToMondayNoon();

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static Metadata As(string tenant, string actor = "maria") => TestIdentity.For("governance", tenant, actor);

    private static PainPointIdentified PainPoint(long version, bool confirmed = true, string step = "delivery", string topic = "late-delivery") => new()
    {
        PainPointId = "auto-e4419fd1163f9a81",
        Origin = PainPointOrigin.BottomUp,
        Title = "Late delivery at delivery",
        JourneyId = "buy",
        JourneyStepId = step,
        TopicId = topic,
        MetricIds = { "delivery-speed", "ces-delivery" },
        Mentions = 14 + version,
        Comments = 40,
        Share = (14 + version) / 40.0,
        ShareInterval = new Interval { Lower = 0.2213, Upper = 0.5049 },
        Confirmed = confirmed,
        ConfirmedByMetricId = confirmed ? "delivery-speed" : string.Empty,
        Importance = confirmed ? 93.69 : 0,
        Version = version,
    };

    private static CaseRule PainPointRule(params string[] topics) => new()
    {
        RuleId = "confirmed-pain-points",
        Trigger = CaseTrigger.PainPoint,
        JourneyIds = { "buy" },
        MetricIds = { "delivery-speed", "app-ease" },
        TopicIds = { topics },
        Priority = CasePriority.High,
        Assignment = Assignment.JourneyOwner,
        FallbackOwner = "cx-lead",
    };

    private async Task<string> TenantWithRuleAsync(CaseRule rule)
    {
        var tenant = NewTenant();
        await host.Client.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Accountable = "jo" } }, As(tenant));
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = rule }, As(tenant));
        return tenant;
    }

    private Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, PainPointIdentified painPoint) =>
        host.DeliverAsync<Cx.Governance.Data.GovernanceDb>(tenant, eventId, painPoint, painPoint.PainPointId);

    private async Task<List<Case>> CasesAsync(string tenant) =>
        (await host.Client.ListCasesAsync(new ListCasesRequest(), As(tenant))).Cases.ToList();

    private Task<Case> MoveAsync(string tenant, string caseId, CaseStatus to, CaseResolution? resolution = null) =>
        host.Client.MoveCaseAsync(new MoveCaseRequest { CaseId = caseId, To = to, Resolution = resolution }, As(tenant)).ResponseAsync;

    [Fact]
    public async Task AConfirmedPainPoint_OpensOneCaseForTheJourneyOwner_WithItsEvidence_AndLaterOnesRenewIt()
    {
        var tenant = await TenantWithRuleAsync(PainPointRule());

        // Identified but not confirmed: nothing yet.
        Assert.Equal(DeliveryVerdict.Success, (await DeliverAsync(tenant, "e-1", PainPoint(1, confirmed: false))).Verdict);
        Assert.Empty(await CasesAsync(tenant));

        await DeliverAsync(tenant, "e-2", PainPoint(2));
        await DeliverAsync(tenant, "e-2", PainPoint(2));
        await DeliverAsync(tenant, "e-2b", PainPoint(2));

        var opened = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(
            (CaseStatus.Open, CasePriority.High, "jo", "", "buy", "delivery", "confirmed-pain-points", "delivery-speed", "Pain point: Late delivery at delivery"),
            (opened.Status, opened.Priority, opened.Owner, opened.CustomerId, opened.JourneyId, opened.JourneyStepId, opened.RuleId, opened.MetricId, opened.Title));
        Assert.Equal(
            ("auto-e4419fd1163f9a81", "late-delivery", 16L, 40L, "delivery-speed", 93.69, 2L, Monday),
            (opened.PainPoint.PainPointId, opened.PainPoint.TopicId, opened.PainPoint.Mentions, opened.PainPoint.Comments, opened.PainPoint.ConfirmedByMetricId, opened.PainPoint.Importance, opened.PainPoint.Version, opened.PainPoint.ReceivedAt.ToDateTimeOffset()));
        Assert.Equal(["delivery-speed", "ces-delivery"], opened.PainPoint.MetricIds);
        Assert.Empty(opened.Signals);
        Assert.Empty(opened.Breaches);
        var announced = CaseOpened.Parser.ParseJson(Assert.Single(await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.case_opened.v1").Select(m => m.Data).ToListAsync())));
        Assert.Equal((opened.CaseId, "", "confirmed-pain-points", "delivery-speed"), (announced.CaseId, announced.CustomerId, announced.RuleId, announced.MetricId));

        // No longer confirmed, then confirmed again while the case is open: the evidence is renewed, no second case.
        await DeliverAsync(tenant, "e-3", PainPoint(3, confirmed: false));
        await DeliverAsync(tenant, "e-4", PainPoint(4));
        var renewed = Assert.Single(await CasesAsync(tenant));
        Assert.Equal((opened.CaseId, 4L, 18L), (renewed.CaseId, renewed.PainPoint.Version, renewed.PainPoint.Mentions));

        // An announcement older than the case's (arriving late) changes nothing.
        await DeliverAsync(tenant, "e-2c", PainPoint(2));
        Assert.Equal(4L, Assert.Single(await CasesAsync(tenant)).PainPoint.Version);
    }

    [Fact]
    public async Task ACaseAtAStep_GoesToTheOwnerOfTheStepsTouchpoints_AsDesignLastPublishedThem()
    {
        var tenant = await TenantWithRuleAsync(PainPointRule());
        foreach (var (touchpoint, accountable) in new[] { ("courier", "jon"), ("tracking", "tia"), ("warehouse", "wes") })
        {
            await host.Client.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Touchpoint = touchpoint, Accountable = accountable } }, As(tenant));
        }

        JourneyPublished Published(int version, params (string Id, bool Front)[] touchpoints) => new()
        {
            JourneyId = "buy",
            Version = version,
            Steps = { new JourneyPublished.Types.Step { StepId = "delivery", Touchpoints = { touchpoints.Select(t => new JourneyPublished.Types.Touchpoint { TouchpointId = t.Id, FrontStage = t.Front }) } } },
        };

        // Version 2 draws delivery as the warehouse (behind the scenes), then tracking and the courier at the front: the first owned
        // front-stage touchpoint decides. Version 1, arriving late, changes nothing.
        await host.DeliverAsync<Cx.Governance.Data.GovernanceDb>(tenant, "j-2", Published(2, ("warehouse", false), ("tracking", true), ("courier", true)), "buy");
        await host.DeliverAsync<Cx.Governance.Data.GovernanceDb>(tenant, "j-1", Published(1, ("courier", true)), "buy");
        await DeliverAsync(tenant, "e-1", PainPoint(1));

        Assert.Equal("tia", Assert.Single(await CasesAsync(tenant)).Owner);

        // A step Design never published goes to the journey's owner, as before.
        var elsewhere = PainPoint(1, step: "returns-desk", topic: "queue");
        elsewhere.PainPointId = "auto-00000000000000a2";
        await DeliverAsync(tenant, "e-2", elsewhere);
        Assert.Equal("jo", (await CasesAsync(tenant)).Single(c => c.JourneyStepId == "returns-desk").Owner);
    }

    [Fact]
    public async Task APainPointThatComesBackAfterItsCaseClosed_OpensAnother()
    {
        var tenant = await TenantWithRuleAsync(PainPointRule());
        await DeliverAsync(tenant, "e-1", PainPoint(1));
        var first = Assert.Single(await CasesAsync(tenant));
        await MoveAsync(tenant, first.CaseId, CaseStatus.InProgress);
        await MoveAsync(tenant, first.CaseId, CaseStatus.Resolved, new CaseResolution { RootCauseCategory = "late-delivery", Notes = "Second courier collection." });
        await MoveAsync(tenant, first.CaseId, CaseStatus.Closed);

        // The same announcement again finds the closed case; the pain point confirmed anew opens a new one.
        await DeliverAsync(tenant, "e-1b", PainPoint(1));
        Assert.Single(await CasesAsync(tenant));
        await DeliverAsync(tenant, "e-2", PainPoint(2, confirmed: false));
        await DeliverAsync(tenant, "e-3", PainPoint(3));

        var cases = await CasesAsync(tenant);
        Assert.Equal(2, cases.Count);
        var second = Assert.Single(cases, c => c.CaseId != first.CaseId);
        Assert.Equal((CaseStatus.Open, 3L), (second.Status, second.PainPoint.Version));
    }

    [Fact]
    public async Task OnlyAMatchingRuleOpensACase()
    {
        var tenant = await TenantWithRuleAsync(PainPointRule("courier"));

        await DeliverAsync(tenant, "e-1", PainPoint(1));

        Assert.Empty(await CasesAsync(tenant));
        var other = await TenantWithRuleAsync(new CaseRule { RuleId = "detractors", MetricIds = { "nps" }, MaxScore = 6, Priority = CasePriority.Normal, Assignment = Assignment.JourneyOwner, FallbackOwner = "cx-lead" });
        await DeliverAsync(other, "e-1", PainPoint(1));
        Assert.Empty(await CasesAsync(other));
    }

    [Fact]
    public async Task APainPointRule_RefusesTheFieldsOfOtherTriggers()
    {
        var tenant = NewTenant();
        var rule = PainPointRule("late-delivery");
        (rule.MaxScore, rule.MaxSignalAgeDays) = (6, 7);
        rule.Segments.Add("consumer");
        rule.EffortCues.Add(EffortCue.Waiting);

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = rule }, As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["rule.effort_cues", "rule.max_score", "rule.segments", "rule.max_signal_age_days"], error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
        Assert.Empty((await host.Client.ListCaseRulesAsync(new ListCaseRulesRequest(), As(tenant))).Rules);

        var valid = await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = PainPointRule("late-delivery") }, As(tenant));
        Assert.Equal((CaseTrigger.PainPoint, "late-delivery"), (valid.Trigger, Assert.Single(valid.TopicIds)));
    }
}
