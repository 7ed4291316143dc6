using System.Collections.Concurrent;
using System.Reflection;
using Cx.Api.V1;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;

namespace Cx.ServiceDefaults.Identity;

/// <summary>
/// The level of permission a call needs, as its contract declares it (cx.api.v1.access on the rpc).
/// A method that declares no level needs admin: what the contract does not open stays closed.
/// </summary>
internal static class MethodAccess
{
    private static readonly ConcurrentDictionary<string, Access> Known = new(StringComparer.Ordinal);

    public static Access Of(string method, HttpContext http) =>
        Known.GetOrAdd(method, static (path, endpoint) => Resolve(path, endpoint), http.GetEndpoint());

    private static Access Resolve(string path, Endpoint? endpoint)
    {
        // "/cx.measurement.v1.MeasurementService/RecordResponse"
        var slash = path.LastIndexOf('/');
        var service = path[1..slash];
        var descriptor = ServiceDescriptorOf(endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>()?.ServiceType) ?? ContractServices.Value.GetValueOrDefault(service);
        var access = descriptor?.FindMethodByName(path[(slash + 1)..])?.GetOptions()?.GetExtension(AccessExtensions.Access) ?? Access.Unspecified;
        return access == Access.Unspecified ? Access.Admin : access;
    }

    private static readonly Lazy<Dictionary<string, ServiceDescriptor>> ContractServices = new(() =>
        typeof(AccessExtensions).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .SelectMany(f => f.Services)
            .ToDictionary(s => s.FullName, StringComparer.Ordinal));

    /// <summary>The generated base class of a service implementation is nested in a class that holds the service's descriptor.</summary>
    private static ServiceDescriptor? ServiceDescriptorOf(Type? implementation)
    {
        for (var type = implementation; type is not null; type = type.BaseType)
        {
            if (type.DeclaringType?.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is ServiceDescriptor descriptor)
            {
                return descriptor;
            }
        }

        return null;
    }
}
