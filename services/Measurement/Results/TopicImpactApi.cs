using Cx.Domain.Errors;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Metrics;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Results;

/// <summary>
/// Topic impact: the database counts the filter's answers per scale point, once over all and once
/// per topic mentioned; the domain (<see cref="TopicImpacts"/>) weighs each topic from those counts.
/// Read from the answers, not the rollups: the rollups know no topics.
/// </summary>
internal sealed class TopicImpactApi(MeasurementDb db, MetricDefinitionsApi definitions)
{
    public const int MaxTopics = 50;

    public async Task<V1.GetTopicImpactResponse> GetAsync(V1.GetTopicImpactRequest request, CancellationToken cancellationToken)
    {
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        var filter = request.Filter ?? new CommonV1.ResultFilter();
        var validator = new Validator()
            .Require(request.MetricId.Length > 0, "metric_id", "Required.")
            .Require(confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.")
            .Require(request.TopicIds.Count <= MaxTopics, "topic_ids", $"At most {MaxTopics} topics.")
            .Require(request.TopicIds.All(t => Identifier.IsReference(t)), "topic_ids", "Each at most 100 characters, no surrounding spaces.");
        ResultsApi.RequireRange(validator, filter).ThrowIfInvalid();
        var metric = await definitions.LatestAsync(request.MetricId, cancellationToken) ?? throw new NotFoundException("metric", request.MetricId);

        var answers = ResultsApi.Filter(db.Answers.AsNoTracking(), db.Responses.AsNoTracking(), filter, db.CustomerSegments.AsNoTracking())
            .Where(a => a.MetricId == metric.MetricId && a.Score != null);
        var all = await answers.GroupBy(a => a.Score!.Value).Select(g => new { Score = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var topics = db.ResponseTopics.AsNoTracking();
        if (request.TopicIds.Count > 0)
        {
            var wanted = request.TopicIds.ToArray();
            topics = topics.Where(t => wanted.Contains(t.TopicId));
        }

        var mentioning = await answers.Join(topics, a => a.ResponseId, t => t.ResponseId, (a, t) => new { t.TopicId, Score = a.Score!.Value })
            .GroupBy(x => new { x.TopicId, x.Score })
            .Select(g => new { g.Key.TopicId, g.Key.Score, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        var scale = metric.Scale;
        var allDistribution = Distribution(all.Select(c => (c.Score, c.Count)));
        var overall = MetricScoring.Compute(metric.Kind, scale, allDistribution, confidence);
        var impacts = mentioning.GroupBy(m => m.TopicId, StringComparer.Ordinal)
            .Select(g => (TopicId: g.Key, Impact: TopicImpacts.Of(metric.Kind, scale, allDistribution, Distribution(g.Select(c => (c.Score, c.Count))), confidence)))
            .OrderByDescending(t => t.Impact.Move ?? double.NegativeInfinity)
            .ThenBy(t => t.TopicId, StringComparer.Ordinal)
            .Select(t => ToContract(t.TopicId, t.Impact))
            .ToList();
        var response = new V1.GetTopicImpactResponse { Metric = metric.ToContract(), N = overall.N, Topics = { impacts }, Method = Method(metric.Kind) };
        if (overall.Value is { } score)
        {
            response.Score = score;
        }

        return response;

        long[] Distribution(IEnumerable<(int Score, long Count)> counts)
        {
            var distribution = new long[scale.Points];
            foreach (var (point, count) in counts)
            {
                distribution[point - scale.Min] += count;
            }

            return distribution;
        }
    }

    private static string Method(MetricKind kind) =>
        MetricScoring.Method(kind) + "; move = share mentioning · (score without − score with), interval = the gap's interval · share";

    private static V1.TopicImpact ToContract(string topicId, TopicImpact impact)
    {
        var result = new V1.TopicImpact { TopicId = topicId, N = impact.Mentioning.N, Share = impact.Share, LowN = impact.Mentioning.IsLowN || impact.Without.IsLowN };
        if (impact.Mentioning.Value is { } with)
        {
            result.Score = with;
        }

        if (impact.Without.Value is { } without)
        {
            result.ScoreWithout = without;
        }

        if (impact.Move is { } move)
        {
            result.Move = move;
        }

        if (impact.Interval is { } interval)
        {
            result.Interval = new CommonV1.Interval { Lower = interval.Lower, Upper = interval.Upper };
        }

        return result;
    }
}
