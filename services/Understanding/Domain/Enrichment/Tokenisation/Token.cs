namespace Cx.Understanding.Domain.Enrichment.Tokenisation;

/// <summary>One word as a segmenter cut it: its normalised form (lower case, straight apostrophes) and where it sits.</summary>
public readonly record struct Token(string Term, TextSpan Span, bool IsStopWord);
