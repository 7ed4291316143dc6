namespace Cx.Understanding.Domain.Enrichment;

/// <summary>
/// English or Chinese from the characters alone, so the decision can be explained in one sentence:
/// any kana or hangul means neither (Japanese and Korean also use Han characters); otherwise a text
/// is Chinese when it has at least as many Han characters as Latin words, English when it has Latin
/// words and more of them than letters of other scripts, and undetermined ("und") otherwise. A
/// Chinese comment naming an "iPhone" stays Chinese; an English one naming 小王 stays English.
/// </summary>
public static class LanguageDetector
{
    public const string English = "en";
    public const string Chinese = "zh";
    public const string Undetermined = "und";

    public static string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int han = 0, latinWords = 0, otherLetters = 0;
        var inLatinWord = false;
        foreach (var c in text)
        {
            var latin = IsLatinLetter(c);
            if (latin && !inLatinWord)
            {
                latinWords++;
            }

            inLatinWord = latin || (inLatinWord && c == '\'');
            if (latin)
            {
                continue;
            }

            if (IsHan(c))
            {
                han++;
            }
            else if (IsKanaOrHangul(c))
            {
                return Undetermined;
            }
            else if (char.IsLetter(c))
            {
                otherLetters++;
            }
        }

        if (han > 0 && han >= latinWords)
        {
            return Chinese;
        }

        return latinWords > 0 && latinWords > otherLetters ? English : Undetermined;
    }

    internal static bool IsHan(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    internal static bool IsLatinLetter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\u00C0' and <= '\u024F' and not '\u00D7' and not '\u00F7');

    private static bool IsKanaOrHangul(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\u1100' and <= '\u11FF');
}
