using JiebaNet.Segmenter;

namespace Cx.Understanding.Domain.Enrichment.Tokenisation;

/// <summary>
/// Chinese words by jieba (its prefix dictionary, and its HMM for words the dictionary lacks, such
/// as names like 小王). The dictionary is loaded once per process from the Resources/ folder beside
/// the assembly; the segmenter only reads it afterwards. Whitespace is not a word.
/// </summary>
public sealed class ChineseTokenizer
{
    private static readonly Lazy<JiebaSegmenter> Shared = new(() => new JiebaSegmenter(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Particles and pronouns that carry no sentiment, kept out of the distance between a modifier and its word.</summary>
    private static readonly HashSet<string> StopWordSet =
    [
        "的", "了", "得", "地", "着", "是", "也", "都", "就", "还", "又", "啊", "呀", "吧", "呢", "哦", "嘛", "啦",
        "我", "你", "他", "她", "它", "我们", "你们", "他们", "这", "那", "这个", "那个", "个",
    ];

    private readonly JiebaSegmenter _segmenter = Shared.Value;

    public IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        foreach (var token in _segmenter.Tokenize(text, TokenizerMode.Default, hmm: true))
        {
            if (string.IsNullOrWhiteSpace(token.Word))
            {
                continue;
            }

            var word = token.Word.ToLowerInvariant();
            tokens.Add(new Token(word, TextSpan.FromBounds(token.StartIndex, token.EndIndex), StopWordSet.Contains(word)));
        }

        return tokens;
    }
}
