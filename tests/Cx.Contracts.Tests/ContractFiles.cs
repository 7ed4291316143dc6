using System.Reflection;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Cx.Contracts.Tests;

/// <summary>
/// The product's own .proto files, as compiled into Cx.Contracts. They are found through the
/// generated <c>*Reflection</c> classes, so a new file under proto/cx is covered without any list to keep.
/// </summary>
internal static class ContractFiles
{
    public const string AssemblyName = "Cx.Contracts";

    /// <summary>Only files under this root are the product's; imports such as google/api/*.proto are not.</summary>
    public const string Root = "cx/";

    private static readonly Lazy<IReadOnlyList<FileDescriptor>> LoadedDescriptors = new(LoadDescriptors);

    private static readonly Lazy<IReadOnlyList<FileDescriptorProto>> Loaded = new(Load);

    /// <summary>Every contract file, ordered by its path under proto/.</summary>
    public static IReadOnlyList<FileDescriptorProto> All => Loaded.Value;

    /// <summary>
    /// Every contract file as the descriptor of its generated code, ordered by its path under proto/:
    /// its messages can be parsed (e.g. from JSON) and its custom options read.
    /// </summary>
    public static IReadOnlyList<FileDescriptor> Descriptors => LoadedDescriptors.Value;

    private static List<FileDescriptor> LoadDescriptors()
    {
        var assembly = Assembly.Load(new AssemblyName(AssemblyName));
        return assembly.GetTypes()
            .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(property => property is not null && property.PropertyType == typeof(FileDescriptor))
            .Select(property => (FileDescriptor)property!.GetValue(null)!)
            .Where(descriptor => descriptor.Name.StartsWith(Root, StringComparison.Ordinal))
            .DistinctBy(descriptor => descriptor.Name)
            .OrderBy(descriptor => descriptor.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static List<FileDescriptorProto> Load()
    {
        // Parsing with the HTTP annotation registered makes (google.api.http) readable as an extension.
        var parser = FileDescriptorProto.Parser.WithExtensionRegistry(new ExtensionRegistry { AnnotationsExtensions.Http, Cx.Api.V1.AccessExtensions.Access });
        return Descriptors.Select(descriptor => parser.ParseFrom(descriptor.SerializedData)).ToList();
    }
}
