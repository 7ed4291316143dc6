namespace Cx.Measurement.Domain.Statistics;

/// <summary>
/// Pearson's correlation with its Fisher-z interval. A link is significant only when its interval
/// excludes zero.
/// </summary>
public sealed record Correlation(int N, double R, Interval Interval, bool Significant)
{
    /// <summary>The fewest pairs a correlation is reported for.</summary>
    public const int MinimumN = 10;

    /// <returns>Null when a side has no variance (the correlation is undefined).</returns>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinimumN"/> pairs, or sides of different lengths.</exception>
    public static Correlation? Of(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < MinimumN)
        {
            throw new ArgumentException($"A correlation needs two sides of equal length, at least {MinimumN} pairs.", nameof(x));
        }

        var n = x.Count;
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        if (sxx == 0 || syy == 0)
        {
            return null;
        }

        var r = Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
        var z = Math.Atanh(Math.Clamp(r, -0.9999999, 0.9999999));
        var half = Confidence.Z(confidence) / Math.Sqrt(n - 3);
        var interval = new Interval(Math.Tanh(z - half), Math.Tanh(z + half), confidence);
        return new Correlation(n, r, interval, interval.Lower > 0 || interval.Upper < 0);
    }
}
