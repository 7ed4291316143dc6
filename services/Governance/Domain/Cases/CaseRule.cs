namespace Cx.Governance.Domain.Cases;

public enum Priority
{
    Urgent = 1,
    High = 2,
    Normal = 3,
    Low = 4,
}

public enum AssignmentStrategy
{
    JourneyOwner = 1,
    Fixed = 2,
    RoundRobin = 3,
    Team = 4,
}

/// <summary>A detractor signal as a case rule sees it.</summary>
public sealed record DetractorSignal(string MetricId, int Score, string Segment, string JourneyId, DateTimeOffset OccurredAt);

/// <summary>Which detractors open a case, with what priority, for whom. Empty lists match everything.</summary>
public sealed record CaseRule(
    string RuleId,
    int Precedence,
    IReadOnlyList<string> MetricIds,
    int MaxScore,
    IReadOnlyList<string> Segments,
    IReadOnlyList<string> JourneyIds,
    Priority Priority,
    AssignmentStrategy Assignment,
    IReadOnlyList<string> Assignees,
    int MaxSignalAgeDays,
    string FallbackOwner)
{
    public const int DefaultMaxSignalAgeDays = 14;

    public bool Matches(DetractorSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var maxAge = TimeSpan.FromDays(MaxSignalAgeDays == 0 ? DefaultMaxSignalAgeDays : MaxSignalAgeDays);
        return signal.Score <= MaxScore
            && now - signal.OccurredAt <= maxAge
            && AnyOrContains(MetricIds, signal.MetricId)
            && AnyOrContains(Segments, signal.Segment)
            && AnyOrContains(JourneyIds, signal.JourneyId);
    }

    /// <summary>The rule that decides for a signal: the first match by precedence, then id.</summary>
    public static CaseRule? FirstMatch(IEnumerable<CaseRule> rules, DetractorSignal signal, DateTimeOffset now) =>
        rules.OrderBy(r => r.Precedence).ThenBy(r => r.RuleId, StringComparer.Ordinal).FirstOrDefault(r => r.Matches(signal, now));

    /// <summary>
    /// Whether the rule hands its cases out in turn: it then counts the cases it assigned, so the
    /// next goes to the next assignee (see <see cref="PickOwner"/>).
    /// </summary>
    public bool Rotates => Assignment == AssignmentStrategy.RoundRobin;

    /// <summary>
    /// Who gets the case: the step's accountable owner, the response's team, the rule's fixed
    /// assignee, or the next in the rotation (<paramref name="rotation"/> counts the cases this rule
    /// assigned before); the rule's fallback owner when that finds no one.
    /// </summary>
    public string PickOwner(string? journeyOwner, string team, long rotation)
    {
        var owner = Assignment switch
        {
            AssignmentStrategy.Fixed when Assignees.Count > 0 => Assignees[0],
            AssignmentStrategy.RoundRobin when Assignees.Count > 0 => Assignees[(int)(rotation % Assignees.Count)],
            AssignmentStrategy.Team when team.Length > 0 => team,
            _ => journeyOwner,
        };
        return string.IsNullOrEmpty(owner) ? FallbackOwner : owner;
    }

    private static bool AnyOrContains(IReadOnlyList<string> allowed, string value) => allowed.Count == 0 || allowed.Contains(value);
}
