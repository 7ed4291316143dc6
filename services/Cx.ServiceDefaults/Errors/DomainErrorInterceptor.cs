using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Cx.ServiceDefaults.Errors;

/// <summary>
/// The one place where exceptions become gRPC statuses: domain failures map to their codes with
/// details; an <see cref="RpcException"/> passes as thrown; anything else is logged with the trace
/// id and answered as INTERNAL without internals.
/// </summary>
public sealed partial class DomainErrorInterceptor(ILogger<DomainErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        if (RpcErrorMapper.FromDomain(exception) is { } domainError)
        {
            return domainError;
        }

        // The caller went away or its deadline passed (the read or write then fails with
        // whatever the transport saw): nothing failed on our side.
        if (context.CancellationToken.IsCancellationRequested)
        {
            LogCallerGone(exception, context.Method);
            return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled by the caller or its deadline."));
        }

        var traceId = Activity.Current?.TraceId.ToHexString() ?? context.GetHttpContext().TraceIdentifier;
        LogUnexpected(exception, context.Method, traceId);
        return RpcErrorMapper.Internal(traceId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {Method} ended by its caller")]
    private partial void LogCallerGone(Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method} (trace {TraceId})")]
    private partial void LogUnexpected(Exception exception, string method, string traceId);
}
