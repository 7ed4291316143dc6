using Cx.Domain.Errors;
using Cx.Measurement.Domain.Statistics;

namespace Cx.Measurement.Tests;

/// <summary>Every expected value is computed here from the published formula, not read from the code under test.</summary>
public sealed class MetricFormulaTests
{
    private const double Z95 = 1.959963984540054;

    private static int?[] Answers(int promoters, int passives, int detractors, int skipped = 0) =>
        [.. Enumerable.Repeat<int?>(10, promoters), .. Enumerable.Repeat<int?>(8, passives), .. Enumerable.Repeat<int?>(3, detractors), .. Enumerable.Repeat<int?>(null, skipped)];

    [Fact]
    public void Nps_TenPromotersFivePassivesFiveDetractors_ScoreAndAdjustedWaldInterval()
    {
        var nps = NetPromoterScore.Of(Answers(10, 5, 5, skipped: 4));

        Assert.Equal(20, nps.N);
        Assert.Equal(25.0, nps.Score!.Value, 10);
        var nAdj = 23.0;
        var p = 10.75 / nAdj;
        var d = 5.75 / nAdj;
        var se = Math.Sqrt((p + d - ((p - d) * (p - d))) / nAdj);
        Assert.Equal(100 * (p - d - (Z95 * se)), nps.Interval!.Value.Lower, 9);
        Assert.Equal(100 * (p - d + (Z95 * se)), nps.Interval.Value.Upper, 9);
        Assert.Equal(100 * 100 * ((0.5 + 0.25) - (0.25 * 0.25)) / 20, nps.Variance!.Value, 9);
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(10, true)]
    [InlineData(7, false)]
    [InlineData(8, false)]
    [InlineData(6, false)]
    [InlineData(0, false)]
    public void Nps_Boundaries_ClassifyAsPublished(int answer, bool promoter)
    {
        var nps = NetPromoterScore.Of([answer]);

        Assert.Equal(promoter ? 1 : 0, nps.Promoters);
        Assert.Equal(answer is 7 or 8 ? 1 : 0, nps.Passives);
        Assert.Equal(answer <= 6 ? 1 : 0, nps.Detractors);
    }

