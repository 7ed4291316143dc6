using Cx.Domain.Errors;
using Cx.Understanding.Domain.Enrichment;

namespace Cx.Understanding.Tests.Enrichment;

[Collection(EnrichmentGroup.Name)]
public sealed class SentimentTests(EnrichmentFixture fixture)
{
    private EnrichmentResult Enrich(string text) => fixture.Engine.Enrich(new EnrichmentRequest(text));

    [Fact]
    public void English_negation_and_intensity_turn_a_positive_word_negative_with_its_span()
    {
        var result = Enrich("The agent was not very helpful, and I waited 40 minutes on hold.");

        Assert.Equal("en", result.Language);
        Assert.Equal(SentimentLabel.Negative, result.Sentiment.Label);
        Assert.Equal(-0.9917, result.Sentiment.Score);
        Assert.Equal(
        [
            new SentimentDriver("helpful", new TextSpan(23, 7), -2.475, Negated: true, Intensity: 1.5),
            new SentimentDriver("waited", new TextSpan(38, 6), -1.5, Negated: false, Intensity: 1),
            new SentimentDriver("on hold", new TextSpan(56, 7), -1.5, Negated: false, Intensity: 1),
        ], result.Sentiment.Drivers);
    }

    [Fact]
    public void A_negated_negative_word_counts_for_the_customer()
    {
        var result = Enrich("The parcel arrived on time. Not bad at all!");

        Assert.Equal(SentimentLabel.Positive, result.Sentiment.Label);
        Assert.Equal(0.9051, result.Sentiment.Score);
        Assert.Equal(
        [
            new SentimentDriver("on time", new TextSpan(19, 7), 1.5, Negated: false, Intensity: 1),
            new SentimentDriver("bad", new TextSpan(32, 3), 1.5, Negated: true, Intensity: 1),
        ], result.Sentiment.Drivers);
    }

    [Fact]
    public void After_but_the_sentence_weighs_more_than_before_it()
    {
        var result = Enrich("Anna was brilliant, but I had to explain my order number three times before I was transferred.");

        Assert.Equal(SentimentLabel.Negative, result.Sentiment.Label);
        Assert.Equal(-0.7719, result.Sentiment.Score);
        Assert.Equal([2, -1.8, -2.25], result.Sentiment.Drivers.Select(d => d.Contribution));
    }

    [Fact]
    public void Chinese_intensifier_inside_a_jieba_word_and_the_effort_phrases_with_spans()
    {
        var result = Enrich("快递员态度很差，我等了两个小时，还被转来转去。");

        Assert.Equal("zh", result.Language);
        Assert.Equal(SentimentLabel.Negative, result.Sentiment.Label);
        Assert.Equal(-0.9973, result.Sentiment.Score);
        Assert.Equal(
        [
            new SentimentDriver("差", new TextSpan(6, 1), -2.6, Negated: false, Intensity: 1.3),
            new SentimentDriver("等了两个小时", new TextSpan(9, 6), -2, Negated: false, Intensity: 1),
            new SentimentDriver("转来转去", new TextSpan(18, 4), -2, Negated: false, Intensity: 1),
        ], result.Sentiment.Drivers);
    }

    [Fact]
    public void Chinese_negation_softens_and_contrast_weighs_what_follows_不过()
    {
        var result = Enrich("客服小王很耐心，不过物流不太快。");

        Assert.Equal(SentimentLabel.Positive, result.Sentiment.Label);
        Assert.Equal(0.2951, result.Sentiment.Score);
        Assert.Equal(
        [
            new SentimentDriver("耐心", new TextSpan(5, 2), 1.7333, Negated: false, Intensity: 1.3),
            new SentimentDriver("快", new TextSpan(14, 1), -1.125, Negated: true, Intensity: 1),
        ], result.Sentiment.Drivers);
    }

    [Fact]
    public void Chinese_positive_with_intensifiers()
    {
        var result = Enrich("退款很快就到账了，非常满意！");

        Assert.Equal(SentimentLabel.Positive, result.Sentiment.Label);
        Assert.Equal(0.9885, result.Sentiment.Score);
        Assert.Equal([("快", new TextSpan(3, 1)), ("满意", new TextSpan(11, 2))], result.Sentiment.Drivers.Select(d => (d.Text, d.Span)));
    }

    [Fact]
    public void A_single_character_word_is_not_found_inside_a_longer_one()
    {
        // 好 (good) inside 好像 (seems) and 快 (fast) inside 快递 (courier) are not sentiment.
        var result = Enrich("好像快递还在路上。");

        Assert.Equal(SentimentLabel.Neutral, result.Sentiment.Label);
        Assert.Empty(result.Sentiment.Drivers);
    }

    [Theory]
    [InlineData("I'd like to change my delivery address.", "en")]
    [InlineData("请问怎么修改收货地址？", "zh")]
    public void Requests_are_neutral(string text, string language)
    {
        var result = Enrich(text);

        Assert.Equal(language, result.Language);
        Assert.Equal(SentimentLabel.Neutral, result.Sentiment.Label);
        Assert.Equal(0, result.Sentiment.Score);
    }

    [Fact]
    public void A_text_over_the_limit_is_refused_on_the_text_field()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Enrich(new string('a', EnrichmentEngine.MaxTextLength + 1)));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("text", violation.Field);
        Assert.Equal("At most 10000 characters; this text has 10001.", violation.Description);
        Assert.Equal("en", Enrich(new string('a', EnrichmentEngine.MaxTextLength)).Language);
    }

    [Fact]
    public void An_empty_text_is_refused()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Enrich("   "));

        Assert.Equal([new FieldViolation("text", "Required.")], error.Violations);
    }
}

[Collection(EnrichmentGroup.Name)]
public sealed class ConcurrencyTests(EnrichmentFixture fixture)
{
    [Fact]
    public void One_engine_gives_the_same_results_on_many_threads_as_on_one()
    {
        var texts = LabelledSetTests.Read("en").Concat(LabelledSetTests.Read("zh")).Select(r => r.Text).ToArray();
        string Describe(string text)
        {
            var result = fixture.Engine.Enrich(new EnrichmentRequest(text, EnrichmentFixture.Taxonomy, EnrichmentFixture.Names));
            return $"{result.Language} {result.Sentiment.Score} {string.Join(",", result.Sentiment.Drivers.Select(d => d.Span))} {string.Join(",", result.Topics.Select(t => t.Span))} {result.Praise.Count}";
        }

        var sequential = texts.Select(Describe).ToArray();
        var parallel = new string[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Describe(texts[i]));

        Assert.Equal(sequential, parallel);
    }
}
