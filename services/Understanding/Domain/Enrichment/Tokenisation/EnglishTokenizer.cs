using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Cx.Understanding.Domain.Enrichment.Tokenisation;

/// <summary>
/// English words by Lucene's standard tokenizer (Unicode word boundaries: "don't" stays one word)
/// and lower-casing. Stop words are marked, not dropped, so spans and phrases stay whole; the list is
/// Lucene's English one without "not" and "no", which carry sentiment ("not good", "no reply").
/// </summary>
public sealed class EnglishTokenizer : IDisposable
{
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly Analyzer _analyzer = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(source, new LowerCaseFilter(Version, source));
    });

    public static CharArraySet StopWords { get; } = BuildStopWords();

    public IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        using var stream = _analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = term.ToString().Replace('\u2019', '\'');
            tokens.Add(new Token(word, TextSpan.FromBounds(offset.StartOffset, offset.EndOffset), StopWords.Contains(word)));
        }

        stream.End();
        return tokens;
    }

    public void Dispose() => _analyzer.Dispose();

    private static CharArraySet BuildStopWords()
    {
        var words = new List<string>();
        foreach (var word in StopAnalyzer.ENGLISH_STOP_WORDS_SET)
        {
            if (word is not ("not" or "no"))
            {
                words.Add(word);
            }
        }

        return new CharArraySet(Version, words, ignoreCase: true).AsReadOnly();
    }
}
