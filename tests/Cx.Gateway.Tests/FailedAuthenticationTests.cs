using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Cx.Gateway.Keys;
using Cx.ServiceDefaults.Hosting;
using Cx.Measurement.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;

namespace Cx.Gateway.Tests;

/// <summary>
/// A gateway that allows three failed authentications per client address, given back over 1000 s
/// (one every 333 s: none comes back during a test), and believes X-Forwarded-For from 127.0.0.5
/// only. Every address of 127.0.0.0/8 is this machine's, so a test calls from several.
/// </summary>
public sealed class FailedAuthenticationGateway : GatewayHost
{
    public const string TrustedProxy = "127.0.0.5";

    public override Task InitializeAsync()
    {
        Settings["Cx:Gateway:RateLimits:FailedAuthentications"] = "3";
        Settings["Cx:Gateway:RateLimits:FailedAuthenticationWindowSeconds"] = "1000";
        Settings["Cx:Gateway:TrustedProxies:0"] = TrustedProxy;
        return base.InitializeAsync();
    }
}

/// <summary>The same limits on two replicas whose buckets live in a real Redis.</summary>
public sealed class SharedFailedAuthenticationGateway : GatewayHost
{
    public RedisServer Redis { get; } = new();

    public BoundEndpoints Replica { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Settings["Cx:Gateway:RateLimits:Redis"] = Redis.Configuration;
        Settings["Cx:Gateway:RateLimits:FailedAuthentications"] = "3";
        Settings["Cx:Gateway:RateLimits:FailedAuthenticationWindowSeconds"] = "1000";
        await base.InitializeAsync();
        Replica = await StartReplicaAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class FailedAuthenticationTests(FailedAuthenticationGateway host) : IClassFixture<FailedAuthenticationGateway>
{
    [Fact]
    public async Task FourthFailureFromAnAddress_Refused429WithRetryAfter_OtherAddressesAndValidCallersUnaffected()
    {
        var valid = await host.CreateKeyAsync("fa-" + Guid.NewGuid().ToString("N")[..8], "measurement:read");
        var unknown = ApiKeySecret.Generate().Key;
        using var guesser = ClientFrom.Http(host.Gateway.HttpUrl, "127.0.0.11");
        using var neighbour = ClientFrom.Http(host.Gateway.HttpUrl, "127.0.0.12");
        using var customer = ClientFrom.Http(host.Gateway.HttpUrl, "127.0.0.13");

        var guesses = new List<HttpResponseMessage>();
        for (var call = 0; call < 4; call++)
        {
            guesses.Add(await GetAsync(guesser, unknown));
        }

        // Spent: even the valid key is refused from there, before it is looked up.
        using var validFromGuesser = await GetAsync(guesser, valid);
        using var otherAddress = await GetAsync(neighbour, unknown);
        using var validElsewhere = await GetAsync(customer, valid);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
            guesses.Select(r => r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, validFromGuesser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, validElsewhere.StatusCode);
        var refused = guesses[3];
        Assert.InRange(RetryAfter(refused), 300, 334);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(8, body.GetProperty("code").GetInt32());
        Assert.Equal("Too many failed authentications from this address; retry after the time given in Retry-After.", body.GetProperty("message").GetString());
        foreach (var response in guesses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task BadTokensOverGrpc_FourthResourceExhausted_WithRetryAfter()
    {
        var forged = host.Token("fa-jwt", "measurement:read", key: new byte[32]);
        var genuine = host.Token("fa-jwt", "measurement:read");
        using var guesser = ClientFrom.Grpc(host.Gateway.GrpcAddress, "127.0.0.14");
        using var other = ClientFrom.Grpc(host.Gateway.GrpcAddress, "127.0.0.15");

        var codes = new List<StatusCode>();
        RpcException? last = null;
        for (var call = 0; call < 4; call++)
        {
            last = await Assert.ThrowsAsync<RpcException>(() => ListAsync(guesser, forged));
            codes.Add(last.StatusCode);
        }

        Assert.Equal([StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.ResourceExhausted], codes);
        Assert.InRange(int.Parse(last!.Trailers.GetValue("retry-after")!, System.Globalization.CultureInfo.InvariantCulture), 300, 334);
        Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(() => ListAsync(guesser, genuine))).StatusCode);
        await ListAsync(other, genuine);
    }

    [Fact]
    public async Task ForwardedFor_FromAnUntrustedPeer_Ignored_FromTheTrustedProxy_TheClientCounts()
    {
        var unknown = ApiKeySecret.Generate().Key;
        using var spoofer = ClientFrom.Http(host.Gateway.HttpUrl, "127.0.0.21");
        using var otherSpoofer = ClientFrom.Http(host.Gateway.HttpUrl, "127.0.0.22");
        using var proxy = ClientFrom.Http(host.Gateway.HttpUrl, FailedAuthenticationGateway.TrustedProxy);

        // From an untrusted peer the header changes nothing: its failures count against the peer itself ...
        var spoofed = new List<HttpStatusCode>();
        for (var call = 0; call < 4; call++)
        {
            using var response = await GetAsync(spoofer, unknown, forwardedFor: "198.51.100." + call);
            spoofed.Add(response.StatusCode);
        }

        // ... and naming the spent address (or the same made-up one) does not spend another peer's.
        using var namingSpent = await GetAsync(otherSpoofer, unknown, forwardedFor: "127.0.0.21");
        using var namingSame = await GetAsync(otherSpoofer, unknown, forwardedFor: "198.51.100.0");

        // Through the trusted proxy, the client it names counts: three failures of 198.51.100.7 spend it,
        // not the proxy and not another client behind it.
        var proxied = new List<HttpStatusCode>();
        for (var call = 0; call < 4; call++)
        {
            using var response = await GetAsync(proxy, unknown, forwardedFor: "198.51.100.7");
            proxied.Add(response.StatusCode);
        }

        using var spentClientViaChain = await GetAsync(proxy, unknown, forwardedFor: "203.0.113.9, 198.51.100.7");
        using var otherClient = await GetAsync(proxy, unknown, forwardedFor: "198.51.100.8");
        using var proxyItself = await GetAsync(proxy, unknown);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], spoofed);
        Assert.Equal(HttpStatusCode.Unauthorized, namingSpent.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, namingSame.StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], proxied);

