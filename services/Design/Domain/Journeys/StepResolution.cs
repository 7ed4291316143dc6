namespace Cx.Design.Domain.Journeys;

/// <summary>A published version of a journey: when it was published, and whether it holds the step asked about.</summary>
public sealed record PublishedVersion(int Version, DateTime PublishedAtUtc, bool HoldsStep);

/// <summary>
/// Which version a journey and step id recorded at a time stand for. Results keep the ids they
/// were recorded with; the journey is redrawn around them. The version in force at the time
/// (published last before it; the first published for a time before any) answers, if it holds
/// the step; otherwise the latest earlier version that held it (the step was since removed),
/// otherwise the earliest later one (recorded before the step was drawn).
/// </summary>
public static class StepResolution
{
    /// <summary>The version to read the step in; null when no published version holds it.</summary>
    public static int? VersionFor(IReadOnlyList<PublishedVersion> published, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(published);
        var ordered = published.OrderBy(v => v.PublishedAtUtc).ThenBy(v => v.Version).ToList();
        if (ordered.Count == 0)
        {
            return null;
        }

        var inForce = ordered.FindLastIndex(v => v.PublishedAtUtc <= atUtc);
        if (inForce < 0)
        {
            inForce = 0;
        }

        if (ordered[inForce].HoldsStep)
        {
            return ordered[inForce].Version;
        }

        var earlier = ordered.Take(inForce).LastOrDefault(v => v.HoldsStep);
        return earlier?.Version ?? ordered.Skip(inForce + 1).FirstOrDefault(v => v.HoldsStep)?.Version;
    }
}
