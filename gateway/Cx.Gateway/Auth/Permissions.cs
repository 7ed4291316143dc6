using Cx.Api.V1;
using Cx.ServiceDefaults.Identity;

namespace Cx.Gateway;

/// <summary>
/// Permissions are "&lt;discipline&gt;:&lt;level&gt;" (e.g. "measurement:write") or "*:&lt;level&gt;" for every
/// discipline. Levels nest: admin includes write, write includes read.
/// </summary>
internal static class Permissions
{
    public const string Wildcard = PermissionGrants.Wildcard;

    public static string Of(string discipline, Access access) => PermissionGrants.Of(discipline, access);

    public static string LevelName(Access access) => PermissionGrants.LevelName(access);

    /// <summary>Parses one permission of a known discipline; false (and no value) for anything else.</summary>
    public static bool TryParse(string? permission, out string discipline, out Access level)
    {
        if (PermissionGrants.TryParse(permission, out discipline, out level) && IsKnown(discipline))
        {
            return true;
        }

        discipline = string.Empty;
        level = Access.Unspecified;
        return false;
    }

    // Read on every authorised call: a set, not a scan of the routes.
    private static readonly HashSet<string> Disciplines = Routing.ContractRoutes.All.Select(m => m.Discipline).ToHashSet(StringComparer.Ordinal);

    private static bool IsKnown(string discipline) => discipline == Wildcard || Disciplines.Contains(discipline);

    /// <inheritdoc cref="PermissionGrants.Grants"/>
    public static bool Grants(IEnumerable<string> held, string discipline, Access needed) => PermissionGrants.Grants(held, discipline, needed);

    /// <summary>Whether every one of <paramref name="requested"/> is granted by <paramref name="held"/> (no escalation by delegation).</summary>
    public static bool Covers(IReadOnlyCollection<string> held, IEnumerable<string> requested) =>
        requested.All(permission => TryParse(permission, out var discipline, out var level) && Covers(held, discipline, level));

    /// <summary>A wildcard is covered only by a wildcard at its level or above; a discipline by either.</summary>
    private static bool Covers(IReadOnlyCollection<string> held, string discipline, Access level) =>
        discipline == Wildcard
            ? held.Any(h => TryParse(h, out var heldDiscipline, out var heldLevel) && heldDiscipline == Wildcard && heldLevel >= level)
            : Grants(held, discipline, level);
}
