using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cx.Governance.Domain.Cases;

/// <summary>
/// A closed bucket whose score lies significantly beyond its metric's target, as a case rule sees
/// it: the metric, the bucket, and the scope (a journey step, or both ids empty for the metric over
/// every context).
/// </summary>
public sealed record ThresholdBreach(string MetricId, string Bucket, string JourneyId, string JourneyStepId);

/// <summary>What a breach does to its scope's cases.</summary>
public enum BreachOutcome
{
    /// <summary>A case of the scope already holds this bucket: the same breach delivered or raised again.</summary>
    AlreadyRecorded,

    /// <summary>The scope's active case takes the bucket as more evidence.</summary>
    Joins,

    /// <summary>No case of the scope is active: a rule may open one.</summary>
    Opens,
}

/// <summary>
/// One active case per metric and scope: a metric breaching at a journey step bucket after bucket
/// is one problem with one owner, so a later bucket's breach joins the case still being worked
/// instead of opening a second with a second owner. A bucket is on at most one case, ever, so the
/// same breach redelivered, or raised again, opens nothing. The scope's key is stored on its
/// cases (and, while one is active, as that case's unique active key), so the database refuses a
/// concurrent second case as it does for customers.
/// </summary>
public static class ScopeCase
{
    /// <summary>The longest metric, bucket, journey or step id a breach may name; longer ones are not ids Measurement issues.</summary>
    public const int MaxIdLength = 100;

    /// <summary>
    /// The scope's key: a digest of the length-prefixed metric, journey and step, so ids holding any
    /// character cannot meet, and a fixed length whatever the ids. It holds no '|', which every
    /// customer's key holds, so a scope and a customer never share an active key.
    /// </summary>
    public static string Key(string metricId, string journeyId, string journeyStepId)
    {
        ArgumentNullException.ThrowIfNull(metricId);
        ArgumentNullException.ThrowIfNull(journeyId);
        ArgumentNullException.ThrowIfNull(journeyStepId);
        var parts = string.Create(CultureInfo.InvariantCulture, $"{metricId.Length}:{metricId}{journeyId.Length}:{journeyId}{journeyStepId.Length}:{journeyStepId}");
        return "scope:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts)));
    }

    /// <summary>
    /// Whether a breach can open or join a case: it names a metric and a bucket, a step only with
    /// its journey, and every id fits. Measurement raises nothing else; anything else opens nothing.
    /// </summary>
    public static bool CanTake(ThresholdBreach breach)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return breach.MetricId.Length is > 0 and <= MaxIdLength
            && breach.Bucket.Length is > 0 and <= MaxIdLength
            && breach.JourneyId.Length <= MaxIdLength
            && breach.JourneyStepId.Length <= MaxIdLength
            && (breach.JourneyStepId.Length == 0 || breach.JourneyId.Length > 0);
    }

    /// <summary>What a breach of <paramref name="bucket"/> does, given the buckets on the scope's cases and whether one of them is active.</summary>
    public static BreachOutcome Decide(IEnumerable<string> bucketsOnScopeCases, bool scopeHasActiveCase, string bucket)
    {
        ArgumentNullException.ThrowIfNull(bucketsOnScopeCases);
        if (bucketsOnScopeCases.Contains(bucket, StringComparer.Ordinal))
        {
            return BreachOutcome.AlreadyRecorded;
        }

        return scopeHasActiveCase ? BreachOutcome.Joins : BreachOutcome.Opens;
    }
}
