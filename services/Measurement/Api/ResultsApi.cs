using System.Linq.Expressions;
using Cx.Domain.Errors;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Api;

/// <summary>
/// A metric's results for any filter and grouping. The database counts answers per group and scale
/// point; every figure (score, interval, change) is computed from those counts by the domain.
/// </summary>
internal sealed class ResultsApi(MeasurementDb db, MetricDefinitionsApi definitions)
{
    public async Task<V1.GetResultsResponse> GetAsync(V1.GetResultsRequest request, CancellationToken cancellationToken)
    {
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        var filter = request.Filter ?? new V1.ResultFilter();
        new Validator()
            .Require(request.MetricId.Length > 0, "metric_id", "Required.")
            .Require(confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.")
            .Require(filter.From is null || filter.To is null || filter.From.ToDateTimeOffset() < filter.To.ToDateTimeOffset(), "filter.to", "Must be after filter.from.")
            .Require(Enum.IsDefined(request.GroupBy), "group_by", "Not a grouping this API knows.")
            .ThrowIfInvalid();
        var metric = await definitions.LatestAsync(request.MetricId, cancellationToken) ?? throw new NotFoundException("metric", request.MetricId);

        var answers = Filter(db.Answers.Where(a => a.MetricId == metric.MetricId && a.Score != null), db.Responses, filter);
        var counts = await answers
            .Select(GroupKey(request.GroupBy))
            .GroupBy(x => new { x.Group, x.Score })
            .Select(g => new { g.Key.Group, g.Key.Score, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        var scale = metric.Scale;
        var results = new List<V1.MetricResult>();
        Score? previous = null;
        foreach (var group in counts.GroupBy(c => c.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var distribution = new long[scale.Points];
            foreach (var count in group)
            {
                distribution[count.Score - scale.Min] += count.Count;
            }

            var score = MetricScoring.Compute(metric.Kind, scale, distribution, confidence);
            var result = ToContract(group.Key, score);
            if (IsTime(request.GroupBy) && previous is not null && MetricScoring.ChangeBetween(score, previous, confidence) is { } change)
            {
                result.Change = new V1.ChangeFromPrevious
                {
                    Difference = change.Difference,
                    Interval = new V1.Interval { Lower = change.Interval.Lower, Upper = change.Interval.Upper },
                    Z = change.Z,
                    Significant = change.Significant,
                };
            }

            results.Add(result);
            previous = score;
        }

        if (request.GroupBy == V1.Grouping.Unspecified && results.Count == 0)
        {
            results.Add(ToContract(string.Empty, MetricScoring.Compute(metric.Kind, scale, new long[scale.Points], confidence)));
        }

        return new V1.GetResultsResponse { Metric = metric.ToContract(), Results = { results }, Method = MetricScoring.Method(metric.Kind) };
    }

    /// <summary>The one reading of a filter, shared by every query, so a filter means the same everywhere.</summary>
    internal static IQueryable<ResponseRecord> Filter(IQueryable<ResponseRecord> responses, V1.ResultFilter filter)
    {
        responses = In(responses, filter.Channels, r => r.Channel);
        responses = In(responses, filter.JourneyIds, r => r.JourneyId);
        responses = In(responses, filter.JourneyStepIds, r => r.JourneyStepId);
        responses = In(responses, filter.Touchpoints, r => r.Touchpoint);
        responses = In(responses, filter.Segments, r => r.Segment);
        responses = In(responses, filter.Regions, r => r.Region);
        responses = In(responses, filter.TeamIds, r => r.TeamId);
        responses = In(responses, filter.EmployeeIds, r => r.EmployeeId);
        responses = In(responses, filter.CustomerIds, r => r.CustomerId);
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
    internal static IQueryable<AnswerRecord> Filter(IQueryable<AnswerRecord> answers, IQueryable<ResponseRecord> responses, V1.ResultFilter filter)
    {
        var selected = Filter(responses, filter).Select(r => r.Id);
        return answers.Where(a => selected.Contains(a.ResponseId));
    }

    private static IQueryable<ResponseRecord> In(IQueryable<ResponseRecord> responses, Google.Protobuf.Collections.RepeatedField<string> values, Expression<Func<ResponseRecord, string>> tag)
    {
        if (values.Count == 0)
        {
            return responses;
        }

        var allowed = values.ToArray();
        var row = tag.Parameters[0];
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Constant(allowed), tag.Body);
        return responses.Where(Expression.Lambda<Func<ResponseRecord, bool>>(contains, row));
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
            result.Interval = new V1.Interval { Lower = interval.Lower, Upper = interval.Upper };
        }

        if (score.TopShare is { Percent: { } share, Interval: { } shareInterval })
        {
            result.TopShare = share;
            result.TopShareInterval = new V1.Interval { Lower = shareInterval.Lower, Upper = shareInterval.Upper };
        }

        return result;
    }

    // A class with settable members: EF translates member initialisation inside GroupBy, not constructors.
    private sealed class GroupedScore
    {
        public string Group { get; init; } = string.Empty;

        public int Score { get; init; }
    }
}
