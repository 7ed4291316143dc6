using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;

namespace Cx.Gateway.OpenApi;

/// <summary>
/// Protobuf types as JSON Schema, in the proto3 JSON mapping as ASP.NET Core's transcoding applies
/// it. Messages and enums become components keyed by their full name; well-known types are inlined
/// because their JSON is a plain value (a Timestamp is a string), not an object with fields.
/// </summary>
internal sealed class ProtoSchemas
{
    public const string StatusSchemaName = "google.rpc.Status";

    private const string WellKnownPackage = "google.protobuf.";

    // In first-reference order; building one component may reference more, which join the end.
    private readonly List<DescriptorBase> referenced = [];
    private readonly HashSet<string> referencedNames = new(StringComparer.Ordinal);

    public static string RefTo(string schemaName) => "#/components/schemas/" + schemaName;

    /// <summary>
    /// Messages transcoding reads from a single query-string value (a Timestamp as its RFC 3339
    /// text, a wrapper as its value); any other message is sent field by field, as <c>outer.inner</c>.
    /// </summary>
    public static bool IsQueryValue(MessageDescriptor message) =>
        IsWrapper(message) || message.FullName is WellKnownPackage + "Timestamp" or WellKnownPackage + "Duration" or WellKnownPackage + "FieldMask";

    /// <summary>A message as a value: a reference to its component, or the JSON a well-known type maps to.</summary>
    public JsonObject Message(MessageDescriptor message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WellKnown(message) ?? Reference(message);
    }

