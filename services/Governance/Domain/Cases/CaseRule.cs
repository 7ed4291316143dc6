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
    NegativeFeedback = 3,
    PainPoint = 4,
}

/// <summary>A detractor signal as a case rule sees it.</summary>
public sealed record DetractorSignal(string MetricId, int Score, string Segment, string JourneyId, DateTimeOffset OccurredAt, string JourneyStepId = "");

/// <summary>An enriched comment as a case rule sees it: its sentiment (-1..+1), topics and effort cues (by name).</summary>
public sealed record FeedbackSignal(
    string MetricId,
    double Sentiment,
    IReadOnlyList<string> TopicIds,
    IReadOnlyList<string> EffortCues,
    string Segment,
    string JourneyId,
    string JourneyStepId,
    DateTimeOffset OccurredAt);

/// <summary>A confirmed pain point as a case rule sees it: its step, topic and the metrics that measure it.</summary>
public sealed record PainPointSignal(string JourneyId, string JourneyStepId, string TopicId, IReadOnlyList<string> MetricIds);

/// <summary>
/// Which detractors, negative comments, threshold breaches or confirmed pain points open a case, with what priority, for whom. Empty lists
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

    /// <summary>A negative-feedback rule's sentiment ceiling when it sets none.</summary>
    public const double DefaultMaxSentiment = -0.5;

    /// <summary>Negative-feedback rules: comments at or below it open a case; null means <see cref="DefaultMaxSentiment"/>.</summary>
    public double? MaxSentiment { get; init; }

    /// <summary>Negative-feedback rules: the comment mentions any of these topics; empty: any comment.</summary>
    public IReadOnlyList<string> TopicIds { get; init; } = [];

    /// <summary>Negative-feedback rules: the comment shows any of these effort cues; empty: any comment.</summary>
    public IReadOnlyList<string> EffortCues { get; init; } = [];

    /// <summary>Whether a ceiling is one a rule may set: a positive one would open cases from praise.</summary>
    public static bool IsSentimentCeiling(double value) => value is >= -1 and <= 0;

    public bool Matches(DetractorSignal signal, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return Trigger == CaseTrigger.Detractor
            && signal.Score <= MaxScore
            && now - signal.OccurredAt <= MaxSignalAge
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

    /// <summary>
    /// Whether the rule opens a case for a comment: at or below its ceiling, about its metric,
    /// segment, journey and step, recent enough, and naming any of its topics and any of its effort cues.
    /// </summary>
    public bool Matches(FeedbackSignal feedback, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return Trigger == CaseTrigger.NegativeFeedback
            && feedback.Sentiment <= (MaxSentiment ?? DefaultMaxSentiment)
            && now - feedback.OccurredAt <= MaxSignalAge
            && AnyOrContains(MetricIds, feedback.MetricId)
            && AnyOrContains(Segments, feedback.Segment)
            && AnyOrContains(JourneyIds, feedback.JourneyId)
            && AnyOrContains(JourneyStepIds, feedback.JourneyStepId)
            && AnyOrOverlaps(TopicIds, feedback.TopicIds)
            && AnyOrOverlaps(EffortCues, feedback.EffortCues);
    }

    /// <summary>Whether the rule opens a case for a confirmed pain point: its journey, step and topic, and any of its metrics.</summary>
    public bool Matches(PainPointSignal painPoint)
    {
        ArgumentNullException.ThrowIfNull(painPoint);
        return Trigger == CaseTrigger.PainPoint
            && AnyOrContains(JourneyIds, painPoint.JourneyId)
            && AnyOrContains(JourneyStepIds, painPoint.JourneyStepId)
            && AnyOrContains(TopicIds, painPoint.TopicId)
            && AnyOrOverlaps(MetricIds, painPoint.MetricIds);
    }

    /// <summary>The rule that decides for a pain point: the first match by precedence, then id.</summary>
    public static CaseRule? FirstMatch(IEnumerable<CaseRule> rules, PainPointSignal painPoint) =>
        Ordered(rules).FirstOrDefault(r => r.Matches(painPoint));

    /// <summary>The rule that decides for a comment: the first match by precedence, then id.</summary>
    public static CaseRule? FirstMatch(IEnumerable<CaseRule> rules, FeedbackSignal feedback, DateTimeOffset now) =>
        Ordered(rules).FirstOrDefault(r => r.Matches(feedback, now));

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

    /// <summary>A response older than this (by when it happened) opens no case: the customer has moved on.</summary>
    private TimeSpan MaxSignalAge => TimeSpan.FromDays(MaxSignalAgeDays == 0 ? DefaultMaxSignalAgeDays : MaxSignalAgeDays);

    private static IEnumerable<CaseRule> Ordered(IEnumerable<CaseRule> rules) =>
        rules.OrderBy(r => r.Precedence).ThenBy(r => r.RuleId, StringComparer.Ordinal);

    private static bool AnyOrContains(IReadOnlyList<string> allowed, string value) => allowed.Count == 0 || allowed.Contains(value);

    private static bool AnyOrOverlaps(IReadOnlyList<string> allowed, IReadOnlyList<string> values) => allowed.Count == 0 || values.Any(allowed.Contains);
}
