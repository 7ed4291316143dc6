using Cx.Governance.Api;
using Cx.Governance.Data;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Governance.Sla;

/// <summary>
/// Escalates cases whose SLA is breached. The due times are columns of the cases, not timers in
/// memory, so a restart loses nothing: the first check after it escalates whatever fell due while
/// the service was down. Checks every Cx:Governance:SlaCheckSeconds (default 30) by the service's clock.
/// </summary>
internal sealed partial class SlaWatch(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<SlaWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Cx:Governance:SlaCheckSeconds", 30.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EscalateAllTenantsAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>One check: every tenant's cases due by now are escalated, once each.</summary>
    internal async Task<int> EscalateAllTenantsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        List<string> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // The one read across tenants, and only to learn which tenants have cases due.
            tenants = await scope.ServiceProvider.GetRequiredService<GovernanceDb>().Cases.IgnoreQueryFilters()
                .Where(c => !c.Escalated && c.DueAtUtc != null && c.DueAtUtc <= nowUtc)
                .Select(c => c.TenantId).Distinct().ToListAsync(cancellationToken);
        }

        var escalated = 0;
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            scope.ServiceProvider.GetRequiredService<ActorContext>().Set(ActorContext.System);
            try
            {
                escalated += await scope.ServiceProvider.GetRequiredService<CasesApi>().EscalateOverdueAsync(now, cancellationToken);
            }
            catch (Cx.Domain.Errors.ConcurrencyConflictException)
            {
                // A case changed (or another replica escalated it) meanwhile: the next check sees it as it is now.
                continue;
            }
        }

        return escalated;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking SLAs failed; trying again at the next interval")]
    private partial void LogFailed(Exception exception);
}
