using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Cx.Eventing.Redis;

/// <summary>A service that cannot reach its broker leaves rotation: its events would pile up unpublished.</summary>
internal sealed class RedisReadinessCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer: " + e.Message);
        }
    }
}
