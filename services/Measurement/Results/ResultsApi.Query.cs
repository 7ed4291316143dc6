using System.Linq.Expressions;
using Cx.Domain.Errors;
using Cx.Measurement.Data;
using Cx.Measurement.Responses;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Results;

internal sealed partial class ResultsApi
{
    private async Task<List<GroupedCount>> AnswerCountsAsync(string metricId, CommonV1.ResultFilter filter, V1.Grouping grouping, CancellationToken cancellationToken) =>
        await Filter(db.Answers.Where(a => a.MetricId == metricId && a.Score != null), db.Responses, filter, db.CustomerSegments)
            .Select(GroupKey(grouping))
            .GroupBy(x => new { x.Group, x.Score })
            .Select(g => new GroupedCount { Group = g.Key.Group, Score = g.Key.Score, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

    /// <summary>Whether the filter's time range, when it has both ends, ends after it starts.</summary>
    private static bool IsRange(CommonV1.ResultFilter? filter) =>
        filter?.From is null || filter.To is null || filter.From.ToDateTimeOffset() < filter.To.ToDateTimeOffset();

    /// <summary>The one check of a filter's range, made by every query that takes a filter, with the same words.</summary>
    internal static Validator RequireRange(Validator validator, CommonV1.ResultFilter? filter) =>
        validator
            .Require(IsRange(filter), "filter.to", "Must be after filter.from.")
            .Require(filter is null || filter.CustomerSegmentIds.All(Identifier.IsValid), "filter.customer_segment_ids", "Segment ids: " + Identifier.Rule);

    /// <summary>The one reading of a filter, shared by every query, so a filter means the same everywhere.</summary>
    internal static IQueryable<ResponseRecord> Filter(IQueryable<ResponseRecord> responses, CommonV1.ResultFilter filter, IQueryable<CustomerSegmentRecord> segments)
    {
        if (filter.CustomerSegmentIds.Count > 0)
        {
            // Members now, as Understanding's events last said: any of the segments named.
            var segmentIds = filter.CustomerSegmentIds.ToArray();
            var members = segments.Where(m => m.Member && segmentIds.Contains(m.SegmentId)).Select(m => m.CustomerId);
            responses = responses.Where(r => r.CustomerId != string.Empty && members.Contains(r.CustomerId));
        }

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
    internal static IQueryable<AnswerRecord> Filter(IQueryable<AnswerRecord> answers, IQueryable<ResponseRecord> responses, CommonV1.ResultFilter filter, IQueryable<CustomerSegmentRecord> segments)
    {
        var selected = Filter(responses, filter, segments).Select(r => r.Id);
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

    // Classes with settable members: EF translates member initialisation inside GroupBy, not constructors.
    private sealed class GroupedScore
    {
        public string Group { get; init; } = string.Empty;

        public int Score { get; init; }
    }

    private sealed class GroupedCount
    {
        public string Group { get; init; } = string.Empty;

        public int Score { get; init; }

        public long Count { get; init; }
    }
}
