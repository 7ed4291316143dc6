using Cx.Understanding.Domain.Enrichment;

namespace Cx.Understanding.Tests.Enrichment;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("The parcel never came.", "en")]
    [InlineData("包裹一直没到。", "zh")]
    [InlineData("我的iPhone订单还没发货", "zh")]
    [InlineData("Thanks to 小王 for the help with my order", "en")]
    [InlineData("注文が届きません", "und")]
    [InlineData("배송이 늦어요", "und")]
    [InlineData("Доставка опоздала", "und")]
    [InlineData("12345 !!!", "und")]
    public void Language_comes_from_the_characters(string text, string language) =>
        Assert.Equal(language, LanguageDetector.Detect(text));
}

public sealed class LexiconTests
{
    [Fact]
    public void The_built_in_lexicons_load_and_keep_not_and_no_as_negators()
    {
        var english = Lexicon.BuiltIn("en");
        var chinese = Lexicon.BuiltIn("zh");

        Assert.Contains(english.Entries, e => e.Kind == LexiconKind.Negator && e.Phrase.Source == "not");
        Assert.Contains(english.Entries, e => e.Kind == LexiconKind.Negator && e.Phrase.Source == "no");
        Assert.Equal(["不", "没", "没有", "未", "无", "别"], chinese.Entries.Where(e => e.Kind == LexiconKind.Negator).Select(e => e.Phrase.Source).Take(6));
        Assert.All(english.Entries.Concat(chinese.Entries).Where(e => e.Kind == LexiconKind.Sentiment), e => Assert.InRange(e.Value, -4, 4));
    }

    [Theory]
    [InlineData("sentiment\tgood", "Lexicon en, line 2: expected kind, phrase and value separated by tabs.")]
    [InlineData("feeling\tgood\t2", "Lexicon en, line 2: unknown kind 'feeling'.")]
    [InlineData("sentiment\tgo*od\t2", "Lexicon en, line 2: the phrase \"go*od\" has 'go*od': '*' may only end a word, after at least three letters.")]
    [InlineData("sentiment\tgood\tvery", "Lexicon en, line 2: the value 'very' is not a number.")]
    public void A_malformed_lexicon_line_names_its_line(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => Lexicon.Parse("en", "# comment\n" + line + "\n"));

        Assert.Equal(message, error.Message);
    }
}
