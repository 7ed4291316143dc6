namespace Cx.Governance.Domain.Standards;

public enum Comparison
{
    AtLeast = 1,
    AtMost = 2,
}

public enum CheckOutcome
{
    Met = 1,
    NotMet = 2,
    NoEvidence = 3,
}

/// <summary>A published standard (one version): the metric that checks it and the threshold to meet.</summary>
public sealed record Standard(string StandardId, long Version, string MetricId, Comparison Comparison, double Threshold, IReadOnlyList<string> JourneyIds)
{
    public bool AppliesTo(string journeyId) => JourneyIds.Count == 0 || JourneyIds.Contains(journeyId);

    public bool IsMetBy(double value) => Comparison == Comparison.AtLeast ? value >= Threshold : value <= Threshold;
}

public sealed record StandardCheck(Standard Standard, double? Value, CheckOutcome Outcome);

/// <summary>
/// The review gate: a journey change passes only when every standard that applies to its journey is
/// met by the evidence. A standard without evidence fails the gate: not knowing is not passing.
/// </summary>
public static class ReviewGate
{
    public static (bool Passed, IReadOnlyList<StandardCheck> Checks) Review(string journeyId, IEnumerable<Standard> standards, IReadOnlyDictionary<string, double> evidence)
    {
        ArgumentNullException.ThrowIfNull(standards);
        ArgumentNullException.ThrowIfNull(evidence);
        var checks = standards
            .Where(s => s.AppliesTo(journeyId))
            .OrderBy(s => s.StandardId, StringComparer.Ordinal)
            .Select(s => evidence.TryGetValue(s.MetricId, out var value)
                ? new StandardCheck(s, value, s.IsMetBy(value) ? CheckOutcome.Met : CheckOutcome.NotMet)
                : new StandardCheck(s, null, CheckOutcome.NoEvidence))
            .ToArray();
        return (checks.All(c => c.Outcome == CheckOutcome.Met), checks);
    }
}
