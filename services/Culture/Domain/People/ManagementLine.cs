namespace Cx.Culture.Domain.People;

/// <summary>Who manages whom: a line of managers must end, so nobody ends up approving their own recognition.</summary>
public static class ManagementLine
{
    /// <summary>
    /// Whether making the first of <paramref name="managerAndAbove"/> the manager of
    /// <paramref name="employeeId"/> closes a loop: the employee would manage themselves, directly
    /// or through the managers above (the line as it stands, nearest first).
    /// </summary>
    public static bool WouldLoop(string employeeId, IReadOnlyList<string> managerAndAbove)
    {
        ArgumentNullException.ThrowIfNull(managerAndAbove);
        return managerAndAbove.Contains(employeeId, StringComparer.Ordinal);
    }
}
