using System.Xml.Linq;
using Cx.Deploy.Tests.Support;

namespace Cx.Deploy.Tests;

/// <summary>
/// The chart's templates include only helpers that exist and read only values that exist (read from
/// the template files: Helm renders a missing value as nothing, and fails on an undefined helper only
/// where it runs); what they render is labelled; versions and images are pinned; the security
/// context is restrictive.
/// </summary>
public sealed class ChartFileTests
{
    private static readonly Chart Chart = Chart.Instance;

    /// <summary>Template variables that stand for parts of the values: name to the values paths they take.</summary>
    private static readonly Dictionary<string, string[]> ValueAliases = new(StringComparer.Ordinal)
    {
        ["$svc"] = ["services.*"],
        [".svc"] = ["services.*"],
        ["$o"] = ["services.*"],
        ["$dapr"] = ["services.*.dapr"],
        ["$pubsub"] = ["dapr.pubsub"],
        ["$resiliency"] = ["dapr.resiliency"],
        ["$retry"] = ["dapr.resiliency.inbound.retry", "dapr.resiliency.outbound.retry"],
        ["$ingress"] = ["ingress", "ingress.grpc"],
        ["$gateway"] = ["services.gateway"],
    };

    [Fact]
    public void Templates_IncludeOnlyDefinedHelpers()
    {
        var defined = Chart.Templates.Values.SelectMany(t => t.Defines.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var (file, template) in Chart.Templates)
        {
            foreach (var name in template.Includes)
            {
                Assert.True(defined.Contains(name), $"{file} includes \"{name}\", which no template defines");
            }
        }
    }

    [Fact]
    public void Templates_ReadOnlyValuesThatExist()
    {
        foreach (var (file, template) in Chart.Templates)
        {
            foreach (var token in template.Actions.SelectMany(a => a.Tokens).Where(t => t.Kind is TokenKind.Field or TokenKind.Variable))
            {
                foreach (var path in ValuesPaths(token.Text))
                {
                    Assert.True(Exists(path), $"{file} reads {token.Text}, but values.yaml has no {path}");
                }
            }
        }
    }

