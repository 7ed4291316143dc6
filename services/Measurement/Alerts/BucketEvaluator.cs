using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Api;
using Cx.Measurement.Data;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Alerts;

/// <summary>
/// Evaluates each metric's closed days, each once, over every context and at each journey step
/// answered that day: a significant move from the day before raises significant_change_detected;
/// a score whose whole interval lies on the wrong side of the target raises
/// metric_threshold_breached (both with the journey step, or none). Moves that are not significant,
/// and days (or previous days) with too few answers to act on (the low-n flag), raise nothing.
/// Days closed while no evaluation ran (the service was down) are caught up, up to
/// <see cref="CatchUpDays"/> back.
/// </summary>
internal sealed class BucketEvaluator(MeasurementDb db, ResultsApi results)
{
    /// <summary>How far back a closed day is still evaluated: what a pause missed is raised, not years of history.</summary>
    public const int CatchUpDays = 7;

    /// <returns>The number of events raised for the current tenant.</returns>
    public async Task<int> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var yesterday = now.UtcDateTime.Date.AddDays(-1);
        var days = Enumerable.Range(0, CatchUpDays).Select(back => yesterday.AddDays(back - (CatchUpDays - 1))).ToList();
        var earliest = CalendarBuckets.Day(days[0]);
        var metrics = await db.MetricDefinitions
            .Where(m => m.Version == db.MetricDefinitions.Where(v => v.MetricId == m.MetricId).Max(v => v.Version))
            .ToListAsync(cancellationToken);
        var evaluated = (await db.EvaluatedBuckets.Where(b => string.Compare(b.Bucket, earliest) >= 0).Select(b => new { b.MetricId, b.Bucket }).ToListAsync(cancellationToken))
            .Select(b => (b.MetricId, b.Bucket))
            .ToHashSet();
        var raised = 0;
        foreach (var metric in metrics)
        {
            foreach (var day in days.Where(d => !evaluated.Contains((metric.MetricId, CalendarBuckets.Day(d)))))
            {
                var bucket = CalendarBuckets.Day(day);
                foreach (var step in await StepsAnsweredAsync(metric.MetricId, bucket, cancellationToken))
                {
                    raised += await EvaluateAsync(metric, day, step, cancellationToken);
                    db.EvaluatedBuckets.Add(new EvaluatedBucketRecord { MetricId = metric.MetricId, Bucket = bucket, Scope = step.Scope, EvaluatedAtUtc = now.UtcDateTime });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }

    /// <summary>What a day is evaluated over: every context first, then each journey step answered that day.</summary>
    private async Task<List<EvaluationScope>> StepsAnsweredAsync(string metricId, string day, CancellationToken cancellationToken)
    {
        var steps = await db.ScoreRollups
            .Where(r => r.MetricId == metricId && r.Day == day && r.JourneyStepId != string.Empty)
            .Select(r => new { r.JourneyId, r.JourneyStepId })
            .Distinct()
            .ToListAsync(cancellationToken);
        return [EvaluationScope.Everything, .. steps.Select(s => new EvaluationScope(s.JourneyId, s.JourneyStepId)).OrderBy(s => s.Scope, StringComparer.Ordinal)];
    }

    private async Task<int> EvaluateAsync(MetricDefinitionRecord metric, DateTime closedDay, EvaluationScope scope, CancellationToken cancellationToken)
    {
        var bucket = CalendarBuckets.Day(closedDay);
        var filter = new V1.ResultFilter { From = Timestamp.FromDateTime(closedDay.AddDays(-1)), To = Timestamp.FromDateTime(closedDay.AddDays(1)) };
        if (scope.JourneyStepId.Length > 0)
        {
            filter.JourneyIds.Add(scope.JourneyId);
            filter.JourneyStepIds.Add(scope.JourneyStepId);
        }

        var days = await results.GetAsync(new V1.GetResultsRequest { MetricId = metric.MetricId, GroupBy = V1.Grouping.Day, Filter = filter }, cancellationToken);
        var closed = days.Results.FirstOrDefault(r => r.Group == bucket);
        var previous = days.Results.FirstOrDefault(r => r.Group != bucket);
        if (closed is not { HasScore: true, LowN: false })
        {
            return 0;
        }

        var raised = 0;
        if (closed.Change is { Significant: true } && previous is { HasScore: true, LowN: false })
        {
            db.Raise(new SignificantChangeDetected
            {
                MetricId = metric.MetricId,
                Bucket = bucket,
                PreviousBucket = previous.Group,
                Score = closed.Score,
                PreviousScore = previous.Score,
                Change = closed.Change,
                JourneyId = scope.JourneyId,
                JourneyStepId = scope.JourneyStepId,
            }, metric.MetricId);
            raised++;
        }

        if (metric.Target is { } target && closed.Interval is { } interval
            && (metric.HigherIsBetter ? interval.Upper < target : interval.Lower > target))
        {
            db.Raise(new MetricThresholdBreached
            {
                MetricId = metric.MetricId,
                Bucket = bucket,
                N = closed.N,
                Score = closed.Score,
                Interval = interval,
                Target = target,
                JourneyId = scope.JourneyId,
                JourneyStepId = scope.JourneyStepId,
            }, metric.MetricId);
            raised++;
        }

        return raised;
    }

    /// <summary>Every context (both ids empty), or one journey step.</summary>
    private sealed record EvaluationScope(string JourneyId, string JourneyStepId)
    {
        public static readonly EvaluationScope Everything = new(string.Empty, string.Empty);

        public string Scope => JourneyStepId.Length == 0 ? string.Empty : JourneyId + "/" + JourneyStepId;
    }
}
