using System.Text.RegularExpressions;

namespace Cx.Domain.Errors;

/// <summary>The ids callers choose for the things they define (rules, plans, standards): one rule everywhere.</summary>
public static partial class Identifier
{
    public const string Rule = "Lower-case letters, digits and '-', starting with a letter, at most 63 characters.";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>A free-form reference to something another system names (a journey, a customer, a person).</summary>
    public static bool IsReference(string? value, int maxLength = 100) => value is not null && value.Trim().Length == value.Length && value.Length is > 0 && value.Length <= maxLength;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
