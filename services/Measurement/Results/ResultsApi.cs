using System.Linq.Expressions;
using Cx.Domain.Errors;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Domain.Statistics;
using Cx.Measurement.Metrics;
using Cx.Measurement.Responses;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Results;

/// <summary>
/// A metric's results for any filter and grouping. The database counts answers per group and scale
/// point; every figure (score, interval, change) is computed from those counts by the domain.
/// </summary>
internal sealed class ResultsApi(MeasurementDb db, MetricDefinitionsApi definitions)
{
    public Task<V1.GetResultsResponse> GetAsync(V1.GetResultsRequest request, CancellationToken cancellationToken) =>
        GetAsync(request, useRollups: true, cancellationToken);

    /// <param name="useRollups">False reads the answers even where the rollups could serve (to check one against the other).</param>
    internal async Task<V1.GetResultsResponse> GetAsync(V1.GetResultsRequest request, bool useRollups, CancellationToken cancellationToken)
    {
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        var filter = request.Filter ?? new CommonV1.ResultFilter();
        var validator = new Validator()
            .Require(request.MetricId.Length > 0, "metric_id", "Required.")
            .Require(confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.");
        RequireRange(validator, filter)
            .Require(Enum.IsDefined(request.GroupBy), "group_by", "Not a grouping this API knows.")
            .ThrowIfInvalid();
        var metric = await definitions.LatestAsync(request.MetricId, cancellationToken) ?? throw new NotFoundException("metric", request.MetricId);

        var counts = useRollups && RollupsCanServe(filter) && request.GroupBy != V1.Grouping.Employee
            ? await RollupCountsAsync(metric.MetricId, filter, request.GroupBy, cancellationToken)
            : await AnswerCountsAsync(metric.MetricId, filter, request.GroupBy, cancellationToken);

        var results = new List<V1.MetricResult>();
        var scores = new Dictionary<string, Score>(StringComparer.Ordinal);
        foreach (var group in counts.GroupBy(c => c.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var score = Compute(metric, group, confidence);
            var result = ToContract(group.Key, score);

            // Against the period just before, not the last one that had answers: a gap means no change to report.
            if (IsTime(request.GroupBy) && PreviousBucket(request.GroupBy, group.Key) is { } before && scores.TryGetValue(before, out var previous)
                && MetricScoring.ChangeBetween(score, previous, confidence) is { } change)
            {
                result.Change = ToContract(change);
            }

            results.Add(result);
            scores[group.Key] = score;
        }

        if (request.GroupBy == V1.Grouping.Unspecified && results.Count == 0)
        {
            results.Add(ToContract(string.Empty, Compute(metric, [], confidence)));
        }

        return new V1.GetResultsResponse { Metric = metric.ToContract(), Results = { results }, Method = MetricScoring.Method(metric.Kind) };
    }

    public async Task<V1.CompareResultsResponse> CompareAsync(V1.CompareResultsRequest request, CancellationToken cancellationToken)
    {
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        var filter = request.Filter ?? new CommonV1.ResultFilter();
        var validator = new Validator()
            .Require(request.MetricId.Length > 0, "metric_id", "Required.")
            .Require(confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.")
            .Require(filter.From is null && filter.To is null, "filter.from", "Must be empty: the periods set the time range.");
        RequirePeriod(validator, request.Before, "before");
        RequirePeriod(validator, request.After, "after");
        validator.ThrowIfInvalid();
        var metric = await definitions.LatestAsync(request.MetricId, cancellationToken) ?? throw new NotFoundException("metric", request.MetricId);

        var before = await ScoreAsync(metric, Within(filter, request.Before), confidence, cancellationToken);
        var after = await ScoreAsync(metric, Within(filter, request.After), confidence, cancellationToken);
        var response = new V1.CompareResultsResponse
        {
            Metric = metric.ToContract(),
            Before = ToContract("before", before),
            After = ToContract("after", after),
            Method = MetricScoring.Method(metric.Kind),
        };
        if (MetricScoring.ChangeBetween(after, before, confidence) is { } change)
        {
            response.Change = ToContract(change);
        }

        return response;
    }

    private static void RequirePeriod(Validator validator, V1.Period? period, string field) => validator
        .Require(period?.From is not null && period.To is not null, field, "Required, with from and to.")
        .Require(period?.From is null || period.To is null || period.From.ToDateTimeOffset() < period.To.ToDateTimeOffset(), field + ".to", "Must be after from.");

    private static CommonV1.ResultFilter Within(CommonV1.ResultFilter filter, V1.Period period)
    {
        var within = filter.Clone();
        (within.From, within.To) = (period.From, period.To);
        return within;
    }

    private async Task<Score> ScoreAsync(MetricDefinitionRecord metric, CommonV1.ResultFilter filter, double confidence, CancellationToken cancellationToken)
    {
        var counts = RollupsCanServe(filter)
            ? await RollupCountsAsync(metric.MetricId, filter, V1.Grouping.Unspecified, cancellationToken)
            : await AnswerCountsAsync(metric.MetricId, filter, V1.Grouping.Unspecified, cancellationToken);
        return Compute(metric, counts, confidence);
    }

    private static Score Compute(MetricDefinitionRecord metric, IEnumerable<GroupedCount> counts, double confidence)
    {
        var scale = metric.Scale;
        var distribution = new long[scale.Points];
        foreach (var count in counts)
        {
            distribution[count.Score - scale.Min] += count.Count;
        }

        return MetricScoring.Compute(metric.Kind, scale, distribution, confidence);
    }

    private static CommonV1.ChangeFromPrevious ToContract(Change change) => new()
    {
        Difference = change.Difference,
        Interval = new CommonV1.Interval { Lower = change.Interval.Lower, Upper = change.Interval.Upper },
        Z = change.Z,
        Significant = change.Significant,
    };

    private async Task<List<GroupedCount>> AnswerCountsAsync(string metricId, CommonV1.ResultFilter filter, V1.Grouping grouping, CancellationToken cancellationToken) =>
        await Filter(db.Answers.Where(a => a.MetricId == metricId && a.Score != null), db.Responses, filter)
            .Select(GroupKey(grouping))
            .GroupBy(x => new { x.Group, x.Score })
            .Select(g => new GroupedCount { Group = g.Key.Group, Score = g.Key.Score, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

    /// <summary>Rollups hold every context tag but employee and customer, per whole UTC day (so a grouping by employee reads the answers too).</summary>
    private static bool RollupsCanServe(CommonV1.ResultFilter filter) =>
        filter.EmployeeIds.Count == 0 && filter.CustomerIds.Count == 0 && IsMidnight(filter.From) && IsMidnight(filter.To);

    private static bool IsMidnight(Google.Protobuf.WellKnownTypes.Timestamp? at) => at is null || at.ToDateTime().TimeOfDay == TimeSpan.Zero;

    /// <summary>The rollups a query can read, smallest first.</summary>
    internal enum RollupGrain
    {
        /// <summary>Per day over every context: no context tag filtered or grouped by.</summary>
        Totals,

        /// <summary>Per month and context: whole months, and no grouping by day or week.</summary>
        Monthly,

        /// <summary>Per day and context: everything else the rollups serve.</summary>
        Daily,
    }

    /// <summary>The smallest rollup that holds what the query filters and groups by (for a filter the rollups can serve).</summary>
    internal static RollupGrain GrainFor(CommonV1.ResultFilter filter, V1.Grouping grouping)
    {
        var byContext = filter.Channels.Count + filter.JourneyIds.Count + filter.JourneyStepIds.Count + filter.Touchpoints.Count
            + filter.Segments.Count + filter.Regions.Count + filter.TeamIds.Count > 0
            || grouping is not (V1.Grouping.Unspecified or V1.Grouping.Day or V1.Grouping.Week or V1.Grouping.Month);
        if (!byContext)
        {
            return RollupGrain.Totals;
        }

        return grouping is not (V1.Grouping.Day or V1.Grouping.Week) && IsMonthStart(filter.From) && IsMonthStart(filter.To)
            ? RollupGrain.Monthly
            : RollupGrain.Daily;
    }

    /// <summary>Whether the filter's time range, when it has both ends, ends after it starts.</summary>
    private static bool IsRange(CommonV1.ResultFilter? filter) =>
        filter?.From is null || filter.To is null || filter.From.ToDateTimeOffset() < filter.To.ToDateTimeOffset();

    /// <summary>The one check of a filter's range, made by every query that takes a filter, with the same words.</summary>
    internal static Validator RequireRange(Validator validator, CommonV1.ResultFilter? filter) =>
        validator.Require(IsRange(filter), "filter.to", "Must be after filter.from.");

    /// <summary>The months a whole-month filter covers, from inclusive and to exclusive ("2026-11"); null for an open end.</summary>
    internal static (string? From, string? To) MonthsOf(CommonV1.ResultFilter filter) =>
        (filter.From is { } from ? CalendarBuckets.Month(from.ToDateTimeOffset()) : null, filter.To is { } to ? CalendarBuckets.Month(to.ToDateTimeOffset()) : null);

    private static bool IsMonthStart(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null || at.ToDateTime() is { Day: 1, TimeOfDay.Ticks: 0 };

    private async Task<List<GroupedCount>> RollupCountsAsync(string metricId, CommonV1.ResultFilter filter, V1.Grouping grouping, CancellationToken cancellationToken)
    {
        var fromDay = filter.From is { } from ? CalendarBuckets.Day(from.ToDateTimeOffset()) : null;
        var toDay = filter.To is { } to ? CalendarBuckets.Day(to.ToDateTimeOffset()) : null;
        List<GroupedCount> counts;
        switch (GrainFor(filter, grouping))
        {
            case RollupGrain.Totals:
                var totals = db.ScoreTotals.Where(t => t.MetricId == metricId);
                totals = fromDay is null ? totals : totals.Where(t => string.Compare(t.Day, fromDay) >= 0);
                totals = toDay is null ? totals : totals.Where(t => string.Compare(t.Day, toDay) < 0);
                counts = await CountAsync(totals, grouping == V1.Grouping.Unspecified ? t => string.Empty : t => t.Day, t => t.Score, t => t.Count, cancellationToken);
                break;
            case RollupGrain.Monthly:
                var months = FilterTags(db.MonthlyScoreRollups.Where(r => r.MetricId == metricId), filter);
                var fromMonth = fromDay is null ? null : ScoreRollups.MonthOf(fromDay);
                var toMonth = toDay is null ? null : ScoreRollups.MonthOf(toDay);
                months = fromMonth is null ? months : months.Where(r => string.Compare(r.Month, fromMonth) >= 0);
                months = toMonth is null ? months : months.Where(r => string.Compare(r.Month, toMonth) < 0);
                return await CountAsync(months, ContextKey<MonthlyScoreRollupRecord>(grouping, r => r.Month), r => r.Score, r => r.Count, cancellationToken);
            default:
                var days = FilterTags(db.ScoreRollups.Where(r => r.MetricId == metricId), filter);
                days = fromDay is null ? days : days.Where(r => string.Compare(r.Day, fromDay) >= 0);
                days = toDay is null ? days : days.Where(r => string.Compare(r.Day, toDay) < 0);
                counts = await CountAsync(days, ContextKey<ScoreRollupRecord>(grouping, r => r.Day), r => r.Score, r => r.Count, cancellationToken);
                break;
        }

        if (grouping is not (V1.Grouping.Week or V1.Grouping.Month))
        {
            return counts;
        }

        // Weeks and months are whole days: sum the days into them.
        return counts
            .GroupBy(d => (Group: Bucket(grouping, d.Group), d.Score))
            .Select(g => new GroupedCount { Group = g.Key.Group, Score = g.Key.Score, Count = g.Sum(x => x.Count) })
            .ToList();
    }

    /// <summary>The group a rollup row counts towards: a context tag, its time bucket, or one group for all.</summary>
    private static Expression<Func<T, string>> ContextKey<T>(V1.Grouping grouping, Expression<Func<T, string>> time)
        where T : IContextTags => grouping switch
        {
            V1.Grouping.Channel => r => r.Channel,
            V1.Grouping.Journey => r => r.JourneyId,
            V1.Grouping.JourneyStep => r => r.JourneyStepId,
            V1.Grouping.Touchpoint => r => r.Touchpoint,
            V1.Grouping.Segment => r => r.Segment,
            V1.Grouping.Region => r => r.Region,
            V1.Grouping.Team => r => r.TeamId,
            V1.Grouping.Day or V1.Grouping.Week or V1.Grouping.Month => time,
            _ => r => string.Empty,
        };

    /// <summary>Sums a rollup's counts per group and score, in the database.</summary>
    private static Task<List<GroupedCount>> CountAsync<T>(
        IQueryable<T> rows, Expression<Func<T, string>> group, Expression<Func<T, int>> score, Expression<Func<T, long>> count, CancellationToken cancellationToken)
    {
        // One parameter for the three selectors, so EF sees a single projection it can translate.
        var row = Expression.Parameter(typeof(T), "row");
        var projection = Expression.Lambda<Func<T, RollupRow>>(
            Expression.MemberInit(
                Expression.New(typeof(RollupRow)),
                Expression.Bind(typeof(RollupRow).GetProperty(nameof(RollupRow.Group))!, Rebind(group, row)),
                Expression.Bind(typeof(RollupRow).GetProperty(nameof(RollupRow.Score))!, Rebind(score, row)),
                Expression.Bind(typeof(RollupRow).GetProperty(nameof(RollupRow.Count))!, Rebind(count, row))),
            row);
        return rows.Select(projection)
            .GroupBy(x => new { x.Group, x.Score })
            .Select(g => new GroupedCount { Group = g.Key.Group, Score = g.Key.Score, Count = g.Sum(x => x.Count) })
            .ToListAsync(cancellationToken);
    }

    private static Expression Rebind<T, TValue>(Expression<Func<T, TValue>> selector, ParameterExpression row) =>
        new ParameterSwap(selector.Parameters[0], row).Visit(selector.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>The key of the day, week or month before <paramref name="bucket"/>; null before the calendar's first.</summary>
    internal static string? PreviousBucket(V1.Grouping grouping, string bucket)
    {
        var start = DateTimeOffset.Parse((grouping == V1.Grouping.Month ? bucket + "-01" : bucket) + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        if (start < DateTimeOffset.MinValue.AddMonths(1))
        {
            return null;
        }

        return grouping switch
        {
            V1.Grouping.Day => CalendarBuckets.Day(start.AddDays(-1)),
            V1.Grouping.Week => CalendarBuckets.Week(start.AddDays(-7)),
            _ => CalendarBuckets.Month(start.AddMonths(-1)),
        };
    }

    private static string Bucket(V1.Grouping grouping, string day)
    {
        var at = DateTimeOffset.Parse(day + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        return grouping == V1.Grouping.Week ? CalendarBuckets.Week(at) : CalendarBuckets.Month(at);
    }

    /// <summary>The one reading of a filter, shared by every query, so a filter means the same everywhere.</summary>
    internal static IQueryable<ResponseRecord> Filter(IQueryable<ResponseRecord> responses, CommonV1.ResultFilter filter)
    {
        responses = FilterTags(responses, filter);
        responses = In(responses, filter.EmployeeIds, r => r.EmployeeId);
        responses = In(responses, filter.CustomerIds, r => r.CustomerId);

        // The same condition as the partial indexes on these tags (implied by ids that are not
        // empty), so the planner may read the selected people's responses through them.
        if (filter.EmployeeIds.Count > 0 && !filter.EmployeeIds.Contains(string.Empty))
        {
            responses = responses.Where(r => r.EmployeeId != string.Empty);
        }

        if (filter.CustomerIds.Count > 0 && !filter.CustomerIds.Contains(string.Empty))
        {
            responses = responses.Where(r => r.CustomerId != string.Empty);
        }
        if (filter.From is { } from)
        {
            var fromUtc = from.ToDateTime();
            responses = responses.Where(r => r.OccurredAtUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = to.ToDateTime();
            responses = responses.Where(r => r.OccurredAtUtc < toUtc);
        }

        return responses;
    }

    /// <summary>The answers of the responses the filter selects.</summary>
    internal static IQueryable<AnswerRecord> Filter(IQueryable<AnswerRecord> answers, IQueryable<ResponseRecord> responses, CommonV1.ResultFilter filter)
    {
        var selected = Filter(responses, filter).Select(r => r.Id);
        return answers.Where(a => selected.Contains(a.ResponseId));
    }

    /// <summary>The context tags responses and rollups share, filtered the same way on both.</summary>
    internal static IQueryable<T> FilterTags<T>(IQueryable<T> rows, CommonV1.ResultFilter filter)
        where T : IContextTags
    {
        rows = In(rows, filter.Channels, r => r.Channel);
        rows = In(rows, filter.JourneyIds, r => r.JourneyId);
        rows = In(rows, filter.JourneyStepIds, r => r.JourneyStepId);
        rows = In(rows, filter.Touchpoints, r => r.Touchpoint);
        rows = In(rows, filter.Segments, r => r.Segment);
        rows = In(rows, filter.Regions, r => r.Region);
        return In(rows, filter.TeamIds, r => r.TeamId);
    }

    private static IQueryable<T> In<T>(IQueryable<T> rows, Google.Protobuf.Collections.RepeatedField<string> values, Expression<Func<T, string>> tag)
    {
        if (values.Count == 0)
        {
            return rows;
        }

        var allowed = values.ToArray();
        var row = tag.Parameters[0];
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(allowed), tag.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(contains, row));
    }

    private static Expression<Func<AnswerRecord, GroupedScore>> GroupKey(V1.Grouping grouping) => grouping switch
    {
        V1.Grouping.Channel => a => new GroupedScore { Group = a.Response!.Channel, Score = a.Score!.Value },
        V1.Grouping.Journey => a => new GroupedScore { Group = a.Response!.JourneyId, Score = a.Score!.Value },
        V1.Grouping.JourneyStep => a => new GroupedScore { Group = a.Response!.JourneyStepId, Score = a.Score!.Value },
        V1.Grouping.Touchpoint => a => new GroupedScore { Group = a.Response!.Touchpoint, Score = a.Score!.Value },
        V1.Grouping.Segment => a => new GroupedScore { Group = a.Response!.Segment, Score = a.Score!.Value },
        V1.Grouping.Region => a => new GroupedScore { Group = a.Response!.Region, Score = a.Score!.Value },
        V1.Grouping.Team => a => new GroupedScore { Group = a.Response!.TeamId, Score = a.Score!.Value },
        V1.Grouping.Employee => a => new GroupedScore { Group = a.Response!.EmployeeId, Score = a.Score!.Value },
        V1.Grouping.Day => a => new GroupedScore { Group = a.Response!.Day, Score = a.Score!.Value },
        V1.Grouping.Week => a => new GroupedScore { Group = a.Response!.Week, Score = a.Score!.Value },
        V1.Grouping.Month => a => new GroupedScore { Group = a.Response!.Month, Score = a.Score!.Value },
        _ => a => new GroupedScore { Group = string.Empty, Score = a.Score!.Value },
    };

    private static bool IsTime(V1.Grouping grouping) => grouping is V1.Grouping.Day or V1.Grouping.Week or V1.Grouping.Month;

    private static V1.MetricResult ToContract(string group, Score score)
    {
        var result = new V1.MetricResult { Group = group, N = score.N, Distribution = { score.Distribution }, LowN = score.IsLowN };
        if (score.Value is { } value)
        {
            result.Score = value;
        }

        if (score.Interval is { } interval)
        {
            result.Interval = new CommonV1.Interval { Lower = interval.Lower, Upper = interval.Upper };
        }

        if (score.TopShare is { Percent: { } share, Interval: { } shareInterval })
        {
            result.TopShare = share;
            result.TopShareInterval = new CommonV1.Interval { Lower = shareInterval.Lower, Upper = shareInterval.Upper };
        }

        return result;
    }

    // Classes with settable members: EF translates member initialisation inside GroupBy, not constructors.
    private sealed class GroupedScore
    {
        public string Group { get; init; } = string.Empty;

        public int Score { get; init; }
    }

    private sealed class RollupRow
    {
        public string Group { get; init; } = string.Empty;

        public int Score { get; init; }

        public long Count { get; init; }
    }

    private sealed class GroupedCount
    {
        public string Group { get; init; } = string.Empty;

        public int Score { get; init; }

        public long Count { get; init; }
    }
}
