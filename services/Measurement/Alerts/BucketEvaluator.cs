using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Api;
using Cx.Measurement.Data;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Alerts;

/// <summary>
/// Evaluates each metric's last closed day, once: a significant move from the day before raises
/// significant_change_detected; a score whose whole interval lies on the wrong side of the target
/// raises metric_threshold_breached. Moves that are not significant raise nothing.
/// </summary>
internal sealed class BucketEvaluator(MeasurementDb db, ResultsApi results)
{
    /// <returns>The number of events raised for the current tenant.</returns>
    public async Task<int> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var closedDay = now.UtcDateTime.Date.AddDays(-1);
        var bucket = CalendarBuckets.Day(closedDay);
        var metrics = await db.MetricDefinitions
            .Where(m => m.Version == db.MetricDefinitions.Where(v => v.MetricId == m.MetricId).Max(v => v.Version))
            .ToListAsync(cancellationToken);
        var evaluated = (await db.EvaluatedBuckets.Where(b => b.Bucket == bucket).Select(b => b.MetricId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var raised = 0;
        foreach (var metric in metrics.Where(m => !evaluated.Contains(m.MetricId)))
        {
            var days = await results.GetAsync(new V1.GetResultsRequest
            {
                MetricId = metric.MetricId,
                GroupBy = V1.Grouping.Day,
                Filter = new V1.ResultFilter { From = Timestamp.FromDateTime(closedDay.AddDays(-1)), To = Timestamp.FromDateTime(closedDay.AddDays(1)) },
            }, cancellationToken);
            var closed = days.Results.FirstOrDefault(r => r.Group == bucket);
            var previous = days.Results.FirstOrDefault(r => r.Group != bucket);
            if (closed is { HasScore: true })
            {
                if (closed.Change is { Significant: true } && previous is { HasScore: true })
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
            }

            db.EvaluatedBuckets.Add(new EvaluatedBucketRecord { MetricId = metric.MetricId, Bucket = bucket, EvaluatedAtUtc = now.UtcDateTime });
        }

        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }
}
