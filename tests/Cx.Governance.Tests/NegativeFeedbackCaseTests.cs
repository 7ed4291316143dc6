using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Governance.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cx.Governance.Tests;

public sealed class NegativeFeedbackCaseTests(GovernanceHost host) : NegativeFeedbackCaseBehaviour(host), IClassFixture<GovernanceHost>;

public sealed class NegativeFeedbackCasePostgreSqlTests(PostgreSqlGovernanceHost host) : NegativeFeedbackCaseBehaviour(host), IClassFixture<PostgreSqlGovernanceHost>;

/// <summary>Cases from feedback_enriched: a comment at or below a rule's sentiment ceiling opens one per customer and journey; on SQLite and on a real PostgreSQL.</summary>
public abstract class NegativeFeedbackCaseBehaviour(GovernanceHost host)
{
    /// <summary>Each test's own Monday noon: the shared host's clock only moves forward.</summary>
    private DateTimeOffset Monday { get; } = host.Clock.AdvanceToMondayNoon();

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static Metadata As(string tenant, string actor = "maria") => TestIdentity.For("governance", tenant, actor);

    private FeedbackEnriched Comment(string feedbackId, string customer = "ann", double sentiment = -0.8, string topic = "late-delivery", EffortCue cue = EffortCue.Waiting, string journey = "buy", string step = "delivery") => new()
    {
        FeedbackId = feedbackId,
        ResponseId = feedbackId.Split(':')[0],
        MetricId = "ces-delivery",
        Context = new ResponseContext { CustomerId = customer, JourneyId = journey, JourneyStepId = step, Touchpoint = "courier", Channel = "web", Segment = "retail", TeamId = "logistics", OccurredAt = Timestamp.FromDateTimeOffset(Monday.AddHours(-1)) },
        Language = "en",
        Sentiment = sentiment,
        Label = SentimentLabel.Negative,
        EffortCues = { cue },
        TopicIds = { topic },
        TaxonomyVersion = 3,
    };

    private static CaseRule FeedbackRule(string ruleId = "negative-delivery", int precedence = 1, double? ceiling = -0.6)
    {
        var rule = new CaseRule
        {
            RuleId = ruleId,
            Precedence = precedence,
            Trigger = CaseTrigger.NegativeFeedback,
            JourneyIds = { "buy" },
            JourneyStepIds = { "delivery" },
            TopicIds = { "late-delivery", "damaged-parcel" },
            EffortCues = { EffortCue.Waiting },
            Priority = CasePriority.High,
            Assignment = Assignment.JourneyOwner,
            FallbackOwner = "cx-lead",
        };
        if (ceiling is { } value)
        {
            rule.MaxSentiment = value;
        }

        return rule;
    }

