using Cx.Domain.Errors;
using Cx.Understanding.Domain.Enrichment.Praise;
using Cx.Understanding.Domain.Enrichment.Sentiment;
using Cx.Understanding.Domain.Enrichment.Tokenisation;
using Cx.Understanding.Domain.Enrichment.Topics;

namespace Cx.Understanding.Domain.Enrichment;

/// <summary>What to enrich: the text, and the tenant's topics and names.</summary>
public sealed record EnrichmentRequest(
    string Text,
    Taxonomy? Taxonomy = null,
    IReadOnlyList<NamedTarget>? Names = null,
    ResponseEmployee? Employee = null);

/// <summary>
/// The built-in, explainable enrichment of one text: language, sentiment with its drivers, effort
/// cues, topics and praise, every finding with its span in the original text. Plain rules over the
/// words jieba (Chinese) and Lucene (English) cut, and the lexicons in Lexicons/; no state between
/// calls, so one engine serves every tenant and thread.
/// </summary>
public sealed class EnrichmentEngine : IDisposable
{
    public const int MaxTextLength = 10_000;

    /// <summary>How far (in words, either side) from a name a praising word may be, within its sentence.</summary>
    public const int PraiseReach = 12;

    private readonly EnglishTokenizer _english = new();
    private readonly ChineseTokenizer _chinese = new();
    private readonly Lexicon _englishLexicon;
    private readonly Lexicon _chineseLexicon;

    public EnrichmentEngine()
        : this(Lexicon.BuiltIn(LanguageDetector.English), Lexicon.BuiltIn(LanguageDetector.Chinese))
    {
    }

    public EnrichmentEngine(Lexicon english, Lexicon chinese)
    {
        _englishLexicon = english;
        _chineseLexicon = chinese;
    }

    /// <summary>Cuts a text into words with the segmenter of its language, as enrichment does (and nothing else).</summary>
    public AnalysedText Analyse(string text)
    {
        var language = LanguageDetector.Detect(text);
        var tokens = language switch
        {
            LanguageDetector.Chinese => _chinese.Tokenize(text),
            LanguageDetector.English => _english.Tokenize(text),
            _ => [],
        };
        return new AnalysedText(text, language, tokens);
    }

    /// <exception cref="ValidationFailedException">An empty text or one over <see cref="MaxTextLength"/> characters (field "text").</exception>
    public EnrichmentResult Enrich(EnrichmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(request.Text), "text", "Required.")
            .Require(request.Text is null || request.Text.Length <= MaxTextLength, "text", $"At most {MaxTextLength} characters; this text has {request.Text?.Length}.")
            .ThrowIfInvalid();

        var taxonomy = request.Taxonomy ?? Taxonomy.Empty;
        var text = Analyse(request.Text!);
        if (text.Language == LanguageDetector.Undetermined)
        {
            return new EnrichmentResult(text.Language, new SentimentResult(0, SentimentLabel.Neutral, []), [], taxonomy.Version, Topics(text, taxonomy), []);
        }

