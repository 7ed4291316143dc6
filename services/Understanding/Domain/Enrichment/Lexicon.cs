using System.Globalization;
using Cx.Understanding.Domain.Enrichment.Tokenisation;

namespace Cx.Understanding.Domain.Enrichment;

/// <summary>What a lexicon line says about its phrase.</summary>
public enum LexiconKind
{
    /// <summary>A word or phrase with a weight from −4 (very negative) to +4 (very positive); 0 shields a phrase (好的, "pretty much") from its parts.</summary>
    Sentiment,

    /// <summary>Reverses (and softens) the sentiment after it: the value is the factor, e.g. −0.75.</summary>
    Negator,

    /// <summary>Strengthens (> 1) or softens (&lt; 1) the sentiment after it.</summary>
    Intensifier,

    /// <summary>"but", 但是: what follows in the sentence weighs the value, what came before its inverse.</summary>
    Contrast,

    Waiting,
    Repeating,
    Transferred,

    /// <summary>A word for the person who served the customer ("agent", 客服): names the response's employee.</summary>
    Role,
}

public sealed record LexiconEntry(LexiconKind Kind, Phrase Phrase, double Value, int Line);

/// <summary>
/// One language's lexicon, read from a tab-separated file: <c>kind TAB phrase TAB value</c>, '#'
/// starting a comment line. The files sit in Lexicons/ and are written for this project.
/// </summary>
public sealed class Lexicon
{
    private Lexicon(string language, IReadOnlyList<LexiconEntry> entries)
    {
        Language = language;
        Entries = entries;
        // A Chinese word may end in a particle that jieba keeps on it (好了, 慢死了): the phrase before it still counts.
        Particles = language == LanguageDetector.Chinese ? ["了", "的", "啊", "呀", "啦", "吧", "呢", "哦", "死了", "极了", "透了", "得很"] : [];
        Sentiment = new PhraseIndex<LexiconEntry>(
            entries.Where(e => e.Kind is LexiconKind.Sentiment or LexiconKind.Negator or LexiconKind.Intensifier or LexiconKind.Contrast).Select(e => (e.Phrase, e)),
            Particles);
        Effort = new PhraseIndex<LexiconEntry>(
            entries.Where(e => e.Kind is LexiconKind.Waiting or LexiconKind.Repeating or LexiconKind.Transferred).Select(e => (e.Phrase, e)),
            Particles);
        Roles = new PhraseIndex<LexiconEntry>(entries.Where(e => e.Kind == LexiconKind.Role).Select(e => (e.Phrase, e)), Particles);
    }

    public string Language { get; }

    public IReadOnlyList<LexiconEntry> Entries { get; }

    internal IReadOnlyList<string> Particles { get; }

    internal PhraseIndex<LexiconEntry> Sentiment { get; }

    internal PhraseIndex<LexiconEntry> Effort { get; }

    internal PhraseIndex<LexiconEntry> Roles { get; }

    /// <summary>The lexicon built into the service for "en" or "zh".</summary>
    public static Lexicon BuiltIn(string language)
    {
        var name = $"Cx.Understanding.Enrichment.Lexicons.{language}.tsv";
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The lexicon {name} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(language, reader.ReadToEnd());
    }

    /// <exception cref="FormatException">A line that is not <c>kind TAB phrase TAB value</c>, naming the line.</exception>
    public static Lexicon Parse(string language, string content)
    {
        var entries = new List<LexiconEntry>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3)
            {
                throw new FormatException($"Lexicon {language}, line {i + 1}: expected kind, phrase and value separated by tabs.");
            }

            if (!Enum.TryParse<LexiconKind>(fields[0], ignoreCase: true, out var kind) || int.TryParse(fields[0], out _))
            {
                throw new FormatException($"Lexicon {language}, line {i + 1}: unknown kind '{fields[0]}'.");
            }

            var phrase = Phrase.TryParse(fields[1], out var problem)
                ?? throw new FormatException($"Lexicon {language}, line {i + 1}: the phrase \"{fields[1]}\" {problem}.");
            var value = 0d;
            if (kind != LexiconKind.Role && !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                throw new FormatException($"Lexicon {language}, line {i + 1}: the value '{fields[2]}' is not a number.");
            }

            entries.Add(new LexiconEntry(kind, phrase, value, i + 1));
        }

        return new Lexicon(language, entries);
    }
}
