namespace Cx.Understanding.Domain.Enrichment;

/// <summary>One text for an external sentiment model: the words and the language the engine detected in them.</summary>
public sealed record SentimentQuery(string Text, string Language);

/// <summary>What an external model said of one text: a score in −1..+1, its label, and the spans it based them on.</summary>
public sealed record ExternalSentimentResult(double Score, SentimentLabel Label, IReadOnlyList<TextSpan> Spans);

/// <summary>
/// A sentiment model outside the service (the tenant's own, or a vendor's). The built-in engine
/// still finds language, topics, effort and praise; a model's answer replaces only the sentiment,
/// and a text it gives no usable answer for keeps the built-in one.
/// </summary>
public interface IExternalSentimentModel
{
    /// <summary>Whether one is configured at all: when not, nothing is asked.</summary>
    bool IsConfigured { get; }

    /// <summary>One answer per query, in order: null for a text without a usable answer. Never throws for the model's failures: every answer is null then.</summary>
    Task<IReadOnlyList<ExternalSentimentResult?>> ScoreAsync(IReadOnlyList<SentimentQuery> queries, CancellationToken cancellationToken);
}

/// <summary>What makes an external model's answer for a text usable; anything else is not taken.</summary>
public static class ExternalSentimentRules
{
    /// <summary>A finite score within −1..+1, a label of negative, neutral or positive, and spans inside the text; null otherwise.</summary>
    public static ExternalSentimentResult? TryAccept(string text, double score, string? label, IEnumerable<(int Start, int Length)>? spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        SentimentLabel? parsed = label?.ToLowerInvariant() switch
        {
            "negative" => SentimentLabel.Negative,
            "neutral" => SentimentLabel.Neutral,
            "positive" => SentimentLabel.Positive,
            _ => null,
        };
        if (!double.IsFinite(score) || score is < -1 or > 1 || parsed is null)
        {
            return null;
        }

        var checkedSpans = new List<TextSpan>();
        foreach (var (start, length) in spans ?? [])
        {
            if (start < 0 || length < 1 || start > text.Length - length)
            {
                return null;
            }

            checkedSpans.Add(new TextSpan(start, length));
        }

        return new ExternalSentimentResult(score, parsed.Value, checkedSpans);
    }
}
