using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Governance.Sla;
using Cx.Governance.V1;
using Cx.ServiceKit.Jobs;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cx.Governance.Tests;

public sealed class ThresholdCaseTests(GovernanceHost host) : ThresholdCaseBehaviour(host), IClassFixture<GovernanceHost>;

public sealed class ThresholdCasePostgreSqlTests(PostgreSqlGovernanceHost host) : ThresholdCaseBehaviour(host), IClassFixture<PostgreSqlGovernanceHost>;

/// <summary>Cases from metric_threshold_breached: one per metric and scope, the evidence on it, no customer; on SQLite and on a real PostgreSQL.</summary>
public abstract class ThresholdCaseBehaviour(GovernanceHost host)
{
    /// <summary>Each test's own Monday noon: the shared host's clock only moves forward.</summary>
    private DateTimeOffset Monday { get; } = host.Clock.AdvanceToMondayNoon();

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static Metadata As(string tenant, string actor = "maria") => TestIdentity.For("governance", tenant, actor);

    private static MetricThresholdBreached Breach(string bucket = "2026-11-22", string journey = "buy", string step = "delivery", double score = 4.87, string metric = "ces-delivery") => new()
    {
        MetricId = metric,
        Bucket = bucket,
        N = 143,
        Score = score,
        Interval = new Interval { Lower = score - 0.26, Upper = score + 0.26 },
        Target = 5.5,
        JourneyId = journey,
        JourneyStepId = step,
    };

    private static CaseRule BreachRule(string ruleId = "effort-breaches") => new()
    {
        RuleId = ruleId,
        Trigger = CaseTrigger.ThresholdBreach,
        MetricIds = { "ces-delivery" },
        Priority = CasePriority.Normal,
        Assignment = Assignment.JourneyOwner,
        FallbackOwner = "cx-lead",
    };

