using System.Globalization;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Calendar;
using Cx.Measurement.Metrics;
using Cx.Measurement.Results;
using Cx.ServiceKit.Jobs;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Alerts;

/// <summary>
/// Evaluates each metric's closed buckets (days, ISO weeks and months), each once, over every
/// context and at each journey step answered in the bucket: a significant move from the bucket
/// before raises significant_change_detected; a score whose whole interval lies on the wrong side
/// of the target raises metric_threshold_breached (both with the journey step, or none). Moves that
/// are not significant, and buckets (or buckets before them) with too few answers to act on (the
/// low-n flag), raise nothing. Buckets closed while no evaluation ran (the service was down) are
/// caught up, a few back (<see cref="AlertGrain.CatchUp"/>).
/// Runs every Cx:Measurement:EvaluationIntervalSeconds (300 by default) for every tenant with metrics.
/// Evaluations are recorded, so a restart or a second replica raises nothing twice.
/// </summary>
internal sealed class BucketEvaluator(MeasurementDb db, ResultsApi results) : ITenantJob
{
    public const string IntervalSetting = "Cx:Measurement:EvaluationIntervalSeconds";

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.MetricDefinitions.IgnoreQueryFilters().Select(m => m.TenantId).Distinct().ToListAsync(cancellationToken);

    /// <returns>The number of events raised for the current tenant.</returns>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = AlertGrain.All.SelectMany(grain => grain.Closed(now.UtcDateTime).Select(start => (Grain: grain, Start: start, Label: grain.Label(start)))).ToList();
        var labels = candidates.Select(c => c.Label).ToArray();
        var metrics = await db.MetricDefinitions
            .Where(m => m.Version == db.MetricDefinitions.Where(v => v.MetricId == m.MetricId).Max(v => v.Version))
            .ToListAsync(cancellationToken);
        var evaluated = (await db.EvaluatedBuckets.Where(b => labels.Contains(b.Bucket)).Select(b => new { b.MetricId, b.Bucket }).ToListAsync(cancellationToken))
            .Select(b => (b.MetricId, b.Bucket))
            .ToHashSet();
        var raised = 0;
        foreach (var metric in metrics)
        {
            foreach (var (grain, start, label) in candidates.Where(c => !evaluated.Contains((metric.MetricId, c.Label))))
            {
                foreach (var step in await StepsAnsweredAsync(metric.MetricId, grain, start, cancellationToken))
                {
                    raised += await EvaluateAsync(metric, grain, start, step, cancellationToken);
                    db.EvaluatedBuckets.Add(new EvaluatedBucketRecord { MetricId = metric.MetricId, Bucket = label, Scope = step.Scope, EvaluatedAtUtc = now.UtcDateTime });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }

    /// <summary>What a bucket is evaluated over: every context first, then each journey step answered in it.</summary>
    private async Task<List<EvaluationScope>> StepsAnsweredAsync(string metricId, AlertGrain grain, DateTime start, CancellationToken cancellationToken)
    {
        var (from, to) = (CalendarBuckets.Day(start), CalendarBuckets.Day(grain.Next(start)));
        var steps = await db.ScoreRollups
            .Where(r => r.MetricId == metricId && string.Compare(r.Day, from) >= 0 && string.Compare(r.Day, to) < 0 && r.JourneyStepId != string.Empty)
            .Select(r => new { r.JourneyId, r.JourneyStepId })
            .Distinct()
            .ToListAsync(cancellationToken);
        return [EvaluationScope.Everything, .. steps.Select(s => new EvaluationScope(s.JourneyId, s.JourneyStepId)).OrderBy(s => s.Scope, StringComparer.Ordinal)];
    }

    private async Task<int> EvaluateAsync(MetricDefinitionRecord metric, AlertGrain grain, DateTime start, EvaluationScope scope, CancellationToken cancellationToken)
    {
        var before = grain.Previous(start);
        var filter = new CommonV1.ResultFilter { From = Timestamp.FromDateTime(before), To = Timestamp.FromDateTime(grain.Next(start)) };
        if (scope.JourneyStepId.Length > 0)
        {
            filter.JourneyIds.Add(scope.JourneyId);
            filter.JourneyStepIds.Add(scope.JourneyStepId);
        }

        var buckets = await results.GetAsync(new V1.GetResultsRequest { MetricId = metric.MetricId, GroupBy = grain.Grouping, Filter = filter }, cancellationToken);
        var closed = buckets.Results.FirstOrDefault(r => r.Group == grain.GroupKey(start));
        var previous = buckets.Results.FirstOrDefault(r => r.Group == grain.GroupKey(before));
        var bucket = grain.Label(start);
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
                PreviousBucket = grain.Label(before),
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

        /// <summary>"" for every context; else the journey's length, the journey and the step ("3:buy/delivery"), so ids holding '/' cannot meet.</summary>
        public string Scope => JourneyStepId.Length == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{JourneyId.Length}:{JourneyId}/{JourneyStepId}");
    }
}

/// <summary>A kind of bucket alerts are evaluated on: which have closed, their range and their label.</summary>
/// <param name="CatchUp">How many closed buckets back are still evaluated: what a pause missed is raised, not years of history.</param>
internal sealed record AlertGrain(V1.Grouping Grouping, int CatchUp)
{
    public static readonly AlertGrain Day = new(V1.Grouping.Day, 7);
    public static readonly AlertGrain Week = new(V1.Grouping.Week, 4);
    public static readonly AlertGrain Month = new(V1.Grouping.Month, 2);
    public static readonly IReadOnlyList<AlertGrain> All = [Day, Week, Month];

    private CalendarGrain Calendar => Grouping switch
    {
        V1.Grouping.Day => CalendarGrain.Day,
        V1.Grouping.Week => CalendarGrain.Week,
        _ => CalendarGrain.Month,
    };

    /// <summary>The last <see cref="CatchUp"/> buckets closed at <paramref name="now"/>, oldest first (their starts, UTC).</summary>
    public IEnumerable<DateTime> Closed(DateTime now) => CalendarBuckets.Closed(Calendar, now, CatchUp);

    public DateTime Next(DateTime start) => CalendarBuckets.Next(Calendar, start);

    public DateTime Previous(DateTime start) => CalendarBuckets.Back(Calendar, start, 1);

    /// <inheritdoc cref="CalendarBuckets.Label"/>
    public string Label(DateTime start) => CalendarBuckets.Label(Calendar, start);

    /// <inheritdoc cref="CalendarBuckets.GroupKey"/>
    public string GroupKey(DateTime start) => CalendarBuckets.GroupKey(Calendar, start);
}
