using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cx.ServiceDefaults.Identity;
using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.Hosting;
using Cx.Testing.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;

namespace Cx.ServiceDefaults.Tests;

/// <summary>
/// A service believes only an identity token a trusted issuer signed for it: the tenant and the
/// actor come from the token, and whatever else a caller writes in metadata changes nothing.
/// </summary>
public sealed class CallerIdentityTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    private static Metadata With(string token) => new() { { IdentityToken.MetadataKey, token } };

    private async Task<RpcException> RefusedAsync(Metadata? headers)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Probe.EchoAsync(new EchoRequest { Text = "hi" }, headers));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);

        // One message whatever the reason: a refusal teaches a prober nothing about keys or issuers.
        Assert.Equal(CallerInterceptor.Refused, error.Status.Detail);
        return error;
    }

    [Fact]
    public async Task Echo_GatewaySignedToken_ServiceSeesItsTenantAndActor()
    {
        var response = await host.Probe.EchoAsync(new EchoRequest { Text = "hi" }, TestIdentity.For("probe", "acme-eu", "key:k-17"));

        Assert.Equal(("hi", "acme-eu", "key:k-17"), (response.Text, response.Tenant, response.Actor));
    }

    [Fact]
    public async Task Echo_NoToken_IsUnauthenticated()
    {
        await RefusedAsync(null);
    }

    [Fact]
    public async Task Echo_ForgedTenantAndActorMetadata_WithoutToken_IsUnauthenticated()
    {
        await RefusedAsync(new Metadata { { "x-cx-tenant", "victim" }, { "x-cx-actor", "someone-else" } });
    }

    [Fact]
    public async Task Echo_ForgedTenantMetadata_BesideAValidToken_ChangesNothing()
    {
        var headers = TestIdentity.For("probe", "acme", "maria");
        headers.Add("x-cx-tenant", "victim");
        headers.Add("x-cx-actor", "someone-else");

        var response = await host.Probe.EchoAsync(new EchoRequest(), headers);

        Assert.Equal(("acme", "maria"), (response.Tenant, response.Actor));
    }

    [Fact]
    public async Task Echo_TokenSignedByAKeyNobodyTrusts_IsUnauthenticated()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await RefusedAsync(With(IdentityToken.Create(stranger, "gateway", "probe", "acme", "mallory", ["*:admin"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));
    }

    [Fact]
    public async Task Echo_TokenOfAServiceThisOneDoesNotTrust_IsUnauthenticated()
    {
        // governance has a key of its own, but the probe believes only the gateway and measurement.
        await RefusedAsync(With(TestIdentity.Token("probe", "acme", issuer: "governance")));
    }

    [Fact]
    public async Task Echo_TokenForAnotherService_IsUnauthenticated()
    {
        await RefusedAsync(With(TestIdentity.Token("measurement", "acme")));
    }

    [Fact]
    public async Task Echo_ExpiredToken_IsUnauthenticated()
    {
        await RefusedAsync(With(TestIdentity.Token("probe", "acme", lifetime: TimeSpan.FromMinutes(1), now: DateTimeOffset.UtcNow.AddMinutes(-2))));
    }

    [Fact]
    public async Task Echo_TokenIssuedInTheFuture_IsUnauthenticated()
    {
        await RefusedAsync(With(TestIdentity.Token("probe", "acme", now: DateTimeOffset.UtcNow.AddMinutes(2))));
    }

    [Fact]
    public async Task Echo_TokenWhoseClaimsWereChanged_IsUnauthenticated()
    {
        var parts = TestIdentity.Token("probe", "acme").Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        claims["cx_tenant"] = JsonSerializer.SerializeToElement("victim");

        await RefusedAsync(With(parts[0] + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims)) + "." + parts[2]));
    }

    [Fact]
    public async Task Echo_UnsignedToken_IsUnauthenticated()
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","kid":"gateway"}"""u8);
        var claims = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"iss":"gateway","aud":"probe","sub":"x","cx_tenant":"acme","cx_permissions":["*:admin"],"iat":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"exp":{{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()}}}"""));

        await RefusedAsync(With(header + "." + claims + "."));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    public async Task Echo_GarbageToken_IsUnauthenticated(string token)
    {
        await RefusedAsync(token.Length == 0 ? [] : With(token));
    }

    [Fact]
    public async Task Echo_OversizedToken_IsUnauthenticated()
    {
        await RefusedAsync(With(new string('a', IdentityToken.MaxLength + 1)));
    }

    [Fact]
    public async Task Echo_WithoutThePermissionTheMethodNeeds_IsPermissionDenied()
    {
        // The probe's methods declare no access level, so they need admin of the service.
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Probe.EchoAsync(new EchoRequest(), TestIdentity.For("probe", "acme", permissions: ["probe:write", "measurement:admin"])));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("probe:admin", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("probe:admin", error.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["permission"]);
    }

    [Theory]
    [InlineData("probe:admin")]
    [InlineData("*:admin")]
    public async Task Echo_WithAdminOfItsDiscipline_IsServed(string permission)
    {
        var response = await host.Probe.EchoAsync(new EchoRequest { Text = "ok" }, TestIdentity.For("probe", "acme", permissions: [permission]));

        Assert.Equal("ok", response.Text);
    }

    [Fact]
    public async Task HealthCheck_WithoutIdentity_IsServed()
    {
        var reply = await new Grpc.Health.V1.Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
