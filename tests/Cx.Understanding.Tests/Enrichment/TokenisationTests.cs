using Cx.Understanding.Domain.Enrichment;
using Cx.Understanding.Domain.Enrichment.Tokenisation;

namespace Cx.Understanding.Tests.Enrichment;

public sealed class TokenisationTests
{
    [Fact]
    public void Jieba_cuts_chinese_words_with_their_offsets_from_the_dictionaries_in_the_output()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Resources", "dict.txt")));
        var tokens = new ChineseTokenizer().Tokenize("客服小王态度很好，但是 等了两个小时");

        Assert.Equal(["客服", "小王", "态度", "很", "好", "，", "但是", "等", "了", "两个", "小时"], tokens.Select(t => t.Term));
        Assert.Equal(new TextSpan(2, 2), tokens[1].Span);
        Assert.Equal(new TextSpan(12, 1), tokens[7].Span);
        Assert.Equal(new TextSpan(16, 2), tokens[10].Span);
    }

    [Fact]
    public void Lucene_cuts_english_words_lower_cased_with_offsets_and_keeps_not_and_no_as_content_words()
    {
        using var tokenizer = new EnglishTokenizer();
        var tokens = tokenizer.Tokenize("The app doesn’t work, NO reply and not fixed.");

        Assert.Equal(["the", "app", "doesn't", "work", "no", "reply", "and", "not", "fixed"], tokens.Select(t => t.Term));
        Assert.Equal([true, false, false, false, false, false, true, false, false], tokens.Select(t => t.IsStopWord));
        Assert.Equal(new TextSpan(8, 7), tokens[2].Span);
        Assert.Equal(new TextSpan(22, 2), tokens[4].Span);
    }
}
