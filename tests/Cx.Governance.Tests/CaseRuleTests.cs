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
}
