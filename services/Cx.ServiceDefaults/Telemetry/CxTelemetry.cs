using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cx.ServiceDefaults.Telemetry;

/// <summary>
/// What the platform traces and measures, in one place, so the one-process host and a
/// single-service process record exactly the same signals.
/// </summary>
public static class CxTelemetry
{
    /// <summary>Span attribute naming the service that served a request (several share a process in `cx up`).</summary>
    public const string ServiceAttribute = "cx.service";

    /// <summary>Prefix of every ActivitySource and Meter the platform's own code creates.</summary>
    public const string SourcePrefix = "Cx.";

    /// <summary>
    /// Probes (health and readiness, ours and the Dapr sidecar's) are not traced: polled every few
    /// seconds, they would outnumber every other span.
    /// </summary>
    public static TracerProviderBuilder AddCxInstrumentation(this TracerProviderBuilder tracing) =>
        tracing
            .AddSource(SourcePrefix + "*")
            .AddAspNetCoreInstrumentation(options =>
            {
                options.Filter = context => !IsProbe(context.Request.Path);
                options.EnrichWithHttpResponse = (span, response) => GrpcSpans.Describe(span, response.HttpContext);
            })
            .AddGrpcClientInstrumentation()
            .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = request => request.RequestUri is not { } uri || !IsProbe(uri.AbsolutePath));

    public static MeterProviderBuilder AddCxInstrumentation(this MeterProviderBuilder metrics) =>
        metrics
            .AddMeter(SourcePrefix + "*")
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation();

    /// <summary>
    /// The service resource: OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win, as the
    /// OpenTelemetry specification says; <paramref name="defaultServiceName"/> applies otherwise.
    /// </summary>
    public static ResourceBuilder ConfigureCxResource(this ResourceBuilder resource, IConfiguration configuration, string defaultServiceName, string version)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            resource.AddService(defaultServiceName, serviceVersion: version, autoGenerateServiceInstanceId: true);
        }

        return resource.AddEnvironmentVariableDetector();
    }

    /// <summary>OTLP export is on exactly when an endpoint is configured.</summary>
    public static bool IsOtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/v1.0/healthz", StringComparison.Ordinal);
}
