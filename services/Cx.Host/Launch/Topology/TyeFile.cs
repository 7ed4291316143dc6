using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cx.Host.Launch.Topology;

/// <summary>
/// Reads tye.yaml (tye's own format: name, services with project | executable | image, args as
/// one string, env as name/value pairs, bindings, readiness.http). What `cx run` cannot start
/// faithfully (replicas, builds of container images, repositories) is refused by name instead
/// of being started some other way.
/// </summary>
internal static class TyeFile
{
    public const string DefaultFileName = "tye.yaml";

    /// <exception cref="TopologyFileException">The file cannot be read as a topology; the message names the place.</exception>
    public static Topology Load(string path)
    {
        var full = Path.GetFullPath(path);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(full);
            yaml.Load(reader);
        }
        catch (Exception e) when (e is YamlException or IOException or UnauthorizedAccessException)
        {
            throw new TopologyFileException($"{full}: {e.Message}", e);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new TopologyFileException($"{full}: expected a mapping with name and services.");
        }

        var services = Child(root, "services") as YamlSequenceNode
            ?? throw new TopologyFileException($"{full}: expected a list of services under 'services'.");
        var parsed = new List<TopologyService>();
        foreach (var node in services.Children)
        {
            if (node is not YamlMappingNode entry)
            {
                throw Problem(full, node, "each service is a mapping");
            }

            if (Scalar(entry, "external") == "true")
            {
                // tye does not start an external service either: it only tells the others where it is.
                continue;
            }

            parsed.Add(ReadService(full, entry));
        }

        var duplicate = parsed.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new TopologyFileException($"{full}: the service name '{duplicate.Key}' is used twice.");
        }

        return new Topology(Scalar(root, "name") ?? Path.GetFileNameWithoutExtension(full), Path.GetDirectoryName(full)!, parsed);
    }

    private static TopologyService ReadService(string file, YamlMappingNode entry)
    {
        var name = Scalar(entry, "name") ?? throw Problem(file, entry, "a service needs a name");
        foreach (var unsupported in new[] { "include", "repository", "dockerFile", "azureFunction" })
        {
            if (Child(entry, unsupported) is not null)
            {
                throw Problem(file, entry, $"service '{name}' uses '{unsupported}', which cx run does not start; run it with tye, or leave it out with --skip");
            }
        }

        var replicas = Scalar(entry, "replicas");
        if (replicas is not null && replicas != "1")
        {
            throw Problem(file, entry, $"service '{name}' asks for {replicas} replicas; cx run starts one process per service");
        }

        var (kind, target) = (Scalar(entry, "project"), Scalar(entry, "executable"), Scalar(entry, "image")) switch
        {
            ({ } project, null, null) => (TopologyKind.Project, project),
            (null, { } executable, null) => (TopologyKind.Executable, executable),
            (null, null, { } image) => (TopologyKind.Image, image),
            _ => throw Problem(file, entry, $"service '{name}' needs exactly one of project, executable or image"),
        };

        return new TopologyService(
            name,
            kind,
            target,
            SplitArguments(Scalar(entry, "args") ?? string.Empty),
            ReadEnvironment(file, name, Child(entry, "env")),
            ReadBindings(file, name, Child(entry, "bindings")),
            ReadProbe(file, name, Child(entry, "readiness")),
            Scalar(entry, "workingDirectory"));
    }

    private static List<KeyValuePair<string, string>> ReadEnvironment(string file, string service, YamlNode? node)
    {
        var environment = new List<KeyValuePair<string, string>>();
        foreach (var item in (node as YamlSequenceNode)?.Children ?? [])
        {
            switch (item)
            {
                case YamlMappingNode pair when Scalar(pair, "name") is { } key:
                    environment.Add(new(key, Scalar(pair, "value") ?? string.Empty));
                    break;
                case YamlScalarNode { Value: { } text } when text.IndexOf('=', StringComparison.Ordinal) > 0:
                    // tye also takes "NAME=value" entries.
                    environment.Add(new(text[..text.IndexOf('=', StringComparison.Ordinal)], text[(text.IndexOf('=', StringComparison.Ordinal) + 1)..]));
                    break;
                default:
                    throw Problem(file, item, $"service '{service}': an env entry is name/value or NAME=value");
            }
        }

        return environment;
    }

    private static List<TopologyBinding> ReadBindings(string file, string service, YamlNode? node)
    {
        var bindings = new List<TopologyBinding>();
        foreach (var item in (node as YamlSequenceNode)?.Children ?? [])
        {
            if (item is not YamlMappingNode binding || !int.TryParse(Scalar(binding, "port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw Problem(file, item, $"service '{service}': a binding needs a port (cx run assigns none)");
            }

            bindings.Add(new TopologyBinding(Scalar(binding, "name"), port, Scalar(binding, "protocol") ?? "http"));
        }

        return bindings;
    }

    private static TopologyProbe? ReadProbe(string file, string service, YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode probe || Child(probe, "http") is not YamlMappingNode http || Scalar(http, "path") is not { } path)
        {
            throw Problem(file, node, $"service '{service}': cx run understands readiness probes of the form http: {{path, port}}");
        }

        int? port = Scalar(http, "port") is { } text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : null;
        return new TopologyProbe(path, port);
    }

    /// <summary>
    /// tye gives arguments as one string; they are split as a shell would split plain words and
    /// quotes (no variables, no globbing), so "--save ''" passes an empty argument.
    /// </summary>
    public static IReadOnlyList<string> SplitArguments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var arguments = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    arguments.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new TopologyFileException($"unterminated quote in arguments: {text}");
        }

        if (inWord)
        {
            arguments.Add(current.ToString());
        }

        return arguments;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static TopologyFileException Problem(string file, YamlNode node, string message) =>
        new($"{file}:{node.Start.Line}: {message}.");
}

/// <summary>A topology file that cannot be read or started as written.</summary>
internal sealed class TopologyFileException : Exception
{
    public TopologyFileException(string message)
        : base(message)
    {
    }

    public TopologyFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
