using Cx.Api.V1;

namespace Cx.ServiceDefaults.Identity;

/// <summary>
/// Permissions are "&lt;discipline&gt;:&lt;level&gt;" (e.g. "measurement:write") or "*:&lt;level&gt;" for every
/// discipline. Levels nest: admin includes write, write includes read. The gateway checks them
/// against the route, and every service again against the call, from the same token.
/// </summary>
public static class PermissionGrants
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

    /// <summary>Splits one permission into its discipline and level; false for anything not of that shape.</summary>
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
        return level != Access.Unspecified;
    }

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
}
