using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Domain.Statistics;

namespace Cx.Measurement.Tests;

/// <summary>
/// The tests behind a change's significance call. Expected values come from the formulas written out
/// here (Abramowitz and Stegun's closed forms of the t distribution for whole degrees of freedom,
/// Welch–Satterthwaite, the pooled and unpooled two-proportion z), from printed t tables, or from
/// MathNet's independent t distribution where the degrees of freedom are fractional.
/// </summary>
public sealed class ChangeSignificanceTests
{
    private const double Z95 = 1.959963984540054;

    /// <summary>P(|T| ≥ t) for whole ν by A&amp;S 26.7.3–4: a finite series in θ = atan(t/√ν).</summary>
    private static double ClosedFormTwoSidedP(double t, int nu)
    {
        var theta = Math.Atan(Math.Abs(t) / Math.Sqrt(nu));
        double sin = Math.Sin(theta), cos = Math.Cos(theta), cos2 = cos * cos;
        double inside;
        if (nu % 2 == 0)
        {
            double term = 1, sum = 1;
            for (var k = 2; k <= nu - 2; k += 2)
            {
                term *= cos2 * (k - 1) / k;
                sum += term;
            }

            inside = sin * sum;
        }
        else
        {
            double term = 1, sum = nu > 1 ? 1 : 0;
            for (var k = 3; k <= nu - 2; k += 2)
            {
                term *= cos2 * (k - 1) / k;
                sum += term;
            }

            inside = 2 / Math.PI * (theta + (sin * cos * sum));
        }

        return 1 - inside;
    }

    private static (double Mean, double Variance) Sample(double[] values)
    {
        var mean = values.Average();
        return (mean, values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static Mean MeanOf(params double[] values) =>
        Mean.OfCounts([.. values.GroupBy(v => v).Select(g => (g.Key, (long)g.Count()))]);

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(2.5, 1)]
    [InlineData(1.0, 2)]
    [InlineData(0.3, 3)]
    [InlineData(2.0, 4)]
    [InlineData(2.236, 8)]
    [InlineData(3.1, 9)]
    [InlineData(0.01, 10)]
    [InlineData(2.228, 10)]
    [InlineData(1.7, 29)]
    [InlineData(4.5, 30)]
    [InlineData(-2.0, 12)]
    public void TDistribution_WholeDegreesOfFreedom_MatchesTheClosedForm(double t, int nu)
    {
        Assert.Equal(ClosedFormTwoSidedP(t, nu), StudentTDistribution.TwoSidedP(t, nu), 12);
        var tail = ClosedFormTwoSidedP(t, nu) / 2;
        Assert.Equal(t >= 0 ? 1 - tail : tail, StudentTDistribution.Cdf(t, nu), 12);
    }

    [Theory]
    [InlineData(2.228, 10, 0.05)]
    [InlineData(2.086, 20, 0.05)]
    [InlineData(2.042, 30, 0.05)]
    [InlineData(3.169, 10, 0.01)]
    [InlineData(12.706, 1, 0.05)]
    [InlineData(1.96, 1e6, 0.05)]
    public void TDistribution_PrintedTables(double t, double nu, double p)
    {
        // The tables round t to three decimals, which moves p in its fourth.
        Assert.Equal(p, StudentTDistribution.TwoSidedP(t, nu), 3);
        Assert.InRange(StudentTDistribution.TwoSidedP(t, nu), p - 2e-4, p + 2e-4);
    }

    [Fact]
    public void TDistribution_ManyDegreesOfFreedom_TendsToTheNormal()
    {
        // 2·Φ(−1.96), with the normal tail from MathNet; at ν = 10⁶ the t tail is larger by about 10⁻⁷.
        var normal = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -1.96);
        var p = StudentTDistribution.TwoSidedP(1.96, 1e6);
        Assert.InRange(p - normal, 0, 1e-6);
    }

