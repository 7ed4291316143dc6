using Cx.Understanding.Domain.Profiles;

namespace Cx.Understanding.Domain.Merges;

/// <summary>
/// What two profiles become when one is merged into the other. The profile that stays keeps its
/// attributes and gains the ones it lacks; for consent the later decision on each purpose stands,
/// whichever profile it was made on, so a withdrawal is never lost in a merge.
/// </summary>
public static class ProfileMerge
{
    public static Dictionary<string, string> Attributes(IReadOnlyDictionary<string, string> into, IReadOnlyDictionary<string, string> from)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        var merged = new Dictionary<string, string>(into, StringComparer.Ordinal);
        foreach (var (key, value) in from)
        {
            merged.TryAdd(key, value);
        }

        return merged;
    }

    public static List<ConsentDecision> Consents(IEnumerable<ConsentDecision> into, IEnumerable<ConsentDecision> from) =>
        into.Concat(from)
            .GroupBy(c => c.Purpose, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.ChangedAtUtc).First())
            .OrderBy(c => c.Purpose, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A profile's consent after an undo: what it had before the merge, except that a decision made
    /// since on the merged profile stands for both people (nobody can tell whose it was, and a
    /// withdrawal must not be undone by an undo).
    /// </summary>
    public static List<ConsentDecision> ConsentsAfterUndo(IEnumerable<ConsentDecision> before, IEnumerable<ConsentDecision> current, DateTime mergedAtUtc) =>
        Consents(before, current.Where(c => c.ChangedAtUtc > mergedAtUtc));
}
