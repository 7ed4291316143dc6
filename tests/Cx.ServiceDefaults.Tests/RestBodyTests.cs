using System.Net;
using System.Text;
using System.Text.Json;
using Cx.ServiceDefaults.Tests.Support;

namespace Cx.ServiceDefaults.Tests;

/// <summary>
/// A REST body is read against the message its route fills: a field the message lacks or a value of
/// the wrong JSON type is 400 naming the field as written, in words a caller reads, never .NET's.
/// </summary>
public sealed class RestBodyTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> PostAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, Cx.Testing.Hosting.TestIdentity.Token("probe", "acme"));
        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    private static (string Field, string Description)[] Violations(JsonElement body)
    {
        var detail = Assert.Single(body.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.GetProperty("@type").GetString());
        return detail.GetProperty("fieldViolations").EnumerateArray().Select(v => (v.GetProperty("field").GetString()!, v.GetProperty("description").GetString()!)).ToArray();
    }

    [Theory]
    [InlineData("{\"count\": \"many\"}", "count", "Must be a whole number from -2,147,483,648 to 2,147,483,647, not in quotes.")]
    [InlineData("{\"count\": \"12\"}", "count", "Must be a whole number from -2,147,483,648 to 2,147,483,647, not in quotes.")]
    [InlineData("{\"count\": 2.5}", "count", "Must be a whole number from -2,147,483,648 to 2,147,483,647, not in quotes.")]
    [InlineData("{\"count\": 3000000000}", "count", "Must be a whole number from -2,147,483,648 to 2,147,483,647, not in quotes.")]
    [InlineData("{\"text\": {\"a\": 1}}", "text", "Must be a string.")]
    [InlineData("{\"text\": 7}", "text", "Must be a string.")]
    [InlineData("{\"loud\": \"yes\"}", "loud", "Must be true or false.")]
    [InlineData("{\"weight\": \"heavy\"}", "weight", "Must be a number.")]
    [InlineData("{\"weight\": \"1e400\"}", "weight", "Must be a number.")]
    [InlineData("{\"tags\": [\"a\", null]}", "tags[1]", "Must not be null.")]
    [InlineData("{\"label\": \"x\"}", "label", "Must be an object.")]
    [InlineData("{\"tags\": \"x\"}", "tags", "Must be an array.")]
    [InlineData("{\"labels\": [1]}", "labels", "Must be an object (a map of keys to values).")]
    [InlineData("{\"at\": \"yesterday\"}", "at", "Must be a timestamp in RFC 3339 form, such as \"2026-01-31T09:30:00Z\".")]
    [InlineData("{\"at\": 1700000000}", "at", "Must be a timestamp in RFC 3339 form, such as \"2026-01-31T09:30:00Z\".")]
    [InlineData("[1, 2]", "(request body)", "Must be an object.")]
    public async Task WrongJsonType_Is400_NamingTheField_WithoutDotNetTypeNames(string json, string field, string description)
    {
        var (status, body, text) = await PostAsync("/api/testing/v1/echo", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(3, body.GetProperty("code").GetInt32());
        Assert.Equal($"Invalid request: {field}: {description}", body.GetProperty("message").GetString());
        Assert.Equal([(field, description)], Violations(body));
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownField_IsRefusedNamingIt_WithTheNearestName()
    {
        var (status, body, _) = await PostAsync("/api/testing/v1/echo", "{\"text\": \"hi\", \"txet\": \"typo\", \"colour\": \"red\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([("txet", "No such field; did you mean text?"), ("colour", "No such field.")], Violations(body));
    }

    [Fact]
    public async Task EveryMistake_InNestedObjectsArraysAndMaps_IsNamedByItsPath()
    {
        var (status, body, _) = await PostAsync(
            "/api/testing/v1/echo",
            "{\"label\": {\"name\": 5}, \"tags\": [\"a\", 3], \"history\": [{\"key\": \"k\"}, {\"nmae\": \"x\"}], \"labels\": {\"en\": 1}, \"relatedIds\": [\"a\", {}]}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            ["label.name", "tags[1]", "history[1].nmae", "labels[en]", "relatedIds[1]"],
            Violations(body).Select(v => v.Field).ToArray());
    }

    /// <summary>What the transcoder reads passes: NaN as a string, null for a field, either name of a field.</summary>
    [Fact]
    public async Task EveryFormTheTranscoderReads_IsAccepted()
    {
        var (status, body, text) = await PostAsync(
            "/api/testing/v1/echo",
            "{\"text\": \"ok\", \"count\": 12, \"weight\": \"NaN\", \"loud\": true, \"at\": \"2026-01-31T09:30:00Z\", \"label\": null, \"item_id\": \"i-1\", \"relatedIds\": [\"a\"], \"labels\": {\"en\": \"x\"}, \"history\": []}");

        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal("ok", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ServerStreamingRoute_IsCheckedToo()
    {
        var (status, body, _) = await PostAsync("/api/testing/v1/repeat", "{\"count\": \"twice\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("count", Violations(body).Single().Field);
    }

    /// <summary>A route whose body is one field: the body is that field's message, named from its own root.</summary>
    [Fact]
    public async Task BodyOfOneField_IsReadAsThatFieldsMessage()
    {
        var (refused, body, _) = await PostAsync("/api/testing/v1/items/i-7:annotate", "{\"name\": 5, \"colour\": \"red\"}");
        var (accepted, answer, _) = await PostAsync("/api/testing/v1/items/i-7:annotate", "{\"name\": \"first\"}");

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal([("name", "Must be a string."), ("colour", "No such field.")], Violations(body));
        Assert.Equal((HttpStatusCode.OK, "i-7: first"), (accepted, answer.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData("count=abc", "count", "Must be a whole number from -2,147,483,648 to 2,147,483,647.")]
    [InlineData("loud=yes", "loud", "Must be true or false.")]
    [InlineData("weight=heavy", "weight", "Must be a number.")]
    [InlineData("at=yesterday", "at", "Must be a timestamp in RFC 3339 form, such as \"2026-01-31T09:30:00Z\".")]
    [InlineData("label=x", "label", "Not a value a query can carry: give its fields one by one, such as label.name=…")]
    public async Task QueryParameter_OfTheWrongType_Is400_NamingIt(string query, string field, string description)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/testing/v1/find?" + query);
        request.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, Cx.Testing.Hosting.TestIdentity.Token("probe", "acme"));
        using var response = await host.Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([(field, description)], Violations(body));
    }

    [Fact]
    public async Task QueryParameters_OfTheirTypes_AndUnknownOnes_Pass()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/testing/v1/find?text=hi&count=12&loud=true&tags=a&tags=b&label.name=x&at=2026-01-31T09:30:00Z&_=1700000000");
        request.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, Cx.Testing.Hosting.TestIdentity.Token("probe", "acme"));
        using var response = await host.Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi 12 True 2 \"2026-01-31T09:30:00Z\"", body.GetProperty("text").GetString());
    }
}
