namespace Cx.Understanding.Domain.Segments;

/// <summary>A score a customer gave on a metric, and when.</summary>
public sealed record ScoreFact(string MetricId, int Score, DateTime OccurredAtUtc);

/// <summary>An interaction of a customer on a channel, and when.</summary>
public sealed record ContactFact(string Channel, DateTime OccurredAtUtc);

/// <summary>
/// What rules read about one customer: their attributes, and their scores and contacts (at least
/// those inside the widest window of the rules evaluated against them).
/// </summary>
public sealed record CustomerFacts(IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<ScoreFact> Scores, IReadOnlyList<ContactFact> Contacts)
{
    public static readonly CustomerFacts None = new(new Dictionary<string, string>(), [], []);
}
