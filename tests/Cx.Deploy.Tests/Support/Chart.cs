using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Cx.Deploy.Tests.Support;

/// <summary>
/// The chart as files: values.yaml, Chart.yaml and files/ as YAML, the templates as Go-template
/// text (for the checks Helm does not make). What the templates make is read from Helm's rendering
/// (<see cref="RenderedChart"/>).
/// </summary>
internal sealed class Chart
{
    public const string ReleaseName = "cx-platform";

    private Chart(string directory)
    {
        Directory = directory;
        Values = LoadYaml(Path.Combine(directory, "values.yaml"));
        ChartYaml = LoadYaml(Path.Combine(directory, "Chart.yaml"));
        Events = LoadYaml(Path.Combine(directory, "files", "events.yaml"));
        Templates = System.IO.Directory.GetFiles(Path.Combine(directory, "templates"))
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => Path.GetFileName(path), path => GoTemplate.Parse(Path.GetFileName(path), File.ReadAllText(path)), StringComparer.Ordinal);
    }

    public static Chart Instance { get; } = new(Repository.ChartDirectory);

    public string Directory { get; }

    public YamlMappingNode Values { get; }

    public YamlMappingNode ChartYaml { get; }

    public YamlMappingNode Events { get; }

    public IReadOnlyDictionary<string, GoTemplate> Templates { get; }

    /// <summary>The service entries of values.yaml, by name.</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        Map(Values, "services").Children.ToDictionary(e => e.Key.ToString(), e => (YamlMappingNode)e.Value, StringComparer.Ordinal);

    /// <summary>The resource-name prefix for the release <see cref="ReleaseName"/>, as cx.fullname makes it.</summary>
    public static string FullName => ReleaseName;

    public static string ServiceHost(string service) => $"{FullName}-{service}";

    public string Text(params string[] path) => Scalar(Values, path);

    public int Number(params string[] path) => int.Parse(Scalar(Values, path), CultureInfo.InvariantCulture);

    public bool Flag(params string[] path) => bool.Parse(Scalar(Values, path));

    public static string Scalar(YamlNode node, params string[] path) =>
        Node(node, path) is YamlScalarNode scalar ? scalar.Value ?? "" : throw new InvalidOperationException($"{string.Join('.', path)} is not a scalar.");

    public static YamlMappingNode Map(YamlNode node, params string[] path) =>
        Node(node, path) as YamlMappingNode ?? throw new InvalidOperationException($"{string.Join('.', path)} is not a mapping.");

    public static IReadOnlyList<string> List(YamlNode node, params string[] path) =>
        Node(node, path) switch
        {
            YamlSequenceNode sequence => sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToArray(),
            _ => throw new InvalidOperationException($"{string.Join('.', path)} is not a list."),
        };

    public static YamlNode Node(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = current is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child)
                ? child
                : throw new KeyNotFoundException($"{string.Join('.', path)}: no '{key}'.");
        }

        return current;
    }

    public static bool Has(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return false;
            }

            current = child;
        }

        return true;
    }

    public static YamlMappingNode LoadYaml(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}

/// <summary>Where the repository and the chart are.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ChartDirectory { get; } = Path.Combine(Root, "charts", "cx-platform");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cx.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cx.slnx was not found above " + AppContext.BaseDirectory);
    }
}
