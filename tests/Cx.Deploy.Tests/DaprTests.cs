using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cx.Deploy.Tests.Support;
using Cx.Eventing.Dapr;

namespace Cx.Deploy.Tests;

/// <summary>
/// The Dapr resources and annotations: the pub/sub component the services name, topics scoped to
/// what each service publishes and subscribes to, retries that fit the broker's lock, and the
/// annotations of design/dapr-contract.md.
/// </summary>
public sealed partial class DaprTests
{
    private static readonly Chart Chart = Chart.Instance;

    private static Rendering Rendered => RenderedChart.Of(Combination.Dapr);

    private static RenderedEnvironment Environment => new(Rendered);

    private static JsonObject Component => Rendered.Single("Component", Chart.Text("dapr", "pubsub", "name"));

    private static JsonObject Resiliency => Rendered.Single("Resiliency", Chart.Text("dapr", "pubsub", "name") + "-resiliency");

    public static TheoryData<string> CatalogServices() => new(Services.Catalog);

    [Fact]
    public void PubSubName_AndDeadLetterTopic_AreTheServicesDefaults()
    {
        var defaults = new DaprEventingOptions();
        Assert.Equal(defaults.PubSubName, Chart.Text("dapr", "pubsub", "name"));
        Assert.Equal(defaults.DeadLetterTopic, Chart.Text("dapr", "pubsub", "deadLetterTopic"));
        Assert.Equal(defaults.PubSubName, Json.String(Component, "metadata", "name"));
        Assert.Equal("pubsub.redis", Json.String(Component, "spec", "type"));
    }

    [Theory]
    [MemberData(nameof(CatalogServices))]
    public void SubscribeDocument_NamesTheChartsComponent_AndRoutesOnTheAppPort(string service)
    {
        var configuration = new RecordingConfiguration(Environment.All(service)).Configuration;
        var subscriptions = Services.Subscriptions(service, configuration);
        if (subscriptions is null)
        {
            Assert.False(Chart.Has(Chart.Events, service), $"{service} uses no events but is in files/events.yaml");
            return;
        }

        var document = DaprSubscriptionRoutes.SubscribeDocument(subscriptions, DaprEventingOptions.From(configuration));
        var deadLetters = Chart.Text("dapr", "pubsub", "deadLetterTopic") + "." + service;
        var keeper = Assert.Single(document, s => (string?)s!["topic"] == deadLetters)!.AsObject();
        Assert.Equal(DaprSubscriptionRoutes.DeadLetterRoute, (string?)keeper["routes"]!["default"]);
        Assert.False(keeper.ContainsKey("deadLetterTopic"), "a dead letter is never dead-lettered again");
        foreach (var subscription in document.Select(s => s!.AsObject()).Where(s => s != keeper))
        {
            Assert.Equal(Chart.Text("dapr", "pubsub", "name"), (string?)subscription["pubsubname"]);
            Assert.Equal(deadLetters, (string?)subscription["deadLetterTopic"]);
            Assert.Contains((string)subscription["topic"]!, EventsFile(service, "subscribes"));
            var route = (string)subscription["routes"]!["default"]!;
            Assert.StartsWith(DaprSubscriptionRoutes.DeliveryPrefix, route, StringComparison.Ordinal);
        }

        // Dapr delivers to the app port the service opens for it: its own, neither the HTTP nor the gRPC port.
        var appPort = Chart.Number("services", service, "dapr", "appPort");
        Assert.Equal(appPort, DaprEventingOptions.From(configuration).AppPort);
        Assert.Equal(appPort.ToString(CultureInfo.InvariantCulture), Rendered.PodAnnotations(service)["dapr.io/app-port"]);
        Assert.DoesNotContain(appPort, new[] { Chart.Number("ports", "http"), Chart.Number("ports", "grpc") });
    }

