using MathNet.Numerics.Distributions;

namespace Cx.Measurement.Domain.Statistics;

/// <summary>The mean of answers with its t interval, e.g. CES on 1–7.</summary>
public sealed record Mean(int N, double? Value, double? StandardDeviation, Interval? Interval)
{
    /// <summary>From how many answers gave each value (a distribution), without expanding it: its cost follows the distinct values, not n.</summary>
    public static Mean OfCounts(IReadOnlyList<(double Value, long Count)> counts, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = counts.Sum(c => c.Count);
        if (n == 0)
        {
            return new Mean(0, null, null, null);
        }

        var mean = counts.Sum(c => c.Count * c.Value) / n;
        if (n == 1)
        {
            return new Mean(1, mean, null, null);
        }

        var sd = Math.Sqrt(counts.Sum(c => c.Count * (c.Value - mean) * (c.Value - mean)) / (n - 1));
        var t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2));
        var half = t * sd / Math.Sqrt(n);
        return new Mean(checked((int)n), mean, sd, new Interval(mean - half, mean + half, confidence));
    }
}