    private async Task<string> TenantWithRulesAsync(params CaseRule[] rules)
    {
        var tenant = NewTenant();
        await host.Client.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Accountable = "jo" } }, As(tenant));
        await host.Client.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Touchpoint = "courier", Accountable = "kim" } }, As(tenant));
        foreach (var rule in rules.Length == 0 ? [FeedbackRule()] : rules)
        {
            await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = rule }, As(tenant));
        }

        return tenant;
    }

    private async Task<List<Case>> CasesAsync(string tenant) =>
        (await host.Client.ListCasesAsync(new ListCasesRequest(), As(tenant))).Cases.ToList();

    private static BadRequest Violations(RpcException error) => error.GetRpcStatus()!.GetDetail<BadRequest>()!;

    [Fact]
    public async Task StronglyNegativeComment_OpensOneCase_WithTheCommentAsEvidence_AndTheRulesPriorityOwnerAndSla()
    {
        var tenant = await TenantWithRulesAsync();

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", Comment("r-1:0"))).Verdict);

        var opened = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(
            (CaseStatus.Open, CasePriority.High, "kim", "ann", "buy", "delivery", "courier", "web", "retail", "logistics", "negative-delivery", ""),
            (opened.Status, opened.Priority, opened.Owner, opened.CustomerId, opened.JourneyId, opened.JourneyStepId, opened.Touchpoint, opened.Channel, opened.Segment, opened.TeamId, opened.RuleId, opened.MetricId));
        Assert.Equal("Negative feedback (-0.8) on buy / delivery", opened.Title);
        Assert.Equal(
            new CaseSignal
            {
                ResponseId = "r-1",
                MetricId = "ces-delivery",
                OccurredAt = Timestamp.FromDateTimeOffset(Monday.AddHours(-1)),
                FeedbackId = "r-1:0",
                Sentiment = -0.8,
                TopicIds = { "late-delivery" },
                EffortCues = { EffortCue.Waiting },
            },
            Assert.Single(opened.Signals));

        // HIGH is 8 service hours by default (Monday to Friday, 09:00-17:00 UTC): 5 on Monday, 3 on Tuesday.
        Assert.Equal(Monday.AddDays(1), opened.DueAt.ToDateTimeOffset());
        var published = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.case_opened.v1").Select(m => m.Data).ToListAsync());
        var caseOpened = CaseOpened.Parser.ParseJson(Assert.Single(published));
        Assert.Equal((opened.CaseId, "ann", "buy", "negative-delivery", "r-1"), (caseOpened.CaseId, caseOpened.CustomerId, caseOpened.JourneyId, caseOpened.RuleId, caseOpened.ResponseId));
    }

    [Fact]
    public async Task SentimentAboveTheCeiling_AnotherTopic_AnotherCue_OrAnotherStep_OpenNothing_AtTheCeilingOpens()
    {
        var tenant = await TenantWithRulesAsync();

        await host.DeliverAsync(tenant, "e-1", Comment("r-1:0", customer: "ann", sentiment: -0.59));
        await host.DeliverAsync(tenant, "e-2", Comment("r-2:0", customer: "bo", topic: "pricing"));
        await host.DeliverAsync(tenant, "e-3", Comment("r-3:0", customer: "cy", cue: EffortCue.Repeating));
        await host.DeliverAsync(tenant, "e-4", Comment("r-4:0", customer: "di", step: "checkout"));
        Assert.Empty(await CasesAsync(tenant));

        await host.DeliverAsync(tenant, "e-5", Comment("r-5:0", customer: "ed", sentiment: -0.6, topic: "damaged-parcel"));
        Assert.Equal("ed", Assert.Single(await CasesAsync(tenant)).CustomerId);
    }

    [Fact]
    public async Task WithoutAMatchingRule_OrACeilingLeftUnset_TheDefaultMinusHalfDecides()
    {
        var noRule = await TenantWithRulesAsync(new CaseRule { RuleId = "detractors", MetricIds = { "nps" }, MaxScore = 6, Priority = CasePriority.High, Assignment = Assignment.JourneyOwner, FallbackOwner = "cx-lead" });
        await host.DeliverAsync(noRule, "e-1", Comment("r-1:0", sentiment: -1));
        Assert.Empty(await CasesAsync(noRule));

        var unset = await TenantWithRulesAsync(FeedbackRule(ceiling: null));
        var stored = Assert.Single((await host.Client.ListCaseRulesAsync(new ListCaseRulesRequest(), As(unset))).Rules);
        Assert.False(stored.HasMaxSentiment);
        await host.DeliverAsync(unset, "e-1", Comment("r-1:0", customer: "ann", sentiment: -0.49));
        Assert.Empty(await CasesAsync(unset));
        await host.DeliverAsync(unset, "e-2", Comment("r-2:0", customer: "bo", sentiment: -0.5));
        Assert.Equal("bo", Assert.Single(await CasesAsync(unset)).CustomerId);
    }

    [Fact]
    public async Task Redelivery_OpensOneCase_ASecondCommentOnTheJourneyJoinsIt_Once_AnotherJourneyOpensItsOwn()
    {
        var tenant = await TenantWithRulesAsync();

        await host.DeliverAsync(tenant, "e-1", Comment("r-1:0"));
        await host.DeliverAsync(tenant, "e-1", Comment("r-1:0"));

        // The same comment under another event id (published again) is already on the case.
        await host.DeliverAsync(tenant, "e-1b", Comment("r-1:0"));
        var first = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(["r-1:0"], first.Signals.Select(s => s.FeedbackId));

        // The customer's next comment on the journey joins their active case, even one no rule
        // would open a case for (as a detractor's does): one owner calls them about all of it.
        await host.DeliverAsync(tenant, "e-2", Comment("r-2:0", sentiment: -0.3, topic: "pricing"));
        await host.DeliverAsync(tenant, "e-3", Comment("r-1:1", sentiment: -0.9));
        var joined = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(first.CaseId, joined.CaseId);
        Assert.Equal(["r-1:0", "r-2:0", "r-1:1"], joined.Signals.Select(s => s.FeedbackId));

        await host.DeliverAsync(tenant, "e-4", Comment("r-4:0", journey: "onboard", step: "delivery"));
        Assert.Single(await CasesAsync(tenant));
        var rule = FeedbackRule("any-journey");
        rule.JourneyIds.Clear();
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = rule }, As(tenant));
        await host.DeliverAsync(tenant, "e-5", Comment("r-5:0", journey: "onboard", step: "delivery"));
        Assert.Equal(2, (await CasesAsync(tenant)).Count);
    }

    [Fact]
    public async Task ADetractorAndACommentOfTheSameResponse_AreTwoSignalsOnOneCase()
    {
        var tenant = await TenantWithRulesAsync();
        await host.DeliverAsync(tenant, "e-1", Comment("r-1:0"));
        await host.DeliverAsync(tenant, "e-2", new DetractorDetected
        {
            ResponseId = "r-1",
            MetricId = "nps",
            Score = 2,
            Context = new ResponseContext { CustomerId = "ann", JourneyId = "buy", JourneyStepId = "delivery", OccurredAt = Timestamp.FromDateTimeOffset(Monday.AddHours(-1)) },
        });

        var opened = Assert.Single(await CasesAsync(tenant));
        Assert.Equal([("r-1", "r-1:0", 0), ("r-1", "", 2)], opened.Signals.Select(s => (s.ResponseId, s.FeedbackId, s.Score)));
    }

    [Fact]
    public async Task TheFirstMatchingRuleByPrecedenceDecides()
    {
        var broad = FeedbackRule("broad", precedence: 2, ceiling: -0.3);
        broad.TopicIds.Clear();
        broad.Priority = CasePriority.Low;
        var strict = FeedbackRule("strict", precedence: 1, ceiling: -0.8);
        strict.Priority = CasePriority.Urgent;
        strict.Assignment = Assignment.Fixed;
        strict.Assignees.Add("jon");
        var tenant = await TenantWithRulesAsync(broad, strict);

        await host.DeliverAsync(tenant, "e-1", Comment("r-1:0", customer: "ann", sentiment: -0.9));
        await host.DeliverAsync(tenant, "e-2", Comment("r-2:0", customer: "bo", sentiment: -0.5));
        await host.DeliverAsync(tenant, "e-3", Comment("r-3:0", customer: "cy", sentiment: -0.9, topic: "pricing"));

        var cases = (await CasesAsync(tenant)).OrderBy(c => c.CustomerId, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("ann", "strict", CasePriority.Urgent, "jon"), ("bo", "broad", CasePriority.Low, "kim"), ("cy", "broad", CasePriority.Low, "kim")],
            cases.Select(c => (c.CustomerId, c.RuleId, c.Priority, c.Owner)));
    }

    [Fact]
    public async Task ARuleIsStoredAsSet_AndRefusedWithFieldViolations_WhenItsConditionsAreOutOfRange()
    {
        var tenant = await TenantWithRulesAsync();
        var stored = Assert.Single((await host.Client.ListCaseRulesAsync(new ListCaseRulesRequest(), As(tenant))).Rules);
        Assert.Equal(FeedbackRule(), stored);

        foreach (var ceiling in new[] { 0.1, -1.01 })
        {
            var bad = await Assert.ThrowsAsync<RpcException>(() => host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = FeedbackRule("bad", ceiling: ceiling) }, As(tenant)).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
            Assert.Equal("rule.max_sentiment", Assert.Single(Violations(bad).FieldViolations).Field);
        }

        var mixed = FeedbackRule("mixed");
        mixed.MaxScore = 6;
        mixed.EffortCues.Add(EffortCue.Unspecified);
        var refused = await Assert.ThrowsAsync<RpcException>(() => host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = mixed }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["rule.max_score", "rule.effort_cues"], Violations(refused).FieldViolations.Select(v => v.Field));

        var detractor = new CaseRule { RuleId = "detractors", MaxScore = 6, MaxSentiment = -0.5, TopicIds = { "late-delivery" }, Priority = CasePriority.High, Assignment = Assignment.JourneyOwner, FallbackOwner = "cx-lead" };
        var wrongTrigger = await Assert.ThrowsAsync<RpcException>(() => host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = detractor }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, wrongTrigger.StatusCode);
        Assert.Equal(["rule.max_sentiment", "rule.topic_ids"], Violations(wrongTrigger).FieldViolations.Select(v => v.Field));
        Assert.Single((await host.Client.ListCaseRulesAsync(new ListCaseRulesRequest(), As(tenant))).Rules);
    }
}
