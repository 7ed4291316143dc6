namespace Cx.Measurement.Domain.Statistics;

/// <summary>One driver's share in explaining the outcome, and where it stands.</summary>
/// <param name="RawWeight">Its part of R²; the raw weights sum to R².</param>
/// <param name="Share">Its part of R² in percent of R²: the importance.</param>
/// <param name="Interval">Bootstrap percentile interval of the raw weight.</param>
/// <param name="Performance">The driver's mean score.</param>
/// <param name="Gap">How far the mean is from the best end of the scale, 0 (at it) to 1 (at the worst end).</param>
/// <param name="Priority">Importance × gap: where improving moves the outcome most.</param>
public sealed record DriverWeight(string Driver, double RawWeight, double Share, Interval? Interval, double Performance, double Gap, double Priority);

/// <summary>A driver's scale and which end of it is best, for its performance gap.</summary>
public readonly record struct DriverScale(double Min, double Max, bool HigherIsBetter = true)
{
    /// <summary>How far <paramref name="performance"/> is from the best end, as a share of the scale (0 to 1).</summary>
    public double Gap(double performance) =>
        Math.Clamp((HigherIsBetter ? Max - performance : performance - Min) / (Max - Min), 0, 1);
}

/// <summary>
/// A distinct combination of scores and how many responses gave it: the drivers' scores, then the
/// outcome. Responses on rating scales repeat a few combinations, so an analysis reads these
/// (kept up to date as responses arrive) instead of one row per response.
/// </summary>
public sealed record ScoreCombination(double[] Drivers, double Outcome, long Count);

/// <summary>A key driver analysis with everything an analyst needs to check it.</summary>
/// <param name="Correlations">The correlation matrix of the drivers, then the outcome (last row and column).</param>
public sealed record DriverAnalysis(
    string Method,
    int N,
    double RSquared,
    IReadOnlyList<DriverWeight> Drivers,
    double[,] Correlations,
    int BootstrapSamples,
    int Seed);
