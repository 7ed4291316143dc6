using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.ServiceKit.Jobs;
using Cx.Strategy.Data;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.Targets;

/// <summary>
/// Measurement announced a significant move of a metric: the targets that follow it (directly or
/// through the CX index) are judged again on the job's next run. Nothing is taken from the event
/// but the metric: the figures are asked of Measurement then, so a redelivered or late event
/// cannot put an old figure on a target.
/// </summary>
internal sealed class JudgeAfterSignificantChange(TargetsApi targets) : IHandleEvent<SignificantChangeDetected>
{
    public Task HandleAsync(SignificantChangeDetected message, EventContext context, CancellationToken cancellationToken) =>
        message.MetricId.Length is 0 or > 63 ? Task.CompletedTask : targets.MarkDueAsync(message.MetricId, context.OccurredAt, cancellationToken);
}

/// <summary>Measurement announced a metric beyond its own threshold: the targets that follow it are judged again.</summary>
internal sealed class JudgeAfterThresholdBreach(TargetsApi targets) : IHandleEvent<MetricThresholdBreached>
{
    public Task HandleAsync(MetricThresholdBreached message, EventContext context, CancellationToken cancellationToken) =>
        message.MetricId.Length is 0 or > 63 ? Task.CompletedTask : targets.MarkDueAsync(message.MetricId, context.OccurredAt, cancellationToken);
}

/// <summary>
/// Judges the targets that are due: announced moves, the daily revisit, a deadline reached. Runs
/// every Cx:Strategy:TargetCheckSeconds (default 600) by the service's clock.
/// </summary>
internal sealed class TargetEvaluationJob(StrategyDb db, TargetsApi targets) : ITenantJob
{
    public const string IntervalSetting = "Cx:Strategy:TargetCheckSeconds";

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var utc = now.UtcDateTime;
        return await db.Targets.IgnoreQueryFilters().Where(t => t.DueAtUtc <= utc).Select(t => t.TenantId).Distinct().ToListAsync(cancellationToken);
    }

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => targets.EvaluateDueAsync(now, cancellationToken);
}
