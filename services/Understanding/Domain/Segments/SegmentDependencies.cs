namespace Cx.Understanding.Domain.Segments;

/// <summary>
/// What a rule reads, as keys: an attribute, a metric's scores, contacts on a channel or on any.
/// A change to a customer names the keys it touches, and only the segments that read one of them
/// are evaluated again, so the cost of an event does not grow with the tenant's segments.
/// </summary>
public static class SegmentDependencies
{
    public const string AnyContact = "contact:*";

    public static string Attribute(string key) => "attribute:" + key;

    public static string Scores(string metricId) => "score:" + metricId;

    public static string Contacts(string channel) => "contact:" + channel;

    /// <summary>The keys a rule depends on.</summary>
    public static IReadOnlySet<string> Of(SegmentRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var condition in rule.AllOf)
        {
            switch (condition)
            {
                case AttributeCondition attribute:
                    keys.Add(Attribute(attribute.Key));
                    break;
                case ScoreCondition score:
                    keys.Add(Scores(score.MetricId));
                    break;
                case ContactCondition { Channels.Count: 0 }:
                    keys.Add(AnyContact);
                    break;
                case ContactCondition contact:
                    keys.UnionWith(contact.Channels.Select(Contacts));
                    break;
            }
        }

        return keys;
    }

    /// <summary>The keys an interaction on <paramref name="channel"/> touches.</summary>
    public static IReadOnlyList<string> OfContact(string channel) => [AnyContact, Contacts(channel)];

    /// <summary>The widest window of the rules' score conditions on each metric, and of their contact conditions: how far back facts are read.</summary>
    public static (IReadOnlyDictionary<string, int> ScoreDays, int ContactDays) Windows(IEnumerable<SegmentRule> rules)
    {
        var scoreDays = new Dictionary<string, int>(StringComparer.Ordinal);
        var contactDays = 0;
        foreach (var condition in rules.SelectMany(r => r.AllOf))
        {
            switch (condition)
            {
                case ScoreCondition score:
                    scoreDays[score.MetricId] = Math.Max(scoreDays.GetValueOrDefault(score.MetricId), score.WindowDays);
                    break;
                case ContactCondition contact:
                    contactDays = Math.Max(contactDays, contact.WindowDays);
                    break;
            }
        }

        return (scoreDays, contactDays);
    }
}
