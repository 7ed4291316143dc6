using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cx.Events.V1;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Cx.Contracts.Tests;

/// <summary>
/// The naming and layout rules every contract file follows. Each rule looks at one file and returns
/// what breaks it, one line per problem, naming the file and the element so the fix is obvious.
/// </summary>
internal static partial class ContractConventions
{
    /// <summary>A contract package: <c>cx.&lt;discipline&gt;.v&lt;N&gt;</c>.</summary>
    [GeneratedRegex(@"^cx\.(?<discipline>[a-z][a-z0-9]*(?:_[a-z0-9]+)*)\.v(?<version>[1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex PackagePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerSnakeCase();

    /// <summary>The strict proto3 JSON parser: a field the message does not have is an error.</summary>
    private static readonly JsonParser ExampleParser = new(JsonParser.Settings.Default);

    public static IEnumerable<string> PackageFollowsPattern(FileDescriptorProto file)
    {
        if (!PackagePattern().IsMatch(file.Package))
        {
            yield return $"{file.Name}: package '{file.Package}' must have the form cx.<discipline>.v<N> (lower case discipline, N from 1), e.g. cx.platform.v1.";
        }
    }

    public static IEnumerable<string> PackageMatchesFolder(FileDescriptorProto file)
    {
        var slash = file.Name.LastIndexOf('/');
        var folder = slash < 0 ? string.Empty : file.Name[..slash];
        var expected = folder.Replace('/', '.');
        if (!string.Equals(file.Package, expected, StringComparison.Ordinal))
        {
            yield return $"{file.Name}: package '{file.Package}' must equal its folder '{folder}/', i.e. 'package {expected};' (or move the file to {file.Package.Replace('.', '/')}/).";
        }
    }

    public static IEnumerable<string> CsharpNamespaceIsPascalCasedPackage(FileDescriptorProto file)
    {
        var expected = ExpectedCsharpNamespace(file.Package);
        if (file.Options is not { HasCsharpNamespace: true })
        {
            yield return $"{file.Name}: option csharp_namespace is not set; add 'option csharp_namespace = \"{expected}\";'.";
        }
        else if (!string.Equals(file.Options.CsharpNamespace, expected, StringComparison.Ordinal))
        {
            yield return $"{file.Name}: option csharp_namespace is '{file.Options.CsharpNamespace}' but must be the package '{file.Package}' in PascalCase segments: '{expected}'.";
        }
    }

    /// <summary>
    /// Event files import only other event files, the shared types and protobuf's own: a consumer of
    /// events then depends on the events contract alone, never on a producer's API.
    /// </summary>
    public static IEnumerable<string> EventsImportOnlySharedTypes(FileDescriptorProto file)
    {
        if (!file.Package.StartsWith("cx.events.", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var import in file.Dependency.Where(d => !d.StartsWith("cx/events/", StringComparison.Ordinal) && !d.StartsWith("cx/common/", StringComparison.Ordinal) && !d.StartsWith("google/protobuf/", StringComparison.Ordinal)))
        {
            yield return $"{file.Name}: imports '{import}'; events may use only cx/common/ types (move the shared type there, or give the event its own fields).";
        }
    }

    public static IEnumerable<string> RpcsHaveHttpRules(FileDescriptorProto file)
    {
        foreach (var service in file.Service)
        {
            // A client-streaming call cannot be transcoded to REST; its REST counterpart is a batch call.
            foreach (var method in service.Method.Where(m => !m.ClientStreaming))
            {
                var rule = HttpRuleOf(method);
                if (rule is null)
                {
                    yield return $"{file.Name}: rpc {service.Name}.{method.Name} has no google.api.http rule; add 'option (google.api.http) = {{get: \"{ExpectedPathPrefix(file.Package) ?? "/api/<discipline>/v<N>/"}...\"}};' (or post/put/patch/delete) so it is reachable over REST.";
                }
                else if (rule.PatternCase == HttpRule.PatternOneofCase.None)
                {
                    yield return $"{file.Name}: rpc {service.Name}.{method.Name} has a google.api.http rule without a verb and path (get, post, put, patch, delete or custom).";
                }
            }
        }
    }

    /// <summary>The gateway guards each call by the level its contract declares; a call without one could not be routed.</summary>
    public static IEnumerable<string> RpcsDeclareAccess(FileDescriptorProto file)
    {
        foreach (var service in file.Service)
        {
            foreach (var method in service.Method)
            {
                var declared = method.Options is { } options && options.HasExtension(Cx.Api.V1.AccessExtensions.Access)
                    && options.GetExtension(Cx.Api.V1.AccessExtensions.Access) != Cx.Api.V1.Access.Unspecified;
                if (!declared)
                {
                    yield return $"{file.Name}: rpc {service.Name}.{method.Name} declares no access; add 'option (cx.api.v1.access) = ACCESS_READ;' (or ACCESS_WRITE, ACCESS_ADMIN) and import \"cx/api/v1/access.proto\".";
                }
            }
        }
    }

    public static IEnumerable<string> HttpPathsStartWithDisciplineAndVersion(FileDescriptorProto file)
    {
        var prefix = ExpectedPathPrefix(file.Package);
        if (prefix is null)
        {
            // The package rule reports the package itself; without it there is no prefix to compare with.
            yield break;
        }

        foreach (var service in file.Service)
        {
            foreach (var method in service.Method)
            {
                var rule = HttpRuleOf(method);
                if (rule is null)
                {
                    continue;
                }

                // A rule without a path is reported by RpcsHaveHttpRules.
                foreach (var path in PathsOf(rule).OfType<string>())
                {
                    if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.Length == prefix.Length)
                    {
                        yield return $"{file.Name}: rpc {service.Name}.{method.Name} maps to REST path '{path}', which must start with '{prefix}' (/api/<discipline>/v<N>/ of package {file.Package}) and continue after it.";
                    }
                }
            }
        }
    }

    public static IEnumerable<string> ServicesEndWithService(FileDescriptorProto file)
    {
        foreach (var service in file.Service)
        {
            if (!service.Name.EndsWith("Service", StringComparison.Ordinal) || service.Name.Length == "Service".Length)
            {
                yield return $"{file.Name}: service '{service.Name}' must be named <Something>Service, e.g. '{service.Name}Service'.";
            }
        }
    }

    public static IEnumerable<string> FieldNamesAreLowerSnakeCase(FileDescriptorProto file)
    {
        foreach (var (fullName, message) in MessagesOf(file))
        {
            foreach (var field in message.Field)
            {
                if (!LowerSnakeCase().IsMatch(field.Name))
                {
                    yield return $"{file.Name}: field {fullName}.{field.Name} (number {field.Number}) must be lower_snake_case, e.g. 'display_name'.";
                }
            }
        }
    }

    public static IEnumerable<string> EnumsStartWithUnspecifiedZero(FileDescriptorProto file)
    {
        foreach (var (fullName, enumType) in EnumsOf(file))
        {
            var expected = ToUpperSnakeCase(enumType.Name) + "_UNSPECIFIED";
            if (enumType.Value.Count == 0)
            {
                yield return $"{file.Name}: enum {fullName} has no values; its first value must be '{expected} = 0;'.";
                continue;
            }

            var first = enumType.Value[0];
            if (first.Number != 0 || !string.Equals(first.Name, expected, StringComparison.Ordinal))
            {
                yield return $"{file.Name}: enum {fullName} starts with '{first.Name} = {first.Number}', but its first value must be '{expected} = 0;'.";
            }
        }
    }

    /// <summary>
    /// Every event (a message that declares <c>(cx.events.v1.event_type)</c>) declares an example
    /// payload, <c>(cx.events.v1.example)</c>, that is right for it: see <see cref="ExampleProblems"/>.
    /// </summary>
    public static IEnumerable<string> EventsDeclareExamples(FileDescriptor file) =>
        EventsOf(file).SelectMany(message => ExampleProblems(message, message.GetOptions()?.GetExtension(EventOptionsExtensions.Example)));

    /// <summary>
    /// What is wrong with <paramref name="example"/> as the example payload of <paramref name="message"/>:
    /// it must be a JSON object that parses into the message in proto3 JSON, unknown fields rejected,
    /// and name every field of the message by its lowerCamelCase JSON name, as the platform formats
    /// events (one field of each oneof).
    /// </summary>
    public static IEnumerable<string> ExampleProblems(MessageDescriptor message, string? example)
    {
        var where = $"{message.File.Name}: event {message.FullName}";
        if (string.IsNullOrEmpty(example))
        {
            yield return $"{where} declares no example payload; add 'option (cx.events.v1.example) = \"{{...}}\";' with a realistic payload in proto3 JSON that names every field.";
            yield break;
        }

        var (keys, notAnObject) = TopLevelKeys(example);
        if (keys is null)
        {
            yield return $"{where} has an example that is not a JSON object: {notAnObject}";
            yield break;
        }

        if (ParseProblem(message, example) is { } parseProblem)
        {
            yield return $"{where} has an example that does not parse into it as proto3 JSON: {parseProblem}";
        }

        var missing = message.Fields.InDeclarationOrder()
            .Where(field => field.RealContainingOneof is null && !keys.Contains(field.JsonName))
            .Select(field => field.JsonName)
            .Concat(message.Oneofs
                .Where(oneof => !oneof.IsSynthetic && !oneof.Fields.Any(field => keys.Contains(field.JsonName)))
                .Select(oneof => "one of " + string.Join(" | ", oneof.Fields.Select(field => field.JsonName))))
            .ToList();
        if (missing.Count > 0)
        {
            yield return $"{where} has an example that does not name {string.Join(", ", missing)}; "
                + "name every field (zero values and false too) by its lowerCamelCase JSON name, as the platform formats events.";
        }
    }

    /// <summary>Every message of the file, nested ones too, that declares <c>(cx.events.v1.event_type)</c>.</summary>
    public static IEnumerable<MessageDescriptor> EventsOf(FileDescriptor file)
    {
        return file.MessageTypes.SelectMany(Walk).Where(message => !string.IsNullOrEmpty(message.GetOptions()?.GetExtension(EventOptionsExtensions.EventType)));

        static IEnumerable<MessageDescriptor> Walk(MessageDescriptor message) => message.NestedTypes.SelectMany(Walk).Prepend(message);
    }

    private static (HashSet<string>? Keys, string? Problem) TopLevelKeys(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal), null)
                : (null, $"its top level is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
        }
        catch (JsonException e)
        {
            return (null, $"it is not valid JSON ({e.Message})");
        }
    }

