using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Cx.Deploy.Tests.Support;

/// <summary>
/// A set of values the chart is rendered with: values.yaml, optionally a file of
/// tests/Cx.Deploy.Tests/values on top, and whether the cluster has Dapr's resource types.
/// </summary>
internal sealed record Combination(string Name, string? ValuesFile, bool DaprApi)
{
    /// <summary>The chart's defaults on a cluster without Dapr's resource types.</summary>
    public static Combination Default { get; } = new("default", null, false);

    /// <summary>The chart's defaults on a cluster with Dapr: what most tests read.</summary>
    public static Combination Dapr { get; } = new("dapr", null, true);

    public static Combination ExternalPostgreSql { get; } = new("external-postgresql", "external-postgresql.yaml", true);

    public static Combination AutoscalingAndNetworkPolicies { get; } = new("autoscaling-and-network-policies", "autoscaling-and-network-policies.yaml", true);

    public static Combination ServiceDisabled { get; } = new("service-disabled", "service-disabled.yaml", true);

    public static Combination ExternalServices { get; } = new("external-services", "external-services.yaml", true);

    public static IReadOnlyList<Combination> All { get; } = [Default, Dapr, ExternalPostgreSql, AutoscalingAndNetworkPolicies, ServiceDisabled, ExternalServices];

    public static TheoryData<string> Names() => new(All.Select(c => c.Name));

    public static Combination Named(string name) => All.Single(c => c.Name == name);

    /// <summary>The values arguments of helm template and helm lint.</summary>
    public IReadOnlyList<string> ValuesArguments =>
        ValuesFile is null ? RenderedChart.RequiredValues : [.. RenderedChart.RequiredValues, "--values", Path.Combine(RenderedChart.ValuesDirectory, ValuesFile)];

    public override string ToString() => Name;
}

/// <summary>One object of the rendered manifests, as Kubernetes reads it, and its schema errors.</summary>
internal sealed record RenderedObject(string Source, JsonObject Object, IReadOnlyList<string> Errors)
{
    public string Kind => (string)Object["kind"]!;

    public string ApiVersion => (string)Object["apiVersion"]!;

    public string Name => (string)Object["metadata"]!["name"]!;

    public override string ToString() => $"{Kind} {Name} ({Source})";
}

/// <summary>What `helm template` printed for a set of values, read by the schema validator.</summary>
internal sealed class Rendering
{
    public Rendering(string text, IReadOnlyList<RenderedObject> objects)
    {
        Text = text;
        Objects = objects;
    }

    /// <summary>The manifests as Helm printed them.</summary>
    public string Text { get; }

    public IReadOnlyList<RenderedObject> Objects { get; }

    public IEnumerable<RenderedObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public RenderedObject? Find(string kind, string name) => Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name);

    public JsonObject Single(string kind, string name) =>
        Find(kind, name)?.Object ?? throw new InvalidOperationException($"the chart renders no {kind} {name}; it renders {string.Join(", ", Objects)}");

    /// <summary>A service's Deployment (named as its Service and host).</summary>
    public JsonObject Deployment(string service) => Single("Deployment", Chart.ServiceHost(service));

    /// <summary>The container of a service's pods (the Dapr sidecar is injected in the cluster, not here).</summary>
    public JsonObject Container(string service) =>
        Json.Array(Deployment(service), "spec", "template", "spec", "containers").Cast<JsonObject>().Single(c => (string?)c["name"] == service);

    public IReadOnlyDictionary<string, string> PodAnnotations(string service) =>
        Json.Object(Deployment(service), "spec", "template", "metadata", "annotations").ToDictionary(p => p.Key, p => Json.String(p.Value), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> ConfigMap(string service) =>
        Json.Object(Single("ConfigMap", Chart.ServiceHost(service)), "data").ToDictionary(p => p.Key, p => Json.String(p.Value), StringComparer.Ordinal);
}

/// <summary>
/// The chart rendered by real Helm, once per set of values and cached for every test: `helm
/// template` with the values, then every object validated (tools/validate-manifests.mjs).
/// </summary>
internal static class RenderedChart
{
    /// <summary>The one value the chart cannot default: where the images are.</summary>
    public const string Registry = "registry.example.com/cx";

    public static readonly string[] RequiredValues = ["--set", "global.image.registry=" + Registry];

    public static string ValuesDirectory { get; } = Path.Combine(Repository.Root, "tests", "Cx.Deploy.Tests", "values");

    private static readonly ConcurrentDictionary<string, Lazy<Rendering>> Renderings = new(StringComparer.Ordinal);

    public static Rendering Of(Combination combination) => Of(combination, []);

