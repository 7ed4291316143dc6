using Cx.Domain.Errors;
using Cx.Governance.Domain.Cases;
using Cx.Governance.Domain.Standards;

namespace Cx.Governance.Tests;

public sealed class CaseLifecycleTests
{
    public static TheoryData<CaseState, CaseState> Legal => new()
    {
        { CaseState.Open, CaseState.InProgress },
        { CaseState.Open, CaseState.WaitingOnCustomer },
        { CaseState.Open, CaseState.Resolved },
        { CaseState.InProgress, CaseState.WaitingOnCustomer },
        { CaseState.InProgress, CaseState.Resolved },
        { CaseState.WaitingOnCustomer, CaseState.InProgress },
        { CaseState.WaitingOnCustomer, CaseState.Resolved },
        { CaseState.Resolved, CaseState.Closed },
        { CaseState.Resolved, CaseState.Open },
        { CaseState.Closed, CaseState.Open },
    };

    [Fact]
    public void EveryMoveNotListedAsLegal_IsRefusedWithItsReason()
    {
        var legal = Legal.Select(row => ((CaseState)row[0], (CaseState)row[1])).ToHashSet();
        var refused = 0;
        foreach (var from in Enum.GetValues<CaseState>())
        {
            foreach (var to in Enum.GetValues<CaseState>())
            {
                if (legal.Contains((from, to)))
                {
                    CaseLifecycle.Move("c1", from, to);
                    continue;
                }

                var error = Assert.Throws<PreconditionFailedException>(() => CaseLifecycle.Move("c1", from, to));
                Assert.Equal(("ILLEGAL_CASE_TRANSITION", "case/c1"), (error.Type, error.Subject));
                refused++;
            }
        }

        Assert.Equal(25 - 10, refused);
    }

    [Fact]
    public void CaseRule_FirstMatchByPrecedence_AndRoundRobinTakesTurns()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        CaseRule Rule(string id, int precedence, int maxScore, params string[] segments) =>
            new(id, precedence, ["nps"], maxScore, segments, [], Priority.Normal, AssignmentStrategy.RoundRobin, ["ann", "bob", "cy"], 0, "lead");
        var rules = new[] { Rule("b-any", 2, 6), Rule("a-vip", 1, 6, "vip"), Rule("c-angry", 2, 3) };

        Assert.Equal("a-vip", CaseRule.FirstMatch(rules, new DetractorSignal("nps", 5, "vip", "buy", now), now)?.RuleId);
        Assert.Equal("b-any", CaseRule.FirstMatch(rules, new DetractorSignal("nps", 2, "retail", "buy", now), now)?.RuleId);
        Assert.Null(CaseRule.FirstMatch(rules, new DetractorSignal("csat", 2, "retail", "buy", now), now));
        Assert.Null(CaseRule.FirstMatch(rules, new DetractorSignal("nps", 2, "retail", "buy", now.AddDays(-15)), now));
        Assert.Equal(["ann", "bob", "cy", "ann"], Enumerable.Range(0, 4).Select(i => rules[0].PickOwner(null, string.Empty, i)));
        var byTeam = rules[0] with { Assignment = AssignmentStrategy.Team, Assignees = [] };
        Assert.Equal(["returns-team", "jo", "lead"], new[] { byTeam.PickOwner("jo", "returns-team", 0), byTeam.PickOwner("jo", string.Empty, 0), byTeam.PickOwner(null, string.Empty, 0) });
    }

    [Fact]
    public void ReviewGate_PassesOnlyWhenEveryApplicableStandardIsMet()
    {
        Standard[] standards =
        [
            new("effort", 1, "ces", Comparison.AtLeast, 5.5, ["buy"]),
            new("wait", 2, "wait-minutes", Comparison.AtMost, 3, []),
            new("other-journey", 1, "nps", Comparison.AtLeast, 40, ["onboard"]),
        ];

        var (passed, checks) = ReviewGate.Review("buy", standards, new Dictionary<string, double> { ["ces"] = 5.5, ["wait-minutes"] = 3 });
        Assert.True(passed);
        Assert.Equal(["effort", "wait"], checks.Select(c => c.Standard.StandardId));

        (passed, checks) = ReviewGate.Review("buy", standards, new Dictionary<string, double> { ["ces"] = 5.49 });
        Assert.False(passed);
        Assert.Equal([CheckOutcome.NotMet, CheckOutcome.NoEvidence], checks.Select(c => c.Outcome));
    }
}
