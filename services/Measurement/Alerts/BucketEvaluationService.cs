using Cx.Measurement.Data;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Measurement.Alerts;

/// <summary>
/// Runs the bucket evaluation for every tenant on a schedule (Cx:Measurement:EvaluationIntervalSeconds,
/// 300 by default). Evaluations are recorded, so a restart or a second replica raises nothing twice.
/// </summary>
internal sealed partial class BucketEvaluationService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<BucketEvaluationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Cx:Measurement:EvaluationIntervalSeconds", 300));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EvaluateAllTenantsAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    internal async Task<int> EvaluateAllTenantsAsync(CancellationToken cancellationToken)
    {
        List<string> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // The one place that reads across tenants, and only to learn which tenants there are.
            tenants = await scope.ServiceProvider.GetRequiredService<MeasurementDb>().MetricDefinitions
                .IgnoreQueryFilters().Select(m => m.TenantId).Distinct().ToListAsync(cancellationToken);
        }

        var raised = 0;
        foreach (var tenant in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            try
            {
                raised += await scope.ServiceProvider.GetRequiredService<BucketEvaluator>().EvaluateAsync(clock.GetUtcNow(), cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // Another replica evaluated the same bucket at the same moment: it raised the events.
                continue;
            }
        }

        return raised;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating closed buckets failed; trying again at the next interval")]
    private partial void LogFailed(Exception exception);
}
