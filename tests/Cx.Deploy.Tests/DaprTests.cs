using System.Globalization;
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
    private static readonly ChartEnvironment Environment = new(Chart);

    public static TheoryData<string> CatalogServices() => new(Services.Catalog);

    [Fact]
    public void PubSubName_AndDeadLetterTopic_AreTheServicesDefaults()
    {
        var defaults = new DaprEventingOptions();
        Assert.Equal(defaults.PubSubName, Chart.Text("dapr", "pubsub", "name"));
        Assert.Equal(defaults.DeadLetterTopic, Chart.Text("dapr", "pubsub", "deadLetterTopic"));
        Assert.Contains("metadata:\n  name: {{ $pubsub.name }}", Chart.Template("dapr.yaml").Text, StringComparison.Ordinal);
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
        foreach (var subscription in document.Select(s => s!.AsObject()))
        {
            Assert.Equal(Chart.Text("dapr", "pubsub", "name"), (string?)subscription["pubsubname"]);
            Assert.Equal(Chart.Text("dapr", "pubsub", "deadLetterTopic"), (string?)subscription["deadLetterTopic"]);
            Assert.Contains((string)subscription["topic"]!, EventsFile(service, "subscribes"));
            var route = (string)subscription["routes"]!["default"]!;
            Assert.StartsWith(DaprSubscriptionRoutes.DeliveryPrefix, route, StringComparison.Ordinal);
        }

        // Dapr delivers to the app port, which is the HTTP/1.1 port the routes are served on.
        Assert.Equal(Chart.Number("ports", "http"), Chart.Number("services", service, "dapr", "appPort"));
    }

    [Fact]
    public void Component_IsScopedToTheServicesInTheEventsFile_WithTheirTopics()
    {
        Assert.True(Chart.Flag("dapr", "pubsub", "topicScopes"));
        var dapr = Chart.Template("dapr.yaml").Text;
        Assert.Contains("value: {{ include \"cx.dapr.topicScopes\" (dict \"root\" . \"kind\" \"publishes\") | quote }}", dapr, StringComparison.Ordinal);
        Assert.Contains("value: {{ include \"cx.dapr.topicScopes\" (dict \"root\" . \"kind\" \"subscribes\") | quote }}", dapr, StringComparison.Ordinal);
        Assert.Contains("{{- $apps := include \"cx.dapr.pubsubApps\" . | trim | splitList \"\\n\" | compact }}", dapr, StringComparison.Ordinal);

        // A subscriber publishes its dead letters (Dapr does it under the subscriber's scopes).
        var scopes = Chart.Helper("cx.dapr.topicScopes");
        Assert.Contains("{{- if and (eq $kind \"publishes\") (index $declared \"subscribes\") -}}", scopes, StringComparison.Ordinal);
        Assert.Contains("{{- $topics = append $topics $root.Values.dapr.pubsub.deadLetterTopic -}}", scopes, StringComparison.Ordinal);
        Assert.Contains("{{- $entries = append $entries (printf \"%s=%s\" $svc.dapr.appId (join \",\" $topics)) -}}", scopes, StringComparison.Ordinal);
    }

    [Fact]
    public void Resiliency_InboundRetries_EndBeforeTheBrokerRedeliversInParallel()
    {
        var processingTimeout = Duration(PubSubMetadata("processingTimeout"));
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
        var resiliency = Chart.Template("dapr.yaml").Text;
        Assert.Contains($"{policy}: {{{{ $resiliency.{direction}.timeout }}}}", resiliency, StringComparison.Ordinal);
        Assert.Matches($@"{direction}:\n\s+timeout: {policy}\n\s+retry: {policy}\n", resiliency);
    }

    [Fact]
    public void Resiliency_HasAnOutboundCircuitBreaker_TargetingTheComponent()
    {
        var resiliency = Chart.Template("dapr.yaml").Text;
        Assert.Contains("circuitBreakers:\n      pubsubOutbound:", resiliency, StringComparison.Ordinal);
        Assert.Contains("circuitBreaker: pubsubOutbound", resiliency, StringComparison.Ordinal);
        Assert.Contains("components:\n      {{ $pubsub.name }}:", resiliency, StringComparison.Ordinal);
        Assert.Matches(@"^consecutiveFailures >= \d+$", Chart.Text("dapr", "resiliency", "outbound", "circuitBreaker", "trip"));
    }

    [Fact]
    public void DaprResources_AreMadeOnlyWhereDaprsTypesExist()
    {
        var guard = Chart.Helper("cx.dapr.resources");
        Assert.Contains(".Values.dapr.components.enabled", guard, StringComparison.Ordinal);
        Assert.Contains("(.Capabilities.APIVersions.Has \"dapr.io/v1alpha1\")", guard, StringComparison.Ordinal);
        var dapr = Chart.Template("dapr.yaml");
        var outer = Assert.Single(dapr.Blocks, b => b.Open.Kind != ActionKind.Comment);
        Assert.Equal("if include \"cx.dapr.resources\" .", outer.Open.Body);
        foreach (var kind in new[] { "Component", "Resiliency", "Configuration" })
        {
            var at = dapr.Text.IndexOf("\nkind: " + kind + "\n", StringComparison.Ordinal);
            Assert.True(at > outer.Open.End && at < outer.Close!.Start, $"the {kind} is outside the dapr.io/v1alpha1 guard");
        }

        // Without the chart's Configuration, the sidecars must not name it (daprd would not start).
        Assert.Contains("{{- if and (not $config) (include \"cx.dapr.resources\" $root) -}}", Chart.Helper("cx.dapr.annotations"), StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_AreThoseOfTheSidecarContract()
    {
        var annotations = Chart.Helper("cx.dapr.annotations");
        string[] contract = ["enabled", "app-id", "app-port", "app-protocol", "config", "graceful-shutdown-seconds", "app-max-concurrency"];
        foreach (var name in contract)
        {
            Assert.Contains($"dapr.io/{name}: ", annotations, StringComparison.Ordinal);
        }

        Assert.Contains("dapr.io/app-port: {{ (int $dapr.appPort) | toString | quote }}", annotations, StringComparison.Ordinal);
        Assert.Contains("dapr.io/app-protocol: {{ $dapr.appProtocol | quote }}", annotations, StringComparison.Ordinal);
        Assert.Contains("dapr.io/config: {{ $config | quote }}", annotations, StringComparison.Ordinal);

        // Every value is a string, as Kubernetes requires of annotations.
        foreach (Match line in AnnotationLine().Matches(annotations))
        {
            var value = line.Groups["value"].Value;
            Assert.True(value.StartsWith('"') || value.EndsWith("| quote }}", StringComparison.Ordinal), $"{line.Value.Trim()} is not quoted");
        }
    }

    [Fact]
    public void Configuration_TracesToTheCollector()
    {
        var dapr = Chart.Template("dapr.yaml").Text;
        Assert.Contains("kind: Configuration\nmetadata:\n  name: {{ .Values.dapr.configuration.name }}", dapr, StringComparison.Ordinal);
        Assert.Contains("samplingRate: {{ .Values.dapr.configuration.samplingRate | quote }}", dapr, StringComparison.Ordinal);
        Assert.Contains("{{- with include \"cx.otlpEndpoint\" . }}", dapr, StringComparison.Ordinal);
        Assert.Contains("protocol: grpc", dapr, StringComparison.Ordinal);
        Assert.Contains("{{- printf \"http://%s:4317\" (include \"cx.componentName\" (dict \"root\" . \"name\" \"otel-collector\")) -}}", Chart.Helper("cx.otlpEndpoint"), StringComparison.Ordinal);
        Assert.Contains("- name: otlp-grpc\n              containerPort: 4317", Chart.Template("otel-collector.yaml").Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The longest a delivery or publish can spend in the sidecar's retries: every attempt timing
    /// out, and every wait at its longest. Dapr's exponential backoff starts at 0.5 s, grows 1.5
    /// times, stops growing at maxInterval and is randomized by ±50 %.
    /// </summary>
    private static TimeSpan WorstCase(string direction)
    {
        Assert.Equal("exponential", Chart.Text("dapr", "resiliency", direction, "retry", "policy"));
        var timeout = Duration(Chart.Text("dapr", "resiliency", direction, "timeout"));
        var maxInterval = Duration(Chart.Text("dapr", "resiliency", direction, "retry", "maxInterval")).TotalSeconds;
        var retries = Chart.Number("dapr", "resiliency", direction, "retry", "maxRetries");
        var waits = 0.0;
        var interval = 0.5;
        for (var retry = 0; retry < retries; retry++)
        {
            waits += 1.5 * Math.Min(interval, maxInterval);
            interval *= 1.5;
        }

        return (timeout * (retries + 1)) + TimeSpan.FromSeconds(waits);
    }

    private static string PubSubMetadata(string name)
    {
        var entry = ((YamlDotNet.RepresentationModel.YamlSequenceNode)Chart.Node(Chart.Values, "dapr", "pubsub", "metadata")).Children
            .OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .SingleOrDefault(m => Chart.Scalar(m, "name") == name);
        Assert.True(entry is not null, $"dapr.pubsub.metadata has no {name}");
        return Chart.Scalar(entry, "value");
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

    [GeneratedRegex(@"^dapr\.io/[a-z-]+: (?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex AnnotationLine();
}
