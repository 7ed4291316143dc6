using MathNet.Numerics.Distributions;

namespace Cx.Measurement.Domain.Statistics;

/// <summary>The mean of answers with its t interval, e.g. CES on 1–7.</summary>
public sealed record Mean(int N, double? Value, double? StandardDeviation, Interval? Interval)
{
    public static Mean Of(IReadOnlyCollection<double> values, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n == 0)
        {
            return new Mean(0, null, null, null);
        }

        var mean = values.Average();
        if (n == 1)
        {
            return new Mean(1, mean, null, null);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2));
        var half = t * sd / Math.Sqrt(n);
        return new Mean(n, mean, sd, new Interval(mean - half, mean + half, confidence));
    }
}
