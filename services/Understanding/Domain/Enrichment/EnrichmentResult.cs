using Cx.Understanding.Domain.Enrichment.Praise;

namespace Cx.Understanding.Domain.Enrichment;

public enum SentimentLabel
{
    Negative,
    Neutral,
    Positive,
}

/// <summary>
/// A word or phrase that moved the score: its text and span, and what it added to the sum before
/// the sum was squashed into −1..+1 (its lexicon weight times its modifiers: negated, intensified,
/// after "but").
/// </summary>
public sealed record SentimentDriver(string Text, TextSpan Span, double Contribution, bool Negated, double Intensity);

public sealed record SentimentResult(double Score, SentimentLabel Label, IReadOnlyList<SentimentDriver> Drivers);

public enum EffortKind
{
    Waiting,
    Repeating,
    Transferred,
}

public sealed record EffortCue(EffortKind Kind, string Text, TextSpan Span);

/// <summary>A topic found by one of its rules, where.</summary>
public sealed record TopicMatch(string TopicId, string TopicName, int RuleIndex, string Text, TextSpan Span);

/// <summary>
/// Praise for an employee or a team: the words that name them (a name from the list, or a word for
/// the person who served, such as "agent", when the response names its employee) and the positive
/// word that praises them, in the same sentence.
/// </summary>
public sealed record PraiseMention(string TargetId, PraiseTargetKind Kind, string Text, TextSpan Span, TextSpan PraiseSpan);

public sealed record EnrichmentResult(
    string Language,
    SentimentResult Sentiment,
    IReadOnlyList<EffortCue> EffortCues,
    long TaxonomyVersion,
    IReadOnlyList<TopicMatch> Topics,
    IReadOnlyList<PraiseMention> Praise);