    /// <summary>A message's fields written out in place, without those <paramref name="include"/> rejects.</summary>
    public JsonObject InlineMessage(MessageDescriptor message, Func<FieldDescriptor, bool> include)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ObjectSchema(message, include);
    }

    /// <summary>A field as it appears in JSON: a list for repeated, an object for a map.</summary>
    public JsonObject Field(FieldDescriptor field)
    {
        ArgumentNullException.ThrowIfNull(field);
        JsonObject schema;
        if (field.IsMap)
        {
            // Map keys are always JSON strings, whatever their proto type.
            schema = new JsonObject { ["type"] = "object", ["additionalProperties"] = Value(field.MessageType.FindFieldByNumber(2)) };
        }
        else if (field.IsRepeated)
        {
            schema = new JsonObject { ["type"] = "array", ["items"] = Value(field) };
        }
        else
        {
            schema = Value(field);
        }

        var description = FieldDescription(field);
        if (description is not null)
        {
            schema["description"] = description;
        }

        if (field.GetOptions()?.Deprecated == true)
        {
            schema["deprecated"] = true;
        }

        return schema;
    }

    /// <summary>One value of a field (one item of a list), without the field's own notes.</summary>
    public JsonObject Value(FieldDescriptor field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.FieldType switch
        {
            FieldType.Message or FieldType.Group => Message(field.MessageType),
            FieldType.Enum => Enum(field.EnumType),
            _ => Scalar(field.FieldType),
        };
    }

    /// <summary>The value of a query parameter: a wrapper's absence is simply an absent parameter.</summary>
    public JsonObject QueryValue(FieldDescriptor field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var value = field.FieldType == FieldType.Message && IsWrapper(field.MessageType)
            ? Scalar(field.MessageType.FindFieldByNumber(1).FieldType)
            : Value(field);
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = value } : value;
    }

    /// <summary>Every message and enum referenced so far (and those they reference), sorted by name.</summary>
    public JsonObject Components()
    {
        var schemas = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal) { [StatusSchemaName] = StatusSchema() };
        for (var i = 0; i < referenced.Count; i++)
        {
            var descriptor = referenced[i];
            schemas[descriptor.FullName] = descriptor is MessageDescriptor message ? ObjectSchema(message, _ => true) : EnumSchema((EnumDescriptor)descriptor);
        }

        var components = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            components[name] = schema;
        }

        return components;
    }

    private JsonObject Reference(DescriptorBase descriptor)
    {
        if (referencedNames.Add(descriptor.FullName))
        {
            referenced.Add(descriptor);
        }

        return new JsonObject { ["$ref"] = RefTo(descriptor.FullName) };
    }

    private JsonObject Enum(EnumDescriptor descriptor) =>
        descriptor.FullName == WellKnownPackage + "NullValue" ? new JsonObject { ["type"] = "null" } : Reference(descriptor);

    private JsonObject ObjectSchema(MessageDescriptor message, Func<FieldDescriptor, bool> include)
    {
        var schema = new JsonObject { ["type"] = "object" };
        var description = ProtoComments.Of(message);
        if (description is not null)
        {
            schema["description"] = description;
        }

        var properties = new JsonObject();
        foreach (var field in message.Fields.InDeclarationOrder().Where(include))
        {
            properties[field.JsonName] = Field(field);
        }

        schema["properties"] = properties;
        return schema;
    }

    private static JsonObject EnumSchema(EnumDescriptor descriptor)
    {
        // Transcoding writes enum values by name (and reads names or numbers).
        var schema = new JsonObject { ["type"] = "string" };
        var description = ProtoComments.Of(descriptor);
        if (description is not null)
        {
            schema["description"] = description;
        }

        schema["enum"] = new JsonArray(descriptor.Values.Select(value => (JsonNode)JsonValue.Create(value.Name)).ToArray());
        return schema;
    }

    private static string? FieldDescription(FieldDescriptor field)
    {
        var comment = ProtoComments.Of(field);
        var oneof = field.RealContainingOneof;
        if (oneof is null)
        {
            return comment;
        }

        var members = string.Join(", ", oneof.Fields.Select(member => member.JsonName));
        var note = $"Part of oneof '{oneof.Name}': at most one of {members} is set.";
        return comment is null ? note : comment + "\n\n" + note;
    }

    private static JsonObject Scalar(FieldType type) => type switch
    {
        FieldType.Double => Typed("number", "double"),
        FieldType.Float => Typed("number", "float"),
        // Transcoding writes 64-bit integers as JSON numbers unless told to write strings, and reads
        // both (the proto3 JSON mapping's strings keep precision in JavaScript).
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => IntegerOrString("int64"),
        FieldType.UInt64 or FieldType.Fixed64 => IntegerOrString("uint64"),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Typed("integer", "int32"),
        FieldType.UInt32 or FieldType.Fixed32 => Typed("integer", "uint32"),
        FieldType.Bool => new JsonObject { ["type"] = "boolean" },
        FieldType.String => new JsonObject { ["type"] = "string" },
        FieldType.Bytes => Typed("string", "byte"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a scalar type."),
    };

    private static JsonObject Typed(string type, string format) => new() { ["type"] = type, ["format"] = format };

    private static JsonObject IntegerOrString(string format) => new() { ["type"] = new JsonArray("integer", "string"), ["format"] = format };

    private static bool IsWrapper(MessageDescriptor message) =>
        message.File.Name == "google/protobuf/wrappers.proto";

    private static JsonObject? WellKnown(MessageDescriptor message)
    {
        if (IsWrapper(message))
        {
            // A wrapper is its value, or null when unset.
            var schema = Scalar(message.FindFieldByNumber(1).FieldType);
            var types = schema["type"] is JsonArray several
                ? several.Select(type => type!.GetValue<string>()).ToList()
                : [schema["type"]!.GetValue<string>()];
            types.Add("null");
            schema["type"] = new JsonArray(types.Select(type => (JsonNode)JsonValue.Create(type)).ToArray());
            return schema;
        }

        return message.FullName switch
        {
            WellKnownPackage + "Timestamp" => Typed("string", "date-time"),
            // Seconds with up to nine fractional digits and an "s", e.g. "1.5s".
            WellKnownPackage + "Duration" => new JsonObject { ["type"] = "string", ["pattern"] = @"^-?[0-9]+(\.[0-9]{1,9})?s$" },
            // Comma-separated lowerCamelCase field paths.
            WellKnownPackage + "FieldMask" => new JsonObject { ["type"] = "string" },
            WellKnownPackage + "Struct" or WellKnownPackage + "Empty" => new JsonObject { ["type"] = "object" },
            WellKnownPackage + "ListValue" => new JsonObject { ["type"] = "array" },
            WellKnownPackage + "Value" => new JsonObject(),
            WellKnownPackage + "Any" => AnySchema(),
            _ => null,
        };
    }

    /// <summary>An Any in JSON: its type URL under "@type" beside the fields of the message it holds.</summary>
    private static JsonObject AnySchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["@type"] = new JsonObject { ["type"] = "string" } },
        ["required"] = new JsonArray("@type"),
    };

    /// <summary>What a failed call answers over REST: transcoding writes the gRPC status as JSON.</summary>
    private static JsonObject StatusSchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["code"] = Typed("integer", "int32"),
            ["message"] = new JsonObject { ["type"] = "string" },
            ["details"] = new JsonObject { ["type"] = "array", ["items"] = AnySchema() },
        },
    };
}
