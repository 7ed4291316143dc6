using System.Net.Http.Json;
using System.Text.Json;
using Cx.Gateway.Auth;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cx.Gateway.Operations;

/// <summary>One service as the gateway sees it: where it answers, its build, and whether it is ready.</summary>
internal sealed record ServiceStatus(string Name, string Grpc, string Http, string Status, string? Version);

/// <summary>
/// The operator's view through the gateway: every service's readiness (read from its own probe) in
/// one answer, and what runs where. Readiness is public, like any probe; the listing needs a caller.
/// </summary>
internal sealed class PlatformOverview(IHttpClientFactory clients, GatewaySettings gateway, CxServiceSettings service)
{
    public const string HttpClientName = "service-probes";
    public const string HealthPath = "/health/platform";
    public const string PlatformPath = "/platform";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HealthPath, async (PlatformOverview overview, HttpContext context) =>
        {
            var services = await overview.ProbeAsync(context.RequestAborted);
            var healthy = services.All(s => s.Status == "Healthy");
            return Results.Json(
                new { status = healthy ? "Healthy" : "Unhealthy", services = services.ToDictionary(s => s.Name, s => s.Status) },
                statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        endpoints.MapGet(PlatformPath, async (PlatformOverview overview, HttpContext context) => Results.Json(new
        {
            version = CxServiceApplication.Version,
            backend = overview.Backend,
            services = await overview.ProbeAsync(context.RequestAborted),
        })).RequireAuthorization(PermissionPolicies.AnyCaller);
    }

    public string Backend => service.Backend;

    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var probes = gateway.Services.Select(async s =>
        {
            try
            {
                using var response = await clients.CreateClient(HttpClientName).GetAsync(new Uri(s.Http, "/health/ready"), cancellationToken);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                var status = body.TryGetProperty("status", out var st) ? st.GetString() ?? "Unknown" : "Unknown";
                var version = body.TryGetProperty("version", out var v) ? v.GetString() : null;
                return new ServiceStatus(s.Name, s.Grpc.ToString(), s.Http.ToString(), response.IsSuccessStatusCode ? status : "Unhealthy", version);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
            {
                return new ServiceStatus(s.Name, s.Grpc.ToString(), s.Http.ToString(), "Unreachable", null);
            }
        });
        return await Task.WhenAll(probes);
    }
}