    [Fact]
    public void Nps_NobodyAnswered_IsUndefinedNotZero()
    {
        var nps = NetPromoterScore.Of([null, null]);

        Assert.Equal((0, (double?)null, (Interval?)null), (nps.N, nps.Score, nps.Interval));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(-1)]
    public void Nps_AnswerOffTheScale_IsAValidationError(int answer)
    {
        var error = Assert.Throws<ValidationFailedException>(() => NetPromoterScore.Of([5, answer]));

        Assert.Equal("answers", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Nps_ThousandAnswersAtTheWorstCase_IntervalIsAboutFivePoints()
    {
        // Half promoters, half detractors is the widest case; 1,000 answers give about ±6 points, 1,537 about ±5.
        var nps = NetPromoterScore.FromCounts(769, 0, 768);

        Assert.InRange(nps.Interval!.Value.Width / 2, 4.9, 5.1);
    }

    [Fact]
    public void Wilson_EightOfTen_MatchesTheClosedForm()
    {
        var share = Proportion.Of(8, 10);

        double n = 10, phat = 0.8, z2 = Z95 * Z95;
        var centre = (phat + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z95 * Math.Sqrt((phat * (1 - phat) / n) + (z2 / (4 * n * n))) / (1 + (z2 / n));
        Assert.Equal(80.0, share.Percent!.Value, 10);
        Assert.Equal(100 * (centre - half), share.Interval!.Value.Lower, 9);
        Assert.Equal(100 * (centre + half), share.Interval.Value.Upper, 9);
        Assert.Equal(49.02, share.Interval.Value.Lower, 1);
        Assert.Equal(94.33, share.Interval.Value.Upper, 1);
    }

    [Fact]
    public void Wilson_AllSuccesses_StaysWithinTheScale()
    {
        var share = Proportion.Of(5, 5);

        Assert.Equal(100.0, share.Interval!.Value.Upper, 9);
        Assert.InRange(share.Interval.Value.Lower, 50, 60);
    }

    [Fact]
    public void Mean_FiveCesAnswers_TInterval()
    {
        var mean = Mean.OfCounts([(3.0, 1), (4, 1), (5, 1), (6, 1), (7, 1)]);

        var sd = Math.Sqrt((((3 - 5.0) * (3 - 5.0)) + 0 + 1 + 4 + 1) / 4);
        var t = 2.7764451051977987; // Student t, 4 degrees of freedom, 97.5th percentile
        Assert.Equal(5.0, mean.Value!.Value, 12);
        Assert.Equal(sd, mean.StandardDeviation!.Value, 12);
        Assert.Equal(5.0 - (t * sd / Math.Sqrt(5)), mean.Interval!.Value.Lower, 9);
        Assert.Equal(5.0 + (t * sd / Math.Sqrt(5)), mean.Interval.Value.Upper, 9);
    }

    [Fact]
    public void Mean_FromCounts_IsTheMeanOfTheAnswersOneByOne()
    {
        // 1,000 answers on 1-7, as counts per point: the same as the textbook formulas over every answer.
        (double Value, long Count)[] counts = [(1, 40), (2, 60), (3, 100), (4, 150), (5, 250), (6, 250), (7, 150)];
        var answers = counts.SelectMany(c => Enumerable.Repeat(c.Value, (int)c.Count)).ToArray();
        var average = answers.Sum() / answers.Length;
        var sd = Math.Sqrt(answers.Sum(a => (a - average) * (a - average)) / (answers.Length - 1));

        var mean = Mean.OfCounts(counts);

        Assert.Equal((1_000, average), (mean.N, mean.Value!.Value));
        Assert.Equal(sd, mean.StandardDeviation!.Value, 12);
        var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 999, 0.975);
        Assert.Equal(average + (t * sd / Math.Sqrt(1_000)), mean.Interval!.Value.Upper, 12);
        Assert.Equal(new Mean(0, null, null, null), Mean.OfCounts([(1, 0), (2, 0)]));
    }

    [Fact]
    public void Change_NpsBetweenTwoPeriods_ZOnTheAdjustedEstimates()
    {
        var now = NetPromoterScore.FromCounts(300, 100, 100);
        var before = NetPromoterScore.FromCounts(200, 150, 150);

        var change = Change.Between(now, before)!;

        double Adjusted(int promoters, int detractors, int n, out double se)
        {
            var p = (promoters + 0.75) / (n + 3.0);
            var d = (detractors + 0.75) / (n + 3.0);
            se = Math.Sqrt((p + d - ((p - d) * (p - d))) / (n + 3.0));
            return p - d;
        }

        var difference = Adjusted(300, 100, 500, out var se1) - Adjusted(200, 150, 500, out var se2);
        var z = difference / Math.Sqrt((se1 * se1) + (se2 * se2));
        Assert.Equal(z, change.Statistic!.Value, 9);
        Assert.Equal(100 * difference, change.Difference, 9);
        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(z)), change.PValue!.Value, 12);
        Assert.Equal((Change.NpsDifferenceZ, NoCall.None, 0.95), (change.Test, change.NoCall, change.Confidence));
        Assert.True(change.Significant);
        Assert.Equal(100 * (difference - (Z95 * Math.Sqrt((se1 * se1) + (se2 * se2)))), change.Interval!.Value.Lower, 9);
    }

    [Fact]
    public void Change_SmallMove_IsNotSignificant()
    {
        var change = Change.Between(NetPromoterScore.FromCounts(52, 20, 28), NetPromoterScore.FromCounts(50, 20, 30))!;

        Assert.False(change.Significant);
        Assert.True(change.Interval!.Value.Contains(0));
    }

    [Fact]
    public void Change_WithAnEmptyPeriod_IsUndefined()
    {
        Assert.Null(Change.Between(NetPromoterScore.FromCounts(1, 0, 0), NetPromoterScore.FromCounts(0, 0, 0)));
    }
}
