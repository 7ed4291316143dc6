using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cx.Measurement.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace Cx.Gateway.Tests;

/// <summary>A gateway whose buckets hold two calls per key and three per tenant, refilled a token per 100 s: none comes back during a test, however slow the machine.</summary>
public sealed class TightLimitsGateway : GatewayHost
{
    public override Task InitializeAsync()
    {
        Settings["Cx:Gateway:RateLimits:PerKeyPerSecond"] = "0.01";
        Settings["Cx:Gateway:RateLimits:PerKeyBurst"] = "2";
        Settings["Cx:Gateway:RateLimits:PerTenantPerSecond"] = "0.01";
        Settings["Cx:Gateway:RateLimits:PerTenantBurst"] = "3";
        return base.InitializeAsync();
    }
}

public sealed class RateLimitTests(TightLimitsGateway host) : IClassFixture<TightLimitsGateway>
{
    [Fact]
    public async Task PerKeyAndPerTenant_RefusedWithRetryAfter_AsRest429AndGrpcResourceExhausted()
    {
        var tenant = "rl-" + Guid.NewGuid().ToString("N")[..8];
        var first = await host.CreateKeyAsync(tenant, "measurement:read");
        var second = await host.CreateKeyAsync(tenant, "measurement:read");
        var elsewhere = await host.CreateKeyAsync("rl-other-" + Guid.NewGuid().ToString("N")[..6], "measurement:read");

        var firstKey = new[] { await GetAsync(first), await GetAsync(first), await GetAsync(first) };
        var secondKey = await GetAsync(second);
        var tenantSpent = await GetAsync(second);
        var otherTenant = await GetAsync(elsewhere);
        var grpc = await Assert.ThrowsAsync<RpcException>(async () =>
            await new MeasurementService.MeasurementServiceClient(host.Grpc).ListMetricDefinitionsAsync(new ListMetricDefinitionsRequest(), new Metadata { { "x-api-key", first } }));

        // The key's bucket holds two; the tenant's three: the second key gets one call, then the tenant is spent.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstKey.Select(r => r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, secondKey.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tenantSpent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
        var refused = firstKey[2];
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, body.GetProperty("code").GetInt32());
        Assert.Equal(
            ["type.googleapis.com/google.rpc.ErrorInfo", "type.googleapis.com/google.rpc.RetryInfo"],
            body.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("@type").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(StatusCode.ResourceExhausted, grpc.StatusCode);
        var details = grpc.GetRpcStatus()!.Details;
        Assert.Equal("RATE_LIMITED", details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>().Reason);
        Assert.InRange(details.Single(d => d.Is(Google.Rpc.RetryInfo.Descriptor)).Unpack<Google.Rpc.RetryInfo>().RetryDelay.Seconds, 1, 3600);
        foreach (var response in firstKey.Append(secondKey).Append(tenantSpent).Append(otherTenant))
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task GrpcWebText_SpentKey_ResourceExhaustedReadableByATextClient()
    {
        var key = await host.CreateKeyAsync("rl-text-" + Guid.NewGuid().ToString("N")[..8], "measurement:read");
        using var channel = GrpcChannel.ForAddress(host.Gateway.HttpUrl, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new MeasurementService.MeasurementServiceClient(channel);
        var headers = new Metadata { { "x-api-key", key } };

        // The bucket holds two and gains one a second: a few calls in a row run it dry.
        RpcException? refused = null;
        for (var call = 0; call < 6 && refused is null; call++)
        {
            try
            {
                await client.ListMetricDefinitionsAsync(new ListMetricDefinitionsRequest(), headers);
            }
            catch (RpcException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("Rate limit reached", refused.Status.Detail, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> GetAsync(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/measurement/v1/metrics");
        request.Headers.Add("x-api-key", key);
        return host.Rest.SendAsync(request);
    }
}
