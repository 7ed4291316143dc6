using YamlDotNet.RepresentationModel;

namespace Cx.Topology.Tests.Support;

/// <summary>One app of a Dapr multi-app run file, with its environment over the common one.</summary>
internal sealed record DaprApp(string AppId, string AppDirPath, int? AppPort, string? AppProtocol, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Environment)
{
    public string? Env(string name) => Environment.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A Dapr resource file's parts the tests check.</summary>
internal sealed record DaprResource(string Kind, string Name, string? Type, IReadOnlyList<string> TargetComponents);

/// <summary>dapr.yaml read as Dapr's multi-app run reads it: version, common, apps.</summary>
internal sealed record DaprRunFile(string Version, string ResourcesPath, string ConfigFilePath, IReadOnlyList<DaprApp> Apps)
{
    public DaprApp App(string appId) => Apps.Single(a => a.AppId == appId);

    public static DaprRunFile Load(string path)
    {
        var root = (YamlMappingNode)LoadYaml(path)[0];
        var common = (YamlMappingNode)root["common"];
        var commonEnv = Map(common, "env");
        var apps = ((YamlSequenceNode)root["apps"]).Children.Cast<YamlMappingNode>().Select(app => new DaprApp(
            Text(app, "appID")!,
            Text(app, "appDirPath")!,
            Text(app, "appPort") is { } appPort ? int.Parse(appPort, System.Globalization.CultureInfo.InvariantCulture) : null,
            Text(app, "appProtocol"),
            [.. ((YamlSequenceNode)app["command"]).Children.Select(c => ((YamlScalarNode)c).Value!)],
            commonEnv.Concat(Map(app, "env")).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value))).ToList();
        return new DaprRunFile(Text(root, "version")!, Text(common, "resourcesPath")!, Text(common, "configFilePath")!, apps);
    }

    /// <summary>Every resource in the files of <see cref="ResourcesPath"/>.</summary>
    public IReadOnlyList<DaprResource> Resources() =>
        [.. Directory.GetFiles(Path.Combine(Repository.Root, ResourcesPath), "*.yaml")
            .SelectMany(LoadYaml)
            .Cast<YamlMappingNode>()
            .Select(r =>
            {
                var spec = r.Children.TryGetValue(new YamlScalarNode("spec"), out var s) ? (YamlMappingNode)s : new YamlMappingNode();
                var targets = spec.Children.TryGetValue(new YamlScalarNode("targets"), out var t) && ((YamlMappingNode)t).Children.TryGetValue(new YamlScalarNode("components"), out var c)
                    ? ((YamlMappingNode)c).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToArray()
                    : [];
                return new DaprResource(Text(r, "kind")!, Text((YamlMappingNode)r["metadata"], "name")!, Text(spec, "type"), targets);
            })];

    private static List<YamlNode> LoadYaml(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return [.. yaml.Documents.Select(d => d.RootNode)];
    }

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static Dictionary<string, string> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? ((YamlMappingNode)value).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value ?? string.Empty)
            : [];
}
