using Cx.Domain.Errors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Cx.Measurement.Domain.Statistics;

/// <summary>
/// Johnson's relative weights (2000): the drivers are replaced by their closest orthogonal
/// counterparts, the outcome is regressed on those, and R² is shared back to the drivers through
/// the loadings. Unlike plain correlations or regression weights it stays meaningful when drivers
/// correlate with each other, and it is close to the Shapley decomposition of R² at a fraction of
/// its cost.
///
/// Everything is computed from the distinct score combinations and their counts, so the cost
/// depends on how many combinations there are, not on how many responses. Intervals come from a
/// Poisson bootstrap (each response drawn a Poisson(1) number of times, so a combination given by c
/// responses a Poisson(c) number of times), seeded, over the combinations in a canonical order: the
/// same data and seed give the same result however the responses were stored or grouped.
/// </summary>
public static class RelativeWeights
{
    public const string Method = "Johnson's relative weights; Poisson bootstrap percentile intervals";

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
        Analyse(drivers, rows, outcome, drivers?.Select(_ => new DriverScale(scaleMin, scaleMax)).ToArray() ?? [], bootstrapSamples, seed, confidence);

    /// <param name="scales">Per driver, its scale and best end, for its performance gap.</param>
    public static DriverAnalysis Analyse(
        IReadOnlyList<string> drivers,
        IReadOnlyList<double[]> rows,
        IReadOnlyList<double> outcome,
        IReadOnlyList<DriverScale> scales,
        int bootstrapSamples = 1000,
        int seed = 1,
        double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(outcome);
        new Validator()
            .Require(rows.Count == outcome.Count, "outcome", $"One outcome per row is needed ({rows.Count} rows, {outcome.Count} outcomes).")
            .Require(rows.All(r => r.Length == drivers.Count), "rows", $"Every row has one score per driver ({drivers.Count}).")
            .ThrowIfInvalid();
        return Analyse(drivers, rows.Select((row, i) => new ScoreCombination(row, outcome[i], 1)).ToList(), scales, bootstrapSamples, seed, confidence);
    }

