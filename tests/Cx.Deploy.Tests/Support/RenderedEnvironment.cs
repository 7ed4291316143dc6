using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cx.Deploy.Tests.Support;

/// <summary>
/// The environment a service's container gets, read from what Helm rendered: its ConfigMap (envFrom)
/// and its own variables, with $(NAME) references expanded as the kubelet expands them. Values the
/// kubelet takes from elsewhere stand in as placeholders: a connection string from the database
/// Secret, a password from another Secret, the pod's name and namespace from the downward API.
/// </summary>
internal sealed partial class RenderedEnvironment
{
    public const string SecretPlaceholder = "from-a-secret";
    public const string DownwardPlaceholder = "from-the-downward-api";

    private readonly Rendering _rendering;

    public RenderedEnvironment(Rendering rendering)
    {
        _rendering = rendering;
    }

    /// <summary>The service's ConfigMap: variable name to value.</summary>
    public IReadOnlyDictionary<string, string> ConfigMap(string service) => _rendering.ConfigMap(service);

    /// <summary>The container's own variables (env), in order, as rendered.</summary>
    public IReadOnlyList<JsonObject> ContainerVariables(string service) =>
        Json.Has(_rendering.Container(service), "env")
            ? Json.Array(_rendering.Container(service), "env").Cast<JsonObject>().ToArray()
            : [];

    /// <summary>The Secret a variable is taken from, with its key; null for any other variable.</summary>
    public static (string Name, string Key)? SecretOf(JsonObject variable) =>
        Json.Has(variable, "valueFrom", "secretKeyRef")
            ? (Json.String(variable, "valueFrom", "secretKeyRef", "name"), Json.String(variable, "valueFrom", "secretKeyRef", "key"))
            : null;

    /// <summary>Everything the service's container gets, as variables: the ConfigMap and the container's own.</summary>
    public IReadOnlyDictionary<string, string> All(string service)
    {
        var container = _rendering.Container(service);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in Json.Array(container, "envFrom").Cast<JsonObject>())
        {
            if (Json.Has(source, "configMapRef"))
            {
                foreach (var (key, value) in _rendering.Single("ConfigMap", Json.String(source, "configMapRef", "name"))["data"]!.AsObject())
                {
                    all[key] = Json.String(value);
                }
            }
        }

        foreach (var variable in ContainerVariables(service))
        {
            var name = Json.String(variable, "name");
            all[name] = Json.Has(variable, "value") ? Expand(Json.String(variable, "value"), all)
                : SecretOf(variable) is { } secret ? SecretValue(service, secret)
                : Json.Has(variable, "valueFrom", "fieldRef") ? DownwardPlaceholder
                : throw new InvalidDataException($"{service}: {name} has neither a value nor a source the tests know: {variable.ToJsonString()}");
        }

        return all;
    }

    /// <summary>The names a value refers to with $(NAME).</summary>
    public static IEnumerable<string> References(string value) => Reference().Matches(value).Select(m => m.Groups[1].Value);

    private string SecretValue(string service, (string Name, string Key) secret) =>
        secret.Name == DatabaseSecretName() && secret.Key == service
            ? "Host=db;Database=cx_" + service + ";Username=cx;Password=secret"
            : SecretPlaceholder;

    /// <summary>The database Secret the chart made (the one holding a key per service with a database).</summary>
    private string? DatabaseSecretName() =>
        _rendering.OfKind("Secret").FirstOrDefault(s => Json.Has(s.Object, "metadata", "labels") && (string?)s.Object["metadata"]!["labels"]!["app.kubernetes.io/component"] == "database")?.Name;

    /// <summary>$(NAME) of a variable defined before is replaced by its value; anything else stays, as the kubelet leaves it.</summary>
    private static string Expand(string value, Dictionary<string, string> defined) =>
        Reference().Replace(value, m => defined.TryGetValue(m.Groups[1].Value, out var earlier) ? earlier : m.Value);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
