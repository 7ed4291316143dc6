using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cx.ServiceDefaults.Hosting;

/// <summary>
/// The two listeners of a service. Kept so the real ports are known after start, also when
/// port 0 let the operating system choose them.
/// </summary>
public sealed class BoundEndpoints
{
    internal ListenOptions? Grpc { get; set; }

    internal ListenOptions? Http { get; set; }

    /// <summary>host:port of the gRPC listener, valid once the service has started.</summary>
    public string GrpcAddress => Format(Grpc);

    /// <summary>Base URL of the HTTP/1.1 listener, valid once the service has started.</summary>
    public Uri HttpUrl => new($"http://{Format(Http)}");

    private static string Format(ListenOptions? listener)
    {
        if (listener?.EndPoint is not IPEndPoint endpoint || endpoint.Port == 0)
        {
            throw new InvalidOperationException("The service has not started listening yet.");
        }

        // An any-address listener is reached through loopback from this machine.
        var address = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endpoint.Address;
        return new IPEndPoint(address, endpoint.Port).ToString();
    }
}
