using System.Net;
using System.Text.Json;
using Cx.ServiceDefaults.Errors;
using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.V1;
using Google.Rpc;
using Grpc.Core;

namespace Cx.ServiceDefaults.Tests;

/// <summary>Every id and key a request carries is at most 200 characters, refused before the handler looks anything up.</summary>
public sealed class IdentifierLengthTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    private static (string Field, string Description)[] Violations(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => (v.Field, v.Description)).ToArray();

    [Fact]
    public async Task IdsAndKeysOverTheLimit_AreInvalid_NamingEachField_AtTheLimitTheyPass()
    {
        var atLimit = new string('i', RequestValues.MaxIdentifierLength);
        var over = atLimit + "x";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Probe.EchoAsync(
            new EchoRequest
            {
                Text = over, // not an identifier: its length is the handler's business
                ItemId = over,
                RelatedIds = { atLimit, new string('r', 20_000) },
                Label = new Label { Key = over, Name = over },
                History = { new Label { Key = atLimit } },
            },
            ProbeHost.Tenant()));
        var passed = await host.Probe.EchoAsync(new EchoRequest { Text = "ok", ItemId = atLimit, RelatedIds = { atLimit }, Label = new Label { Key = atLimit } }, ProbeHost.Tenant());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            [
                ("label.key", "An identifier is at most 200 characters; this one has 201."),
                ("item_id", "An identifier is at most 200 characters; this one has 201."),
                ("related_ids[1]", "An identifier is at most 200 characters; this one has 20,000."),
            ],
            Violations(error));
        Assert.DoesNotContain("iiiiiiiiii", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("ok", passed.Text);
    }

    [Fact]
    public async Task Rest_AnIdInThePathOverTheLimit_Is400NamingIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/testing/v1/items/{new string('p', 5_000)}:annotate") { Content = new StringContent("{\"name\": \"n\"}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, Cx.Testing.Hosting.TestIdentity.Token("probe", "acme"));

        using var response = await host.Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var violation = body.GetProperty("details")[0].GetProperty("fieldViolations")[0];
        Assert.Equal(("item_id", "An identifier is at most 200 characters; this one has 5,000."), (violation.GetProperty("field").GetString(), violation.GetProperty("description").GetString()));
    }
}
