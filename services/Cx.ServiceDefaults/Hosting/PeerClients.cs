using Cx.Api.V1;
using Cx.ServiceDefaults.Identity;
using Cx.ServiceDefaults.Tenancy;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client.Configuration;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Hosting;

/// <summary>
/// A service this one calls over gRPC, as its module declares it: the peer's catalog name and the
/// setting that holds its address. The host reads these declarations to tell each service where its
/// peers answer, so no module names another's port.
/// </summary>
public sealed record CxPeer(string Service, string AddressKey);

/// <summary>
/// A gRPC client of another service, at the address configured under <c>Cx:Peers:&lt;Name&gt;</c>.
/// An address like <c>dns:///cx-measurement:8081</c> (a headless Kubernetes Service) resolves to every
/// pod and balances calls round robin across them, re-resolving as pods come and go; an
/// <c>http://</c> address is one connection to one destination, as `cx up` needs.
/// </summary>
public static class PeerClients
{
    public const string SectionName = "Cx:Peers";

    // The client factory insists on an address; with none configured, every call is answered by the
    // interceptor before it could leave, so this reserved name is never resolved.
    private static readonly Uri Unconfigured = new("http://peer-address-not-configured.invalid");

    /// <param name="addressKey"><c>Cx:Peers:&lt;Name&gt;</c>, where Name is the peer's catalog name (any case).</param>
    /// <param name="access">What this service does at the peer: its calls carry that permission of the peer's discipline, no more.</param>
    public static IHttpClientBuilder AddCxPeerClient<TClient>(this IServiceCollection services, IConfiguration configuration, string addressKey, Access access = Access.Read)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(addressKey);
        var prefix = SectionName + ":";
        if (!addressKey.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || addressKey.Length == prefix.Length || addressKey.IndexOf(':', prefix.Length) >= 0)
        {
            throw new ArgumentException($"A peer's address is the setting {prefix}<service>, not '{addressKey}'.", nameof(addressKey));
        }

        var peer = new CxPeer(addressKey[prefix.Length..].ToLowerInvariant(), addressKey);
        services.AddSingleton(peer);

        var configured = configuration[addressKey];
        var address = string.IsNullOrEmpty(configured) ? Unconfigured : new Uri(configured);
        var builder = services.AddGrpcClient<TClient>(client => client.Address = address);
        services.AddSingleton(new SignsIdentityTokens());
        string[] permissions = [PermissionGrants.Of(peer.Service, access)];

        // Created with each client, from the scope that resolves it: the call's or the job's tenant.
        builder.AddInterceptor(InterceptorScope.Client, sp => new PeerCallIdentity(
            sp.GetRequiredService<ServiceIdentity>(), peer.Service, permissions, sp.GetRequiredService<ITenantContext>(), sp.GetRequiredService<ActorContext>()));
        if (address == Unconfigured)
        {
            // The service still starts (its other calls, its migrations and its tests need no peer);
            // a call that needs the peer says which setting is missing instead of timing out.
            builder.AddInterceptor(() => new UnconfiguredPeer(peer));
        }
        else if (address.Scheme == "dns")
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

    private sealed class UnconfiguredPeer(CxPeer peer) : Interceptor
    {
        private RpcException Refusal() => new(new Status(
            StatusCode.Unavailable,
            $"This service calls {peer.Service}, but {peer.AddressKey} is not set: give it {peer.Service}'s gRPC address (cx up, tye.yaml, dapr.yaml and the chart do)."));

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
            throw Refusal();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
            throw Refusal();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
            throw Refusal();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
            throw Refusal();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
            throw Refusal();
    }
}

/// <summary>How a peer's answer reads to the service that asked: it did not answer, or it refused what was asked.</summary>
public static class PeerAnswers
{
    /// <summary>The peer did not answer (or answered nothing usable), as opposed to refusing what was asked.</summary>
    public static bool IsUnreachable(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unknown or StatusCode.Internal
        or StatusCode.Cancelled or StatusCode.Unauthenticated or StatusCode.Unimplemented or StatusCode.ResourceExhausted or StatusCode.DataLoss;
}
