using Cx.Domain.Errors;

namespace Cx.Understanding.Domain.Enrichment.Praise;

/// <summary>One entry of a tenant's name list: an employee (of a team, or none) or a team, and the names customers write for them.</summary>
public sealed record NameEntry(string EmployeeId, string TeamId, IReadOnlyList<string> Names);

/// <summary>
/// What a name list must be for praise to be found without doubt: each employee and each team
/// once, and each name naming one of them only (compared without regard to case, as the engine
/// compares them), so "Anna" is never two people.
/// </summary>
public static class NameListRules
{
    public const int MaxEntries = 2_000;
    public const int MaxNamesPerEntry = 20;
    public const int MaxNameLength = 100;

    /// <summary>The entries with their names trimmed.</summary>
    /// <exception cref="ValidationFailedException">Every fault at once, each under its path (entries[2].names[0]).</exception>
    public static List<NameEntry> Check(IReadOnlyList<NameEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var validator = new Validator();
        validator.Require(entries.Count <= MaxEntries, "entries", $"At most {MaxEntries:N0} entries; this list has {entries.Count:N0}.");
        var employees = new Dictionary<string, int>(StringComparer.Ordinal);
        var teams = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var checkedEntries = new List<NameEntry>();
        for (var e = 0; e < Math.Min(entries.Count, MaxEntries); e++)
        {
            var entry = entries[e];
            var path = $"entries[{e}]";
            var isEmployee = entry.EmployeeId.Length > 0;
            if (isEmployee && !Identifier.IsReference(entry.EmployeeId))
            {
                validator.Add($"{path}.employee_id", "At most 100 characters, without spaces around it.");
            }
            else if (isEmployee && !employees.TryAdd(entry.EmployeeId, e))
            {
                validator.Add($"{path}.employee_id", $"The employee '{entry.EmployeeId}' is listed twice (first at entries[{employees[entry.EmployeeId]}]).");
            }

            if (entry.TeamId.Length > 0 && !Identifier.IsReference(entry.TeamId))
            {
                validator.Add($"{path}.team_id", "At most 100 characters, without spaces around it.");
            }
            else if (!isEmployee && entry.TeamId.Length == 0)
            {
                validator.Add($"{path}.team_id", "Required for an entry without employee_id: the team it names.");
            }
            else if (!isEmployee && !teams.TryAdd(entry.TeamId, e))
            {
                validator.Add($"{path}.team_id", $"The team '{entry.TeamId}' is listed twice (first at entries[{teams[entry.TeamId]}]).");
            }

            validator.Require(entry.Names.Count is > 0 and <= MaxNamesPerEntry, $"{path}.names", $"From 1 to {MaxNamesPerEntry} names.");
            var trimmed = new List<string>();
            for (var n = 0; n < Math.Min(entry.Names.Count, MaxNamesPerEntry); n++)
            {
                var name = entry.Names[n].Trim();
                var key = name.ToLowerInvariant();
                if (name.Length is 0 or > MaxNameLength)
                {
                    validator.Add($"{path}.names[{n}]", $"Required, at most {MaxNameLength} characters.");
                }
                else if (names.TryGetValue(key, out var holder))
                {
                    validator.Add($"{path}.names[{n}]", holder == e
                        ? $"'{name}' is given twice for this entry."
                        : $"'{name}' already names entries[{holder}]: a name names one employee or team.");
                }
                else
                {
                    names[key] = e;
                    trimmed.Add(name);
                }
            }

            checkedEntries.Add(entry with { Names = trimmed });
        }

        validator.ThrowIfInvalid();
        return checkedEntries;
    }
}
