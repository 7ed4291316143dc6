using System.Globalization;
using System.Text.Json;
using Cx.Domain.Errors;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;

namespace Cx.ServiceDefaults.Errors;

/// <summary>
/// Reads a REST request's JSON body against the message the route's <c>google.api.http</c> rule
/// fills, before transcoding does: a field the message does not have (a typo such as
/// <c>occuredAt</c> was ignored, and the call recorded "now"), or a value of the wrong JSON type,
/// is refused as 400 with a <c>google.rpc.BadRequest</c> naming the field as the caller wrote it.
/// The transcoder would have ignored the first and reported the second without the field, in the
/// words of .NET types. Query parameters that name a field are held to its type the same way
/// (unknown ones are left alone: proxies and browsers add their own). A body that is not JSON at
/// all is left to the transcoder to refuse.
/// </summary>
internal static class JsonRequestBodies
{
    /// <summary>The most violations one answer lists: enough to fix a body, bounded for one made of mistakes.</summary>
    private const int MaxViolations = 100;

    private const string WholeBody = "(request body)";

    private static readonly JsonFormatter StatusFormatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(RpcErrorMapper.DetailTypes));

    public static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var rule = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (rule is null)
        {
            await next(context);
            return;
        }

        List<FieldViolation> violations = [];
        foreach (var (key, values) in context.Request.Query)
        {
            QueryParameters.Check(rule.MethodDescriptor.InputType, key, values, violations);
        }

        if (rule.HttpRule.Body.Length > 0 && IsJson(context.Request) && BodyTarget(rule) is { } target)
        {
            context.Request.EnableBuffering();
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                target.Check(body.RootElement, string.Empty, violations);
            }
            catch (JsonException)
            {
                // Not JSON at all: the transcoder refuses it in its own words.
            }

            context.Request.Body.Position = 0;
        }

        if (violations.Count == 0)
        {
            await next(context);
            return;
        }

        // A body of the wrong kind altogether (an array, a number) has no field to name.
        var named = violations.Take(MaxViolations).Select(v => v.Field.Length == 0 ? v with { Field = WholeBody } : v).ToArray();
        var refusal = (RpcErrorMapper.FromDomain(new ValidationFailedException(named)) ?? throw new InvalidOperationException("A validation failure always maps.")).GetRpcStatus()!;
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(StatusFormatter.Format(refusal), context.RequestAborted);
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is null
        || (request.GetTypedHeaders().ContentType is { } type
            && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)));

    /// <summary>What the body must be: the whole request (<c>body: "*"</c>) or one of its fields.</summary>
    private static JsonShape? BodyTarget(GrpcJsonTranscodingMetadata rule)
    {
        var request = rule.MethodDescriptor.InputType;
        if (rule.HttpRule.Body == "*")
        {
            return JsonShape.OfMessage(request);
        }

        var field = request.FindFieldByName(rule.HttpRule.Body);
        return field is null ? null : JsonShape.Of(field);
    }
}

/// <summary>What text a query parameter naming a field (<c>filter.from</c>, <c>pageSize</c>) takes.</summary>
internal static class QueryParameters
{
    public static void Check(MessageDescriptor request, string key, Microsoft.Extensions.Primitives.StringValues values, List<FieldViolation> violations)
    {
        var message = request;
        FieldDescriptor? field = null;
        foreach (var part in key.Split('.'))
        {
            if (message is null || message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == part || f.Name == part) is not { } found)
            {
                return;
            }

            field = found;
            message = found.FieldType == FieldType.Message && !found.IsRepeated ? found.MessageType : null;
        }

        if (field is null)
        {
            return;
        }

        if (field.IsMap || (field.FieldType == FieldType.Message && !IsScalarMessage(field.MessageType)))
        {
            violations.Add(new FieldViolation(key, "Not a value a query can carry: give its fields one by one, such as " + key + "." + (field.IsMap ? "key" : field.MessageType.Fields.InDeclarationOrder()[0].JsonName) + "=…"));
            return;
        }

