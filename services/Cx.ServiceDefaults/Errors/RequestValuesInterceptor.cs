using System.Collections;
using Cx.Domain.Errors;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cx.ServiceDefaults.Errors;

/// <summary>
/// Refuses, before any handler runs, values no handler can store or convert, as INVALID_ARGUMENT
/// naming each field: a <c>Timestamp</c> outside the range the protobuf specification allows (the
/// binary encoding carries any seconds and nanos, and converting one throws deep in a handler; JSON
/// requests cannot carry one, transcoding refuses them while parsing), and a string holding a NUL
/// character (PostgreSQL refuses it mid-statement, failing a whole batch; SQLite would store it and
/// hand it to every reader), and an identifier longer than <see cref="RequestValues.MaxIdentifierLength"/>
/// characters, so no lookup, index or log ever sees one. A handler that reads a client stream checks each message itself with
/// <see cref="RequestValues.Check"/>: only it knows how to name a message's position.
/// </summary>
public sealed class RequestValuesInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ThrowIfInvalid(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ThrowIfInvalid(request);
        return continuation(request, responseStream, context);
    }

    private static void ThrowIfInvalid(object? request)
    {
        if (request is IMessage message && RequestValues.Check(message, string.Empty) is { Count: > 0 } violations)
        {
            throw new ValidationFailedException(violations);
        }
    }
}

/// <summary>The values of a request message that no service accepts, found by walking the message.</summary>
public static class RequestValues
{
    /// <summary>0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the specification's bounds.</summary>
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>
    /// The longest id or key any service accepts (fields named <c>id</c>, <c>key</c>, or ending in
    /// <c>_id</c>, <c>_ids</c>, <c>_key</c>, <c>_keys</c>). Each service has its own rules for the
    /// ids it issues; this is the bound under all of them, checked before any lookup.
    /// </summary>
    public const int MaxIdentifierLength = 200;

    private const string NulRefused = "Must not contain the NUL character (U+0000).";

    /// <summary>Whether the contract's field holds ids or keys, by the naming rule above.</summary>
    public static bool IsIdentifier(FieldDescriptor field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = field.Name;
        return field.FieldType == FieldType.String && !field.IsMap
            && (name is "id" or "key" || name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith("_ids", StringComparison.Ordinal)
                || name.EndsWith("_key", StringComparison.Ordinal) || name.EndsWith("_keys", StringComparison.Ordinal));
    }

    public static bool IsValid(Timestamp timestamp)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        return timestamp.Seconds is >= MinSeconds and <= MaxSeconds && timestamp.Nanos is >= 0 and <= 999_999_999;
    }

    /// <summary>Every out-of-range timestamp, every string holding NUL and every identifier too long in <paramref name="message"/>, named under <paramref name="path"/>.</summary>
    public static IReadOnlyList<FieldViolation> Check(IMessage message, string path)
    {
        ArgumentNullException.ThrowIfNull(message);
        var violations = new List<FieldViolation>();
        Visit(message, path, violations);
        return violations;
    }

    private static void Visit(IMessage value, string path, List<FieldViolation> violations)
    {
        if (value is Timestamp timestamp)
        {
            if (!IsValid(timestamp))
            {
                violations.Add(new FieldViolation(path, "Not a valid timestamp: it must lie between 0001-01-01 and 9999-12-31 UTC, with nanos in 0-999,999,999."));
            }

            return;
        }

        foreach (var field in value.Descriptor.Fields.InDeclarationOrder())
        {
            var name = path.Length == 0 ? field.Name : path + "." + field.Name;
            var content = field.Accessor.GetValue(value);
            var identifier = IsIdentifier(field);
            if (field.IsMap)
            {
                foreach (DictionaryEntry entry in (IDictionary)content)
                {
                    var entryPath = $"{name}[{entry.Key}]";
                    if (entry.Key is string key && key.Contains('\0', StringComparison.Ordinal))
                    {
                        violations.Add(new FieldViolation(name, "Its keys must not contain the NUL character (U+0000)."));
                        continue;
                    }

                    CheckValue(entry.Value, entryPath, identifier: false, violations);
                }
            }
            else if (field.IsRepeated)
            {
                var index = 0;
                foreach (var item in (IList)content)
                {
                    CheckValue(item, $"{name}[{index++}]", identifier, violations);
                }
            }
            else if (field.FieldType is FieldType.String or FieldType.Message)
            {
                CheckValue(content, name, identifier, violations);
            }
        }
    }

    private static void CheckValue(object? value, string path, bool identifier, List<FieldViolation> violations)
    {
        switch (value)
        {
            case string text when text.Contains('\0', StringComparison.Ordinal):
                violations.Add(new FieldViolation(path, NulRefused));
                break;
            case string text when identifier && text.Length > MaxIdentifierLength:
                violations.Add(new FieldViolation(path, $"An identifier is at most {MaxIdentifierLength} characters; this one has {text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}."));
                break;
            case IMessage message:
                Visit(message, path, violations);
                break;
        }
    }
}
