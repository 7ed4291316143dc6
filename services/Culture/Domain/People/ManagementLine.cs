namespace Cx.Culture.Domain.People;

/// <summary>Who manages whom: a line of managers must end, so nobody ends up approving their own recognition.</summary>
public static class ManagementLine
{
    /// <summary>
    /// Whether making <paramref name="managerId"/> the manager of <paramref name="employeeId"/>
    /// closes a loop: the employee would manage themselves, directly or through the managers above.
    /// <paramref name="managerOf"/> answers each employee's current manager (null or empty for none).
    /// </summary>
    public static bool WouldLoop(string employeeId, string managerId, Func<string, string?> managerOf)
    {
        ArgumentNullException.ThrowIfNull(managerOf);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = managerId; !string.IsNullOrEmpty(current); current = managerOf(current))
        {
            if (current == employeeId)
            {
                return true;
            }

            if (!seen.Add(current))
            {
                // A loop above that does not include this employee: theirs is not made worse.
                return false;
            }
        }

        return false;
    }
}