        foreach (var value in values)
        {
            if (Describe(field, value ?? string.Empty) is { } rule)
            {
                violations.Add(new FieldViolation(key, rule));
                return;
            }
        }
    }

    private static bool IsScalarMessage(MessageDescriptor message) =>
        message.FullName is "google.protobuf.Timestamp" or "google.protobuf.Duration" or "google.protobuf.FieldMask"
        || (message.File.Package == "google.protobuf" && message.Name.EndsWith("Value", StringComparison.Ordinal) && message.FindFieldByName("value") is not null);

    /// <summary>Why the text is not a value of the field; null when it is.</summary>
    private static string? Describe(FieldDescriptor field, string text)
    {
        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        return field.FieldType switch
        {
            FieldType.Bool => bool.TryParse(text, out _) ? null : "Must be true or false.",
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(text, Integer, CultureInfo.InvariantCulture, out _) ? null : "Must be a whole number from -2,147,483,648 to 2,147,483,647.",
            FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "Must be a whole number from 0 to 4,294,967,295.",
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(text, Integer, CultureInfo.InvariantCulture, out _) ? null : "Must be a whole number (64 bits, signed).",
            FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "Must be a whole number (64 bits, unsigned).",
            FieldType.Double or FieldType.Float => text is "NaN" or "Infinity" or "-Infinity" || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) ? null : "Must be a number.",
            FieldType.Enum => field.EnumType.FindValueByName(text) is not null || int.TryParse(text, Integer, CultureInfo.InvariantCulture, out _)
                ? null
                : "Must be one of: " + string.Join(", ", field.EnumType.Values.Select(v => v.Name)) + ".",
            FieldType.Message => DescribeScalarMessage(field.MessageType, text),
            _ => null,
        };
    }

    private static string? DescribeScalarMessage(MessageDescriptor message, string text)
    {
        if (message.FindFieldByName("value") is { } wrapped && message.FullName != "google.protobuf.Timestamp" && message.FullName != "google.protobuf.Duration")
        {
            return Describe(wrapped, text);
        }

        try
        {
            var json = JsonSerializer.Serialize(text);
            _ = message.FullName switch
            {
                "google.protobuf.Timestamp" => (IMessage)JsonParser.Default.Parse<Timestamp>(json),
                "google.protobuf.Duration" => JsonParser.Default.Parse<Duration>(json),
                _ => null!,
            };
            return null;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException)
        {
            return message.FullName == "google.protobuf.Timestamp"
                ? "Must be a timestamp in RFC 3339 form, such as \"2026-01-31T09:30:00Z\"."
                : "Must be a duration in seconds with the suffix s, such as \"90s\" or \"1.5s\".";
        }
    }
}

/// <summary>What JSON a protobuf field takes, as the protobuf JSON mapping defines it.</summary>
internal sealed class JsonShape
{
    private readonly FieldDescriptor? _field;
    private readonly MessageDescriptor? _message;

    private JsonShape(FieldDescriptor? field, MessageDescriptor? message)
    {
        _field = field;
        _message = message;
    }

    public static JsonShape Of(FieldDescriptor field) => new(field, null);

    public static JsonShape OfMessage(MessageDescriptor message) => new(null, message);

    public void Check(JsonElement value, string path, List<FieldViolation> violations)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (_message is not null)
        {
            CheckMessage(_message, value, path, violations);
            return;
        }

