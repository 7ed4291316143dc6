using System.Text.RegularExpressions;

namespace Cx.Domain.Errors;

/// <summary>
/// Language keys (a question's texts, a contact's or a follow-up's language) are BCP 47 tags
/// (RFC 5646): language, then optionally script, region, variants, extensions and a private use
/// part, each of its own shape. Only the form is checked, not the registry: "en", "zh-CN",
/// "sr-Latn-RS" and "es-419" pass, "english", "en_US" and "zh--CN" do not. The grammar also
/// allows primary subtags of 4 to 8 letters, but none is registered: whoever sends "english"
/// meant "en", so those are refused.
/// </summary>
public static partial class LanguageTag
{
    public const string Rule = "A BCP 47 language tag, such as \"en\", \"zh-CN\" or \"sr-Latn-RS\", at most 35 characters.";

    /// <summary>The longest tag kept: RFC 5646 asks every implementation to store at least 35 characters.</summary>
    public const int MaxLength = 35;

    public static bool IsWellFormed(string? tag) => tag is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(tag);

    // language (2-3 letters with up to three extlangs), script (4 letters), region
    // (2 letters or 3 digits), variants (5-8 alphanumerics, or a digit and 3), extensions (a
    // singleton other than x, then 2-8 alphanumerics), private use (x, then 1-8); or private use alone.
    [GeneratedRegex(
        "^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
