using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cx.ServiceDefaults.Identity;
using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.Hosting;

namespace Cx.ServiceDefaults.Tests;

public sealed class RestTranscodingTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, string? tenant = "acme")
    {
        using var request = new HttpRequestMessage(method, path);
        if (tenant is not null)
        {
            request.Headers.Add(IdentityToken.MetadataKey, TestIdentity.Token("probe", tenant));
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, json);
    }

    [Fact]
    public async Task Echo_PostJson_AnswersJsonWithTheTenantFromTheHeader()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/testing/v1/echo", new { text = "hello" }, "acme");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("hello", body.GetProperty("text").GetString());
        Assert.Equal("acme", body.GetProperty("tenant").GetString());
    }

    [Theory]
    [InlineData("validation", HttpStatusCode.BadRequest, 3)]
    [InlineData("not_found", HttpStatusCode.NotFound, 5)]
    [InlineData("already_exists", HttpStatusCode.Conflict, 6)]
    [InlineData("precondition", HttpStatusCode.BadRequest, 9)]
    [InlineData("permission", HttpStatusCode.Forbidden, 7)]
    [InlineData("conflict", HttpStatusCode.Conflict, 10)]
    [InlineData("unexpected", HttpStatusCode.InternalServerError, 13)]
    public async Task Fail_EachDomainError_HasItsHttpStatusAndGoogleRpcStatusBody(string kind, HttpStatusCode expectedHttp, int expectedCode)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/api/testing/v1/fail/" + kind);

        Assert.Equal(expectedHttp, status);
        Assert.Equal(expectedCode, body.GetProperty("code").GetInt32());
        Assert.Equal(1, body.GetProperty("details").GetArrayLength());
        Assert.DoesNotContain("hunter2", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_Validation_BodyListsFieldViolations()
    {
        var (_, body) = await SendAsync(HttpMethod.Get, "/api/testing/v1/fail/validation");

        var detail = body.GetProperty("details")[0];
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.GetProperty("@type").GetString());
        Assert.Equal(
            ["kind", "other.field"],
            detail.GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString()!).ToArray());
    }

    [Fact]
    public async Task Echo_WithoutIdentity_Is401WithTheSameMessageAsGrpc()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/testing/v1/echo", new { text = "x" }, tenant: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(16, body.GetProperty("code").GetInt32());
        Assert.Equal(CallerInterceptor.Refused, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Echo_MalformedJson_Is400NotA500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/testing/v1/echo")
        {
            Content = new StringContent("{\"text\": ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdentityToken.MetadataKey, TestIdentity.Token("probe", "acme"));

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Echo_BodyOverTheLimit_IsRefused()
    {
        var (status, _) = await SendAsync(HttpMethod.Post, "/api/testing/v1/echo", new { text = new string('x', 33 * 1024 * 1024) });

        Assert.True(status is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"status was {status}");
    }
}
