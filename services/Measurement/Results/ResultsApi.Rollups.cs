using System.Linq.Expressions;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Results;

internal sealed partial class ResultsApi
{
    /// <summary>Rollups hold every context tag but employee and customer (nor the customer's segments), per whole UTC day (so a grouping by employee reads the answers too).</summary>
    private static bool RollupsCanServe(CommonV1.ResultFilter filter) =>
        filter.EmployeeIds.Count == 0 && filter.CustomerIds.Count == 0 && filter.CustomerSegmentIds.Count == 0 && IsMidnight(filter.From) && IsMidnight(filter.To);

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
    internal static string? PreviousBucket(V1.Grouping grouping, string bucket) => CalendarBuckets.Previous(CalendarOf(grouping), bucket);

    private static string Bucket(V1.Grouping grouping, string day) => CalendarBuckets.OfDay(CalendarOf(grouping), day);

    private static CalendarGrain CalendarOf(V1.Grouping grouping) => grouping switch
    {
        V1.Grouping.Day => CalendarGrain.Day,
        V1.Grouping.Week => CalendarGrain.Week,
        _ => CalendarGrain.Month,
    };

    private sealed class RollupRow
    {
        public string Group { get; init; } = string.Empty;

        public int Score { get; init; }

        public long Count { get; init; }
    }
}
