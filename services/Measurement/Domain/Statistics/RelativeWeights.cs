using Cx.Domain.Errors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Cx.Measurement.Domain.Statistics;

/// <summary>One driver's share in explaining the outcome, and where it stands.</summary>
/// <param name="RawWeight">Its part of R²; the raw weights sum to R².</param>
/// <param name="Share">Its part of R² in percent of R²: the importance.</param>
/// <param name="Interval">Bootstrap percentile interval of the raw weight.</param>
/// <param name="Performance">The driver's mean score.</param>
/// <param name="Gap">How far the mean is below the top of the scale, 0 (at the top) to 1 (at the bottom).</param>
/// <param name="Priority">Importance × gap: where improving moves the outcome most.</param>
public sealed record DriverWeight(string Driver, double RawWeight, double Share, Interval? Interval, double Performance, double Gap, double Priority);

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

/// <summary>
/// Johnson's relative weights (2000): the drivers are replaced by their closest orthogonal
/// counterparts, the outcome is regressed on those, and R² is shared back to the drivers through
/// the loadings. Unlike plain correlations or regression weights it stays meaningful when drivers
/// correlate with each other, and it is close to the Shapley decomposition of R² at a fraction of
/// its cost. Intervals come from a seeded bootstrap, so a result can be reproduced exactly.
/// </summary>
public static class RelativeWeights
{
    public const string Method = "Johnson's relative weights; bootstrap percentile intervals";

    /// <summary>The smallest n the analysis accepts for <paramref name="drivers"/> drivers: 10 per driver, at least 30.</summary>
    public static int MinimumN(int drivers) => Math.Max(30, 10 * drivers);

    /// <param name="drivers">The drivers' names, in the order of each row's values.</param>
    /// <param name="rows">Per response, the drivers' scores.</param>
    /// <param name="outcome">Per response, the outcome (e.g. likelihood to recommend).</param>
    /// <param name="scaleMin">Bottom of the drivers' scale, for the performance gap.</param>
    /// <param name="scaleMax">Top of the drivers' scale.</param>
    /// <exception cref="ValidationFailedException">Rows and outcome do not match the drivers.</exception>
    /// <exception cref="PreconditionFailedException">Too few responses, or a driver without variance or duplicating others.</exception>
    public static DriverAnalysis Analyse(
        IReadOnlyList<string> drivers,
        IReadOnlyList<double[]> rows,
        IReadOnlyList<double> outcome,
        double scaleMin,
        double scaleMax,
        int bootstrapSamples = 1000,
        int seed = 1,
        double confidence = Confidence.Default) =>
        Analyse(drivers, rows, outcome, drivers?.Select(_ => (scaleMin, scaleMax)).ToArray() ?? [], bootstrapSamples, seed, confidence);

    /// <param name="scales">Per driver, the bottom and top of its scale, for its performance gap.</param>
    public static DriverAnalysis Analyse(
        IReadOnlyList<string> drivers,
        IReadOnlyList<double[]> rows,
        IReadOnlyList<double> outcome,
        IReadOnlyList<(double Min, double Max)> scales,
        int bootstrapSamples = 1000,
        int seed = 1,
        double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(outcome);
        var p = drivers.Count;
        new Validator()
            .Require(p > 0, "drivers", "At least one driver is needed.")
            .Require(rows.Count == outcome.Count, "outcome", $"One outcome per row is needed ({rows.Count} rows, {outcome.Count} outcomes).")
            .Require(rows.All(r => r.Length == p), "rows", $"Every row has one score per driver ({p}).")
            .Require(scales is not null && scales.Count == p && scales.All(s => s.Max > s.Min), "scale_max", "Every driver's scale has its top above its bottom.")
            .Require(bootstrapSamples >= 0, "bootstrap_samples", "Must not be negative.")
            .ThrowIfInvalid();

        var n = rows.Count;
        if (n < MinimumN(p))
        {
            throw new PreconditionFailedException("INSUFFICIENT_N", "driver analysis",
                $"A driver analysis of {p} driver(s) needs at least {MinimumN(p)} responses; there are {n}.");
        }

        var data = Matrix<double>.Build.Dense(n, p + 1, (i, j) => j < p ? rows[i][j] : outcome[i]);
        var correlations = Correlate(data);
        var weights = Weights(correlations, p) ?? throw Degenerate(drivers, data);

        var samples = Bootstrap(data, p, bootstrapSamples, seed);
        var alpha = 1 - confidence;
        var rSquared = weights.Sum();
        var results = new List<DriverWeight>(p);
        for (var j = 0; j < p; j++)
        {
            Interval? interval = samples.Count == 0 ? null : new Interval(
                Quantile(samples.Select(s => s[j]).Order().ToArray(), alpha / 2),
                Quantile(samples.Select(s => s[j]).Order().ToArray(), 1 - (alpha / 2)),
                confidence);
            var share = rSquared > 0 ? 100 * weights[j] / rSquared : 0;
            var performance = data.Column(j).Average();
            var (scaleMin, scaleMax) = scales![j];
            var gap = Math.Clamp((scaleMax - performance) / (scaleMax - scaleMin), 0, 1);
            results.Add(new DriverWeight(drivers[j], weights[j], share, interval, performance, gap, share * gap));
        }

        return new DriverAnalysis(Method, n, rSquared, results, correlations.ToArray(), samples.Count, seed);
    }

