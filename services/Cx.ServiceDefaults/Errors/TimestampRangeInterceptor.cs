using System.Collections;
using System.Collections.Concurrent;
using Cx.Domain.Errors;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cx.ServiceDefaults.Errors;

/// <summary>
/// Refuses a request holding a <c>Timestamp</c> outside the range the protobuf specification
/// allows. The binary encoding carries any seconds and nanos, and converting such a
/// value throws deep inside a handler; here it becomes INVALID_ARGUMENT naming the field, before
/// any handler runs. (JSON requests cannot carry one: transcoding refuses them while parsing.)
/// A handler that reads a client stream checks each message itself with <see cref="IsValid"/>,
/// because only it knows how to name a message's position.
/// </summary>
public sealed class TimestampRangeInterceptor : Interceptor
{
    /// <summary>0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the specification's bounds.</summary>
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    private static readonly ConcurrentDictionary<MessageDescriptor, bool> HoldsTimestamps = new();

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Check(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Check(request);
        return continuation(request, responseStream, context);
    }

    /// <summary>Throws <see cref="ValidationFailedException"/> naming every out-of-range time in <paramref name="request"/>.</summary>
    private static void Check(object? request)
    {
        if (request is not IMessage message || !MayHoldTimestamps(message.Descriptor))
        {
            return;
        }

        var violations = new List<FieldViolation>();
        Walk(message, "", violations);
        if (violations.Count > 0)
        {
            throw new ValidationFailedException(violations);
        }
    }

    public static bool IsValid(Timestamp timestamp)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        return timestamp.Seconds is >= MinSeconds and <= MaxSeconds && timestamp.Nanos is >= 0 and <= 999_999_999;
    }

    private static void Walk(IMessage message, string path, List<FieldViolation> violations)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType != FieldType.Message || field.IsMap || !MayHoldTimestamps(field.MessageType))
            {
                continue;
            }

            var name = path.Length == 0 ? field.Name : path + "." + field.Name;
            if (field.IsRepeated)
            {
                var index = 0;
                foreach (var item in (IList)field.Accessor.GetValue(message))
                {
                    Visit((IMessage)item, $"{name}[{index++}]", violations);
                }
            }
            else if (field.Accessor.GetValue(message) is IMessage value)
            {
                Visit(value, name, violations);
            }
        }
    }

    private static void Visit(IMessage value, string path, List<FieldViolation> violations)
    {
        switch (value)
        {
            case Timestamp timestamp when !IsValid(timestamp):
                violations.Add(new FieldViolation(path, "Not a valid timestamp: it must lie between 0001-01-01 and 9999-12-31 UTC, with nanos in 0-999,999,999."));
                break;
            case Timestamp:
                break;
            default:
                Walk(value, path, violations);
                break;
        }
    }

    /// <summary>Whether a message of this type can hold a timestamp anywhere below it (cached: the walk skips the rest).</summary>
    private static bool MayHoldTimestamps(MessageDescriptor descriptor) =>
        HoldsTimestamps.TryGetValue(descriptor, out var holds) ? holds : HoldsTimestamps.GetOrAdd(descriptor, Search(descriptor, []));

    private static bool Search(MessageDescriptor descriptor, HashSet<MessageDescriptor> visiting)
    {
        if (descriptor.ClrType == typeof(Timestamp))
        {
            return true;
        }

        // A recursive type is searched once along each path.
        if (!visiting.Add(descriptor))
        {
            return false;
        }

        return descriptor.Fields.InDeclarationOrder().Any(f => f.FieldType == FieldType.Message && !f.IsMap && Search(f.MessageType, visiting));
    }
}
