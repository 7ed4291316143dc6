using Cx.Domain.Errors;

namespace Cx.Measurement.Domain.Comments;

/// <summary>What a response's comment (the customer's own words) may be.</summary>
public static class CommentRules
{
    /// <summary>
    /// A response carries a handful of comments (one per question at most, and an overall one);
    /// twenty leaves room for long surveys while bounding what one response costs to store and enrich.
    /// </summary>
    public const int MaxPerResponse = 20;

    /// <summary>
    /// About a printed page: far beyond what customers write in a survey's text box, yet small
    /// enough that one comment is read, stored and enriched in one piece, and that a response
    /// stays a few tens of kilobytes at most. Counted in characters (code points), as PostgreSQL counts them.
    /// </summary>
    public const int MaxTextLength = 5_000;

    /// <summary>Why <paramref name="text"/> cannot be kept, or null when it can.</summary>
    public static string? WhyNotText(string text)
    {
        if (text.Length == 0)
        {
            return "Required: the customer's words.";
        }

        // PostgreSQL text cannot hold NUL, and no customer types one: it is a caller's encoding mistake.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "Must not contain NUL (U+0000).";
        }

        var length = text.EnumerateRunes().Count();
        return length > MaxTextLength ? $"At most {MaxTextLength:N0} characters (was {length:N0})." : null;
    }

    /// <summary>Why <paramref name="language"/> is not a language to keep a comment in, or null.</summary>
    public static string? WhyNotLanguage(string language) => LanguageTag.IsWellFormed(language) ? null : "Required: " + LanguageTag.Rule;
}
