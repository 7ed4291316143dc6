using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cx.Gateway.Auth;
using Cx.Gateway.V1;
using Cx.Common.V1;
using Cx.Governance.V1;
using Cx.Measurement.V1;
using Grpc.Core;

namespace Cx.Gateway.Tests;

/// <summary>
/// Who gets through the gateway, and as whom: every way a credential can be missing or wrong gets
/// its own exact refusal; the tenant and actor always come from the credential, never the caller.
/// </summary>
public sealed class GatewayAuthTests(GatewayHost host) : IClassFixture<GatewayHost>
{
    private static int _tenants;

    private static string NewTenant() => "t" + Interlocked.Increment(ref _tenants) + "-" + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Rest_NoCredential_401WithUnauthenticatedBody()
    {
        using var response = await host.Rest.GetAsync("/api/measurement/v1/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(16, body.GetProperty("code").GetInt32());
        Assert.Contains("credential is required", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var why = body.GetProperty("details").EnumerateArray().Single();
        Assert.Equal(("type.googleapis.com/google.rpc.ErrorInfo", "CREDENTIAL_MISSING", "cx.platform"), (why.GetProperty("@type").GetString(), why.GetProperty("reason").GetString(), why.GetProperty("domain").GetString()));
    }

    [Theory]
    [InlineData("not-a-key", "malformed")]
    [InlineData("cxk_aaaaaaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not known")]
    public async Task Rest_BadKey_401NamingWhy(string key, string reason)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, await Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_RightKeyIdWrongSecret_401NotKnown()
    {
        var key = await host.CreateKeyAsync(NewTenant(), "measurement:read");
        var forged = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not known", await Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_RevokedThroughTheApi_RefusedOnTheNextCall()
    {
        var tenant = NewTenant();
        var admin = await host.CreateKeyAsync(tenant, "gateway:admin");
        var (keyId, key) = await host.CreateKeyRecordAsync(tenant, null, "measurement:read");
        using (var before = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics", key))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await SendAsync(HttpMethod.Post, $"/api/gateway/v1/api-keys/{keyId}:revoke", admin, new { });
        using var after = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics", key);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains($"{keyId} was revoked", await Message(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_ExpiredKey_401Expired()
    {
        var (keyId, key) = await host.CreateKeyRecordAsync(NewTenant(), host.Clock.GetUtcNow().UtcDateTime.AddHours(1), "measurement:read");
        using (var valid = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics", key))
        {
            Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        }

        host.Clock.Advance(TimeSpan.FromHours(2));
        using var expired = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics", key);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains($"{keyId} expired", await Message(expired), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_MissingPermission_403NamingIt_AndNothingChanges()
    {
        var tenant = NewTenant();
        var reader = await host.CreateKeyAsync(tenant, "measurement:read", "governance:admin");

        using var write = await SendAsync(HttpMethod.Post, "/api/measurement/v1/metrics", reader, new { metricId = "nps", kind = "METRIC_KIND_NPS", name = "NPS" });
        using var list = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics", reader);

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var body = await write.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(7, body.GetProperty("code").GetInt32());
        Assert.Contains("measurement:admin", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(0, (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("metrics").GetArrayLength());
    }

    [Fact]
    public async Task Rest_OtherTenantsData_NotFound_EvenWhenTheCallerNamesThatTenant()
    {
        var (acme, globex) = (NewTenant(), NewTenant());
        var acmeKey = await host.CreateKeyAsync(acme, "measurement:admin");
        var globexKey = await host.CreateKeyAsync(globex, "measurement:admin");
        using (var created = await SendAsync(HttpMethod.Post, "/api/measurement/v1/metrics", acmeKey, new { metricId = "nps", kind = "METRIC_KIND_NPS", name = "NPS" }))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using var request = Request(HttpMethod.Get, "/api/measurement/v1/metrics/nps", globexKey);
        request.Headers.Add("x-cx-tenant", acme);
        using var response = await host.Rest.SendAsync(request);
        using var own = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics/nps", acmeKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Jwt_Valid_ActsForItsTenantClaim_WithItsPermissions()
    {
        var tenant = NewTenant();
        var token = host.Token(tenant, "measurement:admin governance:read");

        using var created = await SendBearerAsync(HttpMethod.Post, "/api/measurement/v1/metrics", token, new { metricId = "csat", kind = "METRIC_KIND_CSAT", name = "CSAT" });
        using var cases = await SendBearerAsync(HttpMethod.Post, "/api/governance/v1/cases", token, new { customerId = "c1", journeyId = "buy", title = "x" });
        var keyForTenant = await host.CreateKeyAsync(tenant, "measurement:read");
        using var seen = await SendAsync(HttpMethod.Get, "/api/measurement/v1/metrics/csat", keyForTenant);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cases.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
    }

    public static TheoryData<string> BadTokens() => ["expired", "mis-signed", "wrong audience", "wrong issuer"];

    /// <summary>
    /// Every token the validation refuses gets the same message: the library's own (IDX10517 with
    /// the key's thumbprint, IDX10205 naming the valid issuer) would help guess keys offline.
    /// </summary>
    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Jwt_Bad_401WithOneGenericMessage_LeakingNothing(string kind)
    {
        var tenant = NewTenant();
        var token = kind switch
        {
            "expired" => host.Token(tenant, "measurement:read", lifetime: TimeSpan.FromMinutes(-5)),
            "mis-signed" => host.Token(tenant, "measurement:read", key: System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            "wrong audience" => host.Token(tenant, "measurement:read", audience: "someone-else"),
            _ => host.Token(tenant, "measurement:read", issuer: "https://impostor.example.test"),
        };

        using var response = await SendBearerAsync(HttpMethod.Get, "/api/measurement/v1/metrics", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(JwtAuthentication.Refused, await Message(response));
        Assert.False(response.Headers.Contains("WWW-Authenticate") && response.Headers.WwwAuthenticate.ToString().Contains("IDX", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Jwt_ValidButNoTenantClaim_401NamingTheClaim()
    {
        using var response = await SendBearerAsync(HttpMethod.Get, "/api/measurement/v1/metrics", host.Token(null, "measurement:read"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("cx_tenant", await Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_AuthMatrix_UnauthenticatedThenPermissionDeniedThenOk()
    {
        var tenant = NewTenant();
        var client = new MeasurementService.MeasurementServiceClient(host.Grpc);
        var reader = await host.CreateKeyAsync(tenant, "measurement:read");
        var admin = await host.CreateKeyAsync(tenant, "measurement:admin");
        var define = new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } };

        var none = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateMetricDefinitionAsync(define));
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateMetricDefinitionAsync(define, Key(reader)));
        var created = await client.CreateMetricDefinitionAsync(define, Key(admin));
        var read = await client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "nps" }, Key(reader));

        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
        Assert.Equal(("CREDENTIAL_MISSING", "cx.platform"), (ReasonOf(none).Reason, ReasonOf(none).Domain));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("The credential does not hold measurement:admin.", denied.Status.Detail);
        Assert.Equal(("PERMISSION_DENIED", "cx.platform", "measurement:admin"), (ReasonOf(denied).Reason, ReasonOf(denied).Domain, ReasonOf(denied).Metadata["permission"]));
        Assert.Equal("nps", created.MetricId);
        Assert.Equal("NPS", read.Name);
    }

    [Fact]
    public async Task Grpc_RefusalMessage_IsPercentEncodedOnlyWhereTheProtocolSays()
    {
        var reader = await host.CreateKeyAsync(NewTenant(), "measurement:read");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cx.measurement.v1.MeasurementService/CreateMetricDefinition")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc-web");
        request.Headers.Add("x-api-key", reader);

        using var response = await host.Rest.SendAsync(request);

        Assert.Equal("7", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("The credential does not hold measurement:admin.", response.Headers.GetValues("grpc-message").Single());
        var details = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(Padded(response.Headers.GetValues("grpc-status-details-bin").Single())));
        Assert.Equal((7, "measurement:admin"), (details.Code, details.Details.Single().Unpack<Google.Rpc.ErrorInfo>().Metadata["permission"]));
        Assert.Equal("caf%C3%A9 100%25 d%C3%A9j%C3%A0 vu%0A", Cx.Gateway.Protection.GrpcMessage.Encode("café 100% déjà vu\n"));
    }

    private static string Padded(string base64) => base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');

    private static Google.Rpc.ErrorInfo ReasonOf(RpcException refusal) =>
        refusal.GetRpcStatus()!.Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>();

    [Fact]
    public async Task Grpc_ActorForwarded_AuditLogNamesTheKey_NotWhatTheCallerClaims()
    {
        var tenant = NewTenant();
        var (keyId, key) = await host.CreateKeyRecordAsync(tenant, null, "governance:admin");
        var client = new GovernanceService.GovernanceServiceClient(host.Grpc);
        var headers = Key(key);
        headers.Add("x-cx-actor", "someone-else");

        var opened = await client.OpenCaseAsync(new OpenCaseRequest { CustomerId = "c-1", JourneyId = "buy", Title = "Late parcel", Owner = "ana", Priority = CasePriority.Normal }, headers);
        var audit = await client.ListAuditEntriesAsync(new ListAuditEntriesRequest(), Key(key));

        var entry = Assert.Single(audit.Entries, e => e.SubjectId == opened.CaseId);
        Assert.Equal("key:" + keyId, entry.Actor);
    }

    [Fact]
    public async Task AdminApi_KeyCannotGrantMoreThanItsCreatorHolds_AndListsOnlyItsTenant()
    {
        var tenant = NewTenant();
        var admin = await host.CreateKeyAsync(tenant, "gateway:admin", "measurement:read");
        await host.CreateKeyAsync(NewTenant(), "measurement:read");
        var keys = new ApiKeyService.ApiKeyServiceClient(host.Grpc);

        var escalation = await Assert.ThrowsAsync<RpcException>(async () =>
            await keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "etl", Permissions = { "measurement:write" } }, Key(admin)));
        var badPermission = await Assert.ThrowsAsync<RpcException>(async () =>
            await keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "etl", Permissions = { "measurement:own" } }, Key(admin)));
        var created = await keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "etl", Permissions = { "measurement:read" } }, Key(admin));
        var listed = await keys.ListApiKeysAsync(new ListApiKeysRequest(), Key(admin));

        Assert.Equal(StatusCode.PermissionDenied, escalation.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badPermission.StatusCode);
        Assert.StartsWith("cxk_" + created.Key.KeyId + "_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(tenant, created.Key.Tenant);
        Assert.Equal([created.Key.KeyId], listed.Keys.Where(k => k.Name == "etl").Select(k => k.KeyId));
        Assert.All(listed.Keys, k => Assert.Equal(tenant, k.Tenant));
        Assert.Equal(2, listed.Keys.Count);
    }

    [Fact]
    public async Task AdminApi_BadExpiry_InvalidArgumentNamingTheField_NoKeyCreated()
    {
        var tenant = NewTenant();
        var admin = await host.CreateKeyAsync(tenant, "gateway:admin", "measurement:read");
        var keys = new ApiKeyService.ApiKeyServiceClient(host.Grpc);

        var past = await Assert.ThrowsAsync<RpcException>(async () => await keys.CreateApiKeyAsync(
            new CreateApiKeyRequest { Name = "old", Permissions = { "measurement:read" }, ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddDays(-1)) }, Key(admin)));
        var outOfRange = await Assert.ThrowsAsync<RpcException>(async () => await keys.CreateApiKeyAsync(
            new CreateApiKeyRequest { Name = "far", Permissions = { "measurement:read" }, ExpiresAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = long.MaxValue / 2 } }, Key(admin)));
        var listed = await keys.ListApiKeysAsync(new ListApiKeysRequest(), Key(admin));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (past.StatusCode, outOfRange.StatusCode));
        Assert.Contains("expires_at", past.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("expires_at", outOfRange.Status.Detail, StringComparison.Ordinal);
        Assert.Single(listed.Keys);
    }

    private static Metadata Key(string key) => new() { { "x-api-key", key } };

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null)
    {
        var request = Request(method, path, key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return host.Rest.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendBearerAsync(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return host.Rest.SendAsync(request);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string key)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-api-key", key);
        return request;
    }

    private static async Task<string> Message(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString() ?? string.Empty;
}