    [Fact]
    public void Templates_LabelEverythingTheyMake()
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/name"] = Chart.Scalar(Chart.ChartYaml, "name"),
            ["app.kubernetes.io/instance"] = Chart.ReleaseName,
            ["app.kubernetes.io/version"] = Chart.Scalar(Chart.ChartYaml, "appVersion"),
            ["app.kubernetes.io/managed-by"] = "Helm",
            ["app.kubernetes.io/part-of"] = "cx-platform",
        };
        foreach (var combination in Combination.All)
        {
            foreach (var made in RenderedChart.Of(combination).Objects)
            {
                var labels = Json.Object(made.Object, "metadata", "labels");
                foreach (var (label, value) in expected)
                {
                    Assert.True(labels[label] is { } given && Json.String(given) == value, $"{combination}: {made} has {label}={labels[label]?.ToJsonString()}, not {value}");
                }
            }
        }
    }

    [Fact]
    public void ChartYaml_AppVersionIsTheProjectsVersion()
    {
        var props = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"));
        var version = props.Descendants("Version").Single().Value;
        Assert.Equal(version, Chart.Scalar(Chart.ChartYaml, "appVersion"));
        Assert.Equal("v2", Chart.Scalar(Chart.ChartYaml, "apiVersion"));
        Assert.Equal("cx-platform", Chart.Scalar(Chart.ChartYaml, "name"));
        Assert.Equal("application", Chart.Scalar(Chart.ChartYaml, "type"));
    }

    [Fact]
    public void Images_AreNeverLatest_AndServicesDefaultToTheAppVersion()
    {
        Assert.Equal("", Chart.Text("global", "image", "tag"));
        var appVersion = Chart.Scalar(Chart.ChartYaml, "appVersion");
        var rendered = RenderedChart.Of(Combination.Dapr);
        foreach (var service in Services.Catalog)
        {
            Assert.Equal($"{RenderedChart.Registry}/cx-{service}:{appVersion}", Json.String(rendered.Container(service), "image"));
        }

        // A tag given once for all, or for one service; a registry given with a trailing slash.
        var tagged = RenderedChart.Of(Combination.Dapr, "--set", "global.image.tag=1.2.3", "--set", "services.gateway.image.tag=1.2.4", "--set", "global.image.registry=registry.example.com/cx/");
        Assert.Equal("registry.example.com/cx/cx-platform:1.2.3", Json.String(tagged.Container("platform"), "image"));
        Assert.Equal("registry.example.com/cx/cx-gateway:1.2.4", Json.String(tagged.Container("gateway"), "image"));

        // "latest" is refused, by the schema (values) and by the template (a tag that gets past it).
        Assert.Contains("/global/image/tag", RenderedChart.Refusal(Combination.Dapr, "--set", "global.image.tag=latest"), StringComparison.Ordinal);
        Assert.Contains("\"latest\" is refused", RenderedChart.Refusal(Combination.Dapr, "--skip-schema-validation", "--set", "services.gateway.image.tag=latest"), StringComparison.Ordinal);

        // Without a registry there is nowhere to pull from: refused, never a guess.
        Assert.Contains("global.image.registry is required", RenderedChart.Refusal(Combination.Dapr, "--set", "global.image.registry="), StringComparison.Ordinal);

        foreach (var image in new[] { "postgresql", "redis", "otelCollector" })
        {
            Assert.Matches(@"^\d+(\.\d+)+(-[a-z0-9.]+)?$", Chart.Text(image, "image", "tag"));
        }

        // The chart's own infrastructure runs exactly those pinned images.
        var infrastructure = rendered.OfKind("StatefulSet").Concat(rendered.OfKind("Deployment").Where(d => d.Name == Chart.ServiceHost("otel-collector")))
            .SelectMany(o => Json.Array(o.Object, "spec", "template", "spec", "containers").Select(c => Json.String(c!, "image")))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var image in new[] { "postgresql", "redis", "otelCollector" })
        {
            Assert.Contains($"{Chart.Text(image, "image", "repository")}:{Chart.Text(image, "image", "tag")}", infrastructure);
        }
    }

    [Fact]
    public void SecurityContext_IsRestrictiveByDefault()
    {
        Assert.True(Chart.Flag("podSecurityContext", "runAsNonRoot"));
        Assert.Equal("RuntimeDefault", Chart.Text("podSecurityContext", "seccompProfile", "type"));
        Assert.False(Chart.Flag("securityContext", "allowPrivilegeEscalation"));
        Assert.True(Chart.Flag("securityContext", "readOnlyRootFilesystem"));
        Assert.Equal(["ALL"], Chart.List(Chart.Values, "securityContext", "capabilities", "drop"));
        var rendered = RenderedChart.Of(Combination.Dapr);
        foreach (var service in Services.Catalog)
        {
            var pod = Json.Object(rendered.Deployment(service), "spec", "template", "spec");
            Assert.True(Json.Flag(pod, "securityContext", "runAsNonRoot"));
            Assert.Equal(Chart.Number("podSecurityContext", "runAsUser"), Json.Number(pod, "securityContext", "runAsUser"));
            Assert.Equal("RuntimeDefault", Json.String(pod, "securityContext", "seccompProfile", "type"));
            Assert.False(Json.Flag(pod, "automountServiceAccountToken"));

            var container = rendered.Container(service);
            Assert.False(Json.Flag(container, "securityContext", "allowPrivilegeEscalation"));
            Assert.True(Json.Flag(container, "securityContext", "readOnlyRootFilesystem"));
            Assert.Equal(["ALL"], Json.Array(container, "securityContext", "capabilities", "drop").Select(Json.String));
        }
    }

    /// <summary>The values paths a field or variable reads: .Values.a.b, $.Values.a.b, $root.Values.a.b, or an alias.</summary>
    private static IEnumerable<string> ValuesPaths(string reference)
    {
        var at = reference.IndexOf(".Values.", StringComparison.Ordinal);
        if (at >= 0 && (at == 0 || reference[..at] is "$" or "$root" or ".root"))
        {
            yield return reference[(at + ".Values.".Length)..];
            yield break;
        }

        foreach (var (alias, paths) in ValueAliases)
        {
            if (reference.StartsWith(alias + ".", StringComparison.Ordinal))
            {
                foreach (var path in paths)
                {
                    yield return path + reference[alias.Length..];
                }
            }
        }
    }

    /// <summary>Whether a values path exists; "*" stands for every entry of a map.</summary>
    private static bool Exists(string path)
    {
        IEnumerable<YamlDotNet.RepresentationModel.YamlNode> nodes = [Chart.Values];
        foreach (var key in path.Split('.'))
        {
            var next = new List<YamlDotNet.RepresentationModel.YamlNode>();
            foreach (var node in nodes)
            {
                if (node is not YamlDotNet.RepresentationModel.YamlMappingNode map)
                {
                    // Past a list or a scalar: what lies below is the user's (e.g. a list's items).
                    return true;
                }

                if (key == "*")
                {
                    next.AddRange(map.Children.Values);
                }
                else if (map.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode(key), out var child))
                {
                    next.Add(child);
                }
                else
                {
                    return false;
                }
            }

            nodes = next;
        }

        return true;
    }
}
