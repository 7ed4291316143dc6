using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Errors;

/// <summary>Puts <see cref="ReadableRequestMethodProvider{TService}"/> in place of grpc-dotnet's binding provider.</summary>
internal static class ReadableRequestBinding
{
    /// <summary>Replaces grpc-dotnet's binding provider (which would bind every method a second time) with this one.</summary>
    public static void Register(IServiceCollection services)
    {
        var grpcServer = typeof(GrpcServiceOptions).Assembly;
        var defaults = services
            .Where(d => d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType?.Assembly == grpcServer && d.ImplementationType.Name == "BinderServiceMethodProvider`1")
            .ToList();
        if (defaults.Count != 1)
        {
            throw new InvalidOperationException($"Expected grpc-dotnet to register one binding provider, found {defaults.Count}: the gRPC package changed how it binds services.");
        }

        services.Remove(defaults[0]);
        services.Add(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(ReadableRequestMethodProvider<>)));
    }
}

/// <summary>
/// Binds each generated gRPC service as grpc-dotnet's own binding does (its generated
/// <c>BindService</c>, the overriding methods of the service class, their attributes as endpoint
/// metadata), with one difference: a request that cannot be read as the method's message is the
/// caller's mistake. grpc-dotnet reads a unary or server-streaming request before any interceptor
/// runs, so a parse failure there would end as UNKNOWN with an error-level stack trace; here the
/// request marshaller itself answers INVALID_ARGUMENT (see <see cref="UnreadableRequest"/>). JSON
/// transcoding binds the same services by its own provider and never uses these marshallers.
/// </summary>
internal sealed class ReadableRequestMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        if (FindBindMethod(typeof(TService)) is not { } bind)
        {
            return;
        }

        // BindService(ServiceBinderBase, TServiceBase): with no instance, the binder resolves the
        // handlers on the service class, created per call by grpc-dotnet's activator.
        var serviceBase = bind.GetParameters()[1].ParameterType;
        bind.Invoke(null, [new Binder(context, serviceBase), null]);
    }

    private static MethodInfo? FindBindMethod(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type]);
            }
        }

        return null;
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type serviceBase) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(UnreadableRequest.Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(UnreadableRequest.Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(UnreadableRequest.Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(UnreadableRequest.Guard(method), metadata, invoker);
        }

        private (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string name, params Type[] parameters)
            where TDelegate : Delegate
        {
            var handler = FindOverride(name, parameters)
                ?? throw new InvalidOperationException($"No public method {name} of {typeof(TService)} overrides the one of {serviceBase}.");

            // The class's attributes first, the method's last: the later ones win where both say the same.
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return (handler.CreateDelegate<TDelegate>(), metadata);
        }

        /// <summary>
        /// The method that overrides the generated base's handler, found from the service class
        /// down: a method of the same name that hides it instead (<c>new</c>) is not a handler. An
        /// unimplemented method resolves to the base's, which answers UNIMPLEMENTED.
        /// </summary>
        private MethodInfo? FindOverride(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var candidate = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
                if (candidate is null)
                {
                    return null;
                }

                if (candidate.IsVirtual && candidate.GetBaseDefinition().DeclaringType == serviceBase)
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
