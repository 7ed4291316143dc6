using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cx.Eventing.Subscribing;

/// <summary>
/// Which parts of a service's event path cannot do their work right now (a subscription that
/// cannot read, a relay that cannot publish), with why. Readiness reports them as degraded, not
/// unhealthy: the service still commits every write, and its events wait in the outbox, so a
/// broker outage must not take healthy replicas out of rotation or get them restarted.
/// </summary>
public sealed class EventPathHealth
{
    private readonly ConcurrentDictionary<string, string> _failing = new(StringComparer.Ordinal);

    public void Failing(string part, string reason) => _failing[part] = reason;

    public void Working(string part) => _failing.TryRemove(part, out _);

    public IReadOnlyDictionary<string, string> Failures => _failing;
}

internal sealed class EventPathReadinessCheck(EventPathHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failures = health.Failures.OrderBy(f => f.Key, StringComparer.Ordinal).ToArray();
        return Task.FromResult(failures.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(string.Join("; ", failures.Select(f => $"{f.Key}: {f.Value}"))));
    }
}
