using Cx.Domain.Errors;
using Cx.Understanding.Domain.Enrichment;
using Cx.Understanding.Domain.Enrichment.Topics;

namespace Cx.Understanding.Tests.Enrichment;

[Collection(EnrichmentGroup.Name)]
public sealed class TopicTests(EnrichmentFixture fixture)
{
    private EnrichmentResult Enrich(string text) => fixture.Engine.Enrich(new EnrichmentRequest(text, EnrichmentFixture.Taxonomy));

    [Fact]
    public void English_topics_by_word_prefix_and_phrase_with_spans_and_the_taxonomy_version()
    {
        var result = Enrich("The courier was late and my refunds and the direct debit are still wrong.");

        Assert.Equal(3, result.TaxonomyVersion);
        Assert.Equal(
        [
            new TopicMatch("delivery", "Delivery", 0, "courier", new TextSpan(4, 7)),
            new TopicMatch("refunds", "Refunds", 0, "refunds", new TextSpan(28, 7)),
            new TopicMatch("billing", "Billing", 1, "direct debit", new TextSpan(44, 12)),
        ], result.Topics);
    }

    [Fact]
    public void Not_near_cancels_a_match_close_by_in_the_same_sentence_only()
    {
        var result = Enrich("The tax refund form is wrong. My refund came back.");

        Assert.Equal([new TopicMatch("refunds", "Refunds", 0, "refund", new TextSpan(33, 6))], result.Topics);
    }

    [Fact]
    public void Chinese_phrases_match_inside_longer_words()
    {
        var result = Enrich("快递员送货很慢，退款和退税都没到账，账单也不对。");

        Assert.Equal(
        [
            new TopicMatch("delivery", "Delivery", 0, "快递", new TextSpan(0, 2)),
            new TopicMatch("delivery", "Delivery", 0, "送货", new TextSpan(3, 2)),
            new TopicMatch("billing", "Billing", 0, "账单", new TextSpan(18, 2)),
        ], result.Topics);
    }

    [Fact]
    public void Without_a_taxonomy_there_are_no_topics_and_version_zero()
    {
        var result = fixture.Engine.Enrich(new EnrichmentRequest("My refund is late."));

        Assert.Empty(result.Topics);
        Assert.Equal(0, result.TaxonomyVersion);
    }

    [Fact]
    public void Every_malformed_rule_is_reported_with_its_path_the_rule_and_what_is_wrong()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Taxonomy.Compile(2,
        [
            new("delivery", "Delivery", ["courier || parcel", "deliver* NOT NEAR", "late WITHIN 3"]),
            new("Refunds!", "Refunds", ["re* | money back"]),
            new("billing", "Billing", ["bill NOT NEAR tax WITHIN 99", "账单* | 扣费", "invoice (pdf)"]),
            new("billing", "", []),
        ]));

        Assert.Equal(
        [
            new FieldViolation("topics[0].rules[0]", "The rule \"courier || parcel\" has an empty phrase at position 2 (between '|') (at character 10)."),
            new FieldViolation("topics[0].rules[1]", "The rule \"deliver* NOT NEAR\" has no phrase after NOT NEAR (at character 18)."),
            new FieldViolation("topics[0].rules[2]", "The rule \"late WITHIN 3\" uses WITHIN without a NOT NEAR before it (at character 6)."),
            new FieldViolation("topics[1].topic_id", Identifier.Rule),
            new FieldViolation("topics[1].rules[0]", "The rule \"re* | money back\" has a phrase at position 1 that has 're*': '*' may only end a word, after at least three letters (at character 1)."),
            new FieldViolation("topics[2].rules[0]", "The rule \"bill NOT NEAR tax WITHIN 99\" has WITHIN '99': it takes a whole number of words from 1 to 50 (at character 26)."),
            new FieldViolation("topics[2].rules[1]", "The rule \"账单* | 扣费\" has a phrase at position 1 that uses '*' in a Chinese phrase; Chinese phrases already match inside longer words (at character 3)."),
            new FieldViolation("topics[2].rules[2]", "The rule \"invoice (pdf)\" has a phrase at position 1 that contains '(', which is not a letter, digit, apostrophe, '*' or '#' (at character 9)."),
            new FieldViolation("topics[3].topic_id", "The topic 'billing' is defined twice (first at topics[2])."),
            new FieldViolation("topics[3].name", "Required, at most 100 characters."),
            new FieldViolation("topics[3].rules", "A topic has from 1 to 50 rules."),
        ], error.Violations);
    }

    [Fact]
    public void A_taxonomy_version_starts_at_one()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Taxonomy.Compile(0, [new("delivery", "Delivery", ["courier"])]));

        Assert.Equal([new FieldViolation("version", "A taxonomy version starts at 1.")], error.Violations);
    }
}
