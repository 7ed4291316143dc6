using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Cx.Eventing.Redis;

/// <summary>
/// Redis as readiness sees it. Never reached since the start: unready (the address is likely
/// wrong, and nothing this replica publishes or reads can flow). Reached before and gone now:
/// degraded, not unready: writes still commit and their events wait in the outbox, so a Redis
/// outage must not take every healthy replica out of rotation.
/// </summary>
internal sealed class RedisReadinessCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    private volatile bool _answeredOnce;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            _answeredOnce = true;
            return HealthCheckResult.Healthy();
        }
        // A connection torn down mid-ping surfaces as ObjectDisposedException or a socket error,
        // not only as RedisException: every failure but the caller's cancellation is "no answer".
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var problem = "Redis does not answer: " + e.Message;
            return _answeredOnce
                ? HealthCheckResult.Degraded(problem + " (writes are kept in the outbox until it is back)")
                : HealthCheckResult.Unhealthy(problem);
        }
    }
}
