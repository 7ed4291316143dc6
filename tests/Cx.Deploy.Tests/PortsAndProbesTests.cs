using System.Text.Json.Nodes;
using Cx.Deploy.Tests.Support;
using Cx.ServiceDefaults.Health;
using Cx.ServiceDefaults.Hosting;

namespace Cx.Deploy.Tests;

/// <summary>Ports, probes and shutdown timings agree with what the services serve and do.</summary>
public sealed class PortsAndProbesTests
{
    private static readonly Chart Chart = Chart.Instance;

    private static Rendering Rendered => RenderedChart.Of(Combination.Dapr);

    [Fact]
    public void Ports_AreTheServicesDefaults()
    {
        var defaults = new CxServiceSettings();
        Assert.Equal(defaults.GrpcPort, Chart.Number("ports", "grpc"));
        Assert.Equal(defaults.HttpPort, Chart.Number("ports", "http"));
    }

    [Fact]
    public void DaprAppPort_IsThePortTheServicesOpenForTheSidecar_NeitherOfTheTwo_WithTheHttpProtocol()
    {
        var appPort = new Cx.Eventing.Dapr.DaprEventingOptions().AppPort;
        foreach (var service in Chart.Services.Keys)
        {
            Assert.Equal(appPort, Chart.Number("services", service, "dapr", "appPort"));
            Assert.Equal("http", Chart.Text("services", service, "dapr", "appProtocol"));
        }

        foreach (var service in Services.Catalog.Where(s => Chart.Has(Chart.Events, s)))
        {
            Assert.Equal(appPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Rendered.PodAnnotations(service)["dapr.io/app-port"]);
            Assert.Equal("http", Rendered.PodAnnotations(service)["dapr.io/app-protocol"]);
        }

        // The chart refuses to point Dapr at a port callers reach.
        var refusal = RenderedChart.Refusal(Combination.Dapr, "--set", "services.measurement.dapr.appPort=8080");
        Assert.Contains("services.measurement.dapr.appPort must differ from ports.http and ports.grpc", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerAndServicePorts_AreTheTwoPorts_ByName()
    {
        foreach (var name in Services.Catalog)
        {
            var container = Json.Array(Rendered.Container(name), "ports").Cast<JsonObject>().ToDictionary(p => Json.String(p, "name"), p => Json.Number(p, "containerPort"));
            Assert.Equal(new Dictionary<string, long> { ["grpc"] = Chart.Number("ports", "grpc"), ["http"] = Chart.Number("ports", "http") }, container);

            var service = Json.Array(Rendered.Single("Service", Chart.ServiceHost(name)), "spec", "ports").Cast<JsonObject>().ToDictionary(p => Json.String(p, "name"));
            Assert.Equal(["grpc", "http"], service.Keys.Order(StringComparer.Ordinal));
            foreach (var (port, entry) in service)
            {
                Assert.Equal(Chart.Number("ports", port), Json.Number(entry, "port"));
                Assert.Equal(port, Json.String(entry, "targetPort"));
            }

            // Cleartext HTTP/2 on the gRPC port, so meshes and controllers do not speak HTTP/1.1 to it.
            Assert.Equal("kubernetes.io/h2c", Json.String(service["grpc"], "appProtocol"));
        }
    }

    [Theory]
    [InlineData("startupProbe", HealthTags.LivenessServiceName)]
    [InlineData("livenessProbe", HealthTags.LivenessServiceName)]
    [InlineData("readinessProbe", null)]
    public void Probe_IsGrpcHealth_OnTheGrpcPort_ForTheRightHealthService(string probe, string? healthService)
    {
        var kind = probe.Replace("Probe", "", StringComparison.Ordinal);
        foreach (var service in Services.Catalog)
        {
            var block = Json.Object(Rendered.Container(service), probe);
            Assert.Equal(Chart.Number("ports", "grpc"), Json.Number(block, "grpc", "port"));
            Assert.False(Json.Has(block, "httpGet"), $"{service}'s {probe} is an HTTP probe");
            Assert.False(Json.Has(block, "tcpSocket"), $"{service}'s {probe} is a TCP probe");
            if (healthService is null)
            {
                // No service name: grpc.health.v1 service "", which the services answer with readiness.
                Assert.False(Json.Has(block, "grpc", "service"), $"{service}'s {probe} names a health service");
            }
            else
            {
                Assert.Equal(healthService, Json.String(block, "grpc", "service"));
            }

            foreach (var setting in new[] { "periodSeconds", "timeoutSeconds", "failureThreshold" })
            {
                Assert.Equal(Chart.Number("probes", kind, setting), Json.Number(block, setting));
            }
        }
    }

    [Fact]
    public void DaprAppHealthCheck_IsTheServicesReadinessPath_NeverTheSidecarsHealthz()
    {
        Assert.True(Chart.Flag("dapr", "appHealthCheck", "enabled"));
        Assert.Equal(HealthEndpoints.ReadyPath, Chart.Text("dapr", "appHealthCheck", "path"));
        // Only a service the sidecar calls has an app port to check.
        foreach (var service in Services.Catalog.Where(s => Chart.Has(Chart.Events, s)))
        {
            Assert.Equal("true", Rendered.PodAnnotations(service)["dapr.io/enable-app-health-check"]);
            Assert.Equal(HealthEndpoints.ReadyPath, Rendered.PodAnnotations(service)["dapr.io/app-health-check-path"]);
        }

        // Readiness must never wait on the sidecar's /v1.0/healthz, which waits on the app.
        foreach (var combination in Combination.All)
        {
            Assert.DoesNotContain("/v1.0/healthz", RenderedChart.Of(combination).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Shutdown_GivesCallsInFlightTheirTime_AndTheSidecarStopsWithinTheGracePeriod()
    {
        var preStop = Chart.Number("shutdown", "preStopSleepSeconds");
        var timeout = Chart.Number("shutdown", "timeoutSeconds");
        var grace = Chart.Number("shutdown", "terminationGracePeriodSeconds");
        Assert.Equal(new CxServiceSettings().ShutdownTimeout.TotalSeconds, timeout);
        Assert.True(grace > preStop + timeout, $"terminationGracePeriodSeconds {grace} must exceed preStop {preStop} + shutdown timeout {timeout}");
        Assert.True(Chart.Number("dapr", "gracefulShutdownSeconds") < grace, "dapr.gracefulShutdownSeconds must be below terminationGracePeriodSeconds");

        foreach (var service in Services.Catalog)
        {
            Assert.Equal(grace, Json.Number(Rendered.Deployment(service), "spec", "template", "spec", "terminationGracePeriodSeconds"));
            Assert.Equal(preStop, Json.Number(Rendered.Container(service), "lifecycle", "preStop", "sleep", "seconds"));
            Assert.Equal(timeout.ToString(System.Globalization.CultureInfo.InvariantCulture), Rendered.ConfigMap(service)["Cx__ShutdownTimeoutSeconds"]);
            Assert.Equal(Chart.Text("dapr", "gracefulShutdownSeconds"), Rendered.PodAnnotations(service)["dapr.io/graceful-shutdown-seconds"]);
        }

        // The chart refuses timings that would cut calls off.
        Assert.Contains("terminationGracePeriodSeconds must exceed", RenderedChart.Refusal(Combination.Dapr, "--set", "shutdown.terminationGracePeriodSeconds=40"), StringComparison.Ordinal);
    }
}
