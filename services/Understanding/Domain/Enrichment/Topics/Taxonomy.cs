using Cx.Domain.Errors;
using Cx.Understanding.Domain.Enrichment.Tokenisation;

namespace Cx.Understanding.Domain.Enrichment.Topics;

/// <summary>A topic as the tenant writes it: an id, a name, its rules, and the topic it belongs under (none for a topic at the top).</summary>
public sealed record TopicDefinition(string Id, string Name, IReadOnlyList<string> Rules, string? ParentId = null);

/// <summary>
/// A tenant's topics at one version, checked once and then matched against every text. A rule is
/// phrases separated by '|' (any of them), optionally followed by <c>NOT NEAR</c> and phrases that
/// cancel a match when one of them is close (in the same sentence, within <c>WITHIN n</c> words, 5
/// when not given):
/// <c>refund* | money back | 退款 NOT NEAR tax | 退税 WITHIN 3</c>. Phrases follow <see cref="Phrase"/>.
/// </summary>
public sealed class Taxonomy
{
    public const int MaxTopics = 500;
    public const int MaxRulesPerTopic = 50;
    public const int MaxRuleLength = 500;
    public const int DefaultWithin = 5;
    public const int MaxWithin = 50;

    private const string NotNear = " NOT NEAR ";
    private const string Within = " WITHIN ";

    private Taxonomy(long version, IReadOnlyList<TopicDefinition> topics, IReadOnlyList<TopicRule> rules)
    {
        Version = version;
        Topics = topics;
        Rules = rules;
        Index = new PhraseIndex<(TopicRule Rule, bool Excludes)>(rules.SelectMany(r =>
            r.Phrases.Select(p => (p, (r, false))).Concat(r.Exclusions.Select(p => (p, (r, true))))));
    }

    public long Version { get; }

    public IReadOnlyList<TopicDefinition> Topics { get; }

    public IReadOnlyList<TopicRule> Rules { get; }

    internal PhraseIndex<(TopicRule Rule, bool Excludes)> Index { get; }

    public static Taxonomy Empty { get; } = new(0, [], []);

