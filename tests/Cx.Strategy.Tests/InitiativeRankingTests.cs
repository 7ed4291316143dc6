using Cx.Strategy.Domain.Initiatives;
using Cx.Strategy.Domain.Maturity;

namespace Cx.Strategy.Tests;

/// <summary>The ranking and the maturity rules on fixed inputs, against figures worked out here by hand.</summary>
public sealed class InitiativeRankingTests
{
    private static readonly DateTimeOffset Analysed = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Initiatives_AreRankedByImpactPerPersonWeek_WithEveryInputShown()
    {
        var painPoints = new Dictionary<string, PainPoint>
        {
            ["late"] = new("late", "Late delivery", "purchase", "delivery", ["speed"], Mentions: 100, FoundInComments: true),
            ["app"] = new("app", "App confusing", "purchase", "checkout", ["ease"], Mentions: 0, FoundInComments: false),
        };
        Driver[] drivers = [new("nps", "speed", 80, 0.5, Analysed), new("nps", "ease", 20, 0.25, Analysed), new("csat", "speed", 30, 0.9, Analysed)];
        var stepAnswers = new Dictionary<(string, string, string), long> { [("purchase", "checkout", "ease")] = 200 };

        var ranked = InitiativeRanking.Rank(
            [new("a", ["late"], [], 4), new("b", ["app"], [], 2), new("c", ["late", "app", "unknown"], [], 10), new("d", [], [], 1)],
            painPoints, new Dictionary<string, Opportunity>(), drivers, stepAnswers);

        // late: 0.8 × 0.5 × 100 = 40 (nps's speed, the more important of the two); app: 0.2 × 0.25 × 200 = 10.
        // a: 40 / 4 = 10; b: 10 / 2 = 5; c: 50 / 10 = 5, more impact than b; d: nothing.
        Assert.Equal([("a", 1, 40.0, 10.0), ("c", 2, 50.0, 5.0), ("b", 3, 10.0, 5.0), ("d", 4, 0.0, 0.0)],
            ranked.Select(r => (r.Input.Id, r.Rank, Math.Round(r.ExpectedImpact, 9), Math.Round(r.Priority, 9))));
        var c = ranked[1].Parts;
        Assert.Equal([("late", "speed", 100L, "mentions"), ("app", "ease", 200L, "step_answers")], c.Take(2).Select(p => (p.PainPointId, p.Driver!.MetricId, p.Affected, p.AffectedFrom)));
        Assert.Equal("nps", c[0].Driver!.OutcomeMetricId);
        Assert.False(c[2].Known);
        Assert.Equal(0, c[2].ExpectedImpact);
    }

    [Fact]
    public void DesignsOpportunities_CountAtTheirImpact_ButAPainPointCoveredTwiceCountsOnce()
    {
        var painPoints = new Dictionary<string, PainPoint> { ["late"] = new("late", "Late delivery", "purchase", "delivery", ["speed"], 100, true) };
        var opportunities = new Dictionary<string, Opportunity>
        {
            ["suggestion/sms"] = new("suggestion/sms", string.Empty, "Text customers", "purchase", "delivery", new Driver("nps", "speed", 80, 0.5, Analysed), 30, "step_negative_comments", 12),
            ["pain-point/late"] = new("pain-point/late", "late", "Late delivery", "purchase", "delivery", new Driver("nps", "speed", 80, 0.5, Analysed), 100, "mentions", 40),
        };

        var ranked = InitiativeRanking.Rank(
            [new("a", ["late"], ["suggestion/sms", "pain-point/late", "suggestion/unknown"], 4)],
            painPoints, opportunities, [new Driver("nps", "speed", 80, 0.5, Analysed)], new Dictionary<(string, string, string), long>());

        // 40 from the pain point, 12 from the suggestion; the pain point's opportunity is not counted again.
        Assert.Equal((52.0, 13.0), (Math.Round(ranked[0].ExpectedImpact, 9), Math.Round(ranked[0].Priority, 9)));
        Assert.Equal([("late", "", true), ("", "suggestion/sms", true), ("", "suggestion/unknown", false)], ranked[0].Parts.Select(p => (p.PainPointId, p.OpportunityId, p.Known)));
    }

    [Fact]
    public void APainPointNoDriverExplains_AddsNoImpact()
    {
        var ranked = InitiativeRanking.Rank(
            [new("a", ["refund"], [], 1)],
            new Dictionary<string, PainPoint> { ["refund"] = new("refund", "Refund", "returns", "refund", ["nps"], 0, false) },
            new Dictionary<string, Opportunity>(),
            [new Driver("nps", "speed", 80, 0.5, Analysed)],
            new Dictionary<(string, string, string), long>());

        Assert.Equal((0.0, 0L), (ranked[0].ExpectedImpact, ranked[0].Parts[0].Affected));
        Assert.Null(ranked[0].Parts[0].Driver);
    }
}

public sealed class MaturityRulesTests
{
    private static Dictionary<Practice, double> Values(double loop, double analyses, double rest) =>
        MaturityRules.All.ToDictionary(p => p, p => p == MaturityRules.LoopClosedInTime ? loop : p == MaturityRules.DriverAnalyses ? analyses : rest);

    [Theory]
    [InlineData(0.49, Rating.Undeveloped)]
    [InlineData(0.5, Rating.AdHoc)]
    [InlineData(0.75, Rating.Repeatable)]
    [InlineData(0.8999, Rating.Repeatable)]
    [InlineData(0.9, Rating.Systematic)]
    public void APractice_IsRatedAtItsThresholds(double share, Rating expected) =>
        Assert.Equal(expected, MaturityRules.LoopClosedInTime.Rate(share));

    [Fact]
    public void TheLoopNotClosedInTime_KeepsTheTenantInRepair_AndSaysWhy()
    {
        var assessed = MaturityRules.Assess(Values(loop: 0.6, analyses: 5, rest: 1000));

        Assert.Equal(Phase.Repair, assessed.Phase);
        Assert.Equal("Repair: governance's loop-closed-in-time 0.6 is under the repeatable 0.75.", assessed.PhaseReason);
        Assert.Equal(Rating.AdHoc, assessed.Disciplines[MaturityRules.Governance]);
        Assert.Equal(Rating.Systematic, assessed.Disciplines[MaturityRules.Measurement]);
    }

    [Fact]
    public void TheLoopClosedAndTheDriversKnown_Elevate_AndEverythingSystematic_Differentiates()
    {
        var elevate = MaturityRules.Assess(Values(loop: 0.75, analyses: 2, rest: 1000));
        var differentiate = MaturityRules.Assess(Values(loop: 0.95, analyses: 4, rest: 1000));

        Assert.Equal(Phase.Elevate, elevate.Phase);
        Assert.Equal("Elevate: the loop is closed in time and what drives customers is known; not yet systematic: governance, measurement.", elevate.PhaseReason);
        Assert.Equal(Phase.Differentiate, differentiate.Phase);
        Assert.All(differentiate.Disciplines.Values, r => Assert.Equal(Rating.Systematic, r));
    }
}
