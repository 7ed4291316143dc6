using Cx.Api.V1;

namespace Cx.Gateway;

/// <summary>
/// Permissions are "&lt;discipline&gt;:&lt;level&gt;" (e.g. "measurement:write") or "*:&lt;level&gt;" for every
/// discipline. Levels nest: admin includes write, write includes read.
/// </summary>
internal static class Permissions
{
    public const string Wildcard = "*";

    public static string Of(string discipline, Access access) => discipline + ":" + LevelName(access);

    public static string LevelName(Access access) => access switch
    {
        Access.Read => "read",
        Access.Write => "write",
        Access.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, "A permission needs a level."),
    };

    /// <summary>Parses one permission; false (and no value) for anything else.</summary>
    public static bool TryParse(string? permission, out string discipline, out Access level)
    {
        discipline = string.Empty;
        level = Access.Unspecified;
        var colon = permission?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (permission is null || colon <= 0 || colon == permission.Length - 1)
        {
            return false;
        }

        discipline = permission[..colon];
        level = permission[(colon + 1)..] switch
        {
            "read" => Access.Read,
            "write" => Access.Write,
            "admin" => Access.Admin,
            _ => Access.Unspecified,
        };
        return level != Access.Unspecified && IsKnown(discipline);
    }

    // Read on every authorised call: a set, not a scan of the routes.
    private static readonly HashSet<string> Disciplines = Routing.ContractRoutes.All.Select(m => m.Discipline).ToHashSet(StringComparer.Ordinal);

    private static bool IsKnown(string discipline) => discipline == Wildcard || Disciplines.Contains(discipline);

    /// <summary>Whether <paramref name="held"/> grants <paramref name="discipline"/> at <paramref name="needed"/> or above.</summary>
    public static bool Grants(IEnumerable<string> held, string discipline, Access needed)
    {
        ArgumentNullException.ThrowIfNull(held);
        foreach (var permission in held)
        {
            if (TryParse(permission, out var heldDiscipline, out var level)
                && (heldDiscipline == Wildcard || heldDiscipline == discipline)
                && level >= needed)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every one of <paramref name="requested"/> is granted by <paramref name="held"/> (no escalation by delegation).</summary>
    public static bool Covers(IReadOnlyCollection<string> held, IEnumerable<string> requested) =>
        requested.All(permission => TryParse(permission, out var discipline, out var level) && Covers(held, discipline, level));

    /// <summary>A wildcard is covered only by a wildcard at its level or above; a discipline by either.</summary>
    private static bool Covers(IReadOnlyCollection<string> held, string discipline, Access level) =>
        discipline == Wildcard
            ? held.Any(h => TryParse(h, out var heldDiscipline, out var heldLevel) && heldDiscipline == Wildcard && heldLevel >= level)
            : Grants(held, discipline, level);
}
