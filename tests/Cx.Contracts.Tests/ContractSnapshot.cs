using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Google.Protobuf.Reflection;

namespace Cx.Contracts.Tests;

/// <summary>
/// The wire- and JSON-relevant shape of the contract: messages with their fields and reserved numbers,
/// enums with their values, services with their methods. Everything is sorted, so the same contract
/// always gives the same JSON, and a diff of the file shows exactly what changed.
/// </summary>
internal sealed record ContractSnapshot
{
    public const string DefaultNote =
        "Written from proto/ by tests/Cx.Contracts.Tests; do not edit by hand. Update it with scripts/update-contract-snapshot.";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyLists } },
    };

    public string Note { get; init; } = DefaultNote;

    public IReadOnlyList<FileSnapshot> Files { get; init; } = [];

    [JsonIgnore]
    public IEnumerable<MessageSnapshot> AllMessages => Files.SelectMany(file => file.Messages);

    [JsonIgnore]
    public IEnumerable<EnumSnapshot> AllEnums => Files.SelectMany(file => file.Enums);

    [JsonIgnore]
    public IEnumerable<ServiceSnapshot> AllServices => Files.SelectMany(file => file.Services);

    public static ContractSnapshot FromFiles(IEnumerable<FileDescriptorProto> files) => new()
    {
        Files = files.Select(FileSnapshot.From).OrderBy(file => file.Name, StringComparer.Ordinal).ToList(),
    };

    public static ContractSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<ContractSnapshot>(json, JsonOptions)
        ?? throw new JsonException("The contract snapshot is empty.");

    /// <summary>Indented JSON with LF line ends and a final newline, stable for the same contract.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Empty lists are left out of the file to keep it short; reading gives them back as empty.</summary>
    private static void OmitEmptyLists(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (typeof(IEnumerable).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(string))
            {
                property.ShouldSerialize = (_, value) => value is ICollection { Count: > 0 };
            }
        }
    }
}

internal sealed record FileSnapshot
{
    public required string Name { get; init; }

    public required string Package { get; init; }

    public IReadOnlyList<MessageSnapshot> Messages { get; init; } = [];

    public IReadOnlyList<EnumSnapshot> Enums { get; init; } = [];

    public IReadOnlyList<ServiceSnapshot> Services { get; init; } = [];

    public static FileSnapshot From(FileDescriptorProto file)
    {
        var proto3 = string.Equals(file.Syntax, "proto3", StringComparison.Ordinal);
        return new FileSnapshot
        {
            Name = file.Name,
            Package = file.Package,
            Messages = ContractConventions.MessagesOf(file)
                .Select(entry => MessageSnapshot.From(entry.FullName, entry.Message, proto3))
                .OrderBy(message => message.Name, StringComparer.Ordinal)
                .ToList(),
            Enums = ContractConventions.EnumsOf(file)
                .Select(entry => EnumSnapshot.From(entry.FullName, entry.Enum))
                .OrderBy(enumType => enumType.Name, StringComparer.Ordinal)
                .ToList(),
            Services = file.Service
                .Select(service => ServiceSnapshot.From(ContractConventions.Qualify(file.Package, service.Name), service))
                .OrderBy(service => service.Name, StringComparer.Ordinal)
                .ToList(),
        };
    }
}

internal sealed record MessageSnapshot
{
    /// <summary>Full name, nested messages included: <c>cx.platform.v1.Outer.Inner</c>.</summary>
    public required string Name { get; init; }

    public IReadOnlyList<FieldSnapshot> Fields { get; init; } = [];

    public IReadOnlyList<ReservedRange> ReservedNumbers { get; init; } = [];

    public IReadOnlyList<string> ReservedNames { get; init; } = [];

    public static MessageSnapshot From(string fullName, DescriptorProto message, bool proto3) => new()
    {
        Name = fullName,
        Fields = message.Field
            .Select(field => FieldSnapshot.From(field, message, proto3))
            .OrderBy(field => field.Number)
            .ToList(),
        // Message reserved ranges end exclusively in the descriptor; the snapshot keeps inclusive ends.
        ReservedNumbers = ReservedRange.Sorted(message.ReservedRange.Select(range => new ReservedRange(range.Start, range.End - 1))),
        ReservedNames = message.ReservedName.Order(StringComparer.Ordinal).ToList(),
    };
}

internal sealed record FieldSnapshot
{
    public const string Singular = "singular";
    public const string Optional = "optional";
    public const string Repeated = "repeated";
    public const string Required = "required";

    public required int Number { get; init; }

    public required string Name { get; init; }

    /// <summary>The protobuf scalar type, or <c>message</c> / <c>enum</c> with <see cref="TypeName"/>.</summary>
    public required string Type { get; init; }

    /// <summary>Full name of the message or enum type, without the leading dot; null for scalars.</summary>
    public string? TypeName { get; init; }

    /// <summary><c>singular</c>, <c>optional</c> (explicit presence), <c>repeated</c> (maps too) or <c>required</c>.</summary>
    public required string Cardinality { get; init; }

    /// <summary>The oneof the field belongs to; null when it is in none (proto3 optional is not a oneof here).</summary>
    public string? Oneof { get; init; }

