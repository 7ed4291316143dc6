using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Cx.Bench.Gateway;

/// <summary>
/// A reverse proxy that only routes: the measurement service's gRPC calls (by path prefix) to its
/// HTTP/2 port and its REST calls to its HTTP/1.1 port, listening the way the gateway does (an
/// HTTP/2-only port and an HTTP/1.1 port). No authentication, permissions, rate limits, CORS,
/// timeouts or security headers; headers, x-cx-tenant included, travel as sent. What the gateway
/// costs beyond this hop is what its policies cost.
/// </summary>
internal static class BareYarp
{
    public static async Task<WebApplication> StartAsync(int grpcPort, int httpPort, Uri serviceGrpc, Uri serviceHttp)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpcPort, listener => listener.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, httpPort, listener => listener.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddReverseProxy().LoadFromMemory(Routes(), Clusters(serviceGrpc, serviceHttp));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return app;
    }

    private static RouteConfig[] Routes() =>
    [
        new()
        {
            RouteId = "measurement.grpc",
            ClusterId = "measurement-grpc",
            Match = new RouteMatch { Path = "/cx.measurement.v1.MeasurementService/{**method}", Methods = ["POST"] },
        },
        new()
        {
            RouteId = "measurement.rest",
            ClusterId = "measurement-http",
            Match = new RouteMatch { Path = "/api/measurement/v1/{**rest}" },
        },
    ];

    // The same request versions as the gateway's clusters: cleartext gRPC is prior-knowledge HTTP/2.
    private static ClusterConfig[] Clusters(Uri serviceGrpc, Uri serviceHttp) =>
    [
        new()
        {
            ClusterId = "measurement-grpc",
            HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact },
            Destinations = new Dictionary<string, DestinationConfig> { ["measurement"] = new() { Address = serviceGrpc.ToString() } },
        },
        new()
        {
            ClusterId = "measurement-http",
            HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact },
            Destinations = new Dictionary<string, DestinationConfig> { ["measurement"] = new() { Address = serviceHttp.ToString() } },
        },
    ];
}
