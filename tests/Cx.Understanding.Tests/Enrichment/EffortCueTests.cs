using Cx.Understanding.Domain.Enrichment;

namespace Cx.Understanding.Tests.Enrichment;

[Collection(EnrichmentGroup.Name)]
public sealed class EffortCueTests(EnrichmentFixture fixture)
{
    [Fact]
    public void English_waiting_repeating_and_transfer_cues_with_spans()
    {
        var result = fixture.Engine.Enrich(new EnrichmentRequest("I was on hold for 40 minutes, had to repeat myself and was transferred twice."));

        Assert.Equal(
        [
            new EffortCue(EffortKind.Waiting, "on hold", new TextSpan(6, 7)),
            new EffortCue(EffortKind.Waiting, "for 40 minutes", new TextSpan(14, 14)),
            new EffortCue(EffortKind.Repeating, "repeat myself", new TextSpan(37, 13)),
            new EffortCue(EffortKind.Transferred, "transferred", new TextSpan(59, 11)),
            new EffortCue(EffortKind.Repeating, "twice", new TextSpan(71, 5)),
        ], result.EffortCues);
    }

    [Fact]
    public void Chinese_waiting_repeating_and_transfer_cues_with_spans()
    {
        var result = fixture.Engine.Enrich(new EnrichmentRequest("电话排队等了半天，同一个问题解释了三遍，还被转接了两次。"));

        Assert.Equal(
        [
            new EffortCue(EffortKind.Waiting, "排队", new TextSpan(2, 2)),
            new EffortCue(EffortKind.Waiting, "等了半天", new TextSpan(4, 4)),
            new EffortCue(EffortKind.Repeating, "解释了三遍", new TextSpan(14, 5)),
            new EffortCue(EffortKind.Transferred, "转接", new TextSpan(22, 2)),
        ], result.EffortCues);
    }

    [Theory]
    [InlineData("I didn't have to wait at all.")]
    [InlineData("完全不用等，马上就有人接了。")]
    public void A_negated_wait_is_not_an_effort_cue_and_counts_for_the_customer(string text)
    {
        var result = fixture.Engine.Enrich(new EnrichmentRequest(text));

        Assert.Empty(result.EffortCues);
        Assert.Equal(SentimentLabel.Positive, result.Sentiment.Label);
    }
}