    public static FieldSnapshot From(FieldDescriptorProto field, DescriptorProto message, bool proto3)
    {
        var inRealOneof = field.HasOneofIndex && !field.Proto3Optional && field.OneofIndex < message.OneofDecl.Count;
        return new FieldSnapshot
        {
            Number = field.Number,
            Name = field.Name,
            Type = TypeNameOf(field.Type),
            TypeName = string.IsNullOrEmpty(field.TypeName) ? null : field.TypeName.TrimStart('.'),
            Cardinality = field.Label switch
            {
                FieldDescriptorProto.Types.Label.Repeated => Repeated,
                FieldDescriptorProto.Types.Label.Required => Required,
                _ when field.Proto3Optional || !proto3 => Optional,
                _ => Singular,
            },
            Oneof = inRealOneof ? message.OneofDecl[field.OneofIndex].Name : null,
        };
    }

    private static string TypeNameOf(FieldDescriptorProto.Types.Type type) => type switch
    {
        FieldDescriptorProto.Types.Type.Double => "double",
        FieldDescriptorProto.Types.Type.Float => "float",
        FieldDescriptorProto.Types.Type.Int64 => "int64",
        FieldDescriptorProto.Types.Type.Uint64 => "uint64",
        FieldDescriptorProto.Types.Type.Int32 => "int32",
        FieldDescriptorProto.Types.Type.Fixed64 => "fixed64",
        FieldDescriptorProto.Types.Type.Fixed32 => "fixed32",
        FieldDescriptorProto.Types.Type.Bool => "bool",
        FieldDescriptorProto.Types.Type.String => "string",
        FieldDescriptorProto.Types.Type.Group => "group",
        FieldDescriptorProto.Types.Type.Message => "message",
        FieldDescriptorProto.Types.Type.Bytes => "bytes",
        FieldDescriptorProto.Types.Type.Uint32 => "uint32",
        FieldDescriptorProto.Types.Type.Enum => "enum",
        FieldDescriptorProto.Types.Type.Sfixed32 => "sfixed32",
        FieldDescriptorProto.Types.Type.Sfixed64 => "sfixed64",
        FieldDescriptorProto.Types.Type.Sint32 => "sint32",
        FieldDescriptorProto.Types.Type.Sint64 => "sint64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown protobuf field type."),
    };
}

internal sealed record EnumSnapshot
{
    /// <summary>Full name, nested enums included: <c>cx.platform.v1.Outer.State</c>.</summary>
    public required string Name { get; init; }

    public IReadOnlyList<EnumValueSnapshot> Values { get; init; } = [];

    public IReadOnlyList<ReservedRange> ReservedNumbers { get; init; } = [];

    public IReadOnlyList<string> ReservedNames { get; init; } = [];

    public static EnumSnapshot From(string fullName, EnumDescriptorProto enumType) => new()
    {
        Name = fullName,
        Values = enumType.Value
            .Select(value => new EnumValueSnapshot { Number = value.Number, Name = value.Name })
            .OrderBy(value => value.Number)
            .ThenBy(value => value.Name, StringComparer.Ordinal)
            .ToList(),
        // Enum reserved ranges are inclusive at both ends already.
        ReservedNumbers = ReservedRange.Sorted(enumType.ReservedRange.Select(range => new ReservedRange(range.Start, range.End))),
        ReservedNames = enumType.ReservedName.Order(StringComparer.Ordinal).ToList(),
    };
}

internal sealed record EnumValueSnapshot
{
    public required int Number { get; init; }

    public required string Name { get; init; }
}

internal sealed record ServiceSnapshot
{
    /// <summary>Full name: <c>cx.platform.v1.PlatformService</c>.</summary>
    public required string Name { get; init; }

    public IReadOnlyList<MethodSnapshot> Methods { get; init; } = [];

    public static ServiceSnapshot From(string fullName, ServiceDescriptorProto service) => new()
    {
        Name = fullName,
        Methods = service.Method
            .Select(method => new MethodSnapshot
            {
                Name = method.Name,
                InputType = method.InputType.TrimStart('.'),
                OutputType = method.OutputType.TrimStart('.'),
                ClientStreaming = method.ClientStreaming,
                ServerStreaming = method.ServerStreaming,
            })
            .OrderBy(method => method.Name, StringComparer.Ordinal)
            .ToList(),
    };
}

internal sealed record MethodSnapshot
{
    public required string Name { get; init; }

    public required string InputType { get; init; }

    public required string OutputType { get; init; }

    public required bool ClientStreaming { get; init; }

    public required bool ServerStreaming { get; init; }
}

/// <summary>Reserved numbers from <see cref="From"/> to <see cref="To"/>, both included.</summary>
internal sealed record ReservedRange(int From, int To)
{
    public bool Contains(int number) => number >= From && number <= To;

    public override string ToString() => From == To ? $"{From}" : $"{From} to {To}";

    public static List<ReservedRange> Sorted(IEnumerable<ReservedRange> ranges) =>
        ranges.OrderBy(range => range.From).ThenBy(range => range.To).ToList();

    /// <summary>Whether every number of <paramref name="range"/> is reserved by some of <paramref name="ranges"/>.</summary>
    public static bool Covers(IEnumerable<ReservedRange> ranges, ReservedRange range)
    {
        // Walk forward from the start of the range, jumping to the end of whichever range holds the
        // next number; long avoids overflow at int.MaxValue.
        long next = range.From;
        var sorted = Sorted(ranges);
        while (next <= range.To)
        {
            var holder = sorted.FirstOrDefault(candidate => candidate.From <= next && next <= candidate.To);
            if (holder is null)
            {
                return false;
            }

            next = (long)holder.To + 1;
        }

        return true;
    }
}
