namespace Cx.Design.Domain.Experiments;

/// <summary>A concluded experiment's treatment, as evidence for a metric.</summary>
public sealed record TreatmentScore(string ExperimentId, string MetricId, double? Score, long N, DateTimeOffset ConcludedAt);

/// <summary>One metric's evidence for a review.</summary>
public sealed record MetricEvidence(string MetricId, double Value, long N, string ExperimentId);

/// <summary>
/// What a to-be journey's concluded experiments say for its review: per metric, the treatment's
/// score of the latest experiment that had enough answers to act on. A treatment below
/// <see cref="MinimumN"/> answers is no evidence, however good its score.
/// </summary>
public static class GateEvidence
{
    /// <summary>The same floor below which Measurement calls a result low n.</summary>
    public const long MinimumN = 30;

    public static IReadOnlyList<MetricEvidence> From(IEnumerable<TreatmentScore> treatments)
    {
        ArgumentNullException.ThrowIfNull(treatments);
        return treatments
            .Where(t => t.Score is not null && t.N >= MinimumN)
            .GroupBy(t => t.MetricId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(t => t.ConcludedAt).ThenBy(t => t.ExperimentId, StringComparer.Ordinal).First())
            .OrderBy(t => t.MetricId, StringComparer.Ordinal)
            .Select(t => new MetricEvidence(t.MetricId, t.Score!.Value, t.N, t.ExperimentId))
            .ToList();
    }
}
