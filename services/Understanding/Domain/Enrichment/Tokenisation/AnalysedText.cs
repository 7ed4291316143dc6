namespace Cx.Understanding.Domain.Enrichment.Tokenisation;

/// <summary>A text cut into words once, with what every matcher needs to ask of it.</summary>
public sealed class AnalysedText
{
    private const string ClauseBreaks = ",.;:!?，。；：！？、…\n\r()（）";
    private const string SentenceBreaks = ".!?。！？\n\r";

    private readonly int[] _tokenAt;
    private readonly int[] _sentenceAt;

    public AnalysedText(string text, string language, IReadOnlyList<Token> tokens)
    {
        Text = text;
        Lower = text.ToLowerInvariant();
        Language = language;
        Tokens = tokens;
        _tokenAt = new int[text.Length + 1];
        Array.Fill(_tokenAt, -1);
        for (var i = 0; i < tokens.Count; i++)
        {
            for (var c = tokens[i].Span.Start; c < tokens[i].Span.End; c++)
            {
                _tokenAt[c] = i;
            }
        }

        _sentenceAt = new int[text.Length + 1];
        var sentence = 0;
        for (var c = 0; c < text.Length; c++)
        {
            _sentenceAt[c] = sentence;
            if (SentenceBreaks.Contains(text[c], StringComparison.Ordinal))
            {
                sentence++;
            }
        }

        _sentenceAt[text.Length] = sentence;
    }

    public string Text { get; }

    /// <summary>Lower-cased with the same length, so offsets into it are offsets into <see cref="Text"/>.</summary>
    public string Lower { get; }

    public string Language { get; }

    public IReadOnlyList<Token> Tokens { get; }

    public bool IsChinese => Language == LanguageDetector.Chinese;

    /// <summary>The word covering a character, or the next word after it (the count of words when none follows).</summary>
    public int TokenAt(int position)
    {
        for (var c = position; c < _tokenAt.Length; c++)
        {
            if (_tokenAt[c] >= 0)
            {
                return _tokenAt[c];
            }
        }

        return Tokens.Count;
    }

    public bool IsTokenStart(int position) => position < Text.Length && _tokenAt[position] >= 0 && Tokens[_tokenAt[position]].Span.Start == position;

    public bool IsTokenEnd(int position) => position > 0 && _tokenAt[position - 1] >= 0 && Tokens[_tokenAt[position - 1]].Span.End == position;

    /// <summary>The end of the word that covers a position (the position itself when no word does).</summary>
    public int TokenEndAfter(int position) => position < Text.Length && _tokenAt[position] >= 0 ? Tokens[_tokenAt[position]].Span.End : position;

    public int SentenceOf(int position) => _sentenceAt[Math.Clamp(position, 0, Text.Length)];

    /// <summary>True when punctuation separates the two positions: negation and intensity stop at a clause.</summary>
    public bool ClauseBreakBetween(int from, int to)
    {
        for (var c = from; c < to && c < Text.Length; c++)
        {
            if (ClauseBreaks.Contains(Text[c], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words between two, not counting stop words: the distance a modifier may reach.</summary>
    public int ContentWordsBetween(int firstToken, int lastToken)
    {
        var count = 0;
        for (var i = firstToken + 1; i < lastToken; i++)
        {
            if (!Tokens[i].IsStopWord)
            {
                count++;
            }
        }

        return count;
    }
}