        var lexicon = text.IsChinese ? _chineseLexicon : _englishLexicon;
        var scored = SentimentScorer.Score(text, lexicon);
        var praise = FindPraise(text, lexicon, scored, request.Names ?? [], request.Employee);
        return new EnrichmentResult(text.Language, scored.Result, scored.Effort, taxonomy.Version, Topics(text, taxonomy), praise);
    }

    public void Dispose() => _english.Dispose();

    /// <summary>
    /// A rule matches where one of its phrases does, unless one of its NOT NEAR phrases is within its
    /// WITHIN words (either side) in the same sentence. One match per topic and place: two rules finding the same words count once.
    /// </summary>
    private static List<TopicMatch> Topics(AnalysedText text, Taxonomy taxonomy)
    {
        var found = new List<TopicMatch>();
        if (taxonomy.Index.IsEmpty)
        {
            return found;
        }

        var matches = taxonomy.Index.AllMatches(text);
        var seen = new HashSet<(string, TextSpan)>();
        foreach (var match in matches)
        {
            foreach (var (rule, excludes) in match.Values)
            {
                if (excludes)
                {
                    continue;
                }

                var cancelled = matches.Any(other => other.Values.Any(v => v.Excludes && v.Rule == rule)
                    && text.SentenceOf(other.Span.Start) == text.SentenceOf(match.Span.Start)
                    && Distance(match, other) <= rule.Within);
                if (!cancelled && seen.Add((rule.TopicId, match.Span)))
                {
                    found.Add(new TopicMatch(rule.TopicId, rule.TopicName, rule.Index, match.Span.Of(text.Text), match.Span));
                }
            }
        }

        return found.OrderBy(m => m.Span.Start).ThenBy(m => m.TopicId, StringComparer.Ordinal).ToList();
    }

    private static int Distance<T>(PhraseMatch<T> a, PhraseMatch<T> b)
    {
        if (a.FirstToken <= b.LastToken && b.FirstToken <= a.LastToken)
        {
            return 0;
        }

        return a.LastToken < b.FirstToken ? b.FirstToken - a.LastToken - 1 : a.FirstToken - b.LastToken - 1;
    }

    /// <summary>
    /// Praise is a name (or, for the response's own employee, a word such as "agent" or 客服) in a
    /// sentence whose sentiment is positive, with a positive word within <see cref="PraiseReach"/> words.
    /// </summary>
    private static List<PraiseMention> FindPraise(AnalysedText text, Lexicon lexicon, SentimentScorer.Scored scored, IReadOnlyList<NamedTarget> names, ResponseEmployee? employee)
    {
        var mentions = new List<(string Id, PraiseTargetKind Kind, TextSpan Span)>();
        var targets = names.ToList();
        if (employee is not null && !string.IsNullOrWhiteSpace(employee.DisplayName))
        {
            targets.Add(new NamedTarget(employee.Id, PraiseTargetKind.Employee, [employee.DisplayName]));
        }

        foreach (var target in targets)
        {
            foreach (var name in target.Names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim().ToLowerInvariant()).Distinct())
            {
                for (var at = text.Lower.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.Lower.IndexOf(name, at + 1, StringComparison.Ordinal))
                {
                    if (IsWholeName(text.Lower, at, name.Length))
                    {
                        mentions.Add((target.Id, target.Kind, new TextSpan(at, name.Length)));
                    }
                }
            }
        }

        if (employee is not null)
        {
            mentions.AddRange(lexicon.Roles.LongestMatches(text).Select(m => (employee.Id, PraiseTargetKind.Employee, m.Span)));
        }

        var praise = new List<PraiseMention>();
        foreach (var (id, kind, span) in mentions.OrderBy(m => m.Span.Start))
        {
            var sentence = text.SentenceOf(span.Start);
            var inSentence = scored.Drivers.Where(d => d.Sentence == sentence).Select(d => d.Driver).ToList();
            if (inSentence.Sum(d => d.Contribution) <= 0)
            {
                continue;
            }

            var nameToken = text.TokenAt(span.Start);
            var praising = inSentence
                .Where(d => d.Contribution > 0 && Math.Abs(text.TokenAt(d.Span.Start) - nameToken) <= PraiseReach)
                .OrderByDescending(d => d.Contribution)
                .FirstOrDefault();
            if (praising is null || praise.Any(p => p.TargetId == id && text.SentenceOf(p.Span.Start) == sentence))
            {
                continue;
            }

            praise.Add(new PraiseMention(id, kind, span.Of(text.Text), span, praising.Span));
        }

        return praise;
    }

    private static bool IsWholeName(string text, int at, int length)
    {
        // Latin names stand as words ("Ann" is not found in "Anne"); Han names have no spaces to look for.
        var first = text[at];
        var last = text[at + length - 1];
        var before = at > 0 && char.IsLetterOrDigit(text[at - 1]) && LanguageDetector.IsLatinLetter(first);
        var after = at + length < text.Length && char.IsLetterOrDigit(text[at + length]) && LanguageDetector.IsLatinLetter(last);
        return !before && !after;
    }
}