    [Fact]
    public void AppApiToken_OneGeneratedSecret_NamedByEverySidecarThatCallsItsApp_AndGivenToTheApp()
    {
        var secretName = Chart.ServiceHost("dapr-app-token");
        var secret = Rendered.Single("Secret", secretName);
        var token = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Json.String(secret, "data", "token")));
        Assert.Matches("^[A-Za-z0-9]{48}$", token);

        // Generated anew by every render without a cluster (helm template): a kept one comes from lookup.
        var again = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Json.String(RenderedChart.Of(Combination.ExternalPostgreSql).Single("Secret", secretName), "data", "token")));
        Assert.NotEqual(token, again);

        foreach (var service in Services.Catalog)
        {
            var annotations = Rendered.PodAnnotations(service);
            var variable = Environment.ContainerVariables(service).SingleOrDefault(v => Json.String(v, "name") == DaprEventingOptions.AppApiTokenVariable);
            if (Chart.Has(Chart.Events, service))
            {
                Assert.Equal(secretName, annotations["dapr.io/app-token-secret"]);
                Assert.Equal((secretName, "token"), RenderedEnvironment.SecretOf(Assert.IsType<JsonObject>(variable)));
            }
            else
            {
                // Its sidecar never calls it: no app port, so no token either.
                Assert.False(annotations.ContainsKey("dapr.io/app-token-secret"), $"{service} uses no events but its sidecar has a token");
                Assert.False(annotations.ContainsKey("dapr.io/app-port"), $"{service} uses no events but its sidecar calls it");
                Assert.Null(variable);
            }
        }
    }

    [Fact]
    public void Component_IsScopedToTheServicesInTheEventsFile_WithTheirTopics()
    {
        Assert.True(Chart.Flag("dapr", "pubsub", "topicScopes"));
        foreach (var combination in new[] { Combination.Dapr, Combination.ServiceDisabled })
        {
            var rendering = RenderedChart.Of(combination);
            var component = rendering.Single("Component", Chart.Text("dapr", "pubsub", "name"));
            var inEventsFile = Services.Catalog
                .Where(s => Chart.Has(Chart.Events, s) && rendering.Find("Deployment", Chart.ServiceHost(s)) is not null)
                .Order(StringComparer.Ordinal)
                .ToArray();
            var appIds = inEventsFile.Select(s => Chart.Text("services", s, "dapr", "appId")).ToArray();

            // Only the deployed services of the events file may use the component, and its Resiliency.
            Assert.Equal(appIds, Json.Array(component, "scopes").Select(Json.String).Order(StringComparer.Ordinal));
            Assert.Equal(appIds, Json.Array(rendering.Single("Resiliency", Chart.Text("dapr", "pubsub", "name") + "-resiliency"), "scopes").Select(Json.String).Order(StringComparer.Ordinal));

            // Each its own topics; a subscriber also publishes its dead letters to its own topic (Dapr does it under the
            // subscriber's scopes) and subscribes to it, to keep them.
            var metadata = Json.Array(component, "spec", "metadata").Cast<JsonObject>().Where(m => Json.Has(m, "value")).ToDictionary(m => Json.String(m, "name"), m => Json.String(m, "value"));
            var publishing = Scopes(metadata["publishingScopes"]);
            var subscribing = Scopes(metadata["subscriptionScopes"]);
            Assert.Equal(appIds, publishing.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(appIds, subscribing.Keys.Order(StringComparer.Ordinal));
            foreach (var service in inEventsFile)
            {
                var appId = Chart.Text("services", service, "dapr", "appId");
                var subscribes = EventsFile(service, "subscribes");
                string[] deadLetters = subscribes.Length > 0 ? [Chart.Text("dapr", "pubsub", "deadLetterTopic") + "." + service] : [];
                string[] publishes = [.. EventsFile(service, "publishes"), .. deadLetters];
                Assert.Equal(publishes.Order(StringComparer.Ordinal), publishing[appId].Order(StringComparer.Ordinal));
                Assert.Equal(subscribes.Concat(deadLetters).Order(StringComparer.Ordinal), subscribing[appId].Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public void Resiliency_InboundRetries_EndBeforeTheBrokerRedeliversInParallel()
    {
        var processingTimeout = Duration(Json.String(Json.Array(Component, "spec", "metadata").Cast<JsonObject>().Single(m => Json.String(m, "name") == "processingTimeout"), "value"));
        var worst = WorstCase("inbound");
        Assert.True(worst < processingTimeout, $"inbound retries can take {worst.TotalSeconds:0.#} s, not below the component's processingTimeout of {processingTimeout.TotalSeconds:0.#} s");
    }

    [Fact]
    public void Resiliency_OutboundRetries_EndBeforeThePublisherGivesUp()
    {
        var worst = WorstCase("outbound");
        Assert.True(worst < DaprEventingOptions.PublishTimeout, $"outbound retries can take {worst.TotalSeconds:0.#} s, not below the relay's {DaprEventingOptions.PublishTimeout.TotalSeconds:0.#} s publish timeout");
    }

    [Theory]
    [InlineData("inbound")]
    [InlineData("outbound")]
    public void Resiliency_RetriesTheStatusesTheServicesMeanAsTransient(string direction)
    {
        Assert.Equal("429,500-599", Chart.Text("dapr", "resiliency", direction, "retry", "httpStatusCodes"));
        var policy = "pubsub" + char.ToUpperInvariant(direction[0]) + direction[1..];
        var policies = Json.Object(Resiliency, "spec", "policies");
        Assert.Equal(Chart.Text("dapr", "resiliency", direction, "timeout"), Json.String(policies, "timeouts", policy));
        var retry = Json.Object(policies, "retries", policy);
        Assert.Equal("429,500-599", Json.String(retry, "matching", "httpStatusCodes"));
        Assert.Equal(Chart.Text("dapr", "resiliency", direction, "retry", "policy"), Json.String(retry, "policy"));
        Assert.Equal(Chart.Text("dapr", "resiliency", direction, "retry", "maxInterval"), Json.String(retry, "maxInterval"));
        Assert.Equal(Chart.Number("dapr", "resiliency", direction, "retry", "maxRetries"), Json.Number(retry, "maxRetries"));

        // The component's deliveries (inbound) or publishes (outbound) use them.
        var target = Json.Object(Resiliency, "spec", "targets", "components", Chart.Text("dapr", "pubsub", "name"), direction);
        Assert.Equal(policy, Json.String(target, "timeout"));
        Assert.Equal(policy, Json.String(target, "retry"));
    }

    [Fact]
    public void Resiliency_HasAnOutboundCircuitBreaker_TargetingTheComponent()
    {
        var breaker = Json.Object(Resiliency, "spec", "policies", "circuitBreakers", "pubsubOutbound");
        Assert.Equal(Chart.Text("dapr", "resiliency", "outbound", "circuitBreaker", "trip"), Json.String(breaker, "trip"));
        Assert.Equal(Chart.Text("dapr", "resiliency", "outbound", "circuitBreaker", "timeout"), Json.String(breaker, "timeout"));
        var targets = Json.Object(Resiliency, "spec", "targets", "components", Chart.Text("dapr", "pubsub", "name"));
        Assert.Equal("pubsubOutbound", Json.String(targets, "outbound", "circuitBreaker"));
        Assert.False(Json.Has(targets, "inbound", "circuitBreaker"), "an inbound breaker would dead-letter deliveries it refuses");
        Assert.Matches(@"^consecutiveFailures >= \d+$", Chart.Text("dapr", "resiliency", "outbound", "circuitBreaker", "trip"));
    }

    [Fact]
    public void DaprResources_AreMadeOnlyWhereDaprsTypesExist()
    {
        string[] kinds = ["Component", "Resiliency", "Configuration"];
        var withDapr = RenderedChart.Of(Combination.Dapr);
        Assert.Equal(kinds.Order(StringComparer.Ordinal), withDapr.Objects.Where(o => o.ApiVersion == "dapr.io/v1alpha1").Select(o => o.Kind).Order(StringComparer.Ordinal));

        // A cluster without Dapr's types, or dapr.components.enabled off: none of them.
        var withoutTypes = RenderedChart.Of(Combination.Default);
        var turnedOff = RenderedChart.Of(Combination.Dapr, "--set", "dapr.components.enabled=false");
        foreach (var rendering in new[] { withoutTypes, turnedOff })
        {
            Assert.DoesNotContain(rendering.Objects, o => o.ApiVersion.StartsWith("dapr.io/", StringComparison.Ordinal));

            // Without the chart's Configuration, the sidecars must not name it (daprd would not start).
            foreach (var service in Services.Catalog)
            {
                Assert.DoesNotContain("dapr.io/config", rendering.PodAnnotations(service).Keys);
                Assert.Equal("true", rendering.PodAnnotations(service)["dapr.io/enabled"]);
            }
        }

        foreach (var service in Services.Catalog)
        {
            Assert.Equal(Chart.Text("dapr", "configuration", "name"), withDapr.PodAnnotations(service)["dapr.io/config"]);
        }
    }

    [Fact]
    public void Annotations_AreThoseOfTheSidecarContract()
    {
        string[] contract = ["enabled", "app-id", "config", "graceful-shutdown-seconds"];
        string[] callingTheApp = ["app-port", "app-protocol", "app-max-concurrency", "app-token-secret"];
        foreach (var service in Services.Catalog)
        {
            var annotations = Json.Object(Rendered.Deployment(service), "spec", "template", "metadata", "annotations");
            foreach (var name in contract)
            {
                Assert.True(annotations.ContainsKey("dapr.io/" + name), $"{service}'s pods have no dapr.io/{name}");
            }

            foreach (var name in callingTheApp)
            {
                Assert.True(annotations.ContainsKey("dapr.io/" + name) == Chart.Has(Chart.Events, service), $"{service}'s pods: dapr.io/{name} is there exactly when it uses events");
            }

            if (!Chart.Has(Chart.Events, service))
            {
                continue;
            }

            // Every value is a string, as Kubernetes requires of annotations (a bare 8080 would be refused).
            foreach (var (name, value) in annotations)
            {
                Assert.True(value is JsonValue v && v.TryGetValue<string>(out _), $"{service}: {name} is {value?.ToJsonString()}, not a string");
            }

            Assert.Equal(Chart.Text("services", service, "dapr", "appId"), Json.String(annotations, "dapr.io/app-id"));
            Assert.Equal(Chart.Text("services", service, "dapr", "appPort"), Json.String(annotations, "dapr.io/app-port"));
            Assert.Equal(Chart.Text("services", service, "dapr", "appProtocol"), Json.String(annotations, "dapr.io/app-protocol"));
            Assert.Equal(Chart.Text("dapr", "configuration", "name"), Json.String(annotations, "dapr.io/config"));
            Assert.Equal(Chart.Text("services", service, "dapr", "maxConcurrency"), Json.String(annotations, "dapr.io/app-max-concurrency"));
        }

        // A service's own Configuration replaces the chart's.
        var own = RenderedChart.Of(Combination.Dapr, "--set", "services.platform.dapr.config=platform-config");
        Assert.Equal("platform-config", own.PodAnnotations("platform")["dapr.io/config"]);
        Assert.Equal(Chart.Text("dapr", "configuration", "name"), own.PodAnnotations("measurement")["dapr.io/config"]);
    }

    [Fact]
    public void Configuration_TracesToTheCollector()
    {
        var configuration = Rendered.Single("Configuration", Chart.Text("dapr", "configuration", "name"));
        Assert.Equal(Chart.Text("dapr", "configuration", "samplingRate"), Json.String(configuration, "spec", "tracing", "samplingRate"));
        var otel = Json.Object(configuration, "spec", "tracing", "otel");
        Assert.Equal($"{Chart.ServiceHost("otel-collector")}:4317", Json.String(otel, "endpointAddress"));
        Assert.Equal("grpc", Json.String(otel, "protocol"));
        Assert.False(Json.Flag(otel, "isSecure"));

        // The collector listens there: its Service's and container's OTLP gRPC port.
        var collector = Rendered.Single("Deployment", Chart.ServiceHost("otel-collector"));
        var ports = Json.Array(collector, "spec", "template", "spec", "containers").Cast<JsonObject>().SelectMany(c => Json.Array(c, "ports").Cast<JsonObject>());
        Assert.Contains(ports, p => Json.String(p, "name") == "otlp-grpc" && Json.Number(p, "containerPort") == 4317);
        Assert.Contains(Json.Array(Rendered.Single("Service", Chart.ServiceHost("otel-collector")), "spec", "ports").Cast<JsonObject>(), p => Json.Number(p, "port") == 4317);

        // An external collector over TLS: the address without its scheme, and isSecure.
        var external = RenderedChart.Of(Combination.Dapr, "--set", "otelCollector.enabled=false", "--set", "telemetry.otlpEndpoint=https://otel.example.com:4317");
        var externalOtel = Json.Object(external.Single("Configuration", Chart.Text("dapr", "configuration", "name")), "spec", "tracing", "otel");
        Assert.Equal("otel.example.com:4317", Json.String(externalOtel, "endpointAddress"));
        Assert.True(Json.Flag(externalOtel, "isSecure"));
    }

    /// <summary>
    /// The longest a delivery or publish can spend in the sidecar's retries, as the rendered
    /// Resiliency has them: every attempt timing out, and every wait at its longest. Dapr's
    /// exponential backoff starts at 0.5 s, grows 1.5 times, stops growing at maxInterval and is
    /// randomized by ±50 %.
    /// </summary>
    private static TimeSpan WorstCase(string direction)
    {
        var policies = Json.Object(Resiliency, "spec", "policies");
        var policy = Json.String(Resiliency, "spec", "targets", "components", Chart.Text("dapr", "pubsub", "name"), direction, "retry");
        var backoff = Json.Object(policies, "retries", policy);
        Assert.Equal("exponential", Json.String(backoff, "policy"));
        var timeout = Duration(Json.String(policies, "timeouts", Json.String(Resiliency, "spec", "targets", "components", Chart.Text("dapr", "pubsub", "name"), direction, "timeout")));
        var maxInterval = Duration(Json.String(backoff, "maxInterval")).TotalSeconds;
        var retries = Json.Number(backoff, "maxRetries");
        var waits = 0.0;
        var interval = 0.5;
        for (var retry = 0; retry < retries; retry++)
        {
            waits += 1.5 * Math.Min(interval, maxInterval);
            interval *= 1.5;
        }

        return (timeout * (retries + 1)) + TimeSpan.FromSeconds(waits);
    }

    private static TimeSpan Duration(string text)
    {
        var match = DurationText().Match(text);
        Assert.True(match.Success, $"'{text}' is not a duration the chart uses (e.g. 10s, 500ms, 2m)");
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => TimeSpan.FromHours(number),
        };
    }

    private static string[] EventsFile(string service, string kind) =>
        Chart.Has(Chart.Events, service) ? Chart.List(Chart.Events, service, kind).ToArray() : [];

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h)$")]
    private static partial Regex DurationText();

    /// <summary>publishingScopes or subscriptionScopes: app=topic,topic;app=... to app id and topics.</summary>
    private static Dictionary<string, string[]> Scopes(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
