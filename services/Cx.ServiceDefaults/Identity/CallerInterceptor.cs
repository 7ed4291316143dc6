using Cx.Domain.Errors;
using Cx.ServiceDefaults.Tenancy;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cx.ServiceDefaults.Identity;

/// <summary>
/// Every call to a platform API (the <c>cx.*</c> packages) must carry an identity token that a trusted
/// issuer signed for this service; the tenant and the actor come from it alone, and the call must be
/// within its permissions. Nothing a caller writes in plain metadata is believed. Infrastructure
/// services (health, reflection) need no identity.
/// </summary>
public sealed partial class CallerInterceptor(ServiceIdentity identity, ILogger<CallerInterceptor> logger) : Interceptor
{
    /// <summary>What a refused caller is told, whatever the reason: the reason is for the log.</summary>
    public const string Refused = "This service accepts only calls that carry a valid identity token (x-cx-identity) from the gateway or a peer service: call it through the gateway.";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Establish(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Establish(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Establish(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Establish(context);
        return continuation(requestStream, responseStream, context);
    }

    internal static bool IsPlatformApi(string method) => method.StartsWith("/cx.", StringComparison.Ordinal);

    private void Establish(ServerCallContext context)
    {
        if (!IsPlatformApi(context.Method))
        {
            return;
        }

        var http = context.GetHttpContext();
        var caller = identity.Verify(context.RequestHeaders.GetValue(IdentityToken.MetadataKey), out var refusal);
        if (caller is null)
        {
            LogRefused(context.Method, http.Connection.RemoteIpAddress, refusal);
            throw new RpcException(new Status(StatusCode.Unauthenticated, Refused));
        }

        // A service serves its own discipline's API: permissions are named after it.
        var access = MethodAccess.Of(context.Method, http);
        if (!PermissionGrants.Grants(caller.Permissions, identity.Name, access))
        {
            var needed = PermissionGrants.Of(identity.Name, access);
            throw new PermissionDeniedException(needed, $"{context.Method} needs the permission {needed}, which the caller ({caller.Actor}, through {caller.Issuer}) does not hold.");
        }

        var services = http.RequestServices;
        services.GetRequiredService<TenantContext>().Set(caller.Tenant);
        services.GetRequiredService<ActorContext>().Set(caller.Actor);
        services.GetRequiredService<CallerContext>().Caller = caller;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a call to {Method} from {Address}: {Reason}")]
    private partial void LogRefused(string method, System.Net.IPAddress? address, string? reason);
}

/// <summary>The verified caller of the current call, for the calls it makes in turn (null outside a call).</summary>
public sealed class CallerContext
{
    public VerifiedCaller? Caller { get; set; }
}
