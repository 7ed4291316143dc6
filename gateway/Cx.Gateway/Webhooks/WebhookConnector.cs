using System.Net;
using System.Net.Sockets;

namespace Cx.Gateway.Webhooks;

/// <summary>Resolves a receiver's host name (replaceable, so the guard can be tested without a DNS server).</summary>
internal class WebhookAddressResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>A delivery's connection refused because its target is not a public address.</summary>
internal sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// Opens every webhook connection: resolves the host once, refuses it if any address it resolves to
/// is not allowed, and connects to exactly the addresses checked, so a second DNS answer cannot
/// slip a private address in between the check and the connection.
/// </summary>
internal sealed class WebhookConnector(WebhookTargets targets, WebhookAddressResolver resolver)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(endpoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException($"{endpoint.Host} has no address.");
        }

        var refused = addresses.FirstOrDefault(a => !targets.Allows(a));
        if (refused is not null)
        {
            throw new WebhookTargetRefusedException($"Refused: {endpoint.Host} resolves to {refused}, a private, loopback or link-local address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
