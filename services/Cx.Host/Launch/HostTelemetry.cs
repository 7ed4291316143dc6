using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cx.Host.Launch;

/// <summary>
/// The single tracer and meter provider of a one-process platform. Activity listeners are
/// process-wide, so this is the only provider; each span names its service in <c>cx.service</c>.
/// </summary>
internal sealed class HostTelemetry : IDisposable
{
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    private HostTelemetry(TracerProvider tracing, MeterProvider metrics)
    {
        _tracing = tracing;
        _metrics = metrics;
    }

    public static HostTelemetry Start(IConfiguration configuration, Action<TracerProviderBuilder>? configureTracing)
    {
        var otlp = CxTelemetry.IsOtlpConfigured(configuration);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().ConfigureCxResource(configuration, "cx", CxServiceApplication.Version))
            .AddCxInstrumentation();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().ConfigureCxResource(configuration, "cx", CxServiceApplication.Version))
            .AddCxInstrumentation();
        if (otlp)
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter();
        }

        configureTracing?.Invoke(tracing);
        return new HostTelemetry(tracing.Build(), metrics.Build());
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metrics.Dispose();
    }
}
