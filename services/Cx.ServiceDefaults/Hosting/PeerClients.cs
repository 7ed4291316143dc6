using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Hosting;

/// <summary>A peer a service calls, by the peer's catalog name; its address comes from the host.</summary>
public sealed record PeerDeclaration(string Peer)
{
    /// <summary>Where the host puts the peer's gRPC address.</summary>
    public string AddressKey => PeerClients.AddressKey(Peer);
}

/// <summary>
/// A gRPC client of another service, at the address configured under <c>Cx:Peers:&lt;name&gt;</c>.
/// An address like <c>dns:///cx-measurement:8081</c> (a headless Kubernetes Service) resolves to every
/// pod and balances calls round robin across them, re-resolving as pods come and go; an
/// <c>http://</c> address is one connection to one destination, as `cx up` needs. Every host gives
/// the address (`cx up` and `cx serve` from the catalog, the chart from its values), so no service
/// carries a default that would name another's port.
/// </summary>
public static class PeerClients
{
    public static string AddressKey(string peer) => "Cx:Peers:" + peer;

    /// <exception cref="InvalidOperationException">The host gave no valid address for the peer.</exception>
    public static IHttpClientBuilder AddCxPeerClient<TClient>(this IServiceCollection services, IConfiguration configuration, string peer)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(peer);
        var key = AddressKey(peer);
        if (!Uri.TryCreate(configuration[key], UriKind.Absolute, out var address))
        {
            throw new InvalidOperationException(
                $"{key} must be the absolute gRPC address of the {peer} service (was '{configuration[key]}'); `cx up`, `cx serve` and the chart set it from the catalog.");
        }

        services.AddSingleton(new PeerDeclaration(peer));
        var builder = services.AddGrpcClient<TClient>(client => client.Address = address);
        if (address.Scheme == "dns")
        {
            // Peers inside the cluster speak cleartext HTTP/2, as the gateway does to them.
            builder.ConfigureChannel(channel =>
            {
                channel.Credentials = ChannelCredentials.Insecure;
                channel.ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } };
            });
        }

        return builder;
    }
}