    private async Task<string> TenantWithRuleAsync(CaseRule? rule = null)
    {
        var tenant = NewTenant();
        await host.Client.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Accountable = "jo" } }, As(tenant));
        await host.Client.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Touchpoint = "courier", Accountable = "kim" } }, As(tenant));
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = rule ?? BreachRule() }, As(tenant));
        return tenant;
    }

    private async Task<List<Case>> CasesAsync(string tenant, ListCasesRequest? request = null) =>
        (await host.Client.ListCasesAsync(request ?? new ListCasesRequest(), As(tenant))).Cases.ToList();

    private async Task<Case> MoveAsync(string tenant, string caseId, CaseStatus to, CaseResolution? resolution = null) =>
        await host.Client.MoveCaseAsync(new MoveCaseRequest { CaseId = caseId, To = to, Resolution = resolution }, As(tenant));

    private Task<List<string>> PublishedAsync(string tenant, string type) =>
        host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == type).OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync());

    private static BadRequest Violations(RpcException error) => error.GetRpcStatus()!.GetDetail<BadRequest>()!;

    [Fact]
    public async Task Breach_OpensOneCaseForItsScope_WithTheExactEvidence_AndNoCustomer()
    {
        var tenant = await TenantWithRuleAsync();

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", Breach())).Verdict);

        var opened = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(
            (CaseStatus.Open, CasePriority.Normal, "jo", "", "buy", "delivery", "", "effort-breaches", "ces-delivery"),
            (opened.Status, opened.Priority, opened.Owner, opened.CustomerId, opened.JourneyId, opened.JourneyStepId, opened.Touchpoint, opened.RuleId, opened.MetricId));
        Assert.Equal("ces-delivery 4.87 below its target 5.5 in 2026-11-22 on buy / delivery", opened.Title);
        Assert.Empty(opened.Signals);
        var evidence = Assert.Single(opened.Breaches);
        Assert.Equal(
            new CaseBreach
            {
                MetricId = "ces-delivery",
                Bucket = "2026-11-22",
                N = 143,
                Score = 4.87,
                Interval = new Interval { Lower = 4.87 - 0.26, Upper = 4.87 + 0.26 },
                Target = 5.5,
                JourneyId = "buy",
                JourneyStepId = "delivery",
                ReceivedAt = Timestamp.FromDateTimeOffset(Monday),
            },
            evidence);

        // NORMAL is 24 service hours by default (Monday to Friday, 09:00-17:00 UTC): Monday 5, Tuesday 8, Wednesday 8, Thursday 3.
        Assert.Equal(Monday.AddDays(3), opened.DueAt.ToDateTimeOffset());

        var published = CaseOpened.Parser.ParseJson(Assert.Single(await PublishedAsync(tenant, "cx.governance.case_opened.v1")));
        Assert.Equal(
            (opened.CaseId, "", "buy", "delivery", "jo", "effort-breaches", "", "ces-delivery", "2026-11-22"),
            (published.CaseId, published.CustomerId, published.JourneyId, published.JourneyStepId, published.Owner, published.RuleId, published.ResponseId, published.MetricId, published.Bucket));
        var entry = Assert.Single((await host.Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { SubjectType = "case", SubjectId = opened.CaseId }, As(tenant))).Entries);
        Assert.Equal(("case.opened", "system"), (entry.Action, entry.Actor));
        Assert.Contains("\"Bucket\":\"2026-11-22\"", entry.Details, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Redelivery_AndTheSameBucketRaisedAgain_OpenNothing_ALaterBucketJoins_AnotherScopeOpensItsOwn()
    {
        var tenant = await TenantWithRuleAsync();

        await host.DeliverAsync(tenant, "e-1", Breach());
        await host.DeliverAsync(tenant, "e-1", Breach());
        await host.DeliverAsync(tenant, "e-2", Breach(score: 4.9));
        var first = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(4.87, Assert.Single(first.Breaches).Score);

        // The week that day closed, breached too, is more evidence of the same problem.
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.DeliverAsync(tenant, "e-3", Breach(bucket: "2026-W47", score: 4.95));
        await host.DeliverAsync(tenant, "e-4", Breach(bucket: "2026-W47", score: 4.95));
        var joined = Assert.Single(await CasesAsync(tenant));
        Assert.Equal((first.CaseId, first.Version + 1), (joined.CaseId, joined.Version));
        Assert.Equal(["2026-11-22", "2026-W47"], joined.Breaches.Select(b => b.Bucket));
        Assert.Equal(Monday.AddMinutes(5), joined.Breaches[1].ReceivedAt.ToDateTimeOffset());
        var audit = (await host.Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { SubjectType = "case", SubjectId = first.CaseId }, As(tenant))).Entries;
        Assert.Equal(["case.opened", "case.breach_recorded"], audit.Select(e => e.Action));

        await host.DeliverAsync(tenant, "e-5", Breach(step: "checkout"));
        await host.DeliverAsync(tenant, "e-6", Breach(journey: "", step: ""));
        await host.DeliverAsync(tenant, "e-7", Breach(journey: "", step: ""));
        var cases = await CasesAsync(tenant);
        Assert.Equal(3, cases.Count);
        var checkout = cases.Single(c => c.JourneyStepId == "checkout");
        Assert.Equal(("buy", "jo", "2026-11-22"), (checkout.JourneyId, checkout.Owner, Assert.Single(checkout.Breaches).Bucket));
        var everywhere = cases.Single(c => c.JourneyId.Length == 0);
        Assert.Equal(("", "cx-lead", "ces-delivery 4.87 below its target 5.5 in 2026-11-22 on every context"), (everywhere.JourneyStepId, everywhere.Owner, everywhere.Title));
        Assert.Single(everywhere.Breaches);
        Assert.Equal(3, (await PublishedAsync(tenant, "cx.governance.case_opened.v1")).Count);
    }

    [Fact]
    public async Task ResolvedScopeCase_KeepsItsBuckets_ALaterBucketOpensANewCase_AndTheOldOneCannotBeReopenedBesideIt()
    {
        var tenant = await TenantWithRuleAsync();
        await host.DeliverAsync(tenant, "e-1", Breach());
        var first = Assert.Single(await CasesAsync(tenant));

        var waiting = await Assert.ThrowsAsync<RpcException>(() => MoveAsync(tenant, first.CaseId, CaseStatus.WaitingOnCustomer));
        Assert.Equal(StatusCode.FailedPrecondition, waiting.StatusCode);
        Assert.Equal("NO_CUSTOMER", waiting.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        await MoveAsync(tenant, first.CaseId, CaseStatus.InProgress);
        await MoveAsync(tenant, first.CaseId, CaseStatus.Resolved, new CaseResolution { RootCauseCategory = "late-delivery", Notes = "Second courier collection." });
        var closed = await MoveAsync(tenant, first.CaseId, CaseStatus.Closed);
        Assert.Equal((CaseStatus.Closed, "late-delivery", false), (closed.Status, closed.Resolution.RootCauseCategory, closed.Resolution.Recovered));
        var published = CaseClosed.Parser.ParseJson(Assert.Single(await PublishedAsync(tenant, "cx.governance.case_closed.v1")));
        Assert.Equal((first.CaseId, "", "buy", "delivery", false), (published.CaseId, published.CustomerId, published.JourneyId, published.JourneyStepId, published.Recovered));

        // The closed case still holds 22 November: raised again, it opens nothing.
        await host.DeliverAsync(tenant, "e-2", Breach());
        Assert.Single(await CasesAsync(tenant));

        await host.DeliverAsync(tenant, "e-3", Breach(bucket: "2026-11-23"));
        var cases = await CasesAsync(tenant);
        Assert.Equal(2, cases.Count);
        var second = cases.Single(c => c.CaseId != first.CaseId);
        Assert.Equal(["2026-11-23"], second.Breaches.Select(b => b.Bucket));

        var reopen = await Assert.ThrowsAsync<RpcException>(() => MoveAsync(tenant, first.CaseId, CaseStatus.Open));
        Assert.Equal(StatusCode.FailedPrecondition, reopen.StatusCode);
        Assert.Contains($"case {second.CaseId} is active for metric 'ces-delivery' at the same scope", reopen.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScopeCase_IsEscalatedWhenItFallsDue_AndListedByMetric_NotByCustomer()
    {
        var tenant = await TenantWithRuleAsync();
        await host.Client.OpenCaseAsync(new OpenCaseRequest { Title = "Complaint by phone", CustomerId = "ann", JourneyId = "buy", JourneyStepId = "delivery", Priority = CasePriority.Normal }, As(tenant));
        await host.DeliverAsync(tenant, "e-1", Breach());
        var scope = Assert.Single(await CasesAsync(tenant, new ListCasesRequest { MetricId = "ces-delivery" }));
        Assert.Equal("", scope.CustomerId);
        Assert.Empty(await CasesAsync(tenant, new ListCasesRequest { MetricId = "nps" }));
        Assert.Equal(["ann"], (await CasesAsync(tenant, new ListCasesRequest { CustomerId = "ann" })).Select(c => c.CustomerId));
        Assert.Equal(2, (await CasesAsync(tenant, new ListCasesRequest { JourneyStepId = "delivery", Statuses = { CaseStatus.Open } })).Count);

        host.Clock.SetUtcNow(scope.DueAt.ToDateTimeOffset());
        await host.Service<PeriodicTenantJob<SlaWatch>>().RunOnceAsync(CancellationToken.None);

        var escalated = await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = scope.CaseId }, As(tenant));
        Assert.Equal((true, scope.DueAt), (escalated.Escalated, escalated.EscalatedAt));
        var published = CaseEscalated.Parser.ParseJson(Assert.Single(await PublishedAsync(tenant, "cx.governance.case_escalated.v1"), d => d.Contains(scope.CaseId, StringComparison.Ordinal)));
        Assert.Equal(("jo", "buy", "delivery"), (published.Owner, published.JourneyId, published.JourneyStepId));
    }

    [Fact]
    public async Task Breach_NoRuleForIt_OpensNothing_AndRulesAnswerTheirOwnTriggerOnly()
    {
        var tenant = await TenantWithRuleAsync(new CaseRule { RuleId = "detractors", MetricIds = { "ces-delivery" }, MaxScore = 6, Priority = CasePriority.High, Assignment = Assignment.JourneyOwner, FallbackOwner = "cx-lead" });
        var nps = BreachRule("nps-breaches");
        nps.MetricIds.Clear();
        nps.MetricIds.Add("nps");
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = nps }, As(tenant));
        var checkout = BreachRule("checkout-breaches");
        checkout.JourneyStepIds.Add("checkout");
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = checkout }, As(tenant));
        var buy = BreachRule("buy-breaches");
        buy.JourneyIds.Add("buy");
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = buy }, As(tenant));

        await host.DeliverAsync(tenant, "e-1", Breach(metric: "csat"));
        await host.DeliverAsync(tenant, "e-2", Breach(journey: "return", step: "delivery"));
        await host.DeliverAsync(tenant, "e-3", Breach(journey: "", step: ""));
        Assert.Empty(await CasesAsync(tenant));

        // A detractor of the breach rules' metric opens its case by the detractor rule, never by a breach rule.
        await host.DeliverAsync(tenant, "e-4", new DetractorDetected { ResponseId = "r-1", MetricId = "ces-delivery", Score = 2, Context = new ResponseContext { CustomerId = "ann", JourneyId = "return", OccurredAt = Timestamp.FromDateTimeOffset(Monday) } });
        var detractor = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(("detractors", "ann", ""), (detractor.RuleId, detractor.CustomerId, detractor.MetricId));

        // By precedence then id, the first breach rule that matches decides: "buy-breaches" before "checkout-breaches".
        await host.DeliverAsync(tenant, "e-5", Breach(step: "checkout"));
        Assert.Equal("buy-breaches", (await CasesAsync(tenant, new ListCasesRequest { MetricId = "ces-delivery" })).Single().RuleId);
    }

    [Fact]
    public async Task Breach_NamingIdsAtTheirLongest_OpensItsCase_TheTitleCutToFit_TheEvidenceWhole()
    {
        var rule = BreachRule();
        rule.MetricIds.Clear();
        var tenant = await TenantWithRuleAsync(rule);
        var (metric, bucket, journey, step) = (new string('m', 100), new string('b', 100), new string('j', 100), new string('s', 100));

        await host.DeliverAsync(tenant, "e-1", Breach(metric: metric, bucket: bucket, journey: journey, step: step));
        await host.DeliverAsync(tenant, "e-2", Breach(metric: metric, bucket: bucket, journey: "", step: step));

        var opened = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(300, opened.Title.Length);
        Assert.Equal($"{metric} 4.87 below its target 5.5 in {bucket} on {journey} / "[..299] + "…", opened.Title);
        Assert.Equal((metric, bucket, journey, step), (opened.MetricId, opened.Breaches.Single().Bucket, opened.JourneyId, opened.JourneyStepId));
    }

    [Fact]
    public async Task BreachOfAnotherTenant_NeverTouchesThisTenant_EachOpensItsOwnCase()
    {
        var tenant = await TenantWithRuleAsync();
        var other = await TenantWithRuleAsync();

        await host.DeliverAsync(other, "e-1", Breach());
        Assert.Empty(await CasesAsync(tenant));

        // The same bucket on another tenant's case does not count as this tenant's.
        await host.DeliverAsync(tenant, "e-1", Breach());
        var mine = Assert.Single(await CasesAsync(tenant));
        var theirs = Assert.Single(await CasesAsync(other));
        Assert.NotEqual(mine.CaseId, theirs.CaseId);
        await host.DeliverAsync(other, "e-2", Breach(bucket: "2026-W47"));
        Assert.Single((await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = mine.CaseId }, As(tenant))).Breaches);
        var read = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = theirs.CaseId }, As(tenant)));
        Assert.Equal(StatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task BreachRules_AreListedWithTheirTrigger_BadInputNamesItsFields()
    {
        var tenant = NewTenant();
        var rule = BreachRule();
        rule.JourneyStepIds.Add("delivery");
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = rule }, As(tenant));
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = new CaseRule { RuleId = "detractors", MaxScore = 6, Priority = CasePriority.High, Assignment = Assignment.Fixed, Assignees = { "desk" } } }, As(tenant));

        var listed = (await host.Client.ListCaseRulesAsync(new ListCaseRulesRequest(), As(tenant))).Rules;
        Assert.Equal([("detractors", CaseTrigger.Detractor), ("effort-breaches", CaseTrigger.ThresholdBreach)], listed.Select(r => (r.RuleId, r.Trigger)));
        Assert.Equal(["delivery"], listed[1].JourneyStepIds);

        var detractorOnly = BreachRule("bad");
        (detractorOnly.MaxScore, detractorOnly.MaxSignalAgeDays) = (6, 7);
        detractorOnly.Segments.Add("vip");
        detractorOnly.JourneyStepIds.Add(" padded");
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = detractorOnly }, As(tenant)));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["rule.max_score", "rule.segments", "rule.max_signal_age_days", "rule.journey_step_ids"], Violations(bad).FieldViolations.Select(v => v.Field));

        var unknown = BreachRule("unknown");
        unknown.Trigger = (CaseTrigger)7;
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = unknown }, As(tenant)));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("rule.trigger", Assert.Single(Violations(refused).FieldViolations).Field);
        Assert.Equal(2, (await host.Client.ListCaseRulesAsync(new ListCaseRulesRequest(), As(tenant))).Rules.Count);
    }
}
