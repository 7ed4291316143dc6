using Cx.Design.Data;
using Cx.Domain.Errors;
using Cx.Persistence;
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
        var record = await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.JourneyId == request.JourneyId, cancellationToken)
            ?? throw new NotFoundException(JourneysApi.ResourceType, request.JourneyId);
        var version = request.Version != 0 ? request.Version : record.PublishedVersion != 0 ? record.PublishedVersion : record.LatestVersion;
        var journey = await journeys.GetAsync(new V1.GetJourneyRequest { JourneyId = request.JourneyId, Version = version }, cancellationToken);

        var to = clock.GetUtcNow();
        var from = to.AddDays(-(request.WindowDays == 0 ? DefaultWindowDays : request.WindowDays));
        var scores = new V1.JourneyScores
        {
            JourneyId = journey.JourneyId,
            Version = journey.Version,
            From = Timestamp.FromDateTimeOffset(from),
            To = Timestamp.FromDateTimeOffset(to),
        };
        scores.Steps.Add(journey.Steps.Select(s => new V1.StepScores { StepId = s.StepId, StageId = s.StageId, Title = s.Title, IdentifiedPainPoints = { s.IdentifiedPainPoints } }));
        var cases = (await db.StepCases.AsNoTracking()
            .Where(c => c.JourneyId == journey.JourneyId && c.Opened && !c.Closed)
            .GroupBy(c => c.JourneyStepId)
            .Select(g => new { Step = g.Key, Open = g.Count(), Breached = g.Count(c => c.Breached) })
            .ToListAsync(cancellationToken))
            .ToDictionary(c => c.Step, StringComparer.Ordinal);
        foreach (var step in scores.Steps)
        {
            if (cases.TryGetValue(step.StepId, out var open))
            {
                (step.OpenCases, step.BreachedCases) = (open.Open, open.Breached);
            }
        }

        var filter = new CommonV1.ResultFilter { JourneyIds = { journey.JourneyId }, From = scores.From, To = scores.To };
        foreach (var metricId in request.MetricIds)
        {
            MeasurementV1.GetResultsResponse results;
            try
            {
                results = await measurement.GetResultsAsync(
                    new MeasurementV1.GetResultsRequest { MetricId = metricId, Filter = filter, GroupBy = MeasurementV1.Grouping.JourneyStep, CompareToPreviousPeriod = true },
                    deadline: DateTime.UtcNow + Deadline,
                    cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (PeerAnswers.IsUnreachable(e.StatusCode) && !cancellationToken.IsCancellationRequested)
            {
                foreach (var step in scores.Steps)
                {
                    step.Scores.Clear();
                }

                scores.ScoresUnavailable = $"{MeasurementService}: {e.StatusCode}: {e.Status.Detail}";
                return scores;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                foreach (var step in scores.Steps)
                {
                    step.Scores.Add(new V1.StepMetricScore { MetricId = metricId, Problem = $"{e.StatusCode}: {e.Status.Detail}" });
                }

                continue;
            }

            var byStep = results.Results.ToDictionary(r => r.Group, StringComparer.Ordinal);
            foreach (var step in scores.Steps)
            {
                step.Scores.Add(byStep.TryGetValue(step.StepId, out var result) ? ToContract(metricId, result) : new V1.StepMetricScore { MetricId = metricId, LowN = true });
            }
        }

        return scores;
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
