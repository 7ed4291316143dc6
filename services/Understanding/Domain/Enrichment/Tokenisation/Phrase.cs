using System.Text.RegularExpressions;

namespace Cx.Understanding.Domain.Enrichment.Tokenisation;

/// <summary>
/// A phrase of a lexicon or a topic rule, in one small syntax for both: English phrases are words
/// matched word by word ("on hold", "refund*" for every word starting with "refund", "#" for a
/// number such as 3 or "three"); Chinese phrases (any Han character) are matched in the text
/// itself, "#" standing for a number in digits or Chinese numerals (等了#个小时).
/// </summary>
public sealed partial class Phrase
{
    private const string ChineseNumber = "(?:[0-9０-９]+|[一二三四五六七八九十两几半百千多]+)";

    private static readonly HashSet<string> NumberWords =
    [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "ninety", "hundred", "several", "few",
        "couple", "many", "multiple", "countless", "numerous", "half", "a", "an", "another", "dozen",
    ];

    private Phrase(string source, bool isChinese, IReadOnlyList<string> words, Regex? pattern)
    {
        Source = source;
        IsChinese = isChinese;
        Words = words;
        Pattern = pattern;
    }

    public string Source { get; }

    /// <summary>Matched in the characters of the text rather than word by word.</summary>
    public bool IsChinese { get; }

    /// <summary>English: the words, each possibly ending in '*' or being '#'. Chinese: the one literal, lower-cased.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Chinese phrases with '#': the pattern, anchored where matching starts.</summary>
    public Regex? Pattern { get; }

    /// <summary>Reads a phrase; null with a reason when it is malformed.</summary>
    public static Phrase? TryParse(string source, out string? problem) => TryParse(source, out problem, out _);

    /// <summary>Reads a phrase; null with a reason when it is malformed, and where in <paramref name="source"/> (0-based).</summary>
    public static Phrase? TryParse(string source, out string? problem, out int at)
    {
        ArgumentNullException.ThrowIfNull(source);
        problem = null;
        var lead = source.Length - source.TrimStart().Length;
        at = lead;
        var text = source.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            problem = "is empty";
            return null;
        }

        if (text.Any(LanguageDetector.IsHan))
        {
            if (text.Contains('*', StringComparison.Ordinal))
            {
                problem = "uses '*' in a Chinese phrase; Chinese phrases already match inside longer words";
                at = lead + text.IndexOf('*', StringComparison.Ordinal);
                return null;
            }

            var bad = text.FirstOrDefault(c => char.IsPunctuation(c) && c != '#' || char.IsSymbol(c));
            if (bad != default)
            {
                problem = $"contains '{bad}', which is not a letter, digit or '#'";
                at = lead + text.IndexOf(bad, StringComparison.Ordinal);
                return null;
            }

            var literal = text.Replace(" ", string.Empty, StringComparison.Ordinal);
            Regex? pattern = null;
            if (literal.Contains('#', StringComparison.Ordinal))
            {
                var expression = @"\G" + string.Join(ChineseNumber, literal.Split('#').Select(Regex.Escape));
                pattern = new Regex(expression, RegexOptions.CultureInvariant | RegexOptions.Compiled);
            }

            return new Phrase(source, isChinese: true, [literal], pattern);
        }

        var words = WordSeparator().Split(text).Where(w => w.Length > 0).ToArray();
        var wordAt = 0;
        foreach (var word in words)
        {
            wordAt = text.IndexOf(word, wordAt, StringComparison.Ordinal);
            at = lead + wordAt;
            var star = word.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0 && (star != word.Length - 1 || word.Length < 4))
            {
                problem = $"has '{word}': '*' may only end a word, after at least three letters";
                return null;
            }

            var bad = word.FirstOrDefault(c => !char.IsLetterOrDigit(c) && c is not ('\'' or '*' or '#'));
            if (bad != default)
            {
                problem = $"contains '{bad}', which is not a letter, digit, apostrophe, '*' or '#'";
                at = lead + wordAt + word.IndexOf(bad, StringComparison.Ordinal);
                return null;
            }

            if (word.Contains('#', StringComparison.Ordinal) && word != "#")
            {
                problem = $"has '{word}': '#' stands alone for a number";
                return null;
            }

            wordAt += word.Length;
        }

        at = lead;

        return new Phrase(source, isChinese: false, words.Select(w => w.Replace('\u2019', '\'')).ToArray(), null);
    }

    public static Phrase Parse(string source) =>
        TryParse(source, out var problem) ?? throw new FormatException($"The phrase \"{source}\" {problem}.");

    /// <summary>Does an English phrase's word <paramref name="pattern"/> accept the text's word <paramref name="word"/>?</summary>
    internal static bool WordMatches(string pattern, string word)
    {
        if (pattern == "#")
        {
            return IsNumber(word);
        }

        return pattern[^1] == '*'
            ? word.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            : pattern == word;
    }

    internal static bool IsNumber(string word) => word.Length > 0 && (char.IsAsciiDigit(word[0]) || NumberWords.Contains(word));

    // Lucene splits words at hyphens and slashes; phrases are split the same way.
    [GeneratedRegex(@"[\s\-/]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordSeparator();
}