        // The client sent its own X-Forwarded-For through the proxy: the entry the proxy added is believed, not the client's.
        Assert.Equal(HttpStatusCode.TooManyRequests, spentClientViaChain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, proxyItself.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    public void Address_IPv4AsItIs_IPv6AsItsSlash64(string remote, string counted)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        Assert.Equal(counted, Protection.FailedAuthentications.AddressOf(context));
    }

    [Theory]
    [InlineData("Cx:Gateway:TrustedProxies:0", "proxy.example.com", "Cx:Gateway:TrustedProxies entries are addresses or networks like 10.0.0.0/8 (was 'proxy.example.com')")]
    [InlineData("Cx:Gateway:RateLimits:FailedAuthentications", "0", "Cx:Gateway:RateLimits:FailedAuthentications and FailedAuthenticationWindowSeconds must be positive")]
    [InlineData("Cx:Gateway:RateLimits:FailedAuthenticationWindowSeconds", "-1", "Cx:Gateway:RateLimits:FailedAuthentications and FailedAuthenticationWindowSeconds must be positive")]
    public void WrongSettings_RefusedAtStart_Named(string key, string value, string problem)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
            .Build();

        var refused = Assert.Throws<InvalidOperationException>(() => GatewaySettings.From(configuration));

        Assert.Equal("Invalid gateway configuration: " + problem + ".", refused.Message);
    }

    [Fact]
    public void TrustedProxies_AddressesAndNetworks()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cx:Gateway:TrustedProxies:0"] = "10.1.2.3",
                ["Cx:Gateway:TrustedProxies:1"] = "10.244.0.0/16",
                ["Cx:Gateway:TrustedProxies:2"] = "fd00::1",
            })
            .Build();

        Assert.Equal(["10.1.2.3/32", "10.244.0.0/16", "fd00::1/128"], GatewaySettings.From(configuration).TrustedProxies.Select(p => p.ToString()));
    }

    private static int RetryAfter(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);

    internal static async Task<HttpResponseMessage> GetAsync(HttpClient client, string key, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/measurement/v1/metrics");
        request.Headers.Add("x-api-key", key);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    private static async Task ListAsync(GrpcChannel channel, string token) =>
        await new MeasurementService.MeasurementServiceClient(channel).ListMetricDefinitionsAsync(
            new ListMetricDefinitionsRequest(), new Metadata { { "authorization", "Bearer " + token } });
}

public sealed class SharedFailedAuthenticationTests(SharedFailedAuthenticationGateway host) : IClassFixture<SharedFailedAuthenticationGateway>
{
    [Fact]
    public async Task FailuresOnTwoReplicas_CountInOneBucket()
    {
        var unknown = ApiKeySecret.Generate().Key;
        using var first = ClientFrom.Http(host.Gateway.HttpUrl, "127.0.0.31");
        using var second = ClientFrom.Http(host.Replica.HttpUrl, "127.0.0.31");
        using var elsewhere = ClientFrom.Http(host.Replica.HttpUrl, "127.0.0.32");

        var codes = new List<HttpStatusCode>();
        foreach (var client in new[] { first, second, first, second, first })
        {
            using var response = await FailedAuthenticationTests.GetAsync(client, unknown);
            codes.Add(response.StatusCode);
        }

        using var other = await FailedAuthenticationTests.GetAsync(elsewhere, unknown);

        // Two failures on one replica and one on the other spend the address's three, on both.
        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            codes);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }
}

/// <summary>Clients whose connections leave from a chosen loopback address, so the gateway sees that peer.</summary>
internal static class ClientFrom
{
    public static HttpClient Http(Uri baseAddress, string localAddress) =>
        new(Handler(localAddress)) { BaseAddress = baseAddress };

    public static GrpcChannel Grpc(string address, string localAddress) =>
        GrpcChannel.ForAddress("http://" + address, new GrpcChannelOptions { HttpHandler = Handler(localAddress), DisposeHttpClient = true });

    private static SocketsHttpHandler Handler(string localAddress) => new()
    {
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
