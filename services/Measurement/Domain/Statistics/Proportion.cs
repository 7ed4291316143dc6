namespace Cx.Measurement.Domain.Statistics;

/// <summary>A share of answers, e.g. CSAT's top-two box or CES's share of 5–7.</summary>
public sealed record Proportion(int Successes, int N, Interval? Interval)
{
    /// <summary>The share in percent; null when nobody answered (undefined, not 0).</summary>
    public double? Percent => N == 0 ? null : 100.0 * Successes / N;

    /// <summary>
    /// The Wilson score interval, in percent. Unlike the plain (Wald) interval it stays inside
    /// 0–100 and keeps its coverage for small n and shares near 0 or 100%.
    /// </summary>
    public static Proportion Of(int successes, int n, double confidence = Confidence.Default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, successes);
        if (n == 0)
        {
            return new Proportion(0, 0, null);
        }

        var z = Confidence.Z(confidence);
        var p = (double)successes / n;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        // At k = 0 (k = n) centre and half are equal by algebra but not always in floating point; the bound is exactly 0 (100).
        var lower = successes == 0 ? 0 : 100 * (centre - half);
        var upper = successes == n ? 100 : 100 * (centre + half);
        return new Proportion(successes, n, new Interval(lower, upper, confidence));
    }
}
