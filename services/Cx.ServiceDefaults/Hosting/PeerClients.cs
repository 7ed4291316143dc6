using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Hosting;

/// <summary>
/// A gRPC client of another service, at the address configured under <c>Cx:Peers:&lt;Name&gt;</c>.
/// An address like <c>dns:///cx-measurement:8081</c> (a headless Kubernetes Service) resolves to every
/// pod and balances calls round robin across them, re-resolving as pods come and go; an
/// <c>http://</c> address is one connection to one destination, as `cx up` needs.
/// </summary>
public static class PeerClients
{
    public static IHttpClientBuilder AddCxPeerClient<TClient>(this IServiceCollection services, IConfiguration configuration, string addressKey, string defaultAddress)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var address = new Uri(configuration[addressKey] ?? defaultAddress);
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
