using Cx.ServiceDefaults.Tenancy;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cx.ServiceDefaults.Identity;

/// <summary>
/// Signs every call to a peer with this service's own identity: the tenant it acts for, the actor on
/// whose behalf (so the peer's audit trail names the person, and the token names the service), and
/// only the permission the peer declaration asked for.
/// </summary>
internal sealed class PeerCallIdentity(ServiceIdentity identity, string peer, IReadOnlyCollection<string> permissions, ITenantContext tenant, ActorContext actor) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, Signed(context));
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, Signed(context));
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, Signed(context));
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(Signed(context));
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(Signed(context));
    }

    private ClientInterceptorContext<TRequest, TResponse> Signed<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        // A copy: the caller's metadata may be shared by several calls (and frozen once sent), and
        // any identity it carries is not this service's to pass on.
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            if (entry.Key != IdentityToken.MetadataKey)
            {
                headers.Add(entry);
            }
        }

        headers.Add(IdentityToken.MetadataKey, identity.Issue(peer, tenant.TenantId, actor.Actor, permissions));
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
