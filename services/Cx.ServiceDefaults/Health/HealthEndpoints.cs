using System.Text.Json;
using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Cx.ServiceDefaults.Health;

/// <summary>Liveness and readiness, served as HTTP probes and as grpc.health.v1.</summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static void AddCxHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [HealthTags.Live])
            .AddCheck<LifecycleReadinessCheck>("lifecycle", tags: [HealthTags.Ready]);

        services.AddGrpcHealthChecks();

        // Each gRPC service's name answers readiness too (Kubernetes gRPC probes may name one);
        // the names come from the mapped endpoints, so a service never lists them twice.
        services.AddSingleton<GrpcServiceDirectory>();
        services.AddOptions<GrpcHealthChecksOptions>()
            .Configure<GrpcServiceDirectory>((options, directory) =>
            {
                options.Services.Clear();
                options.Services.Map(string.Empty, IsReadiness);
                options.Services.Map(HealthTags.LivenessServiceName, IsLiveness);
                foreach (var name in directory.Names)
                {
                    options.Services.Map(name, IsReadiness);
                }
            });
    }

    /// <summary>Maps the probes; call it last, once every gRPC service of the application is mapped.</summary>
    public static void MapCxHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        endpoints.ServiceProvider.GetRequiredService<GrpcServiceDirectory>().Names =
            GrpcServiceNames(endpoints.DataSources.SelectMany(source => source.Endpoints));
        endpoints.MapHealthChecks(LivePath, Probe(r => IsLiveness(r.Tags)));
        endpoints.MapHealthChecks(ReadyPath, Probe(r => IsReadiness(r.Tags)));
    }

    private static string[] GrpcServiceNames(IEnumerable<Endpoint> endpoints) =>
        endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static bool IsLiveness(HealthCheckMapContext check) => IsLiveness(check.Tags);

    private static bool IsReadiness(HealthCheckMapContext check) => IsReadiness(check.Tags);

    private static bool IsLiveness(IEnumerable<string> tags) => tags.Contains(HealthTags.Live);

    private static bool IsReadiness(IEnumerable<string> tags) => tags.Contains(HealthTags.Ready);

    private static HealthCheckOptions Probe(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteReport,
    };

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            // The gateway's platform listing reads each service's build from its probe.
            version = CxServiceApplication.Version,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>The gRPC services an application serves, by full name (health and reflection included).</summary>
internal sealed class GrpcServiceDirectory
{
    public IReadOnlyList<string> Names { get; set; } = [];
}
