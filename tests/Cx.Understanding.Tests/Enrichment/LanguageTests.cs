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