    /// <param name="combinations">The distinct score combinations and their counts (a combination may also come more than once).</param>
    /// <param name="scales">Per driver, its scale and best end, for its performance gap.</param>
    public static DriverAnalysis Analyse(
        IReadOnlyList<string> drivers,
        IReadOnlyList<ScoreCombination> combinations,
        IReadOnlyList<DriverScale> scales,
        int bootstrapSamples = 1000,
        int seed = 1,
        double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(combinations);
        var p = drivers.Count;
        new Validator()
            .Require(p > 0, "drivers", "At least one driver is needed.")
            .Require(combinations.All(c => c.Drivers.Length == p), "rows", $"Every row has one score per driver ({p}).")
            .Require(combinations.All(c => c.Count > 0), "count", "Every combination was given by at least one response.")
            .Require(scales is not null && scales.Count == p && scales.All(s => s.Max > s.Min), "scale_max", "Every driver's scale has its top above its bottom.")
            .Require(bootstrapSamples >= 0, "bootstrap_samples", "Must not be negative.")
            .ThrowIfInvalid();

        var data = Canonical(combinations);
        var n = data.Counts.Sum();
        if (n < MinimumN(p))
        {
            throw new PreconditionFailedException("INSUFFICIENT_N", "driver analysis",
                $"A driver analysis of {p} driver(s) needs at least {MinimumN(p)} responses; there are {n}.");
        }

        var counts = data.Counts.Select(c => (double)c).ToArray();
        var correlations = Correlate(data.Values, counts);
        var weights = Weights(correlations, p) ?? throw Degenerate(drivers, data.Values);

        var samples = Bootstrap(data, p, bootstrapSamples, seed);
        var alpha = 1 - confidence;
        var rSquared = weights.Sum();
        var results = new List<DriverWeight>(p);
        for (var j = 0; j < p; j++)
        {
            var sorted = samples.Select(s => s[j]).Order().ToArray();
            Interval? interval = samples.Count == 0 ? null : new Interval(Quantile(sorted, alpha / 2), Quantile(sorted, 1 - (alpha / 2)), confidence);
            var share = rSquared > 0 ? 100 * weights[j] / rSquared : 0;
            var performance = WeightedMean(data.Values.Column(j), counts);
            var gap = scales![j].Gap(performance);
            results.Add(new DriverWeight(drivers[j], weights[j], share, interval, performance, gap, share * gap));
        }

        return new DriverAnalysis(Method, checked((int)n), rSquared, results, correlations.ToArray(), samples.Count, seed);
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

    /// <summary>
    /// Identical combinations merged and sorted by their scores: the analysis, its bootstrap
    /// included, then depends on the data alone, not on how it was grouped or in which order it came.
    /// </summary>
    private static (Matrix<double> Values, long[] Counts) Canonical(IReadOnlyList<ScoreCombination> combinations)
    {
        var merged = combinations
            .GroupBy(c => c.Drivers.Append(c.Outcome).ToArray(), ScoresComparer.Instance)
            .Select(g => (Scores: g.Key, Count: g.Sum(c => c.Count)))
            .Order(Comparer<(double[] Scores, long Count)>.Create((a, b) => ScoresComparer.Instance.Compare(a.Scores, b.Scores)))
            .ToArray();
        var columns = merged.Length == 0 ? 0 : merged[0].Scores.Length;
        return (Matrix<double>.Build.Dense(merged.Length, columns, (i, j) => merged[i].Scores[j]), merged.Select(m => m.Count).ToArray());
    }

    /// <summary>The weighted correlation matrix: each row counts <paramref name="weights"/>[i] times.</summary>
    private static Matrix<double> Correlate(Matrix<double> data, double[] weights)
    {
        var columns = data.ColumnCount;
        var means = Enumerable.Range(0, columns).Select(j => WeightedMean(data.Column(j), weights)).ToArray();
        var covariance = new double[columns, columns];
        for (var i = 0; i < data.RowCount; i++)
        {
            if (weights[i] == 0)
            {
                continue;
            }

            for (var a = 0; a < columns; a++)
            {
                var da = data[i, a] - means[a];
                for (var b = a; b < columns; b++)
                {
                    covariance[a, b] += weights[i] * da * (data[i, b] - means[b]);
                }
            }
        }

        return Matrix<double>.Build.Dense(columns, columns, (a, b) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            return covariance[low, high] / Math.Sqrt(covariance[a, a] * covariance[b, b]);
        });
    }

    private static double WeightedMean(Vector<double> values, double[] weights)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += weights[i] * values[i];
            total += weights[i];
        }

        return sum / total;
    }

    private static List<double[]> Bootstrap((Matrix<double> Values, long[] Counts) data, int p, int samples, int seed)
    {
        var random = new Random(seed);
        var results = new List<double[]>(samples);
        var weights = new double[data.Counts.Length];
        for (var b = 0; b < samples; b++)
        {
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = Poisson.Sample(random, data.Counts[i]);
            }

            // A resample in which a driver happens to be constant has no weights; it is left out.
            if (weights.Sum() > 1 && Weights(Correlate(data.Values, weights), p) is { } resampled)
            {
                results.Add(resampled);
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

    /// <summary>Orders and equates score vectors element by element.</summary>
    private sealed class ScoresComparer : IComparer<double[]>, IEqualityComparer<double[]>
    {
        public static readonly ScoresComparer Instance = new();

        public int Compare(double[]? x, double[]? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                var order = x[i].CompareTo(y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Length.CompareTo(y.Length);
        }

        public bool Equals(double[]? x, double[]? y) => x is not null && y is not null && Compare(x, y) == 0;

        public int GetHashCode(double[] obj)
        {
            var hash = default(HashCode);
            foreach (var value in obj)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
