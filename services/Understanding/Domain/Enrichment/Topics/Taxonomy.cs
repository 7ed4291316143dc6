using Cx.Domain.Errors;
using Cx.Understanding.Domain.Enrichment.Tokenisation;

namespace Cx.Understanding.Domain.Enrichment.Topics;

/// <summary>A topic as the tenant writes it: an id, a name and its rules.</summary>
public sealed record TopicDefinition(string Id, string Name, IReadOnlyList<string> Rules);

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

    /// <summary>Checks every topic and rule, reporting all that are wrong at once, each under its path (topics[2].rules[0]).</summary>
    /// <exception cref="ValidationFailedException">When a topic or rule is malformed.</exception>
    public static Taxonomy Compile(long version, IReadOnlyList<TopicDefinition> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var validator = new Validator();
        validator.Require(version >= 1, "version", "A taxonomy version starts at 1.");
        validator.Require(topics.Count <= MaxTopics, "topics", $"At most {MaxTopics} topics.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<TopicRule>();
        for (var t = 0; t < topics.Count; t++)
        {
            var topic = topics[t];
            var path = $"topics[{t}]";
            if (!Identifier.IsValid(topic.Id))
            {
                validator.Add($"{path}.id", Identifier.Rule);
            }
            else if (!seen.Add(topic.Id))
            {
                validator.Add($"{path}.id", $"The topic '{topic.Id}' is defined twice.");
            }

            validator.Require(!string.IsNullOrWhiteSpace(topic.Name) && topic.Name.Length <= 100, $"{path}.name", "Required, at most 100 characters.");
            if (topic.Rules is null || topic.Rules.Count == 0 || topic.Rules.Count > MaxRulesPerTopic)
            {
                validator.Add($"{path}.rules", $"A topic has from 1 to {MaxRulesPerTopic} rules.");
                continue;
            }

            for (var r = 0; r < topic.Rules.Count; r++)
            {
                var rule = TryParseRule(topic, r, out var problem);
                if (rule is null)
                {
                    validator.Add($"{path}.rules[{r}]", $"The rule \"{topic.Rules[r]}\" {problem}.");
                }
                else
                {
                    rules.Add(rule);
                }
            }
        }

        validator.ThrowIfInvalid();
        return new Taxonomy(version, topics, rules);
    }

    private static TopicRule? TryParseRule(TopicDefinition topic, int index, out string? problem)
    {
        var source = topic.Rules[index] ?? string.Empty;
        problem = null;
        if (string.IsNullOrWhiteSpace(source))
        {
            problem = "is empty";
            return null;
        }

        if (source.Length > MaxRuleLength)
        {
            problem = $"is longer than {MaxRuleLength} characters";
            return null;
        }

        var text = " " + source.Trim() + " ";
        var within = DefaultWithin;
        var withinAt = text.IndexOf(Within, StringComparison.Ordinal);
        var notNearAt = text.IndexOf(NotNear, StringComparison.Ordinal);
        if (withinAt >= 0)
        {
            if (notNearAt < 0 || withinAt < notNearAt)
            {
                problem = "uses WITHIN without a NOT NEAR before it";
                return null;
            }

            var count = text[(withinAt + Within.Length)..].Trim();
            if (!int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out within) || within < 1 || within > MaxWithin)
            {
                problem = $"has WITHIN '{count}': it takes a whole number of words from 1 to {MaxWithin}";
                return null;
            }

            text = text[..withinAt] + " ";
        }

        var included = notNearAt >= 0 ? text[..notNearAt] : text;
        var excluded = notNearAt >= 0 ? text[(notNearAt + NotNear.Length)..] : null;
        if (excluded is not null && excluded.Contains(NotNear.Trim(), StringComparison.Ordinal))
        {
            problem = "has NOT NEAR twice";
            return null;
        }

        var phrases = ParseAlternatives(included, "", out problem);
        if (phrases is null)
        {
            return null;
        }

        IReadOnlyList<Phrase> exclusions = [];
        if (excluded is not null)
        {
            exclusions = ParseAlternatives(excluded, "after NOT NEAR ", out problem)!;
            if (exclusions is null)
            {
                return null;
            }
        }

        return new TopicRule(topic.Id, topic.Name, index, source, phrases, exclusions, within);
    }

    private static List<Phrase>? ParseAlternatives(string text, string where, out string? problem)
    {
        problem = null;
        var phrases = new List<Phrase>();
        var parts = text.Split('|');
        for (var i = 0; i < parts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(parts[i]))
            {
                problem = parts.Length == 1 ? $"has no phrase {where}".TrimEnd() : $"has an empty phrase {where}at position {i + 1} (between '|')";
                return null;
            }

            var phrase = Phrase.TryParse(parts[i], out var phraseProblem);
            if (phrase is null)
            {
                problem = $"has a phrase {where}at position {i + 1} that {phraseProblem}";
                return null;
            }

            phrases.Add(phrase);
        }

        return phrases;
    }
}

/// <summary>One rule of a topic, parsed.</summary>
public sealed record TopicRule(string TopicId, string TopicName, int Index, string Source, IReadOnlyList<Phrase> Phrases, IReadOnlyList<Phrase> Exclusions, int Within);
