using Cx.ServiceDefaults.Health;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace Cx.ServiceDefaults.Tests;

public sealed class SettingsAndLifecycleTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void From_NothingConfigured_GivesContainerDefaults()
    {
        var settings = CxServiceSettings.From(Config());

        Assert.Equal(new CxServiceSettings(), settings);
        Assert.Equal(("embedded", 8081, 8080), (settings.Backend, settings.GrpcPort, settings.HttpPort));
    }

    [Fact]
    public void From_ConfiguredValues_AreRead()
    {
        var settings = CxServiceSettings.From(Config(
            ("Cx:Backend", "redis"), ("Cx:Ports:Grpc", "9001"), ("Cx:Ports:Http", "9000"),
            ("Cx:Grpc:MaxReceiveMessageBytes", "1024"), ("Cx:ShutdownTimeoutSeconds", "3")));

        Assert.Equal(("redis", 9001, 9000, 1024, TimeSpan.FromSeconds(3)), (settings.Backend, settings.GrpcPort, settings.HttpPort, settings.MaxReceiveMessageBytes, settings.ShutdownTimeout));
    }

    [Fact]
    public void From_SeveralWrongValues_NamesEveryOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CxServiceSettings.From(Config(
            ("Cx:Backend", "kafka"), ("Cx:BindAddress", "example"), ("Cx:Ports:Grpc", "70000"), ("Cx:Ports:Http", "-1"))));

        Assert.Contains("Cx:Backend", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cx:BindAddress", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cx:Ports:Grpc", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cx:Ports:Http", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_SamePortTwice_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CxServiceSettings.From(Config(("Cx:Ports:Grpc", "9000"), ("Cx:Ports:Http", "9000"))));

        Assert.Contains("must differ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_FollowsTheLifetime_StartingStartedStopping()
    {
        using var lifetime = new ManualLifetime();
        var check = new LifecycleReadinessCheck(lifetime);

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        lifetime.Start();
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        lifetime.StopApplication();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal((HealthStatus.Unhealthy, "stopping"), (stopping.Status, stopping.Description));
    }

    [Fact]
    public void Resource_NoServiceNameConfigured_UsesTheDefaultName()
    {
        var resource = ResourceBuilder.CreateEmpty().ConfigureCxResource(Config(), "cx-probe", "1.2.3").Build();

        var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("cx-probe", attributes["service.name"]);
        Assert.Equal("1.2.3", attributes["service.version"]);
    }

    [Fact]
    public void Resource_ServiceNameConfigured_DefaultNameIsNotForced()
    {
        var resource = ResourceBuilder.CreateEmpty().ConfigureCxResource(Config(("OTEL_SERVICE_NAME", "from-env")), "cx-probe", "1.2.3").Build();

        Assert.DoesNotContain(resource.Attributes, a => a.Key == "service.name" && (string)a.Value == "cx-probe");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("http://collector:4317", true)]
    public void Otlp_IsOnExactlyWhenAnEndpointIsSet(string? endpoint, bool expected)
    {
        var configuration = endpoint is null ? Config() : Config(("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint));

        Assert.Equal(expected, CxTelemetry.IsOtlpConfigured(configuration));
    }

    private sealed class ManualLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication() => _stopping.Cancel();

        public void Dispose()
        {
            _started.Dispose();
            _stopping.Dispose();
        }
    }
}
