using System.Reflection;
using System.Text.RegularExpressions;
using Cx.Api.V1;
using Google.Api;
using Google.Protobuf.Reflection;

namespace Cx.Gateway.Routing;

/// <summary>
/// Every call the contract declares, read from the compiled protos: a service added to
/// <c>proto/cx/&lt;discipline&gt;/v1</c> is routed and guarded without a line of gateway code.
/// </summary>
internal static partial class ContractRoutes
{
    private static readonly Lazy<IReadOnlyList<FileDescriptor>> ContractFiles = new(FindContractFiles);

    /// <summary>Every proto file of the contract (the cx.* packages), events and options included.</summary>
    public static IReadOnlyList<FileDescriptor> AllFiles => ContractFiles.Value;

    /// <summary>The proto files of the contract that declare services.</summary>
    public static IReadOnlyList<FileDescriptor> Files { get; } = [.. AllFiles.Where(f => f.Services.Count > 0)];

    public static IReadOnlyList<ApiMethod> All { get; } = From(Files);

    public static IReadOnlyList<ApiMethod> From(IEnumerable<FileDescriptor> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var methods = new List<ApiMethod>();
        foreach (var file in files)
        {
            var discipline = DisciplineOf(file.Package);
            if (discipline is null)
            {
                continue;
            }

            foreach (var service in file.Services)
            {
                foreach (var method in service.Methods)
                {
                    var access = method.GetOptions()?.GetExtension(AccessExtensions.Access) ?? Access.Unspecified;
                    if (access == Access.Unspecified)
                    {
                        throw new InvalidOperationException($"{method.FullName} declares no (cx.api.v1.access): the gateway cannot tell what it needs.");
                    }

                    var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
                    var (verb, template) = rule is null ? (null, null) : VerbAndPath(rule);
                    methods.Add(new ApiMethod(
                        discipline,
                        service.FullName,
                        method.Name,
                        access,
                        method.IsClientStreaming || method.IsServerStreaming,
                        verb,
                        template is null ? null : ToRouteTemplate(template)));
                }
            }
        }

        return methods;
    }

    /// <summary><c>cx.measurement.v1</c> gives <c>measurement</c>; packages that are not a discipline's API give null.</summary>
    public static string? DisciplineOf(string package)
    {
        var match = PackagePattern().Match(package);
        return match.Success && match.Groups[1].Value is not ("events" or "api") ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// A google.api.http path as an ASP.NET route template: <c>{metric.metric_id}</c> becomes
    /// <c>{metric_metric_id}</c> (route parameters cannot hold dots), <c>{name=**}</c> a catch-all.
    /// </summary>
    public static string ToRouteTemplate(string path) =>
        VariablePattern().Replace(path, match =>
        {
            var name = match.Groups["name"].Value.Replace('.', '_');
            var pattern = match.Groups["pattern"].Value;
            return pattern.Length == 0 || pattern == "*" ? "{" + name + "}" : "{**" + name + "}";
        });

    private static (string? Verb, string? Path) VerbAndPath(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("GET", rule.Get),
        HttpRule.PatternOneofCase.Post => ("POST", rule.Post),
        HttpRule.PatternOneofCase.Put => ("PUT", rule.Put),
        HttpRule.PatternOneofCase.Patch => ("PATCH", rule.Patch),
        HttpRule.PatternOneofCase.Delete => ("DELETE", rule.Delete),
        HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind, rule.Custom.Path),
        _ => (null, null),
    };

    private static FileDescriptor[] FindContractFiles() =>
        typeof(AccessReflection).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal) && t.Namespace?.StartsWith("Cx.", StringComparison.Ordinal) == true)
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();

    [GeneratedRegex(@"^cx\.([a-z][a-z0-9_]*)\.v[1-9][0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PackagePattern();

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_.]+)(?:=(?<pattern>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();
}
