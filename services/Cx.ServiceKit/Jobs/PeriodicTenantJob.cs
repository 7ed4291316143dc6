using Cx.Domain.Errors;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.ServiceKit.Jobs;

/// <summary>
/// How often a job runs: a setting of the service's configuration, and its default. A schedule
/// that does not run in the background leaves every run to <see cref="PeriodicTenantJob{TJob}.RunOnceAsync"/>:
/// a host that drives the job itself (a test on its own clock) registers one before the service's.
/// </summary>
public sealed record JobSchedule<TJob>(TimeSpan Interval, bool InBackground = true)
    where TJob : class, ITenantJob;

/// <summary>
/// Runs <typeparamref name="TJob"/> for every tenant with work, every interval by the service's clock.
/// What a job decides is recorded in the service's database, so a restart or a second replica does
/// nothing twice: a job that loses a race to another replica (a concurrency conflict, a key already
/// written) leaves that tenant to the next run. One tenant's failure is logged and does not hold up
/// the others.
/// </summary>
public sealed partial class PeriodicTenantJob<TJob>(
    IServiceScopeFactory scopes, TimeProvider clock, JobSchedule<TJob> schedule, ILogger<PeriodicTenantJob<TJob>> logger) : BackgroundService
    where TJob : class, ITenantJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (schedule.InBackground && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(typeof(TJob).Name, e);
            }

            await Task.Delay(schedule.Interval, clock, stoppingToken);
        }
    }

    /// <summary>One run over every tenant with work now; returns how many things the job did in all.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<string> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<TJob>().TenantsWithWorkAsync(now, cancellationToken);
        }

        var done = 0;
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateTenantScope(tenant);
            try
            {
                done += await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(now, cancellationToken);
            }
            catch (Exception e) when (IsLostRace(e))
            {
                // Another replica (or a caller) changed the same thing meanwhile; the next run sees it as it is.
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogTenantFailed(typeof(TJob).Name, tenant, e);
            }
        }

        return done;
    }

    private static bool IsLostRace(Exception e) =>
        e is ConcurrencyConflictException || (e is DbUpdateException update && DatabaseErrors.IsUniqueViolation(update));

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; trying again at the next interval")]
    private partial void LogRunFailed(string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed for tenant {Tenant}; trying again at the next interval")]
    private partial void LogTenantFailed(string job, string tenant, Exception exception);
}
