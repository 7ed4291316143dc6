using MathNet.Numerics.Distributions;

namespace Cx.Measurement.Domain.Statistics;

/// <summary>Why a change carries no significance call.</summary>
public enum NoCall
{
    /// <summary>A call was made: <see cref="Change.Significant"/> is it.</summary>
    None,

    /// <summary>A period has fewer answers than a change is called on.</summary>
    LowN,

    /// <summary>Neither period varies, so there is no standard error to test the move against.</summary>
    ZeroVariance,
}

/// <summary>
/// How a figure moved between two periods or segments: the difference with its interval, the test
/// that judged it (its statistic, p-value and, for t, degrees of freedom), and whether the move is
/// significant. Nothing acts on a move that is not, nor on one the test could not call.
/// </summary>
/// <param name="Interval">Null when neither period varies: a zero-width interval would claim certainty the data lack.</param>
/// <param name="Statistic">z, or t for <see cref="WelchT"/>; null when undefined.</param>
/// <param name="PValue">Two-sided; null when the test cannot be computed.</param>
public sealed record Change(
    double Difference,
    Interval? Interval,
    double? Statistic,
    double? PValue,
    double Confidence,
    string Test,
    double? DegreesOfFreedom,
    NoCall NoCall,
    string NoCallDetail)
{
    /// <summary>
    /// Below this n in either period no change is called: the same n below which a result is shown
    /// but never acted on, and where the normal approximations behind the z tests stop holding.
    /// </summary>
    public const int MinimumN = 30;

    public const string WelchT = "welch_t";
    public const string TwoProportionZPooled = "two_proportion_z_pooled";
    public const string NpsDifferenceZ = "nps_difference_z";

    public bool Significant => NoCall == NoCall.None && PValue is { } p && p < 1 - Confidence;

    /// <summary>
    /// NPS now against NPS before, in points: z on the adjusted Wald estimates with each period's own
    /// standard error. Equal NPS does not mean equal shares of promoters and detractors, so there is
    /// no common distribution to pool under the null.
    /// </summary>
    public static Change? Between(NetPromoterScore now, NetPromoterScore before, double confidence = Statistics.Confidence.Default, int minimumN = MinimumN)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        if (now.AdjustedScore is not { } a || before.AdjustedScore is not { } b)
        {
            return null;
        }

        var difference = 100 * (a - b);
        var lowN = LowN(now.N, before.N, minimumN);
        // The adjustment would give a standard error even here; it is the answers that do not vary.
        if (lowN is null && now.Variance == 0 && before.Variance == 0)
        {
            return ZeroVariance(difference, confidence, NpsDifferenceZ);
        }

        var se = 100 * Math.Sqrt((now.AdjustedStandardError!.Value * now.AdjustedStandardError.Value) + (before.AdjustedStandardError!.Value * before.AdjustedStandardError.Value));
        return NormalTest(difference, difference / se, se, confidence, NpsDifferenceZ, lowN);
    }

    /// <summary>
    /// A share now against a share before, in points. The test of no difference uses the pooled
    /// standard error (under that null both periods share one proportion, best estimated from both);
    /// the interval of the difference uses each period's own, since it does not assume the shares equal.
    /// </summary>
    public static Change? Between(Proportion now, Proportion before, double confidence = Statistics.Confidence.Default, int minimumN = MinimumN)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        if (now.N == 0 || before.N == 0)
        {
            return null;
        }

        var p1 = (double)now.Successes / now.N;
        var p2 = (double)before.Successes / before.N;
        var difference = 100 * (p1 - p2);
        var lowN = LowN(now.N, before.N, minimumN);
        if (p1 is 0 or 1 && p2 is 0 or 1)
        {
            return lowN is null ? ZeroVariance(difference, confidence, TwoProportionZPooled) : Uncomputable(difference, confidence, TwoProportionZPooled, lowN);
        }

        var pooled = (double)(now.Successes + before.Successes) / (now.N + before.N);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / now.N) + (1.0 / before.N)));
        var unpooledSe = 100 * Math.Sqrt((p1 * (1 - p1) / now.N) + (p2 * (1 - p2) / before.N));
        return NormalTest(difference, (p1 - p2) / pooledSe, unpooledSe, confidence, TwoProportionZPooled, lowN);
    }

    /// <summary>
    /// A mean now against a mean before, in the mean's unit: Welch's t with Welch–Satterthwaite
    /// degrees of freedom. Each period's mean has a t interval, so their difference is judged on t too,
    /// without assuming the two variances equal.
    /// </summary>
    public static Change? Between(Mean now, Mean before, double confidence = Statistics.Confidence.Default, int minimumN = MinimumN)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        if (now.Value is not { } m1 || before.Value is not { } m2)
        {
            return null;
        }

        var difference = m1 - m2;
        // A variance needs two answers, whatever minimum the caller asks for.
        var lowN = LowN(now.N, before.N, Math.Max(minimumN, 2));
        if (now.StandardDeviation is not { } sd1 || before.StandardDeviation is not { } sd2)
        {
            return Uncomputable(difference, confidence, WelchT, lowN!);
        }

        var v1 = sd1 * sd1 / now.N;
        var v2 = sd2 * sd2 / before.N;
        if (v1 == 0 && v2 == 0)
        {
            return lowN is null ? ZeroVariance(difference, confidence, WelchT) : Uncomputable(difference, confidence, WelchT, lowN);
        }

        var se = Math.Sqrt(v1 + v2);
        var df = (v1 + v2) * (v1 + v2) / ((v1 * v1 / (now.N - 1)) + (v2 * v2 / (before.N - 1)));
        var t = difference / se;
        var half = StudentTDistribution.Critical(confidence, df) * se;
        return new Change(difference, new Interval(difference - half, difference + half, confidence), t, StudentTDistribution.TwoSidedP(t, df), confidence, WelchT, df, lowN is null ? NoCall.None : NoCall.LowN, lowN ?? string.Empty);
    }

    private static string? LowN(int now, int before, int minimumN) =>
        now < minimumN || before < minimumN
            ? $"Too few answers to call a change: n = {now} now and {before} before; a call needs at least {minimumN} in each period."
            : null;

    private static Change NormalTest(double difference, double z, double standardError, double confidence, string test, string? lowN)
    {
        var half = Statistics.Confidence.Z(confidence) * standardError;
        var p = 2 * Normal.CDF(0, 1, -Math.Abs(z));
        return new Change(difference, new Interval(difference - half, difference + half, confidence), z, p, confidence, test, null, lowN is null ? NoCall.None : NoCall.LowN, lowN ?? string.Empty);
    }

    private static Change ZeroVariance(double difference, double confidence, string test) =>
        new(difference, null, null, null, confidence, test, null, NoCall.ZeroVariance,
            "Neither period varies (every answer on the same side), so there is no standard error to test the move against.");

    private static Change Uncomputable(double difference, double confidence, string test, string lowN) =>
        new(difference, null, null, null, confidence, test, null, NoCall.LowN, lowN);
}
