namespace Cx.Understanding.Domain.Enrichment.Tokenisation;

/// <summary>Where a phrase matched, and what it stands for (several values when entries share the phrase).</summary>
public sealed record PhraseMatch<T>(IReadOnlyList<T> Values, Phrase Phrase, TextSpan Span, int FirstToken, int LastToken);

/// <summary>
/// Finds many phrases in one pass over a text: English phrases word by word from their first word,
/// Chinese ones character by character from their first character.
/// </summary>
public sealed class PhraseIndex<T>
{
    private readonly Dictionary<string, List<(Phrase Phrase, T Value)>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Phrase Phrase, T Value)>> _byFirstPrefix = new(StringComparer.Ordinal);
    private readonly List<(Phrase Phrase, T Value)> _numberFirst = [];
    private readonly Dictionary<string, List<(Phrase Phrase, T Value)>> _literals = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<(Phrase Phrase, T Value)>> _patternsByFirstChar = [];
    private readonly List<(Phrase Phrase, T Value)> _patternsStartingWithNumber = [];
    private readonly HashSet<string> _chineseParticles;
    private readonly Dictionary<char, int> _longestLiteralByFirstChar = [];
    private bool _anyCharacterPhraseStartsWithAscii;
    private readonly HashSet<string> _prefixHeads = new(StringComparer.Ordinal);
    private int _shortestPrefix = int.MaxValue;
    private int _longestPrefix;

    public PhraseIndex(IEnumerable<(Phrase Phrase, T Value)> entries, IEnumerable<string>? chineseParticles = null)
    {
        _chineseParticles = new HashSet<string>(chineseParticles ?? [], StringComparer.Ordinal);
        foreach (var (phrase, value) in entries)
        {
            Add(phrase, value);
        }

        IndexPrefixHeads();
    }

    public bool IsEmpty { get; private set; } = true;

    /// <summary>Every match of every phrase, overlapping ones included (topics: "delivery" and "delivery fee" both count).</summary>
    public List<PhraseMatch<T>> AllMatches(AnalysedText text)
    {
        var found = new List<PhraseMatch<T>>();
        if (IsEmpty)
        {
            return found;
        }

        if (_byFirstWord.Count > 0 || _byFirstPrefix.Count > 0 || _numberFirst.Count > 0)
        {
            for (var i = 0; i < text.Tokens.Count; i++)
            {
                WordMatchesAt(text, i, found);
            }
        }

        if (_literals.Count > 0 || _patternsByFirstChar.Count > 0 || _patternsStartingWithNumber.Count > 0)
        {
            for (var p = 0; p < text.Lower.Length; p++)
            {
                // Chinese phrases start with a Han character or a number: English letters are skipped cheaply.
                if (_anyCharacterPhraseStartsWithAscii || !char.IsAsciiLetter(text.Lower[p]))
                {
                    CharacterMatchesAt(text, p, found);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Leftmost-longest matches that do not overlap (lexicons: "not bad at all" before "bad"). In Chinese
    /// a match starts where jieba starts a word (or where the previous match ended) and ends where a word
    /// ends, or before a particle (好了, 慢死了) or another match (很好 → 很 + 好): 好 is not found in 好像.
    /// A phrase of two or more characters may also start inside a word.
    /// </summary>
    public IReadOnlyList<PhraseMatch<T>> LongestMatches(AnalysedText text)
    {
        var found = new List<PhraseMatch<T>>();
        if (IsEmpty)
        {
            return found;
        }

        if (!text.IsChinese)
        {
            var candidates = new List<PhraseMatch<T>>();
            for (var i = 0; i < text.Tokens.Count;)
            {
                candidates.Clear();
                WordMatchesAt(text, i, candidates);
                var best = Longest(candidates);
                if (best is null)
                {
                    i++;
                    continue;
                }

                found.Add(best);
                i = best.LastToken + 1;
            }

            return found;
        }

        var chainedStart = -1;
        var atPosition = new List<PhraseMatch<T>>();
        for (var p = 0; p < text.Lower.Length;)
        {
            // One character is too common to trust inside a longer word (好 in 好像); two or more are
            // specific enough, and jieba sometimes glues a pronoun to them (我省了).
            var atEdge = text.IsTokenStart(p) || p == chainedStart;
            atPosition.Clear();
            CharacterMatchesAt(text, p, atPosition);
            atPosition.RemoveAll(m => !(atEdge || m.Span.Length > 1) || !EndsAtWordEdge(text, m.Span.End, depth: 0));
            var best = Longest(atPosition);
            if (best is null)
            {
                p++;
                continue;
            }

            found.Add(best);
            p = best.Span.End;
            chainedStart = p;
        }

        return found;
    }

    private static PhraseMatch<T>? Longest(List<PhraseMatch<T>> matches)
    {
        PhraseMatch<T>? best = null;
        foreach (var match in matches)
        {
            if (best is null || match.Span.Length > best.Span.Length)
            {
                best = match;
            }
            else if (match.Span.Length == best.Span.Length && match.Phrase.Source == best.Phrase.Source)
            {
                best = best with { Values = [.. best.Values, .. match.Values] };
            }
        }

        return best;
    }

    private bool EndsAtWordEdge(AnalysedText text, int end, int depth)
    {
        if (end >= text.Lower.Length || text.IsTokenEnd(end))
        {
            return true;
        }

        var wordEnd = text.TokenEndAfter(end);
        if (wordEnd > end && _chineseParticles.Contains(text.Lower[end..wordEnd]))
        {
            return true;
        }

        if (depth > 0)
        {
            return false;
        }

        var next = new List<PhraseMatch<T>>();
        CharacterMatchesAt(text, end, next);
        return next.Exists(m => EndsAtWordEdge(text, m.Span.End, depth + 1));
    }

    private void WordMatchesAt(AnalysedText text, int i, List<PhraseMatch<T>> into)
    {
        var term = text.Tokens[i].Term;
        if (_byFirstWord.TryGetValue(term, out var exact))
        {
            Complete(text, i, exact, into);
        }

        // Most words start no prefix phrase: one look at their first letters rules them out.
        if (_byFirstPrefix.Count > 0 && term.Length >= _shortestPrefix
            && _prefixHeads.GetAlternateLookup<ReadOnlySpan<char>>().Contains(term.AsSpan(0, _shortestPrefix)))
        {
            var lookup = _byFirstPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var k = _shortestPrefix; k <= Math.Min(term.Length, _longestPrefix); k++)
            {
                if (lookup.TryGetValue(term.AsSpan(0, k), out var prefixed))
                {
                    Complete(text, i, prefixed, into);
                }
            }
        }

        if (_numberFirst.Count > 0 && Phrase.IsNumber(term))
        {
            Complete(text, i, _numberFirst, into);
        }
    }

    /// <summary>Every prefix phrase's first letters, at the length of the shortest prefix, once all are added.</summary>
    private void IndexPrefixHeads()
    {
        _prefixHeads.Clear();
        foreach (var prefix in _byFirstPrefix.Keys)
        {
            _prefixHeads.Add(prefix[.._shortestPrefix]);
        }
    }

    private static void Complete(AnalysedText text, int first, List<(Phrase Phrase, T Value)> candidates, List<PhraseMatch<T>> into)
    {
        foreach (var (phrase, value) in candidates)
        {
            var last = first + phrase.Words.Count - 1;
            if (last >= text.Tokens.Count)
            {
                continue;
            }

            var matches = true;
            for (var j = 1; j < phrase.Words.Count && matches; j++)
            {
                matches = Phrase.WordMatches(phrase.Words[j], text.Tokens[first + j].Term);
            }

            if (matches)
            {
                into.Add(new PhraseMatch<T>([value], phrase, TextSpan.FromBounds(text.Tokens[first].Span.Start, text.Tokens[last].Span.End), first, last));
            }
        }
    }

    private void CharacterMatchesAt(AnalysedText text, int p, List<PhraseMatch<T>> into)
    {
        var lower = text.Lower;
        if (_longestLiteralByFirstChar.TryGetValue(lower[p], out var longest))
        {
            var lookup = _literals.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var length = Math.Min(longest, lower.Length - p); length > 0; length--)
            {
                if (lookup.TryGetValue(lower.AsSpan(p, length), out var entries))
                {
                    foreach (var (phrase, value) in entries)
                    {
                        into.Add(Located(text, phrase, value, p, length));
                    }
                }
            }
        }

        if (_patternsByFirstChar.TryGetValue(lower[p], out var byChar))
        {
            MatchPatterns(text, p, byChar, into);
        }

        if (_patternsStartingWithNumber.Count > 0 && (char.IsDigit(lower[p]) || "一二三四五六七八九十两几半百千多".Contains(lower[p], StringComparison.Ordinal)))
        {
            MatchPatterns(text, p, _patternsStartingWithNumber, into);
        }
    }

    private static void MatchPatterns(AnalysedText text, int p, List<(Phrase Phrase, T Value)> patterns, List<PhraseMatch<T>> into)
    {
        foreach (var (phrase, value) in patterns)
        {
            var match = phrase.Pattern!.Match(text.Lower, p);
            if (match.Success && match.Length > 0)
            {
                into.Add(Located(text, phrase, value, p, match.Length));
            }
        }
    }

    private static PhraseMatch<T> Located(AnalysedText text, Phrase phrase, T value, int start, int length)
    {
        var span = new TextSpan(start, length);
        var first = text.TokenAt(start);
        var last = Math.Max(first, text.TokenAt(span.End - 1));
        return new PhraseMatch<T>([value], phrase, span, first, last);
    }

    private void Add(Phrase phrase, T value)
    {
        IsEmpty = false;
        if (phrase.IsChinese)
        {
            var literal = phrase.Words[0];
            _anyCharacterPhraseStartsWithAscii |= char.IsAsciiLetter(literal[0]);
            if (phrase.Pattern is null)
            {
                Bucket(_literals, literal).Add((phrase, value));
                _longestLiteralByFirstChar[literal[0]] = Math.Max(_longestLiteralByFirstChar.GetValueOrDefault(literal[0]), literal.Length);
            }
            else if (literal[0] == '#')
            {
                _patternsStartingWithNumber.Add((phrase, value));
            }
            else
            {
                if (!_patternsByFirstChar.TryGetValue(literal[0], out var list))
                {
                    _patternsByFirstChar[literal[0]] = list = [];
                }

                list.Add((phrase, value));
            }

            return;
        }

        var first = phrase.Words[0];
        if (first == "#")
        {
            _numberFirst.Add((phrase, value));
        }
        else if (first[^1] == '*')
        {
            var prefix = first[..^1];
            Bucket(_byFirstPrefix, prefix).Add((phrase, value));
            _shortestPrefix = Math.Min(_shortestPrefix, prefix.Length);
            _longestPrefix = Math.Max(_longestPrefix, prefix.Length);
        }
        else
        {
            Bucket(_byFirstWord, first).Add((phrase, value));
        }
    }

    private static List<(Phrase Phrase, T Value)> Bucket(Dictionary<string, List<(Phrase Phrase, T Value)>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        return list;
    }
}
