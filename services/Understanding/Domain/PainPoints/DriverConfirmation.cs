namespace Cx.Understanding.Domain.PainPoints;

/// <summary>One driver of a driver analysis, with the scope of answers the analysis read.</summary>
public sealed record DriverFinding(
    string OutcomeMetricId,
    string DriverMetricId,
    double Importance,
    int Drivers,
    double RawWeightLower,
    double RawWeightUpper,
    long N,
    DateTime AnalysedAtUtc,
    IReadOnlyList<string> JourneyIds,
    IReadOnlyList<string> JourneyStepIds)
{
    /// <summary>An equal split of the explained variance between the analysis's drivers, in percent.</summary>
    public double EqualShare => Drivers == 0 ? 100 : 100.0 / Drivers;

    /// <summary>
    /// The driver matters when it explains more than an equal share of what the drivers explain
    /// together, and its weight's interval excludes zero: a driver that merely comes first among
    /// weak ones, or whose weight could be nothing, confirms nothing.
    /// </summary>
    public bool Matters => Importance > EqualShare && RawWeightLower > 0;

    /// <summary>Whether the analysis read the answers of this step (an analysis over every journey, or every step of the journey, reads them all).</summary>
    public bool Covers(string journeyId, string journeyStepId) =>
        (JourneyIds.Count == 0 || JourneyIds.Contains(journeyId, StringComparer.Ordinal))
        && (JourneyStepIds.Count == 0 || JourneyStepIds.Contains(journeyStepId, StringComparer.Ordinal));
}

/// <summary>Confirms pain points from what driver analyses found.</summary>
public static class DriverConfirmation
{
    /// <summary>
    /// The finding that confirms a pain point at the step measured by <paramref name="metricIds"/>:
    /// among the drivers that matter, of analyses that read the step's answers, one of its metrics;
    /// the most important when several do. Null when none does: the pain point stays identified.
    /// </summary>
    public static DriverFinding? Confirming(IEnumerable<DriverFinding> findings, string journeyId, string journeyStepId, IReadOnlyCollection<string> metricIds) =>
        findings
            .Where(f => f.Matters && f.Covers(journeyId, journeyStepId) && metricIds.Contains(f.DriverMetricId, StringComparer.Ordinal))
            .OrderByDescending(f => f.Importance)
            .ThenBy(f => f.DriverMetricId, StringComparer.Ordinal)
            .ThenBy(f => f.OutcomeMetricId, StringComparer.Ordinal)
            .FirstOrDefault();
}
