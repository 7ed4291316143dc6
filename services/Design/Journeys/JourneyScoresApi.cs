using System.Runtime.ExceptionServices;
using Cx.Design.Data;
using Cx.Design.Domain.Ecosystem;
using Cx.Design.Domain.Journeys;
using Cx.Domain.Errors;
using Cx.ServiceDefaults.Hosting;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Design.V1;

namespace Cx.Design.Journeys;

/// <summary>
/// A journey's steps with the measurement service's own figures for them, read when asked: one
/// grouped query per metric over the journey, so the map costs the same whatever its length, and
/// nothing is copied that could drift from what Measurement knows.
/// </summary>
internal sealed class JourneyScoresApi(DesignDb db, JourneysApi journeys, TimeProvider clock, MeasurementV1.MeasurementService.MeasurementServiceClient measurement)
{
    public const string MeasurementService = "measurement";
    public const int MaxMetrics = 5;
    public const int DefaultWindowDays = 90;

    /// <summary>A measurement service that does not answer in this long is reported as unavailable rather than holding the read.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<V1.JourneyScores> GetAsync(V1.GetJourneyScoresRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(Identifier.IsValid(request.JourneyId), "journey_id", Identifier.Rule)
            .Require(request.Version >= 0, "version", "0 (the published version) or a version number.")
            .Require(request.MetricIds.Count is > 0 and <= MaxMetrics && request.MetricIds.All(m => Identifier.IsReference(m)), "metric_ids", $"1 to {MaxMetrics} of Measurement's metric ids.")
            .Require(request.MetricIds.Distinct().Count() == request.MetricIds.Count, "metric_ids", "Each metric at most once.")
            .Require(request.WindowDays is >= 0 and <= 365, "window_days", $"1 to 365 days; 0 means {DefaultWindowDays}.")
            .ThrowIfInvalid();
        var to = clock.GetUtcNow();
        var from = to.AddDays(-(request.WindowDays == 0 ? DefaultWindowDays : request.WindowDays));
        var filter = new CommonV1.ResultFilter { JourneyIds = { request.JourneyId }, From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to) };

        // Measurement's grouped queries take many times the journey's own reads: ask them first and
        // read the journey while they run, so the map costs Measurement's time and little more.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var asked = request.MetricIds.Select(metricId => AskAsync(metricId, filter, abandon.Token)).ToList();
        V1.Journey journey;
        try
        {
            journey = await journeys.GetPublishedAsync(request.JourneyId, request.Version, cancellationToken);
        }
        catch
        {
            // No map to draw: the questions in flight are dropped, and nothing they meet hides why.
            await abandon.CancelAsync();
            await ((Task)Task.WhenAll(asked)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        var scores = new V1.JourneyScores
        {
            JourneyId = journey.JourneyId,
            Version = journey.Version,
            From = filter.From,
            To = filter.To,
        };
        scores.Steps.Add(journey.Steps.Select(s => new V1.StepScores { StepId = s.StepId, StageId = s.StageId, Title = s.Title, IdentifiedPainPoints = { s.IdentifiedPainPoints } }));
        var cases = (await db.StepCases.AsNoTracking()
            .Where(c => c.JourneyId == journey.JourneyId && c.Opened && !c.Closed)
            .GroupBy(c => c.JourneyStepId)
            .Select(g => new { Step = g.Key, Open = g.Count(), Breached = g.Count(c => c.Breached) })
            .ToListAsync(cancellationToken))
            .ToDictionary(c => c.Step, StringComparer.Ordinal);
        var (fromUtc, toUtc) = (from.UtcDateTime, to.UtcDateTime);
        var negative = await db.EcosystemSignals.AsNoTracking()
            .Where(s => s.JourneyId == journey.JourneyId && s.Kind == (int)SignalKind.NegativeFeedback && s.OccurredAtUtc >= fromUtc && s.OccurredAtUtc < toUtc)
            .Select(s => new { s.JourneyStepId, s.TopicIdsKey })
            .ToListAsync(cancellationToken);
        var complaints = StepTopics.Of(negative.Select(s => (s.JourneyStepId, StepTopics.FromKey(s.TopicIdsKey))));
        foreach (var step in scores.Steps)
        {
            if (cases.TryGetValue(step.StepId, out var open))
            {
                (step.OpenCases, step.BreachedCases) = (open.Open, open.Breached);
            }

            if (complaints.TryGetValue(step.StepId, out var complained))
            {
                step.NegativeComments = complained.NegativeComments;
                step.TopNegativeTopics.Add(complained.TopTopics.Select(t => new V1.StepTopic { TopicId = t.TopicId, Mentions = t.Mentions, Share = t.Share }));
            }
        }

        // In the order asked, so the answer is the one asking one metric after another would give.
        foreach (var (metricId, results, refusal) in await Task.WhenAll(asked))
        {
            if (refusal is not null && PeerAnswers.IsUnreachable(refusal.StatusCode) && !cancellationToken.IsCancellationRequested)
            {
                foreach (var step in scores.Steps)
                {
                    step.Scores.Clear();
                }

                scores.ScoresUnavailable = $"{MeasurementService}: {refusal.StatusCode}: {refusal.Status.Detail}";
                return scores;
            }

            if (refusal is not null && !cancellationToken.IsCancellationRequested)
            {
                foreach (var step in scores.Steps)
                {
                    step.Scores.Add(new V1.StepMetricScore { MetricId = metricId, Problem = $"{refusal.StatusCode}: {refusal.Status.Detail}" });
                }

                continue;
            }

            if (refusal is not null)
            {
                ExceptionDispatchInfo.Throw(refusal);
            }

            var byStep = results!.Results.ToDictionary(r => r.Group, StringComparer.Ordinal);
            foreach (var step in scores.Steps)
            {
                step.Scores.Add(byStep.TryGetValue(step.StepId, out var result) ? ToContract(metricId, result) : new V1.StepMetricScore { MetricId = metricId, LowN = true });
            }
        }

        return scores;
    }

    /// <summary>One metric's results over the journey's steps, or what Measurement answered instead.</summary>
    private async Task<(string MetricId, MeasurementV1.GetResultsResponse? Results, RpcException? Refusal)> AskAsync(string metricId, CommonV1.ResultFilter filter, CancellationToken cancellationToken)
    {
        try
        {
            var results = await measurement.GetResultsAsync(
                new MeasurementV1.GetResultsRequest { MetricId = metricId, Filter = filter.Clone(), GroupBy = MeasurementV1.Grouping.JourneyStep, CompareToPreviousPeriod = true },
                deadline: DateTime.UtcNow + Deadline,
                cancellationToken: cancellationToken);
            return (metricId, results, null);
        }
        catch (RpcException e)
        {
            return (metricId, null, e);
        }
    }

    private static V1.StepMetricScore ToContract(string metricId, MeasurementV1.MetricResult result)
    {
        var score = new V1.StepMetricScore { MetricId = metricId, N = result.N, Interval = result.Interval, LowN = result.LowN, Change = result.Change };
        if (result.HasScore)
        {
            score.Score = result.Score;
        }

        return score;
    }
}
