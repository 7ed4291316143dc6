using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Cx.Gateway.OpenApi;

/// <summary>
/// The comments written above a proto element. Descriptors compiled into C# carry no source info,
/// so the contract's comments are read from the descriptor set Cx.Contracts embeds with its source
/// info ("cx-contract.protoset"), matched by full name; a descriptor that carries its own source
/// info (one built from a FileDescriptorProto) is read directly.
/// </summary>
internal static class ProtoComments
{
    private const string ContractSetResource = "cx-contract.protoset";

    private static readonly Lazy<IReadOnlyDictionary<string, DescriptorBase>> Commented = new(LoadCommented);

    public static string? Of(IDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var declaration = (descriptor as DescriptorBase)?.Declaration
            ?? (Commented.Value.TryGetValue(Key(descriptor), out var twin) ? twin.Declaration : null);
        var comments = declaration?.LeadingComments;
        if (string.IsNullOrWhiteSpace(comments))
        {
            return null;
        }

        // protoc keeps the space after "//" and the line breaks; the breaks are only where the author wrapped.
        var lines = comments.Split('\n').Select(line => line.Trim());
        return string.Join('\n', lines).Trim();
    }

    // Enum values are named in their enum's scope, so a value and a field can share a full name: the kind is part of the key.
    private static string Key(IDescriptor descriptor) => descriptor.GetType().Name + ":" + descriptor.FullName;

    private static Dictionary<string, DescriptorBase> LoadCommented()
    {
        var byName = new Dictionary<string, DescriptorBase>(StringComparer.Ordinal);
        using var stream = typeof(Cx.Api.V1.AccessReflection).Assembly.GetManifestResourceStream(ContractSetResource);
        if (stream is null)
        {
            return byName;
        }

        var set = FileDescriptorSet.Parser.ParseFrom(stream);
        foreach (var file in FileDescriptor.BuildFromByteStrings(set.File.Select(f => f.ToByteString())))
        {
            foreach (var element in Elements(file))
            {
                byName.TryAdd(Key(element), element);
            }
        }

        return byName;
    }

    private static IEnumerable<DescriptorBase> Elements(FileDescriptor file) =>
        file.MessageTypes.SelectMany(Elements)
            .Concat(file.EnumTypes.SelectMany(Elements))
            .Concat(file.Services.SelectMany(s => s.Methods.Cast<DescriptorBase>().Prepend(s)));

    private static IEnumerable<DescriptorBase> Elements(MessageDescriptor message) =>
        message.Fields.InDeclarationOrder().Cast<DescriptorBase>()
            .Concat(message.NestedTypes.SelectMany(Elements))
            .Concat(message.EnumTypes.SelectMany(Elements))
            .Prepend(message);

    private static IEnumerable<DescriptorBase> Elements(EnumDescriptor enumeration) =>
        enumeration.Values.Cast<DescriptorBase>().Prepend(enumeration);

    /// <summary>The first sentence, for an operation's summary; the whole comment stays its description.</summary>
    public static string FirstSentence(string comment)
    {
        var text = comment.Split("\n\n", 2)[0].Replace('\n', ' ');
        for (var i = 0; i < text.Length - 1; i++)
        {
            // "e.g. the" does not end a sentence; ". The" does.
            if (text[i] == '.' && text[i + 1] == ' ' && i + 2 < text.Length && char.IsUpper(text[i + 2]))
            {
                return text[..(i + 1)];
            }
        }

        return text;
    }
}