    [Theory]
    [InlineData(2.1, 7.3)]
    [InlineData(0.4, 3.5)]
    [InlineData(1.5, 25.5)]
    [InlineData(5.0, 1.2)]
    [InlineData(1.96, 1e6)]
    public void TDistribution_FractionalDegreesOfFreedom_AgreesWithAnIndependentImplementation(double t, double nu)
    {
        var expected = 2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, nu, -t);
        Assert.Equal(expected, StudentTDistribution.TwoSidedP(t, nu), 9);
    }

    [Theory]
    [InlineData(0.95, 10, 2.228138851986)]
    [InlineData(0.95, 1, 12.706204736175)]
    [InlineData(0.99, 5, 4.032142983558)]
    public void TDistribution_CriticalValue_MatchesTheTables(double confidence, double nu, double expected)
    {
        Assert.Equal(expected, StudentTDistribution.Critical(confidence, nu), 8);
    }

    [Fact]
    public void Welch_TheIssuesCase_IsNotSignificantAtNinetyFivePercent()
    {
        double[] now = [3, 3, 4, 2, 3], before = [1, 2, 2, 3, 2];
        var (m1, s1) = Sample(now);
        var (m2, s2) = Sample(before);
        double v1 = s1 / 5, v2 = s2 / 5;
        var t = (m1 - m2) / Math.Sqrt(v1 + v2);
        var df = (v1 + v2) * (v1 + v2) / ((v1 * v1 / 4) + (v2 * v2 / 4));

        // Judged on its own test: the minimum n of the results is lowered to what a variance needs.
        var change = Change.Between(MeanOf(now), MeanOf(before), minimumN: 2)!;

        Assert.Equal((Change.WelchT, NoCall.None), (change.Test, change.NoCall));
        Assert.Equal(2.2360679774997898, t, 12);
        Assert.Equal(8.0, df, 12);
        Assert.Equal(t, change.Statistic!.Value, 12);
        Assert.Equal(df, change.DegreesOfFreedom!.Value, 12);
        Assert.Equal(ClosedFormTwoSidedP(t, 8), change.PValue!.Value, 12);
        Assert.Equal(0.056, change.PValue.Value, 3);
        Assert.False(change.Significant);
        Assert.Equal(0.95, change.Confidence);
        Assert.True(change.Interval!.Value.Contains(0));
        // The normal z of the old test called it significant: 2.24 > 1.96.
        Assert.True(t > Z95);

        // As the service calls it, n = 5 is below the n results are acted on: the same figures, no call.
        var served = Change.Between(MeanOf(now), MeanOf(before))!;
        Assert.Equal((NoCall.LowN, false, change.PValue), (served.NoCall, served.Significant, served.PValue));
        Assert.Contains("30", served.NoCallDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void Welch_UnequalVariances_SatterthwaiteDegreesOfFreedom_AndTInterval()
    {
        double[] now = [.. Enumerable.Repeat(1.0, 20), .. Enumerable.Repeat(7.0, 20)];
        double[] before = [.. Enumerable.Repeat(5.0, 30), .. Enumerable.Repeat(6.0, 30), .. Enumerable.Repeat(7.0, 30)];
        var (m1, s1) = Sample(now);
        var (m2, s2) = Sample(before);
        double v1 = s1 / now.Length, v2 = s2 / before.Length;
        var df = (v1 + v2) * (v1 + v2) / ((v1 * v1 / (now.Length - 1)) + (v2 * v2 / (before.Length - 1)));
        var t = (m1 - m2) / Math.Sqrt(v1 + v2);
        var critical = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.975);

        var change = Change.Between(MeanOf(now), MeanOf(before))!;

        Assert.InRange(df, 39, 45); // Near the wide period's n − 1, far from the 128 of a pooled t.
        Assert.Equal(df, change.DegreesOfFreedom!.Value, 9);
        Assert.Equal(t, change.Statistic!.Value, 12);
        Assert.Equal(2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, -Math.Abs(t)), change.PValue!.Value, 9);
        Assert.Equal(m1 - m2 - (critical * Math.Sqrt(v1 + v2)), change.Interval!.Value.Lower, 8);
        Assert.Equal(m1 - m2 + (critical * Math.Sqrt(v1 + v2)), change.Interval.Value.Upper, 8);
        Assert.Equal((NoCall.None, true), (change.NoCall, change.Significant));
    }

    [Fact]
    public void Csat_TheIssuesCase_OneTwoToFiveFour_NoCall_FiniteFigures()
    {
        var scale = new MetricScale(1, 5);
        var before = MetricScoring.Compute(MetricKind.Csat, scale, [1, 1, 0, 0, 0], 0.95);
        var now = MetricScoring.Compute(MetricKind.Csat, scale, [0, 0, 0, 1, 1], 0.95);

        var served = MetricScoring.ChangeBetween(now, before, 0.95)!;
        var onItsOwn = Change.Between(now.Share!, before.Share!, minimumN: 1)!;

        foreach (var change in new[] { served, onItsOwn })
        {
            Assert.False(change.Significant);
            Assert.Equal(100.0, change.Difference);
            Assert.Null(change.Interval);
            Assert.Null(change.Statistic);
            Assert.Null(change.PValue);
            Assert.Equal(Change.TwoProportionZPooled, change.Test);
            Assert.NotEmpty(change.NoCallDetail);
        }

        Assert.Equal(NoCall.LowN, served.NoCall);
        Assert.Equal(NoCall.ZeroVariance, onItsOwn.NoCall);
    }

    [Fact]
    public void ZeroVariance_InBothPeriods_NoCall_ForEveryKind()
    {
        var means = Change.Between(MeanOf([.. Enumerable.Repeat(5.0, 40)]), MeanOf([.. Enumerable.Repeat(3.0, 40)]))!;
        var shares = Change.Between(Proportion.Of(0, 40), Proportion.Of(40, 40))!;
        var nps = Change.Between(NetPromoterScore.FromCounts(40, 0, 0), NetPromoterScore.FromCounts(0, 0, 40))!;

        Assert.All(new[] { means, shares, nps }, change =>
        {
            Assert.Equal(NoCall.ZeroVariance, change.NoCall);
            Assert.False(change.Significant);
            Assert.Null(change.PValue);
            Assert.Null(change.Interval);
            Assert.True(double.IsFinite(change.Difference));
        });
        Assert.Equal((2.0, -100.0), (means.Difference, shares.Difference));

        // One period varying is enough: Welch's df is then the other period's n − 1.
        var oneSided = Change.Between(MeanOf([.. Enumerable.Repeat(5.0, 40)]), MeanOf([.. Enumerable.Repeat(3.0, 20), .. Enumerable.Repeat(4.0, 20)]))!;
        Assert.Equal(NoCall.None, oneSided.NoCall);
        Assert.Equal(39.0, oneSided.DegreesOfFreedom!.Value, 9);
    }

    [Fact]
    public void LowN_InEitherPeriod_NoCall_EvenWhenTheTestWouldCallIt()
    {
        var change = Change.Between(Proportion.Of(20, 29), Proportion.Of(10, 40))!;

        double p1 = 20.0 / 29, p2 = 0.25, pooled = 30.0 / 69;
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / 29) + (1.0 / 40)));
        Assert.Equal(z, change.Statistic!.Value, 12);
        Assert.True(change.PValue < 0.001);
        Assert.Equal((NoCall.LowN, false), (change.NoCall, change.Significant));
        Assert.Contains("29", change.NoCallDetail, StringComparison.Ordinal);

        // A mean of one answer has no variance to test: no statistic, no p-value, still finite.
        var single = Change.Between(MeanOf(4), MeanOf(1, 2, 3), minimumN: 1)!;
        Assert.Equal((NoCall.LowN, 2.0), (single.NoCall, single.Difference));
        Assert.Null(single.PValue);
    }

    [Fact]
    public void Shares_PooledTest_UnpooledInterval()
    {
        var change = Change.Between(Proportion.Of(90, 100), Proportion.Of(70, 100))!;

        var pooled = Math.Sqrt(0.8 * 0.2 * (2.0 / 100));
        var unpooled = Math.Sqrt((0.9 * 0.1 / 100) + (0.7 * 0.3 / 100));
        Assert.Equal(0.2 / pooled, change.Statistic!.Value, 12);
        Assert.Equal(20 - (100 * Z95 * unpooled), change.Interval!.Value.Lower, 9);
        Assert.Equal(20 + (100 * Z95 * unpooled), change.Interval.Value.Upper, 9);
        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -0.2 / pooled), change.PValue!.Value, 12);
        Assert.Equal((Change.TwoProportionZPooled, true), (change.Test, change.Significant));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(1)]
    [InlineData(1000)]
    public void Wilson_NoSuccesses_LowerBoundIsExactlyZero(int n)
    {
        var share = Proportion.Of(0, n);
        var all = Proportion.Of(n, n);

        Assert.Equal(0.0, share.Interval!.Value.Lower);
        Assert.Equal(100.0, all.Interval!.Value.Upper);
        var z2 = Z95 * Z95;
        Assert.Equal(100 * z2 / n / (1 + (z2 / n)), share.Interval.Value.Upper, 9);
    }
}
