using Cx.Understanding.Domain.Enrichment.Tokenisation;

namespace Cx.Understanding.Domain.Enrichment.Sentiment;

/// <summary>
/// The sentiment rules, the same for both languages:
/// <list type="number">
/// <item>Sentiment phrases and effort cues are found by longest match (so "not bad at all" or
/// 没问题 wins over its parts); each brings its lexicon weight.</item>
/// <item>Negators and intensifiers before a phrase, in the same clause and at most
/// <see cref="Reach"/> content words before it, multiply its weight: a negator by its factor
/// (about −0.75: "not good" is less negative than "bad" is), an intensifier by its own.</item>
/// <item>A contrast ("but", 但是) weighs what follows it in the sentence by its value and what
/// came before by the inverse.</item>
/// <item>The sum s becomes a score tanh(s / 2), in −1..+1; a label is positive from
/// <see cref="PositiveFrom"/>, negative from <see cref="NegativeFrom"/>, neutral between.</item>
/// </list>
/// A negated effort cue ("didn't have to wait") is not an effort cue: it counts for the customer.
/// </summary>
public static class SentimentScorer
{
    public const int Reach = 3;
    public const double PositiveFrom = 0.2;
    public const double NegativeFrom = -0.2;

    internal sealed record Scored(SentimentResult Result, IReadOnlyList<EffortCue> Effort, IReadOnlyList<(SentimentDriver Driver, int Sentence)> Drivers);

    internal static Scored Score(AnalysedText text, Lexicon lexicon)
    {
        var all = Resolve(lexicon.Sentiment.LongestMatches(text));
        var sentimentCount = all.Count;
        foreach (var match in lexicon.Effort.LongestMatches(text))
        {
            var overlaps = false;
            for (var h = 0; h < sentimentCount && !overlaps; h++)
            {
                var span = all[h].Match.Span;
                overlaps = all[h].Entry.Kind == LexiconKind.Sentiment && span.Start < match.Span.End && match.Span.Start < span.End;
            }

            if (!overlaps)
            {
                all.Add((match, match.Values[0]));
            }
        }

        if (all.Count > sentimentCount)
        {
            all.Sort((a, b) => a.Match.Span.Start.CompareTo(b.Match.Span.Start));
        }

        var anyContrast = all.Exists(h => h.Entry.Kind == LexiconKind.Contrast);
        var drivers = new List<(SentimentDriver Driver, int Sentence)>();
        var cues = new List<EffortCue>();
        var sum = 0d;
        for (var i = 0; i < all.Count; i++)
        {
            var (match, entry) = all[i];
            var isEffort = entry.Kind is LexiconKind.Waiting or LexiconKind.Repeating or LexiconKind.Transferred;
            if (entry.Kind != LexiconKind.Sentiment && !isEffort)
            {
                continue;
            }

            var (negated, negation, intensity) = Modifiers(text, all, i);
            if (isEffort && !negated)
            {
                cues.Add(new EffortCue(entry.Kind switch
                {
                    LexiconKind.Waiting => EffortKind.Waiting,
                    LexiconKind.Repeating => EffortKind.Repeating,
                    _ => EffortKind.Transferred,
                }, match.Span.Of(text.Text), match.Span));
            }

            if (entry.Value == 0)
            {
                continue;
            }

            var contribution = entry.Value * intensity * (negated ? negation : 1) * (anyContrast ? ContrastWeight(text, all, i) : 1);
            sum += contribution;
            drivers.Add((new SentimentDriver(match.Span.Of(text.Text), match.Span, Math.Round(contribution, 4), negated, intensity), text.SentenceOf(match.Span.Start)));
        }

        var score = Math.Round(Math.Tanh(sum / 2), 4);
        var label = score >= PositiveFrom ? SentimentLabel.Positive : score <= NegativeFrom ? SentimentLabel.Negative : SentimentLabel.Neutral;
        var driverList = new List<SentimentDriver>(drivers.Count);
        foreach (var (driver, _) in drivers)
        {
            driverList.Add(driver);
        }

        return new Scored(new SentimentResult(score, label, driverList), cues, drivers);
    }

    /// <summary>
    /// A phrase that is both a modifier and a sentiment word (好 in 好慢 and in 服务好, "pretty") is a
    /// modifier when a sentiment phrase follows it directly, and a sentiment word otherwise.
    /// </summary>
    private static List<(PhraseMatch<LexiconEntry> Match, LexiconEntry Entry)> Resolve(IReadOnlyList<PhraseMatch<LexiconEntry>> matches)
    {
        var resolved = new List<(PhraseMatch<LexiconEntry>, LexiconEntry)>();
        for (var i = 0; i < matches.Count; i++)
        {
            var values = matches[i].Values;
            if (values.Count == 1)
            {
                resolved.Add((matches[i], values[0]));
                continue;
            }

            var next = i + 1 < matches.Count ? matches[i + 1] : null;
            var beforeSentiment = next is not null && next.FirstToken <= matches[i].LastToken + 1
                && next.Values.Any(v => v.Kind == LexiconKind.Sentiment && v.Value != 0);
            var modifier = values.FirstOrDefault(v => v.Kind is LexiconKind.Intensifier or LexiconKind.Negator);
            var sentiment = values.FirstOrDefault(v => v.Kind == LexiconKind.Sentiment);
            resolved.Add((matches[i], beforeSentiment && modifier is not null ? modifier : sentiment ?? values[0]));
        }

        return resolved;
    }

    private static (bool Negated, double Negation, double Intensity) Modifiers(AnalysedText text, List<(PhraseMatch<LexiconEntry> Match, LexiconEntry Entry)> all, int target)
    {
        var negated = false;
        var negation = 1d;
        var intensity = 1d;
        var reachFrom = all[target].Match;
        for (var j = target - 1; j >= 0; j--)
        {
            var (match, entry) = all[j];
            if (entry.Kind is not (LexiconKind.Negator or LexiconKind.Intensifier))
            {
                break;
            }

            if (text.ClauseBreakBetween(match.Span.End, reachFrom.Span.Start)
                || text.ContentWordsBetween(match.LastToken, reachFrom.FirstToken) > Reach)
            {
                break;
            }

            if (entry.Kind == LexiconKind.Negator)
            {
                negated = !negated;
                negation = entry.Value;
            }
            else
            {
                intensity *= entry.Value;
            }

            reachFrom = match;
        }

        return (negated, negation, intensity);
    }

    private static double ContrastWeight(AnalysedText text, List<(PhraseMatch<LexiconEntry> Match, LexiconEntry Entry)> all, int target)
    {
        var position = all[target].Match.Span.Start;
        var sentence = text.SentenceOf(position);
        var weight = 1d;
        foreach (var (match, entry) in all)
        {
            if (entry.Kind != LexiconKind.Contrast || text.SentenceOf(match.Span.Start) != sentence)
            {
                continue;
            }

            weight = match.Span.Start < position ? entry.Value : 1 / entry.Value;
        }

        return weight;
    }
}
