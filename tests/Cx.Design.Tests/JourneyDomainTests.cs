using Cx.Design.Domain.Journeys;

namespace Cx.Design.Tests;

/// <summary>The journey rules without a host: the outline's shape and which version a recorded step stands for.</summary>
public sealed class JourneyDomainTests
{
    private static readonly DateTime Day1 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ALoopAboveAStage_IsReportedAtTheStagesOnIt_NotAtTheOnesBelow()
    {
        OutlineStage[] stages = [new("a", "b"), new("b", "c"), new("c", "b"), new("top", ""), new("leaf", "a")];

        var problems = JourneyOutline.Check(stages, [new OutlineStep("s", "leaf")]);

        Assert.Equal([(JourneyOutline.Stage, 1), (JourneyOutline.Stage, 2)], problems.Select(p => (p.Kind, p.Index)));
        Assert.Equal("Stage 'b' sits within itself: b → c → b.", problems[0].Description);
    }

    [Fact]
    public void DuplicateIds_AndStepsOutsideTheStages_AreEachReported()
    {
        OutlineStage[] stages = [new("a", ""), new("a", ""), new("b", "missing")];
        OutlineStep[] steps = [new("s", "a"), new("s", "b"), new("t", "")];

        var problems = JourneyOutline.Check(stages, steps);

        Assert.Equal(
            [(JourneyOutline.Stage, 1), (JourneyOutline.Stage, 2), (JourneyOutline.Step, 1), (JourneyOutline.Step, 2)],
            problems.Select(p => (p.Kind, p.Index)));
    }

    [Fact]
    public void Ancestry_ListsTheStagesFromTheOutermost()
    {
        OutlineStage[] stages = [new("phase", ""), new("buy", "phase"), new("pay", "buy")];

        Assert.Equal(["phase", "buy", "pay"], JourneyOutline.Ancestry("pay", stages));
        Assert.Equal(["phase"], JourneyOutline.Ancestry("phase", stages));
    }

    [Theory]
    [InlineData(-5, 1)] // before any publication: the first published
    [InlineData(0, 1)] // the moment of publication counts
    [InlineData(15, 2)] // in force
    [InlineData(25, 2)] // version 3 does not hold it: the latest earlier one that did
    public void TheVersionInForce_ElseTheLatestEarlierHolder(int day, int expected)
    {
        PublishedVersion[] versions = [new(1, Day1, true), new(2, Day1.AddDays(10), true), new(3, Day1.AddDays(20), false)];

        Assert.Equal(expected, StepResolution.VersionFor(versions, Day1.AddDays(day)));
    }

    [Fact]
    public void AStepDrawnLater_ResolvesToTheFirstVersionThatHoldsIt_AndOneNeverPublished_ToNothing()
    {
        PublishedVersion[] added = [new(1, Day1, false), new(2, Day1.AddDays(10), false), new(3, Day1.AddDays(20), true)];
        PublishedVersion[] never = [new(1, Day1, false)];

        Assert.Equal(3, StepResolution.VersionFor(added, Day1.AddDays(5)));
        Assert.Null(StepResolution.VersionFor(never, Day1));
        Assert.Null(StepResolution.VersionFor([], Day1));
    }
}
