using System.Net;

namespace Cx.Gateway.Tests;

/// <summary>
/// Two gateway replicas whose buckets live in a real Redis: two calls per key and three per tenant,
/// refilled a token per 100 s, so none comes back during the test however slow the machine.
/// </summary>
public sealed class SharedLimitsGateway : GatewayHost
{
    public RedisServer Redis { get; } = new();

    public HttpClient Replica { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Settings["Cx:Gateway:RateLimits:Redis"] = Redis.Configuration;
        Settings["Cx:Gateway:RateLimits:PerKeyPerSecond"] = "0.01";
        Settings["Cx:Gateway:RateLimits:PerKeyBurst"] = "2";
        Settings["Cx:Gateway:RateLimits:PerTenantPerSecond"] = "0.01";
        Settings["Cx:Gateway:RateLimits:PerTenantBurst"] = "3";
        await base.InitializeAsync();
        Replica = new HttpClient { BaseAddress = (await StartReplicaAsync()).HttpUrl };
    }

    public override async Task DisposeAsync()
    {
        Replica.Dispose();
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class SharedRateLimitTests(SharedLimitsGateway host) : IClassFixture<SharedLimitsGateway>
{
    [Fact]
    public async Task TwoReplicas_DrawFromTheSameBuckets_AndWhileRedisIsDown_EachReplicasOwnBucketsHold()
    {
        var tenant = "shared-" + Guid.NewGuid().ToString("N")[..8];
        var first = await host.CreateKeyAsync(tenant, "measurement:read");
        var second = await host.CreateKeyAsync(tenant, "measurement:read");

        // The key's bucket holds two, whichever replica is called: the third call is refused on the other one.
        var drawing = System.Diagnostics.Stopwatch.StartNew();
        var firstKey = new[] { await GetAsync(host.Rest, first), await GetAsync(host.Replica, first), await GetAsync(host.Replica, first) };
        var drawn = drawing.Elapsed.TotalSeconds;

        // The tenant's bucket holds three: the second key gets the last one, on either replica.
        var secondKey = new[] { await GetAsync(host.Rest, second), await GetAsync(host.Replica, second) };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstKey.Select(r => r.StatusCode));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], secondKey.Select(r => r.StatusCode));
        var retryAfter = int.Parse(firstKey[2].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        // One token every 100 s, counted from the first draw: what is left of those 100 s when the third call came.
        Assert.InRange(retryAfter, 100 - (int)Math.Ceiling(drawn), 100);

        // Redis gone: calls are still answered, and limited by the replica's own buckets (two per key).
        await host.Redis.DisposeAsync();
        var other = await host.CreateKeyAsync("alone-" + Guid.NewGuid().ToString("N")[..8], "measurement:read");
        var alone = new[] { await GetAsync(host.Rest, other), await GetAsync(host.Rest, other), await GetAsync(host.Rest, other) };
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], alone.Select(r => r.StatusCode));

        foreach (var response in firstKey.Concat(secondKey).Concat(alone))
        {
            response.Dispose();
        }
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient gateway, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/measurement/v1/metrics");
        request.Headers.Add("x-api-key", key);
        return gateway.SendAsync(request);
    }
}
