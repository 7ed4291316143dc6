using MathNet.Numerics.Distributions;

namespace Cx.Strategy.Domain.Targets;

/// <summary>A trend's value at a moment, with the interval of the fitted line there.</summary>
public sealed record Projected(double Value, double Lower, double Upper, int Points);

/// <summary>
/// Carries a trend to a deadline: the least-squares line through (time, score) points, and its
/// value at the deadline with the confidence interval of the line's mean there,
/// ŷ ± t(k−2) · s · √(1/k + (x − x̄)² / Sxx), where s² is the residuals' sum of squares over k − 2.
/// Below three points there is no line to trust, and none is drawn.
/// </summary>
public static class TrendProjection
{
    public const int MinimumPoints = 3;

    public static Projected? At(IReadOnlyList<(DateTimeOffset At, double Score)> points, DateTimeOffset deadline, double confidence)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < MinimumPoints)
        {
            return null;
        }

        // Days from the first point: small numbers, so the sums lose nothing.
        var origin = points[0].At;
        var x = points.Select(p => (p.At - origin).TotalDays).ToArray();
        var y = points.Select(p => p.Score).ToArray();
        var k = points.Count;
        var meanX = x.Average();
        var meanY = y.Average();
        var sxx = x.Sum(v => (v - meanX) * (v - meanX));
        if (sxx == 0)
        {
            return null;
        }

        var slope = x.Zip(y).Sum(p => (p.First - meanX) * (p.Second - meanY)) / sxx;
        var intercept = meanY - (slope * meanX);
        var residuals = x.Zip(y).Sum(p => Math.Pow(p.Second - (intercept + (slope * p.First)), 2));
        var s = Math.Sqrt(residuals / (k - 2));
        var at = (deadline - origin).TotalDays;
        var value = intercept + (slope * at);
        var half = StudentT.InvCDF(0, 1, k - 2, 1 - ((1 - confidence) / 2)) * s * Math.Sqrt((1.0 / k) + ((at - meanX) * (at - meanX) / sxx));
        return new Projected(value, value - half, value + half, k);
    }
}
