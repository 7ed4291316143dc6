using System.Text.RegularExpressions;

namespace Cx.Understanding.Domain.Profiles;

/// <summary>What a profile may hold besides identities: attributes and consent, with their limits.</summary>
public static partial class ProfileRules
{
    public const int MaxAttributes = 50;

    public const int MaxAttributeValue = 500;

    public const int MaxConsents = 20;

    public const string KeyRule = "Lower-case letters, digits, '_', '.' and '-', starting with a letter, at most 63 characters.";

    public const string PurposeRule = "Lower-case letters, digits, '_' and '-', starting with a letter, at most 63 characters: e.g. analytics, stories, contact.";

    public static bool IsAttributeKey(string key) => KeyPattern().IsMatch(key);

    public static bool IsPurpose(string purpose) => PurposePattern().IsMatch(purpose);

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,62}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex PurposePattern();
}
