using Cx.Domain.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Tenancy;

/// <summary>
/// Requires a valid tenant on every call to a platform API (the <c>cx.*</c> packages) and puts it in
/// <see cref="ITenantContext"/>. Infrastructure services (health, reflection) need none.
/// </summary>
public sealed class TenantInterceptor : Interceptor
{
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

    private static void Establish(ServerCallContext context)
    {
        if (!IsPlatformApi(context.Method))
        {
            return;
        }

        var tenant = context.RequestHeaders.GetValue(TenantId.MetadataKey);
        if (string.IsNullOrEmpty(tenant))
        {
            throw new ValidationFailedException([new FieldViolation(TenantId.MetadataKey, $"The {TenantId.MetadataKey} metadata is required: the tenant the call acts for.")]);
        }

        if (!TenantId.IsValid(tenant))
        {
            throw new ValidationFailedException([new FieldViolation(TenantId.MetadataKey, $"'{Truncate(tenant)}' is not a tenant id: {TenantId.Rule}.")]);
        }

        var services = context.GetHttpContext().RequestServices;
        services.GetRequiredService<TenantContext>().Set(tenant);
        if (context.RequestHeaders.GetValue(ActorContext.MetadataKey) is { Length: > 0 } actor && !string.IsNullOrWhiteSpace(actor))
        {
            services.GetRequiredService<ActorContext>().Set(actor.Trim());
        }
    }

    private static string Truncate(string value) => value.Length <= 70 ? value : value[..70] + "...";
}