    /// <summary>
    /// Checks every topic and rule, reporting all that are wrong at once, each under its path
    /// (topics[2].rules[0]); a malformed rule's description says what is wrong and at which
    /// character of the rule (counted from 1).
    /// </summary>
    /// <exception cref="ValidationFailedException">When a topic or rule is malformed.</exception>
    public static Taxonomy Compile(long version, IReadOnlyList<TopicDefinition> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var validator = new Validator();
        validator.Require(version >= 1, "version", "A taxonomy version starts at 1.");
        validator.Require(topics.Count <= MaxTopics, "topics", $"At most {MaxTopics} topics; this list has {topics.Count}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<TopicRule>();
        for (var t = 0; t < Math.Min(topics.Count, MaxTopics); t++)
        {
            var topic = topics[t];
            var path = $"topics[{t}]";
            if (!Identifier.IsValid(topic.Id))
            {
                validator.Add($"{path}.topic_id", Identifier.Rule);
            }
            else if (!seen.Add(topic.Id))
            {
                validator.Add($"{path}.topic_id", $"The topic '{topic.Id}' is defined twice (first at topics[{IndexOf(topics, topic.Id)}]).");
            }

            validator.Require(!string.IsNullOrWhiteSpace(topic.Name) && topic.Name.Length <= 100, $"{path}.name", "Required, at most 100 characters.");
            if (topic.Rules is null || topic.Rules.Count == 0 || topic.Rules.Count > MaxRulesPerTopic)
            {
                validator.Add($"{path}.rules", $"A topic has from 1 to {MaxRulesPerTopic} rules.");
                continue;
            }

            for (var r = 0; r < topic.Rules.Count; r++)
            {
                var rule = TryParseRule(topic, r, out var problem, out var at);
                if (rule is null)
                {
                    var where = at is { } position ? $" (at character {position + 1})" : string.Empty;
                    validator.Add($"{path}.rules[{r}]", $"The rule \"{topic.Rules[r]}\" {problem}{where}.");
                }
                else
                {
                    rules.Add(rule);
                }
            }
        }

        CheckParents(topics.Take(MaxTopics).ToList(), validator);
        validator.ThrowIfInvalid();
        return new Taxonomy(version, topics, rules);
    }

    private static int IndexOf(IReadOnlyList<TopicDefinition> topics, string id)
    {
        for (var i = 0; i < topics.Count; i++)
        {
            if (topics[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A parent is another topic of the same list, and following parents never comes back to where it started.</summary>
    private static void CheckParents(List<TopicDefinition> topics, Validator validator)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var topic in topics.Where(t => t.Id is not null && !string.IsNullOrEmpty(t.ParentId)))
        {
            parents.TryAdd(topic.Id, topic.ParentId!);
        }

        var ids = topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        for (var t = 0; t < topics.Count; t++)
        {
            var parent = topics[t].ParentId;
            if (string.IsNullOrEmpty(parent))
            {
                continue;
            }

            var path = $"topics[{t}].parent_topic_id";
            if (parent == topics[t].Id)
            {
                validator.Add(path, "A topic cannot be its own parent.");
            }
            else if (!ids.Contains(parent))
            {
                validator.Add(path, $"No topic '{parent}' in this list.");
            }
            else
            {
                var current = parent;
                for (var hop = 0; hop <= topics.Count && parents.TryGetValue(current, out var next); hop++)
                {
                    if (next == topics[t].Id)
                    {
                        validator.Add(path, $"The parents of '{topics[t].Id}' come back to it through '{parent}'.");
                        break;
                    }

                    current = next;
                }
            }
        }
    }

    /// <summary>Parses one rule; null with what is wrong and where (0-based, in the rule as written; null when no one place is wrong).</summary>
    private static TopicRule? TryParseRule(TopicDefinition topic, int index, out string? problem, out int? at)
    {
        var source = topic.Rules[index] ?? string.Empty;
        problem = null;
        at = null;
        if (string.IsNullOrWhiteSpace(source))
        {
            problem = "is empty";
            return null;
        }

        if (source.Length > MaxRuleLength)
        {
            problem = $"is longer than {MaxRuleLength} characters";
            at = MaxRuleLength;
            return null;
        }

        // Padded so the keywords are found with the spaces around them; an index i of the padded
        // text is lead + i - 1 in the rule as written.
        var lead = source.Length - source.TrimStart().Length;
        var text = " " + source.Trim() + " ";
        int InSource(int padded) => Math.Clamp(lead + padded - 1, 0, source.Length);

        var within = DefaultWithin;
        var withinAt = text.IndexOf(Within, StringComparison.Ordinal);
        var notNearAt = text.IndexOf(NotNear, StringComparison.Ordinal);
        if (withinAt >= 0)
        {
            if (notNearAt < 0 || withinAt < notNearAt)
            {
                problem = "uses WITHIN without a NOT NEAR before it";
                at = InSource(withinAt + 1);
                return null;
            }

            var countAt = withinAt + Within.Length;
            var count = text[countAt..].Trim();
            if (!int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out within) || within < 1 || within > MaxWithin)
            {
                problem = $"has WITHIN '{count}': it takes a whole number of words from 1 to {MaxWithin}";
                at = InSource(countAt + (text.Length - countAt - text[countAt..].TrimStart().Length));
                return null;
            }

            text = text[..withinAt] + " ";
        }

        var included = notNearAt >= 0 ? text[..notNearAt] : text;
        var excludedAt = notNearAt + NotNear.Length;
        var excluded = notNearAt >= 0 ? text[excludedAt..] : null;
        if (excluded is not null && excluded.IndexOf(NotNear.Trim(), StringComparison.Ordinal) is var again and >= 0)
        {
            problem = "has NOT NEAR twice";
            at = InSource(excludedAt + again);
            return null;
        }

        var phrases = ParseAlternatives(included, 0, "", out problem, out var phraseAt);
        if (phrases is null)
        {
            at = InSource(phraseAt);
            return null;
        }

        IReadOnlyList<Phrase> exclusions = [];
        if (excluded is not null)
        {
            exclusions = ParseAlternatives(excluded, excludedAt, "after NOT NEAR ", out problem, out phraseAt)!;
            if (exclusions is null)
            {
                at = InSource(phraseAt);
                return null;
            }
        }

        return new TopicRule(topic.Id, topic.Name, index, source, phrases, exclusions, within);
    }

    /// <summary>The phrases between '|'; on a fault, where it is as an index of the padded rule (<paramref name="offset"/> is where <paramref name="text"/> starts in it).</summary>
    private static List<Phrase>? ParseAlternatives(string text, int offset, string where, out string? problem, out int at)
    {
        problem = null;
        at = offset;
        var phrases = new List<Phrase>();
        var parts = text.Split('|');
        var partAt = offset;
        for (var i = 0; i < parts.Length; i++, partAt += parts[i - 1].Length + 1)
        {
            if (string.IsNullOrWhiteSpace(parts[i]))
            {
                problem = parts.Length == 1 ? $"has no phrase {where}".TrimEnd() : $"has an empty phrase {where}at position {i + 1} (between '|')";
                at = parts.Length == 1 ? offset + text.Length - 1 : partAt + parts[i].Length;
                return null;
            }

            var phrase = Phrase.TryParse(parts[i], out var phraseProblem, out var inPhrase);
            if (phrase is null)
            {
                problem = $"has a phrase {where}at position {i + 1} that {phraseProblem}";
                at = partAt + inPhrase;
                return null;
            }

            phrases.Add(phrase);
        }

        return phrases;
    }
}

/// <summary>One rule of a topic, parsed.</summary>
public sealed record TopicRule(string TopicId, string TopicName, int Index, string Source, IReadOnlyList<Phrase> Phrases, IReadOnlyList<Phrase> Exclusions, int Within);
