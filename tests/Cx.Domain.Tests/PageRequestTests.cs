using System.Text;
using Cx.Domain.Errors;
using Cx.Domain.Paging;

namespace Cx.Domain.Tests;

public sealed class PageRequestTests
{
    private static readonly string[] Names = ["alpha", "bravo", "charlie", "delta", "echo"];

    private static PageRequest Read(int size, string? token)
    {
        var validator = new Validator();
        var page = PageRequest.Read(size, token, validator);
        validator.ThrowIfInvalid();
        return page;
    }

    [Fact]
    public void Read_ZeroSize_UsesTheDefault()
    {
        Assert.Equal(new PageRequest(PageRequest.DefaultSize, null), Read(0, null));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(int.MinValue)]
    public void Read_SizeOutOfRange_IsAViolationOfPageSize(int size)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Read(size, null));

        Assert.Equal("page_size", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("YWxwaGE")] // valid base64 of "alpha": lacks the token's prefix
    [InlineData("////")]
    public void Read_ForeignToken_IsAViolationOfPageToken(string token)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Read(10, token));

        Assert.Equal("page_token", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Read_BothWrong_ReportsBothInFieldOrder()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Read(-5, "%%%"));

        Assert.Equal(["page_size", "page_token"], error.Violations.Select(v => v.Field).ToArray());
        Assert.Equal("Invalid request: 2 fields are invalid (page_size, page_token).", error.Message);
    }

    [Fact]
    public void Apply_WalkingAllPages_VisitsEveryItemOnceInOrder()
    {
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (items, next) = Read(2, token).Apply(Names, n => n);
            seen.AddRange(items);
            token = next;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(Names, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public void Apply_ExactlyOnePageOfItems_HasNoNextToken()
    {
        var (items, next) = Read(5, null).Apply(Names, n => n);

        Assert.Equal(5, items.Count);
        Assert.Equal(string.Empty, next);
    }

    [Fact]
    public void Apply_ItemRemovedBetweenPages_NextPageStillStartsAfterTheLastSeenKey()
    {
        var (_, next) = Read(2, null).Apply(Names, n => n);

        var (items, _) = Read(2, next).Apply(Names.Where(n => n != "bravo"), n => n);

        Assert.Equal(["charlie", "delta"], items);
    }

    [Fact]
    public void TokenAfter_IsUrlSafeAndRoundTrips()
    {
        var key = "a/b+c?=é";

        var token = PageRequest.TokenAfter(key);

        Assert.DoesNotContain('/', token);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('=', token);
        Assert.Equal(key, Read(1, token).AfterKey);
        Assert.Equal("k1:" + key, Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (token.Length % 4)) % 4))));
    }
}
