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

/// <summary>What a rule opens cases from.</summary>
public enum CaseTrigger
{
    Detractor = 1,
    ThresholdBreach = 2,
}

/// <summary>A detractor signal as a case rule sees it.</summary>
public sealed record DetractorSignal(string MetricId, int Score, string Segment, string JourneyId, DateTimeOffset OccurredAt, string JourneyStepId = "");

/// <summary>
/// Which detractors or threshold breaches open a case, with what priority, for whom. Empty lists
/// match everything. A rule answers one trigger only: a detractor rule never opens a scope's case,
/// nor a breach rule a customer's.
/// </summary>
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

    public CaseTrigger Trigger { get; init; } = CaseTrigger.Detractor;

    /// <summary>The journey steps it covers; empty: every step (and, for breaches, the metric over every context too when no journey is named).</summary>
    public IReadOnlyList<string> JourneyStepIds { get; init; } = [];

    public bool Matches(DetractorSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var maxAge = TimeSpan.FromDays(MaxSignalAgeDays == 0 ? DefaultMaxSignalAgeDays : MaxSignalAgeDays);
        return Trigger == CaseTrigger.Detractor
            && signal.Score <= MaxScore
            && now - signal.OccurredAt <= maxAge
            && AnyOrContains(MetricIds, signal.MetricId)
            && AnyOrContains(Segments, signal.Segment)
            && AnyOrContains(JourneyIds, signal.JourneyId)
            && AnyOrContains(JourneyStepIds, signal.JourneyStepId);
    }

    /// <summary>
    /// Whether the rule opens a case for a breach: its metric, and its scope's journey and step. A
    /// breach over every context names neither, so a rule naming journeys or steps leaves it alone.
    /// </summary>
    public bool Matches(ThresholdBreach breach)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return Trigger == CaseTrigger.ThresholdBreach
            && AnyOrContains(MetricIds, breach.MetricId)
            && AnyOrContains(JourneyIds, breach.JourneyId)
            && AnyOrContains(JourneyStepIds, breach.JourneyStepId);
    }

    /// <summary>The rule that decides for a signal: the first match by precedence, then id.</summary>
    public static CaseRule? FirstMatch(IEnumerable<CaseRule> rules, DetractorSignal signal, DateTimeOffset now) =>
        Ordered(rules).FirstOrDefault(r => r.Matches(signal, now));

    /// <summary>The rule that decides for a breach: the first match by precedence, then id.</summary>
    public static CaseRule? FirstMatch(IEnumerable<CaseRule> rules, ThresholdBreach breach) =>
        Ordered(rules).FirstOrDefault(r => r.Matches(breach));

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

    private static IEnumerable<CaseRule> Ordered(IEnumerable<CaseRule> rules) =>
        rules.OrderBy(r => r.Precedence).ThenBy(r => r.RuleId, StringComparer.Ordinal);

    private static bool AnyOrContains(IReadOnlyList<string> allowed, string value) => allowed.Count == 0 || allowed.Contains(value);
}
