using System.Text.RegularExpressions;

namespace Cx.Culture.Domain.People;

/// <summary>
/// Employee and team ids are the ones other systems already put on responses and cases
/// ("li.wei", "support_north"), so they allow what such ids usually hold, and nothing a path or a
/// key separator would trip on.
/// </summary>
public static partial class PersonId
{
    public const int MaxLength = 64;

    public const string Rule = "1 to 64 characters: letters, digits, '.', '_' and '-'.";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
