using System.Text.Json.Nodes;
using Cx.Deploy.Tests.Support;
using Cx.Gateway;

namespace Cx.Deploy.Tests;

/// <summary>
/// The chart through real Helm: `helm lint --strict` passes, and `helm template` renders, with the
/// defaults and with each combination of values that changes what is made (tests/Cx.Deploy.Tests/values);
/// every rendered object passes the Kubernetes schemas (npm kubernetes-models), or for Dapr's kinds
/// the contract in tools/dapr-contract.schema.json.
/// </summary>
public sealed class HelmTests
{
    private static readonly Chart Chart = Chart.Instance;

    /// <summary>helm lint takes no API versions, so the Dapr combination lints as the defaults do.</summary>
    public static TheoryData<string> LintedCombinations() =>
        new(Combination.All.Where(c => c != Combination.Dapr).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(LintedCombinations))]
    public void Lint_Strict_Passes(string combination)
    {
        // Helm parses every template (an unknown function, an unended block or a stray end fails
        // here, rendered or not) and checks the values against values.schema.json.
        var (exit, output) = RenderedChart.Lint(Combination.Named(combination));
        Assert.True(exit == 0, $"helm lint --strict failed:\n{output}");
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERROR]", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Combination.Names), MemberType = typeof(Combination))]
    public void Template_Renders_OnlyObjectsKubernetesAccepts(string combination)
    {
        var rendering = RenderedChart.Of(Combination.Named(combination));
        Assert.NotEmpty(rendering.Objects);
        foreach (var made in rendering.Objects)
        {
            Assert.True(made.Errors.Count == 0, $"{combination}: {made} does not pass its schema:\n{string.Join('\n', made.Errors)}");
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", made.Name);
            Assert.True(made.Name.Length <= 63, $"{made}: longer than a label value or DNS label may be");
            Assert.StartsWith(Chart.Scalar(Chart.ChartYaml, "name") + "/templates/", made.Source, StringComparison.Ordinal);
        }

        var twice = rendering.Objects.GroupBy(o => (o.Kind, o.Name)).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(twice.Length == 0, $"{combination}: made twice: {string.Join(", ", twice)}");
    }

    [Theory]
    [MemberData(nameof(Combination.Names), MemberType = typeof(Combination))]
    public void Template_EverySelector_PicksPodsTheChartMakes(string combination)
    {
        var rendering = RenderedChart.Of(Combination.Named(combination));
        var pods = rendering.Objects
            .Where(o => o.Kind is "Deployment" or "StatefulSet")
            .Select(o => Json.Object(o.Object, "spec", "template", "metadata", "labels"))
            .ToArray();

        // Services, PodDisruptionBudgets and NetworkPolicies that select nothing protect or reach nothing.
        foreach (var made in rendering.Objects)
        {
            var selector = made.Kind switch
            {
                "Service" => Json.Object(made.Object, "spec", "selector"),
                "PodDisruptionBudget" => Json.Object(made.Object, "spec", "selector", "matchLabels"),
                "NetworkPolicy" => Json.Object(made.Object, "spec", "podSelector", "matchLabels"),
                "Deployment" or "StatefulSet" => Json.Object(made.Object, "spec", "selector", "matchLabels"),
                _ => null,
            };
            if (selector is null)
            {
                continue;
            }

            Assert.True(
                pods.Any(labels => selector.All(s => labels[s.Key] is { } value && Json.String(value) == Json.String(s.Value))),
                $"{combination}: {made} selects {selector.ToJsonString()}, which no pod of the chart carries");
        }

        // A Service's named target port is a port of the pods it selects, or its traffic goes nowhere.
        foreach (var service in rendering.OfKind("Service"))
        {
            var selector = Json.Object(service.Object, "spec", "selector");
            var selected = rendering.Objects
                .Where(o => o.Kind is "Deployment" or "StatefulSet")
                .Where(o => selector.All(s => Json.Object(o.Object, "spec", "template", "metadata", "labels")[s.Key] is { } value && Json.String(value) == Json.String(s.Value)))
                .SelectMany(o => Json.Array(o.Object, "spec", "template", "spec", "containers"))
                .SelectMany(c => Json.Has(c!, "ports") ? Json.Array(c!, "ports") : [])
                .Select(p => Json.String(p!, "name"))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var port in Json.Array(service.Object, "spec", "ports").Cast<JsonObject>())
            {
                var target = Json.String(port, "targetPort");
                Assert.True(selected.Contains(target), $"{combination}: {service} sends {Json.String(port, "name")} to a port named {target}, which its pods do not have");
            }
        }

        // Every workload's selector picks its own pods only.
        foreach (var workload in rendering.Objects.Where(o => o.Kind is "Deployment" or "StatefulSet"))
        {
            var selector = Json.Object(workload.Object, "spec", "selector", "matchLabels");
            var matching = pods.Count(labels => selector.All(s => labels[s.Key] is { } value && Json.String(value) == Json.String(s.Value)));
            Assert.True(matching == 1, $"{combination}: {workload}'s selector picks the pods of {matching} workloads");
        }
    }

    [Fact]
    public void Validator_RefusesWhatTheClusterWouldRefuse()
    {
        // The last column: what the error must name, so each case fails for its own reason.
        (string Problem, string Kind, string Path, string? Json, string Named)[] cases =
        [
            ("a container port as a string", "Deployment", "spec.template.spec.containers.0.ports.0.containerPort", "\"8081\"", "/containerPort must be integer"),
            ("an annotation that is a number", "Deployment", "spec.template.metadata.annotations.dapr\\.io/app-port", "8080", "/annotations/dapr.io~1app-port must be string"),
            ("a Service port without its number", "Service", "spec.ports.0.port", null, "/spec/ports/0 must have required property port"),
            ("a misspelled container field", "Deployment", "spec.template.spec.containers.0.imagePulPolicy", "\"Always\"", "'\"imagePulPolicy\"' does not exist in type 'IContainer'"),
            ("a misspelled Service field", "Service", "spec.clusterIp", "\"None\"", "'\"clusterIp\"' does not exist"),
            ("a retry count as a string", "Resiliency", "spec.policies.retries.pubsubInbound.maxRetries", "\"8\"", "/maxRetries must be integer"),
            ("a misspelled Component field", "Component", "spec.metdata", "[]", "must NOT have additional properties: metdata"),
            ("a tracing protocol Dapr does not have", "Configuration", "spec.tracing.otel.protocol", "\"grpcs\"", "/protocol must be equal to one of the allowed values"),
        ];

        // One validator run for every case, each object broken in one way only.
        var rendering = RenderedChart.Of(Combination.Dapr);
        var broken = cases.Select(c =>
        {
            var original = rendering.OfKind(c.Kind).First();
            Assert.Empty(original.Errors);
            var copy = original.Object.DeepClone().AsObject();
            Set(copy, c.Path, c.Json is null ? null : JsonNode.Parse(c.Json));
            return copy.ToJsonString();
        });
        var results = RenderedChart.Validate(string.Join("\n---\n", broken));
        Assert.Equal(cases.Length, results.Count);
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.True(
                results[i].Errors.Any(e => e.Contains(cases[i].Named, StringComparison.Ordinal)),
                $"{cases[i].Problem} ({cases[i].Kind} {cases[i].Path}): the validator said {string.Join("; ", results[i].Errors)}, not {cases[i].Named}");
        }
    }

    [Fact]
    public void Validator_RefusesAKindItHasNoSchemaFor()
    {
        var result = Assert.Single(RenderedChart.Validate("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"));
        Assert.Contains(result.Errors, e => e.Contains("no Kubernetes schema for example.com/v1 Widget", StringComparison.Ordinal));
    }

    [Fact]
    public void ExternalPostgreSql_ConnectionStringsNameTheServer_AndMigrationsRunBeforeInstall()
    {
        var rendering = RenderedChart.Of(Combination.ExternalPostgreSql);
        Assert.Null(rendering.Find("StatefulSet", Chart.ServiceHost("postgresql")));
        Assert.Null(rendering.Find("Service", Chart.ServiceHost("postgresql")));

        var databaseServices = Services.Catalog.Where(s => Chart.Flag("services", s, "database")).Order(StringComparer.Ordinal).ToArray();
        foreach (var name in new[] { Chart.ServiceHost("database"), Chart.ServiceHost("database-migrations") })
        {
            // Only connection strings: no server passwords of an in-chart server.
            var data = Json.Object(rendering.Single("Secret", name), "data");
            Assert.Equal(databaseServices, data.Select(p => p.Key).Order(StringComparer.Ordinal));
            foreach (var service in databaseServices)
            {
                var connection = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Json.String(data, service)));
                Assert.Equal(
                    $"Host=db.example.com;Port=6432;Database=cx_{service};Username=cx_app;Password='placeholder-only';SSL Mode=VerifyFull;Maximum Pool Size=50",
                    connection);
            }
        }

        // The hook Secret exists before the hook Jobs, which run before install and read it.
        var hookSecret = Json.Object(rendering.Single("Secret", Chart.ServiceHost("database-migrations")), "metadata", "annotations");
        Assert.Equal("pre-install,pre-upgrade", Json.String(hookSecret, "helm.sh/hook"));
        foreach (var service in databaseServices)
        {
            var job = rendering.Single("Job", Chart.ServiceHost(service) + "-migrate");
            Assert.Equal("pre-install,pre-upgrade", Json.String(job, "metadata", "annotations", "helm.sh/hook"));
            Assert.True(int.Parse(Json.String(job, "metadata", "annotations", "helm.sh/hook-weight"), System.Globalization.CultureInfo.InvariantCulture) > int.Parse(Json.String(hookSecret, "helm.sh/hook-weight"), System.Globalization.CultureInfo.InvariantCulture));
            var pod = Json.Object(job, "spec", "template", "spec");
            Assert.False(Json.Has(pod, "initContainers"), "there is no in-chart server to wait for");
            var secrets = Json.Array(pod, "containers").SelectMany(c => Json.Has(c!, "env") ? Json.Array(c!, "env") : []).Where(v => Json.Has(v!, "valueFrom", "secretKeyRef")).Select(v => Json.String(v!, "valueFrom", "secretKeyRef", "name"));
            Assert.Contains(Chart.ServiceHost("database-migrations"), secrets);
        }
    }

    [Fact]
    public void NetworkPolicies_AdmitTheReleasesPods_AndOnlyTheGatewayFromAnywhere()
    {
        var rendering = RenderedChart.Of(Combination.AutoscalingAndNetworkPolicies);
        var policies = rendering.OfKind("NetworkPolicy").ToArray();
        string[] components = [.. Services.Catalog, "postgresql", "redis", "otel-collector"];
        Assert.Equal(components.Select(Chart.ServiceHost).Order(StringComparer.Ordinal), policies.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var policy in policies)
        {
            Assert.Equal(["Ingress"], Json.Array(policy.Object, "spec", "policyTypes").Select(Json.String));
            var rules = Json.Array(policy.Object, "spec", "ingress").Cast<JsonObject>().ToArray();
            var sources = Json.Array(rules[0], "from").Cast<JsonObject>().ToArray();
            Assert.Equal(Chart.ReleaseName, Json.String(sources[0], "podSelector", "matchLabels", "app.kubernetes.io/instance"));
            Assert.Equal("monitoring", Json.String(sources[1], "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
            if (policy.Name == Chart.ServiceHost("gateway"))
            {
                // From anywhere, but only to its two ports.
                var open = Assert.Single(rules.Skip(1));
                Assert.False(Json.Has(open, "from"));
                Assert.Equal(["grpc", "http"], Json.Array(open, "ports").Select(p => Json.String(p!, "port")).Order(StringComparer.Ordinal));
            }
            else
            {
                Assert.Single(rules);
            }
        }

        // The gateway's named ports exist on its pods, or the open rule would admit nothing.
        var ports = Json.Array(rendering.Container("gateway"), "ports").Select(p => Json.String(p!, "name"));
        Assert.Equal(["grpc", "http"], ports.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ingresses_SendHttpAndGrpc_ToTheGatewaysMatchingPorts()
    {
        var rendering = RenderedChart.Of(Combination.AutoscalingAndNetworkPolicies);
        foreach (var (name, port, host) in new[] { (Chart.ServiceHost("gateway"), "http", "cx.example.com"), (Chart.ServiceHost("gateway") + "-grpc", "grpc", "grpc.cx.example.com") })
        {
            var ingress = rendering.Single("Ingress", name);
            Assert.Equal("nginx", Json.String(ingress, "spec", "ingressClassName"));
            var rule = Assert.Single(Json.Array(ingress, "spec", "rules"))!;
            Assert.Equal(host, Json.String(rule, "host"));
            var path = Assert.Single(Json.Array(rule, "http", "paths"))!;
            Assert.Equal("Prefix", Json.String(path, "pathType"));
            Assert.Equal(Chart.ServiceHost("gateway"), Json.String(path, "backend", "service", "name"));
            Assert.Equal(port, Json.String(path, "backend", "service", "port", "name"));
            Assert.Equal([host], Json.Array(Assert.Single(Json.Array(ingress, "spec", "tls"))!, "hosts").Select(Json.String));
        }

        Assert.Equal("GRPC", Json.String(rendering.Single("Ingress", Chart.ServiceHost("gateway") + "-grpc"), "metadata", "annotations", "nginx.ingress.kubernetes.io/backend-protocol"));
        Assert.Empty(RenderedChart.Of(Combination.Dapr).OfKind("Ingress"));
    }

    [Fact]
    public void ServiceDisabled_NothingOfItIsMade_AndNoServiceNamesIt()
    {
        var rendering = RenderedChart.Of(Combination.ServiceDisabled);
        var host = Chart.ServiceHost("culture");
        Assert.DoesNotContain(rendering.Objects, o => o.Name.StartsWith(host, StringComparison.Ordinal));
        Assert.DoesNotContain(rendering.Objects, o => o.Object.ToJsonString().Contains("cx-culture", StringComparison.Ordinal));
        foreach (var service in Services.Catalog.Where(s => s != "culture"))
        {
            Assert.DoesNotContain(rendering.ConfigMap(service).Values, v => v.Contains(host, StringComparison.Ordinal));
        }

        // A service that calls it cannot be deployed without it.
        Assert.Contains("which is not enabled", RenderedChart.Refusal(Combination.Dapr, "--set", "services.measurement.enabled=false"), StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalServices_AreWhatThePodsAndComponentUse()
    {
        var rendering = RenderedChart.Of(Combination.ExternalServices);
        string[] notMade = ["postgresql", "redis", "otel-collector"];
        Assert.DoesNotContain(rendering.Objects, o => notMade.Any(n => o.Name == Chart.ServiceHost(n)));
        Assert.Empty(rendering.OfKind("ServiceAccount"));
        Assert.Empty(rendering.OfKind("Job"));
        Assert.Empty(rendering.OfKind("Secret"));
        Assert.Empty(rendering.OfKind("PodDisruptionBudget"));
        Assert.Empty(rendering.OfKind("NetworkPolicy"));

        var environment = new RenderedEnvironment(rendering);
        foreach (var service in Services.Catalog)
        {
            var pod = Json.Object(rendering.Deployment(service), "spec", "template", "spec");
            Assert.Equal("cx-runner", Json.String(pod, "serviceAccountName"));
            if (Chart.Has(Chart.Events, service))
            {
                Assert.Equal("cx-dapr-app-token", rendering.PodAnnotations(service)["dapr.io/app-token-secret"]);
                Assert.Equal(("cx-dapr-app-token", "token"), RenderedEnvironment.SecretOf(environment.ContainerVariables(service).Single(v => Json.String(v, "name") == "APP_API_TOKEN")));
            }

            Assert.Equal(["registry-credentials"], Json.Array(pod, "imagePullSecrets").Select(s => Json.String(s!, "name")));
            Assert.Equal("linux", Json.String(pod, "nodeSelector", "kubernetes.io/os"));
            Assert.Equal("cx", Json.String(Assert.Single(Json.Array(pod, "tolerations"))!, "value"));
            Assert.False(Json.Has(pod, "topologySpreadConstraints"));
            Assert.Equal("true", rendering.PodAnnotations(service)["prometheus.io/scrape"]);
            Assert.Equal("1", rendering.PodAnnotations(service)["dapr.io/sidecar-cpu-limit"]);
            Assert.DoesNotContain("dapr.io/enable-app-health-check", rendering.PodAnnotations(service).Keys);
            Assert.Equal("http://otel-collector.observability:4317", rendering.ConfigMap(service)["OTEL_EXPORTER_OTLP_ENDPOINT"]);

            // The connection string comes from the existing Secret, under the service's name.
            var connection = environment.ContainerVariables(service).SingleOrDefault(v => Json.String(v, "name") == "ConnectionStrings__" + service);
            Assert.Equal(Chart.Flag("services", service, "database"), connection is not null);
            if (connection is not null)
            {
                Assert.Equal(("cx-database", service), RenderedEnvironment.SecretOf(connection));
            }
        }

        Assert.Equal("8388608", rendering.ConfigMap("platform")["Cx__Grpc__MaxReceiveMessageBytes"]);

        // The gateway shares its rate limits through the external Redis, over TLS, with its password.
        var password = environment.ContainerVariables("gateway").Single(v => Json.String(v, "name") == "CX_RATE_LIMIT_REDIS_PASSWORD");
        Assert.Equal(("cx-redis-auth", "password"), RenderedEnvironment.SecretOf(password));
        var read = GatewaySettings.From(new RecordingConfiguration(environment.All("gateway")).Configuration);
        var redis = StackExchange.Redis.ConfigurationOptions.Parse(read.RateLimits.Redis!);
        Assert.True(redis.Ssl);
        Assert.Equal(RenderedEnvironment.SecretPlaceholder, redis.Password);
        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(Assert.Single(redis.EndPoints));
        Assert.Equal(("redis.example.com", 6380), (endpoint.Host, endpoint.Port));

        // And so does Dapr's pub/sub.
        var metadata = Json.Array(rendering.Single("Component", Chart.Text("dapr", "pubsub", "name")), "spec", "metadata").Cast<JsonObject>().ToDictionary(m => Json.String(m, "name"));
        Assert.Equal("redis.example.com:6380", Json.String(metadata["redisHost"], "value"));
        Assert.Equal("true", Json.String(metadata["enableTLS"], "value"));
        Assert.Equal("cx-redis-auth", Json.String(metadata["redisPassword"], "secretKeyRef", "name"));

        // Dapr's traces go to the same collector.
        var otel = Json.Object(rendering.Single("Configuration", Chart.Text("dapr", "configuration", "name")), "spec", "tracing", "otel");
        Assert.Equal("otel-collector.observability:4317", Json.String(otel, "endpointAddress"));
    }

    /// <summary>Sets (or with null removes) the value at a dotted path; "\." is a dot inside a key, a number an index.</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var keys = System.Text.RegularExpressions.Regex.Split(path, @"(?<!\\)\.").Select(k => k.Replace("\\.", ".", StringComparison.Ordinal)).ToArray();
        JsonNode parent = root;
        foreach (var key in keys[..^1])
        {
            parent = parent is JsonArray list ? list[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)]! : parent[key]!;
        }

        if (value is null)
        {
            parent.AsObject().Remove(keys[^1]);
        }
        else
        {
            parent[keys[^1]] = value;
        }
    }
}
