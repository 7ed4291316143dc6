using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cx.Deploy.Tests.Support;

namespace Cx.Deploy.Tests;

/// <summary>
/// The chart's templates call only helpers and functions that exist, read only values that exist,
/// and label what they make; versions and images are pinned; the security context is restrictive.
/// </summary>
public sealed partial class ChartFileTests
{
    /// <summary>The functions of Go templates, Sprig and Helm that the chart may call.</summary>
    private static readonly HashSet<string> KnownFunctions =
    [
        // Go text/template
        "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "index", "len", "print", "printf", "println", "slice",

        // Helm
        "include", "tpl", "required", "toYaml", "fromYaml", "fromYamlArray", "toJson", "fromJson", "lookup",

        // Sprig
        "default", "empty", "coalesce", "ternary", "fail", "quote", "squote", "trim", "trimSuffix", "trimPrefix", "trunc",
        "replace", "upper", "lower", "title", "contains", "hasPrefix", "hasSuffix", "indent", "nindent", "dict", "list",
        "set", "unset", "get", "hasKey", "keys", "values", "pluck", "merge", "mergeOverwrite", "deepCopy", "append",
        "prepend", "concat", "first", "last", "uniq", "without", "has", "compact", "join", "splitList", "toString",
        "toStrings", "int", "int64", "float64", "add", "sub", "mul", "div", "mod", "max", "min", "b64enc", "b64dec",
        "sha256sum", "randAlphaNum", "regexMatch", "regexReplaceAll", "until", "sortAlpha", "semverCompare",
    ];

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
    public void Templates_CallOnlyFunctionsHelmHas()
    {
        foreach (var (file, template) in Chart.Templates)
        {
            foreach (var function in template.Functions)
            {
                Assert.True(KnownFunctions.Contains(function), $"{file} calls {function}, which is not a Go template, Sprig or Helm function");
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
        foreach (var (file, template) in Chart.Templates.Where(t => t.Key.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            foreach (var document in template.Text.Split("\n---\n"))
            {
                if (!KindLine().IsMatch(document))
                {
                    continue;
                }

                Assert.True(
                    document.Contains("include \"cx.labels\"", StringComparison.Ordinal) || document.Contains("include \"cx.componentLabels\"", StringComparison.Ordinal),
                    $"{file}: a resource without the chart's labels:\n{document}");
            }
        }

        var labels = Chart.Helper("cx.labels") + Chart.Helper("cx.selectorLabels");
        foreach (var label in new[] { "name", "instance", "version", "managed-by", "part-of" })
        {
            Assert.Contains($"app.kubernetes.io/{label}: ", labels, StringComparison.Ordinal);
        }

        Assert.Contains("app.kubernetes.io/component: {{ .component }}", Chart.Helper("cx.componentLabels"), StringComparison.Ordinal);
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
        Assert.Contains("{{- $tag := .svc.image.tag | default $root.Values.global.image.tag | default $root.Chart.AppVersion | toString -}}", Chart.Helper("cx.image"), StringComparison.Ordinal);
        Assert.Contains("{{- if eq $tag \"latest\" -}}", Chart.Helper("cx.image"), StringComparison.Ordinal);
        Assert.Contains("{{- $repository = printf \"%s/cx-%s\" (trimSuffix \"/\" $registry) .name -}}", Chart.Helper("cx.image"), StringComparison.Ordinal);
        foreach (var image in new[] { "postgresql", "redis", "otelCollector" })
        {
            Assert.Matches(@"^\d+(\.\d+)+(-[a-z0-9.]+)?$", Chart.Text(image, "image", "tag"));
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
        var deployment = Chart.Template("deployment.yaml").Text;
        Assert.Contains("{{- toYaml $.Values.podSecurityContext | nindent 8 }}", deployment, StringComparison.Ordinal);
        Assert.Contains("{{- toYaml $.Values.securityContext | nindent 12 }}", deployment, StringComparison.Ordinal);
        Assert.Contains("automountServiceAccountToken: false", deployment, StringComparison.Ordinal);
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

    [GeneratedRegex(@"^kind: \w+$", RegexOptions.Multiline)]
    private static partial Regex KindLine();
}
