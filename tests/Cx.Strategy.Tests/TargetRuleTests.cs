using Cx.Strategy.Domain.Targets;

namespace Cx.Strategy.Tests;

/// <summary>The interval rule, each status at and either side of its boundary, with the path worked out here by hand.</summary>
public sealed class TargetRuleTests
{
    private static readonly DateTimeOffset SetAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = SetAt.AddDays(100);

    // From 20 to 30 over 100 days: 25 at day 50, 24 at day 40.
    private static readonly TargetTerms Rising = new(30, HigherIsBetter: true, SetAt, Deadline, BaselineScore: 20, MinimumN: 30);

    private static DateTimeOffset Day(int day) => SetAt.AddDays(day);

    [Theory]
    [InlineData(0, 20.0)]
    [InlineData(40, 24.0)]
    [InlineData(50, 25.0)]
    [InlineData(100, 30.0)]
    [InlineData(130, 30.0)]
    public void ThePath_RunsStraightFromTheBaselineToTheTarget(int day, double expected) =>
        Assert.Equal(expected, TargetRule.PathAt(Rising, Day(day)), 9);

    [Fact]
    public void WithoutABaseline_ThePathIsTheTargetThroughout() =>
        Assert.Equal(30, TargetRule.PathAt(Rising with { BaselineScore = null }, Day(10)));

    [Theory]
    // At day 50 the path is 25: the lower bound touching it is on track, a hair below is too close.
    [InlineData(25.0, 28.0, Standing.OnTrack)]
    [InlineData(24.999, 28.0, Standing.TooCloseToCall)]
    // The upper bound touching the path is not yet a miss; a hair below is.
    [InlineData(21.0, 25.0, Standing.TooCloseToCall)]
    [InlineData(21.0, 24.999, Standing.AtRisk)]
    // The lower bound touching the target itself is met, whatever the day.
    [InlineData(30.0, 34.0, Standing.Met)]
    [InlineData(29.999, 34.0, Standing.OnTrack)]
    public void HigherIsBetter_TheIntervalAgainstThePathAndTheTarget(double lower, double upper, Standing expected)
    {
        var judged = TargetRule.Judge(Rising, new Measured(100, (lower + upper) / 2, lower, upper), Day(50));

        Assert.Equal(expected, judged.Standing);
        Assert.Equal(25, judged.PathValue, 9);
    }

    [Theory]
    // Effort from 5 down to 3 over 100 days: 4 at day 50.
    [InlineData(3.5, 4.0, Standing.OnTrack)]
    [InlineData(3.5, 4.001, Standing.TooCloseToCall)]
    [InlineData(4.0, 4.5, Standing.TooCloseToCall)]
    [InlineData(4.001, 4.5, Standing.AtRisk)]
    [InlineData(2.5, 3.0, Standing.Met)]
    public void LowerIsBetter_IsTheMirror(double lower, double upper, Standing expected)
    {
        var falling = new TargetTerms(3, HigherIsBetter: false, SetAt, Deadline, BaselineScore: 5, MinimumN: 30);

        Assert.Equal(expected, TargetRule.Judge(falling, new Measured(100, (lower + upper) / 2, lower, upper), Day(50)).Standing);
    }

    [Theory]
    [InlineData(29, 100, Standing.NotEnoughData)]
    [InlineData(30, 100, Standing.Met)]
    public void BelowTheMinimumN_NoCallIsMade_EvenOnAClearInterval(long n, double lower, Standing expected) =>
        Assert.Equal(expected, TargetRule.Judge(Rising, new Measured(n, lower + 1, lower, lower + 2), Day(50)).Standing);

    [Fact]
    public void NoScore_IsNotEnoughData() =>
        Assert.Equal(Standing.NotEnoughData, TargetRule.Judge(Rising, new Measured(0, null, 0, 0), Day(50)).Standing);

    [Theory]
    [InlineData(26.0, 29.999, Standing.Missed)]
    [InlineData(26.0, 30.0, Standing.TooCloseToCall)]
    [InlineData(30.0, 33.0, Standing.Met)]
    public void PastTheDeadline_TheIntervalAgainstTheTargetItself(double lower, double upper, Standing expected) =>
        Assert.Equal(expected, TargetRule.Judge(Rising, new Measured(100, (lower + upper) / 2, lower, upper), Deadline).Standing);
}

/// <summary>The projection against a least-squares line and t quantile worked out by hand.</summary>
public sealed class TrendProjectionTests
{
    [Fact]
    public void FourWeeks_ProjectTheirLineWithTheIntervalOfItsMean()
    {
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var points = new[] { (start, 10.0), (start.AddDays(7), 12.0), (start.AddDays(14), 13.0), (start.AddDays(21), 15.0) };

        var projected = TrendProjection.At(points, start.AddDays(35), 0.95)!;

        // x̄ = 10.5, ȳ = 12.5, Sxx = 245, Sxy = 56: slope 8/35, intercept 10.1; at day 35, 18.1.
        // Residuals −0.1, 0.3, −0.3, 0.1: s² = 0.2 / 2. Half-width t(0.975, 2) · s · √(1/4 + 24.5²/245).
        const double t = 4.302652729911275;
        var half = t * Math.Sqrt(0.1) * Math.Sqrt(0.25 + (24.5 * 24.5 / 245));
        Assert.Equal(18.1, projected.Value, 9);
        Assert.Equal(18.1 - half, projected.Lower, 6);
        Assert.Equal(18.1 + half, projected.Upper, 6);
        Assert.Equal(4, projected.Points);
    }

    [Fact]
    public void BelowThreeWeeks_NoLineIsDrawn()
    {
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

        Assert.Null(TrendProjection.At([(start, 10.0), (start.AddDays(7), 12.0)], start.AddDays(35), 0.95));
    }
}