        var field = _field!;
        if (field.IsMap)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                violations.Add(new FieldViolation(path, "Must be an object (a map of keys to values)."));
                return;
            }

            var valueField = field.MessageType.FindFieldByNumber(2);
            foreach (var entry in value.EnumerateObject())
            {
                CheckElement(valueField, entry.Value, $"{path}[{entry.Name}]", violations);
            }

            return;
        }

        if (field.IsRepeated)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                violations.Add(new FieldViolation(path, "Must be an array."));
                return;
            }

            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                CheckElement(field, item, $"{path}[{index++}]", violations);
            }

            return;
        }

        CheckSingular(field, value, path, violations);
    }

    /// <summary>An element of an array or a map: null stands for no field there, and is no value here.</summary>
    private static void CheckElement(FieldDescriptor field, JsonElement value, string path, List<FieldViolation> violations)
    {
        if (value.ValueKind == JsonValueKind.Null && !(field.FieldType == FieldType.Message && field.MessageType.FullName == "google.protobuf.Value"))
        {
            violations.Add(new FieldViolation(path, "Must not be null."));
            return;
        }

        CheckSingular(field, value, path, violations);
    }

    private static void CheckMessage(MessageDescriptor message, JsonElement value, string path, List<FieldViolation> violations)
    {
        switch (message.FullName)
        {
            case "google.protobuf.Timestamp":
                CheckParses<Timestamp>(value, path, "Must be a timestamp in RFC 3339 form, such as \"2026-01-31T09:30:00Z\".", violations);
                return;
            case "google.protobuf.Duration":
                CheckParses<Duration>(value, path, "Must be a duration in seconds with the suffix s, such as \"90s\" or \"1.5s\".", violations);
                return;
            case "google.protobuf.FieldMask":
                Require(value.ValueKind == JsonValueKind.String, path, "Must be a string of comma-separated field paths.", violations);
                return;
            case "google.protobuf.Value":
                return;
            case "google.protobuf.ListValue":
                Require(value.ValueKind == JsonValueKind.Array, path, "Must be an array.", violations);
                return;
            case "google.protobuf.Struct" or "google.protobuf.Any" or "google.protobuf.Empty":
                Require(value.ValueKind == JsonValueKind.Object, path, "Must be an object.", violations);
                return;
        }

        if (message.File.Package == "google.protobuf" && message.Name.EndsWith("Value", StringComparison.Ordinal) && message.FindFieldByName("value") is { } wrapped)
        {
            CheckSingular(wrapped, value, path, violations);
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new FieldViolation(path, "Must be an object."));
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            var name = path.Length == 0 ? property.Name : path + "." + property.Name;
            var field = message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name || f.Name == property.Name);
            if (field is null)
            {
                violations.Add(new FieldViolation(name, UnknownField(message, property.Name)));
                continue;
            }

            Of(field).Check(property.Value, name, violations);
        }
    }

    private static void CheckSingular(FieldDescriptor field, JsonElement value, string path, List<FieldViolation> violations)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        switch (field.FieldType)
        {
            case FieldType.String:
                Require(value.ValueKind == JsonValueKind.String, path, "Must be a string.", violations);
                break;
            case FieldType.Bytes:
                Require(value.ValueKind == JsonValueKind.String, path, "Must be a string (base64).", violations);
                break;
            case FieldType.Bool:
                Require(value.ValueKind is JsonValueKind.True or JsonValueKind.False, path, "Must be true or false.", violations);
                break;
            // The transcoder reads 32-bit numbers from JSON numbers only (64-bit ones from strings too).
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32:
                Require(value.ValueKind == JsonValueKind.Number && IsInteger(value, int.MinValue, int.MaxValue), path,
                    "Must be a whole number from -2,147,483,648 to 2,147,483,647, not in quotes.", violations);
                break;
            case FieldType.UInt32 or FieldType.Fixed32:
                Require(value.ValueKind == JsonValueKind.Number && IsInteger(value, 0, uint.MaxValue), path, "Must be a whole number from 0 to 4,294,967,295, not in quotes.", violations);
                break;
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64:
                Require(IsInteger(value, long.MinValue, long.MaxValue), path, "Must be a whole number (64 bits, signed), as a number or a string.", violations);
                break;
            case FieldType.UInt64 or FieldType.Fixed64:
                Require(
                    value.ValueKind == JsonValueKind.Number ? value.TryGetUInt64(out _) : value.ValueKind == JsonValueKind.String && ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out _),
                    path, "Must be a whole number (64 bits, unsigned), as a number or a string.", violations);
                break;
            case FieldType.Double or FieldType.Float:
                Require(
                    (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
                    || (value.ValueKind == JsonValueKind.String
                        && (value.GetString() is "NaN" or "Infinity" or "-Infinity"
                            || (double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)))),
                    path, "Must be a number.", violations);
                break;
            case FieldType.Enum:
                CheckEnum(field.EnumType, value, path, violations);
                break;
            case FieldType.Message:
                CheckMessage(field.MessageType, value, path, violations);
                break;
        }
    }

    private static void CheckEnum(EnumDescriptor type, JsonElement value, string path, List<FieldViolation> violations)
    {
        var known = value.ValueKind switch
        {
            JsonValueKind.String => type.FindValueByName(value.GetString()!) is not null,
            JsonValueKind.Number => value.TryGetInt32(out _),
            _ => false,
        };
        Require(known, path, "Must be one of: " + string.Join(", ", type.Values.Select(v => v.Name)) + ".", violations);
    }

    private static bool IsInteger(JsonElement value, long min, long max) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out var number) && number >= min && number <= max,
        JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max,
        _ => false,
    };

    private static void CheckParses<T>(JsonElement value, string path, string rule, List<FieldViolation> violations)
        where T : IMessage, new()
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            violations.Add(new FieldViolation(path, rule));
            return;
        }

        try
        {
            JsonParser.Default.Parse<T>(value.GetRawText());
        }
        catch (InvalidProtocolBufferException)
        {
            violations.Add(new FieldViolation(path, rule));
        }
        catch (InvalidJsonException)
        {
            violations.Add(new FieldViolation(path, rule));
        }
    }

    private static void Require(bool condition, string path, string description, List<FieldViolation> violations)
    {
        if (!condition)
        {
            violations.Add(new FieldViolation(path, description));
        }
    }

    /// <summary>No such field; the nearest name the message has, when one is a slip of a key or two away.</summary>
    private static string UnknownField(MessageDescriptor message, string name)
    {
        var nearest = message.Fields.InDeclarationOrder()
            .Select(f => (f.JsonName, Distance: Distance(f.JsonName, name)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .Select(c => c.JsonName)
            .FirstOrDefault();
        return nearest is null ? "No such field." : $"No such field; did you mean {nearest}?";
    }

    /// <summary>Edit distance (insertions, deletions, substitutions), for the suggestion only.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
