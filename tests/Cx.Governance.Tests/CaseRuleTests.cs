using Cx.Domain.Errors;
using Cx.Governance.Domain.Cases;

namespace Cx.Governance.Tests;

public sealed class CaseRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static CaseRule Rule(AssignmentStrategy assignment = AssignmentStrategy.JourneyOwner, int maxSignalAgeDays = 0, string[]? assignees = null, string[]? journeys = null) =>
        new("r", 1, ["nps"], 6, [], journeys ?? [], Priority.Normal, assignment, assignees ?? [], maxSignalAgeDays, "cx-lead");

    private static DetractorSignal Signal(int score = 6, string journey = "buy", DateTimeOffset? occurred = null) =>
        new("nps", score, "retail", journey, occurred ?? Now);

    [Fact]
    public void Matches_UpToItsMaxScore_AndNotAbove()
    {
        Assert.True(Rule().Matches(Signal(score: 6), Now));
        Assert.False(Rule().Matches(Signal(score: 7), Now));
    }

    [Fact]
    public void Matches_SignalsUpToFourteenDaysOld_WhenNoAgeIsSet()
    {
        Assert.True(Rule().Matches(Signal(occurred: Now.AddDays(-14)), Now));
        Assert.False(Rule().Matches(Signal(occurred: Now.AddDays(-14).AddSeconds(-1)), Now));
        Assert.True(Rule(maxSignalAgeDays: 3).Matches(Signal(occurred: Now.AddDays(-3)), Now));
        Assert.False(Rule(maxSignalAgeDays: 3).Matches(Signal(occurred: Now.AddDays(-3).AddSeconds(-1)), Now));
    }

    [Fact]
    public void Matches_OnlyTheJourneysItNames()
    {
        Assert.True(Rule(journeys: ["buy"]).Matches(Signal(journey: "buy"), Now));
        Assert.False(Rule(journeys: ["buy"]).Matches(Signal(journey: "return"), Now));
    }

    [Fact]
    public void FirstMatch_OnEqualPrecedence_TakesTheLowerRuleIdByOrdinal()
    {
        CaseRule[] rules = [Rule() with { RuleId = "b" }, Rule() with { RuleId = "B" }, Rule() with { RuleId = "a" }];

        Assert.Equal("B", CaseRule.FirstMatch(rules, Signal(), Now)?.RuleId);
    }

    [Fact]
    public void PickOwner_FixedTakesTheFirstAssignee_AndEmptyListsFallBackToTheJourneyOwnerThenTheRulesFallback()
    {
        Assert.Equal("ann", Rule(AssignmentStrategy.Fixed, assignees: ["ann", "bob"]).PickOwner("jo", "team", 5));
        Assert.Equal("jo", Rule(AssignmentStrategy.Fixed).PickOwner("jo", "team", 0));
        Assert.Equal("jo", Rule(AssignmentStrategy.RoundRobin).PickOwner("jo", "team", 0));
        Assert.Equal("cx-lead", Rule(AssignmentStrategy.JourneyOwner).PickOwner(string.Empty, "team", 0));
    }

    [Theory]
    [InlineData(AssignmentStrategy.RoundRobin, true)]
    [InlineData(AssignmentStrategy.Fixed, false)]
    [InlineData(AssignmentStrategy.JourneyOwner, false)]
    [InlineData(AssignmentStrategy.Team, false)]
    public void Rotates_OnlyForRoundRobin(AssignmentStrategy assignment, bool rotates) =>
        Assert.Equal(rotates, Rule(assignment).Rotates);

    [Fact]
    public void ActiveCase_KeyIsCustomerAndJourney()
    {
        Assert.Equal("customer-1|buy", ActiveCase.Key("customer-1", "buy"));
        Assert.NotEqual(ActiveCase.Key("customer-1", "buy"), ActiveCase.Key("customer-1", "return"));
    }

    [Fact]
    public void ActiveCase_NeedsACustomerToTakeASignal()
    {
        Assert.True(ActiveCase.CanTakeSignal("customer-1"));
        Assert.False(ActiveCase.CanTakeSignal(string.Empty));
    }

    [Fact]
    public void ActiveCase_JoinsANewResponse_NotOneAlreadyOnTheCase()
    {
        Assert.True(ActiveCase.Joins(["r-1"], "r-2"));
        Assert.False(ActiveCase.Joins(["r-1", "r-2"], "r-2"));
        Assert.True(ActiveCase.Joins(["r-1"], "R-1"));
        Assert.True(ActiveCase.Joins([], "r-1"));
    }

    private static CaseRule BreachRule(string[]? metrics = null, string[]? journeys = null, string[]? steps = null) =>
        Rule(journeys: journeys) with { Trigger = CaseTrigger.ThresholdBreach, MetricIds = metrics ?? ["ces"], MaxScore = 0, JourneyStepIds = steps ?? [] };

    [Fact]
    public void BreachRule_MatchesByMetricJourneyAndStep_AndABreachOverEveryContextOnlyWithoutJourneysOrSteps()
    {
        Assert.True(BreachRule().Matches(new ThresholdBreach("ces", "2026-11-22", "buy", "delivery")));
        Assert.True(BreachRule().Matches(new ThresholdBreach("ces", "2026-11-22", "", "")));
        Assert.False(BreachRule().Matches(new ThresholdBreach("nps", "2026-11-22", "buy", "delivery")));
        Assert.True(BreachRule(journeys: ["buy"], steps: ["delivery"]).Matches(new ThresholdBreach("ces", "2026-W47", "buy", "delivery")));
        Assert.False(BreachRule(steps: ["delivery"]).Matches(new ThresholdBreach("ces", "2026-W47", "buy", "checkout")));
        Assert.False(BreachRule(journeys: ["buy"]).Matches(new ThresholdBreach("ces", "2026-11", "", "")));
        Assert.False(BreachRule(steps: ["delivery"]).Matches(new ThresholdBreach("ces", "2026-11", "", "")));
    }

    [Fact]
    public void Rules_AnswerTheirOwnTriggerOnly()
    {
        Assert.False((Rule() with { MetricIds = ["ces"] }).Matches(new ThresholdBreach("ces", "2026-11-22", "buy", "delivery")));
        Assert.False(BreachRule(metrics: ["nps"]).Matches(Signal(), Now));
        Assert.Null(CaseRule.FirstMatch([Rule()], new ThresholdBreach("nps", "2026-11-22", "buy", "delivery")));
        Assert.Equal("b", CaseRule.FirstMatch([Rule() with { RuleId = "a" }, BreachRule() with { RuleId = "c" }, BreachRule() with { RuleId = "b" }], new ThresholdBreach("ces", "2026-11-22", "buy", "delivery"))?.RuleId);
    }

    [Fact]
    public void DetractorRule_WithSteps_MatchesOnlyThoseSteps()
    {
        var rule = Rule() with { JourneyStepIds = ["delivery"] };
        Assert.True(rule.Matches(Signal() with { JourneyStepId = "delivery" }, Now));
        Assert.False(rule.Matches(Signal() with { JourneyStepId = "checkout" }, Now));
    }

    [Fact]
    public void ScopeKey_DiffersInEveryPart_IdsCannotRunTogether_AndNeverMeetsACustomersKey()
    {
        var key = ScopeCase.Key("ces", "buy", "delivery");
        Assert.Equal(key, ScopeCase.Key("ces", "buy", "delivery"));
        Assert.Equal(70, key.Length);
        Assert.StartsWith("scope:", key, StringComparison.Ordinal);
        Assert.DoesNotContain('|', key);
        string[] others = [ScopeCase.Key("nps", "buy", "delivery"), ScopeCase.Key("ces", "return", "delivery"), ScopeCase.Key("ces", "buy", "checkout"), ScopeCase.Key("ces", "", ""), ScopeCase.Key("ces", "buyd", "elivery"), ScopeCase.Key("cesbuy", "", "delivery")];
        Assert.Equal(others.Length + 1, others.Append(key).Distinct().Count());
    }

    [Fact]
    public void ScopeCase_ABucketOnAnyCaseOfTheScopeIsRecorded_ElseItJoinsTheActiveCase_ElseOpens()
    {
        Assert.Equal(BreachOutcome.AlreadyRecorded, ScopeCase.Decide(["2026-11-21", "2026-11-22"], scopeHasActiveCase: false, "2026-11-22"));
        Assert.Equal(BreachOutcome.AlreadyRecorded, ScopeCase.Decide(["2026-11-22"], scopeHasActiveCase: true, "2026-11-22"));
        Assert.Equal(BreachOutcome.Joins, ScopeCase.Decide(["2026-11-22"], scopeHasActiveCase: true, "2026-W47"));
        Assert.Equal(BreachOutcome.Opens, ScopeCase.Decide(["2026-11-22"], scopeHasActiveCase: false, "2026-11-23"));
        Assert.Equal(BreachOutcome.Opens, ScopeCase.Decide([], scopeHasActiveCase: false, "2026-11-23"));
    }

    [Fact]
    public void ScopeCase_TakesOnlyBreachesNamingAMetricAndBucket_AStepWithItsJourney_IdsThatFit()
    {
        Assert.True(ScopeCase.CanTake(new ThresholdBreach("ces", "2026-11-22", "buy", "delivery")));
        Assert.True(ScopeCase.CanTake(new ThresholdBreach("ces", "2026-11-22", "", "")));
        Assert.False(ScopeCase.CanTake(new ThresholdBreach("", "2026-11-22", "buy", "delivery")));
        Assert.False(ScopeCase.CanTake(new ThresholdBreach("ces", "", "buy", "delivery")));
        Assert.False(ScopeCase.CanTake(new ThresholdBreach("ces", "2026-11-22", "", "delivery")));
        Assert.False(ScopeCase.CanTake(new ThresholdBreach("ces", "2026-11-22", new string('j', 101), "delivery")));
    }

    [Fact]
    public void CaseWithoutCustomer_CannotWaitOnOne_OtherMovesAsUsual()
    {
        var error = Assert.Throws<PreconditionFailedException>(() => CaseLifecycle.Move("c1", CaseState.Open, CaseState.WaitingOnCustomer, hasCustomer: false));
        Assert.Equal(("NO_CUSTOMER", "case/c1"), (error.Type, error.Subject));
        CaseLifecycle.Move("c1", CaseState.Open, CaseState.WaitingOnCustomer, hasCustomer: true);
        CaseLifecycle.Move("c1", CaseState.Open, CaseState.InProgress, hasCustomer: false);
        Assert.Equal("ILLEGAL_CASE_TRANSITION", Assert.Throws<PreconditionFailedException>(() => CaseLifecycle.Move("c1", CaseState.Open, CaseState.Closed, hasCustomer: false)).Type);
    }
}
