using System.Text.RegularExpressions;
using Cx.Deploy.Tests.Support;
using Cx.ServiceDefaults.Health;
using Cx.ServiceDefaults.Hosting;

namespace Cx.Deploy.Tests;

/// <summary>Ports, probes and shutdown timings agree with what the services serve and do.</summary>
public sealed partial class PortsAndProbesTests
{
    private static readonly Chart Chart = Chart.Instance;

    [Fact]
    public void Ports_AreTheServicesDefaults()
    {
        var defaults = new CxServiceSettings();
        Assert.Equal(defaults.GrpcPort, Chart.Number("ports", "grpc"));
        Assert.Equal(defaults.HttpPort, Chart.Number("ports", "http"));
    }

    [Fact]
    public void DaprAppPort_IsTheHttpPort_WithTheHttpProtocol_ForEveryService()
    {
        foreach (var service in Chart.Services.Keys)
        {
            Assert.Equal(new CxServiceSettings().HttpPort, Chart.Number("services", service, "dapr", "appPort"));
            Assert.Equal("http", Chart.Text("services", service, "dapr", "appProtocol"));
        }

        // The chart refuses another app port rather than point Dapr at the wrong listener.
        Assert.Contains("{{- if ne (int $dapr.appPort) (int $root.Values.ports.http) -}}", Chart.Helper("cx.dapr.annotations"), StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerAndServicePorts_AreTheTwoPorts_ByName()
    {
        var deployment = Chart.Template("deployment.yaml").Text;
        Assert.Contains("- name: grpc\n              containerPort: {{ int $.Values.ports.grpc }}", deployment, StringComparison.Ordinal);
        Assert.Contains("- name: http\n              containerPort: {{ int $.Values.ports.http }}", deployment, StringComparison.Ordinal);
        var service = Chart.Template("service.yaml").Text;
        Assert.Contains("- name: grpc\n      port: {{ int $.Values.ports.grpc }}\n      targetPort: grpc", service, StringComparison.Ordinal);
        Assert.Contains("- name: http\n      port: {{ int $.Values.ports.http }}\n      targetPort: http", service, StringComparison.Ordinal);
        Assert.Contains("appProtocol: kubernetes.io/h2c", service, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("startupProbe", HealthTags.LivenessServiceName)]
    [InlineData("livenessProbe", HealthTags.LivenessServiceName)]
    [InlineData("readinessProbe", null)]
    public void Probe_IsGrpcHealth_OnTheGrpcPort_ForTheRightHealthService(string probe, string? healthService)
    {
        var block = Probe(probe);
        Assert.Contains("grpc:\n", block, StringComparison.Ordinal);
        Assert.Contains("port: {{ int $.Values.ports.grpc }}", block, StringComparison.Ordinal);
        Assert.DoesNotContain("httpGet", block, StringComparison.Ordinal);
        if (healthService is null)
        {
            // No service name: grpc.health.v1 service "", which the services answer with readiness.
            Assert.DoesNotContain("service:", block, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("service: " + healthService + "\n", block, StringComparison.Ordinal);
        }

        var kind = probe.Replace("Probe", "", StringComparison.Ordinal);
        foreach (var setting in new[] { "periodSeconds", "timeoutSeconds", "failureThreshold" })
        {
            Assert.Contains($"{setting}: {{{{ int $.Values.probes.{kind}.{setting} }}}}", block, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DaprAppHealthCheck_IsTheServicesReadinessPath_NeverTheSidecarsHealthz()
    {
        Assert.True(Chart.Flag("dapr", "appHealthCheck", "enabled"));
        Assert.Equal(HealthEndpoints.ReadyPath, Chart.Text("dapr", "appHealthCheck", "path"));
        Assert.Contains("dapr.io/app-health-check-path: {{ $root.Values.dapr.appHealthCheck.path | quote }}", Chart.Helper("cx.dapr.annotations"), StringComparison.Ordinal);

        // Readiness must never wait on the sidecar's /v1.0/healthz, which waits on the app.
        foreach (var (file, template) in Chart.Templates)
        {
            Assert.DoesNotContain("/v1.0/healthz", template.Text, StringComparison.Ordinal);
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

        var deployment = Chart.Template("deployment.yaml").Text;
        Assert.Contains("terminationGracePeriodSeconds: {{ int $.Values.shutdown.terminationGracePeriodSeconds }}", deployment, StringComparison.Ordinal);
        Assert.Contains("preStop:\n              sleep:\n                seconds: {{ int $.Values.shutdown.preStopSleepSeconds }}", deployment, StringComparison.Ordinal);
        Assert.Contains("{{- $_ := set $env \"Cx__ShutdownTimeoutSeconds\" (toString (int $root.Values.shutdown.timeoutSeconds)) -}}", Chart.Helper("cx.service.config"), StringComparison.Ordinal);
        Assert.Contains("dapr.io/graceful-shutdown-seconds: {{ (int $root.Values.dapr.gracefulShutdownSeconds) | toString | quote }}", Chart.Helper("cx.dapr.annotations"), StringComparison.Ordinal);
    }

    /// <summary>A probe's lines in deployment.yaml: its key and every line indented below it.</summary>
    private static string Probe(string name)
    {
        var match = ProbeBlock().Matches(Chart.Template("deployment.yaml").Text).SingleOrDefault(m => m.Groups["name"].Value == name);
        Assert.True(match is not null, $"deployment.yaml has no {name}");
        return match.Value;
    }

    [GeneratedRegex(@"^(?<indent> +)(?<name>\w+Probe):\n(\k<indent> +.*\n)+", RegexOptions.Multiline)]
    private static partial Regex ProbeBlock();
}