    /// <summary>Raw relative weights from a correlation matrix whose last row and column are the outcome; null when degenerate.</summary>
    internal static double[]? Weights(Matrix<double> correlations, int p)
    {
        var rxx = correlations.SubMatrix(0, p, 0, p);
        var rxy = correlations.SubMatrix(0, p, p, 1).Column(0);
        if (rxx.Enumerate().Any(double.IsNaN) || rxy.Enumerate().Any(double.IsNaN))
        {
            return null;
        }

        var evd = rxx.Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Real();
        if (eigenvalues.Minimum() < 1e-10)
        {
            return null;
        }

        // Λ = V·diag(√λ)·Vᵀ = Rxx^½ relates the drivers to their orthogonal counterparts.
        var lambda = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalVector(eigenvalues.PointwiseSqrt()) * evd.EigenVectors.Transpose();
        var beta = lambda.Solve(rxy);
        var loadings = lambda.PointwisePower(2);
        return (loadings * beta.PointwisePower(2)).ToArray();
    }

    private static Matrix<double> Correlate(Matrix<double> data)
    {
        var columns = data.ColumnCount;
        var n = data.RowCount;
        var means = Enumerable.Range(0, columns).Select(j => data.Column(j).Average()).ToArray();
        var centred = Matrix<double>.Build.Dense(n, columns, (i, j) => data[i, j] - means[j]);
        var covariance = centred.TransposeThisAndMultiply(centred);
        return Matrix<double>.Build.Dense(columns, columns, (i, j) => covariance[i, j] / Math.Sqrt(covariance[i, i] * covariance[j, j]));
    }

    private static List<double[]> Bootstrap(Matrix<double> data, int p, int samples, int seed)
    {
        var random = new Random(seed);
        var n = data.RowCount;
        var results = new List<double[]>(samples);
        var resample = Matrix<double>.Build.Dense(n, data.ColumnCount);
        for (var b = 0; b < samples; b++)
        {
            for (var i = 0; i < n; i++)
            {
                resample.SetRow(i, data.Row(random.Next(n)));
            }

            // A resample in which a driver happens to be constant has no weights; it is left out.
            if (Weights(Correlate(resample), p) is { } weights)
            {
                results.Add(weights);
            }
        }

        return results;
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private static PreconditionFailedException Degenerate(IReadOnlyList<string> drivers, Matrix<double> data)
    {
        for (var j = 0; j < drivers.Count; j++)
        {
            var column = data.Column(j);
            if (column.Maximum() == column.Minimum())
            {
                return new PreconditionFailedException("NO_VARIANCE", drivers[j], $"The driver {drivers[j]} has the same score in every response, so it cannot explain anything.");
            }
        }

        var outcome = data.Column(drivers.Count);
        return outcome.Maximum() == outcome.Minimum()
            ? new PreconditionFailedException("NO_VARIANCE", "outcome", "The outcome has the same value in every response: there is nothing to explain.")
            : new PreconditionFailedException("COLLINEAR_DRIVERS", string.Join(",", drivers), "Some drivers are exact combinations of others; drop the duplicates.");
    }
}
