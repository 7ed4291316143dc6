using Cx.Domain.Errors;

namespace Cx.Domain.Tests;

public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("EN")]
    [InlineData("zh-CN")]
    [InlineData("zh-Hans-CN")]
    [InlineData("sr-Latn-RS")]
    [InlineData("es-419")]
    [InlineData("de-CH-1996")]
    [InlineData("sl-rozaj-biske")]
    [InlineData("zh-yue-HK")]
    [InlineData("en-US-u-ca-gregory")]
    [InlineData("de-DE-x-formal")]
    [InlineData("x-whatever")]
    [InlineData("haw")]
    public void WellFormedTags_Pass(string tag) => Assert.True(LanguageTag.IsWellFormed(tag));

    [Theory]
    [InlineData("")]
    [InlineData("e")]
    [InlineData("english")]
    [InlineData("en_US")]
    [InlineData("zh--CN")]
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en US")]
    [InlineData("en-USA1")]
    [InlineData("en-x")]
    [InlineData("en-a")]
    [InlineData("fr-Latn-Cyrl")]
    [InlineData("12")]
    [InlineData("en-verylongvariant")]
    [InlineData("zh-Hans-CN-x-aaaaaaaa-bbbbbbbb-cccccc")]
    public void MalformedTags_Fail(string tag) => Assert.False(LanguageTag.IsWellFormed(tag));
}
