using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Api;
using Cx.Measurement.Data;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Alerts;

/// <summary>
/// Evaluates each metric's closed days, each once: a significant move from the day before raises
/// significant_change_detected; a score whose whole interval lies on the wrong side of the target
/// raises metric_threshold_breached. Moves that are not significant, and days (or previous days)
/// with too few answers to act on (the low-n flag), raise nothing. Days closed while no evaluation
/// ran (the service was down) are caught up, up to <see cref="CatchUpDays"/> back.
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
                raised += await EvaluateDayAsync(metric, day, cancellationToken);
                db.EvaluatedBuckets.Add(new EvaluatedBucketRecord { MetricId = metric.MetricId, Bucket = CalendarBuckets.Day(day), EvaluatedAtUtc = now.UtcDateTime });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }

    private async Task<int> EvaluateDayAsync(MetricDefinitionRecord metric, DateTime closedDay, CancellationToken cancellationToken)
    {
        var bucket = CalendarBuckets.Day(closedDay);
        var days = await results.GetAsync(new V1.GetResultsRequest
        {
            MetricId = metric.MetricId,
            GroupBy = V1.Grouping.Day,
            Filter = new V1.ResultFilter { From = Timestamp.FromDateTime(closedDay.AddDays(-1)), To = Timestamp.FromDateTime(closedDay.AddDays(1)) },
        }, cancellationToken);
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
            }, metric.MetricId);
            raised++;
        }

        if (metric.Target is { } target && closed.Interval is { } interval
            && (metric.HigherIsBetter ? interval.Upper < target : interval.Lower > target))
        {
            db.Raise(new MetricThresholdBreached { MetricId = metric.MetricId, Bucket = bucket, N = closed.N, Score = closed.Score, Interval = interval, Target = target }, metric.MetricId);
            raised++;
        }

        return raised;
    }
}