    /// <summary>
    /// The chart rendered with a combination's values and further arguments (e.g. --set a=b). Such a
    /// variant is checked against the schemas only: the type check for unknown fields runs on the
    /// combinations themselves (HelmTests), since it takes seconds.
    /// </summary>
    public static Rendering Of(Combination combination, params string[] more)
    {
        var arguments = TemplateArguments(combination, more);
        return Renderings.GetOrAdd(string.Join('\u0001', arguments), _ => new Lazy<Rendering>(() => Render(arguments, schemasOnly: more.Length > 0))).Value;
    }

    /// <summary>Runs helm template expecting it to refuse the values; returns what Helm said.</summary>
    public static string Refusal(Combination combination, params string[] more)
    {
        Tools.Require();
        var (exit, output, error) = Tools.Run(Tools.Helm, [.. TemplateArguments(combination, more)]);
        if (exit == 0)
        {
            throw new InvalidOperationException($"helm template accepted {string.Join(' ', more)}:\n{output}");
        }

        return error;
    }

    /// <summary>`helm lint --strict` with a combination's values: exit code and output.</summary>
    public static (int ExitCode, string Output) Lint(Combination combination)
    {
        Tools.Require();
        var (exit, output, error) = Tools.Run(Tools.Helm, ["lint", "--strict", Repository.ChartDirectory, .. combination.ValuesArguments]);
        return (exit, output + error);
    }

    /// <summary>Validates manifests (a YAML stream) the way the combinations' renderings are validated.</summary>
    public static IReadOnlyList<RenderedObject> Validate(string manifests, bool schemasOnly = false)
    {
        Tools.Require();
        var file = Path.Combine(Path.GetTempPath(), $"cx-manifests-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, manifests);
        try
        {
            string[] arguments = [Path.Combine(Tools.ChartTools, "validate-manifests.mjs"), .. schemasOnly ? new[] { "--schemas-only" } : [], file];
            var (exit, output, error) = Tools.Run("node", arguments);
            if (exit != 0)
            {
                throw new InvalidOperationException($"the manifest validator failed (exit {exit}): {error}");
            }

            return JsonNode.Parse(output)!.AsArray()
                .Select(entry => new RenderedObject(
                    (string)entry!["source"]!,
                    entry["object"] as JsonObject ?? throw new InvalidDataException($"{entry["source"]}: not a YAML object: {entry["errors"]?.ToJsonString()}"),
                    entry["errors"]!.AsArray().Select(e => (string)e!).ToArray()))
                .ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string[] TemplateArguments(Combination combination, string[] more) =>
    [
        "template", Chart.ReleaseName, Repository.ChartDirectory, "--namespace", "cx",
        .. combination.ValuesArguments,
        .. combination.DaprApi ? new[] { "--api-versions", "dapr.io/v1alpha1" } : [],
        .. more,
    ];

    private static Rendering Render(string[] arguments, bool schemasOnly)
    {
        Tools.Require();
        var (exit, output, error) = Tools.Run(Tools.Helm, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"helm {string.Join(' ', arguments)} failed (exit {exit}):\n{error}");
        }

        return new Rendering(output, Validate(output, schemasOnly));
    }
}

/// <summary>Reading rendered objects: a missing step or a wrong type fails with the path.</summary>
internal static class Json
{
    public static JsonNode Node(JsonNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            current = current is JsonObject map && map[key] is { } child
                ? child
                : throw new KeyNotFoundException($"{string.Join('.', path)}: no '{key}' in {current.ToJsonString()}");
        }

        return current;
    }

    public static bool Has(JsonNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not JsonObject map || map[key] is not { } child)
            {
                return false;
            }

            current = child;
        }

        return true;
    }

    public static JsonObject Object(JsonNode node, params string[] path) =>
        Node(node, path) as JsonObject ?? throw new InvalidDataException($"{string.Join('.', path)} is not an object");

    public static JsonArray Array(JsonNode node, params string[] path) =>
        Node(node, path) as JsonArray ?? throw new InvalidDataException($"{string.Join('.', path)} is not a list");

    /// <summary>A string value; a number or a boolean is refused, as Kubernetes refuses it where a string belongs.</summary>
    public static string String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new InvalidDataException($"{node?.ToJsonString() ?? "null"} is not a string");

    public static string String(JsonNode node, params string[] path) => String(Node(node, path));

    public static long Number(JsonNode node, params string[] path) =>
        Node(node, path) is JsonValue value && value.TryGetValue<long>(out var number)
            ? number
            : throw new InvalidDataException($"{string.Join('.', path)} is not a whole number: {Node(node, path).ToJsonString()}");

    public static bool Flag(JsonNode node, params string[] path) =>
        Node(node, path) is JsonValue value && value.TryGetValue<bool>(out var flag)
            ? flag
            : throw new InvalidDataException($"{string.Join('.', path)} is not a boolean: {Node(node, path).ToJsonString()}");
}
