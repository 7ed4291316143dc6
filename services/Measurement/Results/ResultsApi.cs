using Cx.Domain.Errors;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Domain.Statistics;
using Cx.Measurement.Metrics;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Results;

/// <summary>
/// A metric's results for any filter and grouping. The database counts answers per group and scale
/// point; every figure (score, interval, change) is computed from those counts by the domain.
/// </summary>
internal sealed partial class ResultsApi(MeasurementDb db, MetricDefinitionsApi definitions)
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
            .Require(!request.CompareToPreviousPeriod || !IsTime(request.GroupBy), "compare_to_previous_period", "Not with a grouping by time: its groups are each compared with the one before already.")
            .Require(!request.CompareToPreviousPeriod || (filter.From is not null && filter.To is not null), "filter.from", "Required with compare_to_previous_period, as is filter.to: they set the period the previous one mirrors.")
            .ThrowIfInvalid();
        var metric = await definitions.LatestAsync(request.MetricId, cancellationToken) ?? throw new NotFoundException("metric", request.MetricId);

        var counts = await CountsAsync(metric.MetricId, filter, request.GroupBy, useRollups, cancellationToken);
        var earlier = new Dictionary<string, Score>(StringComparer.Ordinal);
        if (request.CompareToPreviousPeriod)
        {
            var (from, to) = (filter.From!.ToDateTimeOffset(), filter.To!.ToDateTimeOffset());
            var previous = filter.Clone();
            (previous.From, previous.To) = (Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(from - (to - from)), filter.From);
            foreach (var group in (await CountsAsync(metric.MetricId, previous, request.GroupBy, useRollups, cancellationToken)).GroupBy(c => c.Group))
            {
                earlier[group.Key] = Compute(metric, group, confidence);
            }
        }

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
            else if (earlier.TryGetValue(group.Key, out var lastPeriod) && MetricScoring.ChangeBetween(score, lastPeriod, confidence) is { } fromLastPeriod)
            {
                result.Change = ToContract(fromLastPeriod);
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
            .Require(filter.From is null && filter.To is null, "filter.from", "Must be empty: the periods set the time range.")
            .Require(request.AfterFilter is null || (request.AfterFilter.From is null && request.AfterFilter.To is null), "after_filter.from", "Must be empty: the periods set the time range.");
        RequirePeriod(validator, request.Before, "before");
        RequirePeriod(validator, request.After, "after");
        validator.ThrowIfInvalid();
        var metric = await definitions.LatestAsync(request.MetricId, cancellationToken) ?? throw new NotFoundException("metric", request.MetricId);

        var before = await ScoreAsync(metric, Within(filter, request.Before), confidence, cancellationToken);
        var after = await ScoreAsync(metric, Within(request.AfterFilter ?? filter, request.After), confidence, cancellationToken);
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

    private async Task<List<GroupedCount>> CountsAsync(string metricId, CommonV1.ResultFilter filter, V1.Grouping grouping, bool useRollups, CancellationToken cancellationToken) =>
        useRollups && RollupsCanServe(filter) && grouping != V1.Grouping.Employee
            ? await RollupCountsAsync(metricId, filter, grouping, cancellationToken)
            : await AnswerCountsAsync(metricId, filter, grouping, cancellationToken);

    private async Task<Score> ScoreAsync(MetricDefinitionRecord metric, CommonV1.ResultFilter filter, double confidence, CancellationToken cancellationToken)
    {
        return Compute(metric, await CountsAsync(metric.MetricId, filter, V1.Grouping.Unspecified, useRollups: true, cancellationToken), confidence);
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

    private static CommonV1.ChangeFromPrevious ToContract(Change change)
    {
        var contract = new CommonV1.ChangeFromPrevious
        {
            Difference = change.Difference,
            Z = change.Statistic ?? 0,
            Significant = change.Significant,
            Confidence = change.Confidence,
            Test = change.Test,
            NoCall = change.NoCall switch
            {
                NoCall.None => CommonV1.NoCallReason.Unspecified,
                NoCall.LowN => CommonV1.NoCallReason.LowN,
                NoCall.ZeroVariance => CommonV1.NoCallReason.ZeroVariance,
                _ => throw new ArgumentOutOfRangeException(nameof(change), change.NoCall, "A reason the contract does not know."),
            },
            NoCallDetail = change.NoCallDetail,
        };
        if (change.Interval is { } interval)
        {
            contract.Interval = new CommonV1.Interval { Lower = interval.Lower, Upper = interval.Upper };
        }

        if (change.PValue is { } p)
        {
            contract.PValue = p;
        }

        if (change.DegreesOfFreedom is { } df)
        {
            contract.DegreesOfFreedom = df;
        }

        return contract;
    }

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
}
