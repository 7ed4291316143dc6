using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cx.Eventing.Dapr;

/// <summary>
/// Ready only when the sidecar can reach its components (GET /v1.0/healthz/outbound). Never
/// /v1.0/healthz: that one waits on this app's own readiness, and the two would wait on each other.
/// </summary>
internal sealed class DaprSidecarReadinessCheck(HttpClient http, DaprEventingOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(options.SidecarUrl, "/v1.0/healthz/outbound"), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"the Dapr sidecar is not ready ({(int)response.StatusCode})");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy("the Dapr sidecar does not answer: " + e.Message);
        }
    }
}
