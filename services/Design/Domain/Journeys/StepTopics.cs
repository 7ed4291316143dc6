namespace Cx.Design.Domain.Journeys;

public sealed record TopicMentions(string TopicId, int Mentions, double Share);

public sealed record StepComplaints(int NegativeComments, IReadOnlyList<TopicMentions> TopTopics);

/// <summary>
/// What customers complain about at each step: of the step's negative comments, how many mention
/// each topic and what share of them that is; the most mentioned first (ties by topic id), at most
/// <c>top</c>. A comment without a topic counts among the step's comments and no topic's.
/// </summary>
public static class StepTopics
{
    public const int Top = 3;

    /// <param name="negativeComments">Each negative comment: its step and its topics.</param>
    public static IReadOnlyDictionary<string, StepComplaints> Of(IEnumerable<(string StepId, IReadOnlyCollection<string> TopicIds)> negativeComments, int top = Top)
    {
        ArgumentNullException.ThrowIfNull(negativeComments);
        return negativeComments
            .GroupBy(c => c.StepId, StringComparer.Ordinal)
            .ToDictionary(
                step => step.Key,
                step =>
                {
                    var comments = step.Count();
                    var topics = step
                        .SelectMany(c => c.TopicIds.Distinct(StringComparer.Ordinal))
                        .GroupBy(t => t, StringComparer.Ordinal)
                        .Select(t => new TopicMentions(t.Key, t.Count(), (double)t.Count() / comments))
                        .OrderByDescending(t => t.Mentions).ThenBy(t => t.TopicId, StringComparer.Ordinal)
                        .Take(top)
                        .ToList();
                    return new StepComplaints(comments, topics);
                },
                StringComparer.Ordinal);
    }

    /// <summary>The topics of a "|a|b|" key.</summary>
    public static IReadOnlyCollection<string> FromKey(string key) =>
        string.IsNullOrEmpty(key) ? [] : key.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