    private static string? ParseProblem(MessageDescriptor message, string json)
    {
        try
        {
            ExampleParser.Parse(json, message);
            return null;
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            return e.Message;
        }
    }

    /// <summary><c>cx.platform.v1</c> becomes <c>Cx.Platform.V1</c>; <c>customer_journey</c> becomes <c>CustomerJourney</c>.</summary>
    public static string ExpectedCsharpNamespace(string package) =>
        string.Join('.', package.Split('.').Select(segment => string.Concat(
            segment.Split('_', StringSplitOptions.RemoveEmptyEntries)
                .Select(word => char.ToUpperInvariant(word[0]) + word[1..]))));

    /// <summary><c>OrderStatus</c> becomes <c>ORDER_STATUS</c>; <c>HTTPMethod</c> becomes <c>HTTP_METHOD</c>.</summary>
    public static string ToUpperSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c))
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('_');
                }
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>The REST prefix of a contract package, <c>/api/platform/v1/</c>, or null if the package has the wrong form.</summary>
    public static string? ExpectedPathPrefix(string package)
    {
        var match = PackagePattern().Match(package);
        return match.Success
            ? string.Create(CultureInfo.InvariantCulture, $"/api/{match.Groups["discipline"].Value}/v{match.Groups["version"].Value}/")
            : null;
    }

    /// <summary>Every message of the file, nested ones too, with its full name.</summary>
    public static IEnumerable<(string FullName, DescriptorProto Message)> MessagesOf(FileDescriptorProto file)
    {
        return file.MessageType.SelectMany(message => Walk(file.Package, message));

        static IEnumerable<(string, DescriptorProto)> Walk(string scope, DescriptorProto message)
        {
            var fullName = Qualify(scope, message.Name);
            yield return (fullName, message);
            foreach (var nested in message.NestedType.SelectMany(nested => Walk(fullName, nested)))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Every enum of the file, top-level and nested in messages, with its full name.</summary>
    public static IEnumerable<(string FullName, EnumDescriptorProto Enum)> EnumsOf(FileDescriptorProto file) =>
        file.EnumType.Select(enumType => (Qualify(file.Package, enumType.Name), enumType))
            .Concat(MessagesOf(file).SelectMany(entry => entry.Message.EnumType.Select(enumType => (Qualify(entry.FullName, enumType.Name), enumType))));

    public static string Qualify(string scope, string name) => scope.Length == 0 ? name : scope + "." + name;

    private static HttpRule? HttpRuleOf(MethodDescriptorProto method) =>
        method.Options is { } options && options.HasExtension(AnnotationsExtensions.Http)
            ? options.GetExtension(AnnotationsExtensions.Http)
            : null;

    private static IEnumerable<string?> PathsOf(HttpRule rule)
    {
        yield return rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => rule.Get,
            HttpRule.PatternOneofCase.Put => rule.Put,
            HttpRule.PatternOneofCase.Post => rule.Post,
            HttpRule.PatternOneofCase.Delete => rule.Delete,
            HttpRule.PatternOneofCase.Patch => rule.Patch,
            HttpRule.PatternOneofCase.Custom => rule.Custom?.Path,
            _ => null,
        };

        foreach (var path in rule.AdditionalBindings.SelectMany(PathsOf))
        {
            yield return path;
        }
    }
}
