namespace Cx.Measurement.Domain.Statistics;

/// <summary>
/// How a figure moved between two periods or segments: the difference with its interval, z, and
/// whether the move is significant (|z| above the critical value). Nothing acts on a move that is not.
/// </summary>
public sealed record Change(double Difference, Interval Interval, double Z, bool Significant)
{
    /// <summary>NPS now against NPS before, on the adjusted Wald estimates, in points.</summary>
    public static Change? Between(NetPromoterScore now, NetPromoterScore before, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        if (now.AdjustedScore is not { } a || before.AdjustedScore is not { } b)
        {
            return null;
        }

        var se = Math.Sqrt((now.AdjustedStandardError!.Value * now.AdjustedStandardError.Value) + (before.AdjustedStandardError!.Value * before.AdjustedStandardError.Value));
        return Build(100 * (a - b), 100 * se, confidence);
    }

    /// <summary>A share now against a share before (two-proportion z with the unpooled standard error), in points.</summary>
    public static Change? Between(Proportion now, Proportion before, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        if (now.N == 0 || before.N == 0)
        {
            return null;
        }

        var p1 = (double)now.Successes / now.N;
        var p2 = (double)before.Successes / before.N;
        var se = Math.Sqrt((p1 * (1 - p1) / now.N) + (p2 * (1 - p2) / before.N));
        return Build(100 * (p1 - p2), 100 * se, confidence);
    }

    /// <summary>A mean now against a mean before (Welch's standard error), in the mean's unit.</summary>
    public static Change? Between(Mean now, Mean before, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        if (now.StandardDeviation is not { } sdNow || before.StandardDeviation is not { } sdBefore)
        {
            return null;
        }

        var se = Math.Sqrt((sdNow * sdNow / now.N) + (sdBefore * sdBefore / before.N));
        return Build(now.Value!.Value - before.Value!.Value, se, confidence);
    }

    private static Change Build(double difference, double standardError, double confidence)
    {
        var critical = Confidence.Z(confidence);
        var z = standardError == 0 ? (difference == 0 ? 0 : double.PositiveInfinity * Math.Sign(difference)) : difference / standardError;
        return new Change(difference, new Interval(difference - (critical * standardError), difference + (critical * standardError), confidence), z, Math.Abs(z) > critical);
    }
}
