using Cx.Domain.Errors;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Api;

/// <summary>
/// Key driver analysis over recorded responses: the responses that answered the outcome and every
/// driver become the rows; the domain computes the weights; the result, with its inputs, is
/// returned and announced (driver_analysis_completed).
/// </summary>
internal sealed class DriverAnalysisApi(MeasurementDb db, MetricDefinitionsApi definitions)
{
    public const int MaxDrivers = 20;
    public const int MaxBootstrapSamples = 5_000;

    public async Task<V1.DriverAnalysis> AnalyseAsync(V1.AnalyseDriversRequest request, CancellationToken cancellationToken)
    {
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        var samples = request.BootstrapSamples == 0 ? 1_000 : request.BootstrapSamples;
        var driverIds = request.DriverMetricIds.ToArray();
        new Validator()
            .Require(request.OutcomeMetricId.Length > 0, "outcome_metric_id", "Required.")
            .Require(driverIds.Length is > 0 and <= MaxDrivers, "driver_metric_ids", $"1 to {MaxDrivers} driver metrics.")
            .Require(driverIds.Distinct().Count() == driverIds.Length, "driver_metric_ids", "Each driver at most once.")
            .Require(!driverIds.Contains(request.OutcomeMetricId), "driver_metric_ids", "The outcome cannot be its own driver.")
            .Require(samples is > 0 and <= MaxBootstrapSamples, "bootstrap_samples", $"0 (meaning 1,000) to {MaxBootstrapSamples:N0}.")
            .Require(confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.")
            .ThrowIfInvalid();

        var outcome = await definitions.LatestAsync(request.OutcomeMetricId, cancellationToken) ?? throw new NotFoundException("metric", request.OutcomeMetricId);
        var drivers = new List<MetricDefinitionRecord>();
        foreach (var id in driverIds)
        {
            drivers.Add(await definitions.LatestAsync(id, cancellationToken) ?? throw new NotFoundException("metric", id));
        }

        // One row per response that answered the outcome and every driver.
        var metricIds = driverIds.Append(outcome.MetricId).ToArray();
        var answers = await ResultsApi.Filter(db.Answers.Where(a => metricIds.Contains(a.MetricId) && a.Score != null), db.Responses, request.Filter ?? new V1.ResultFilter())
            .Select(a => new { a.ResponseId, a.MetricId, Score = a.Score!.Value })
            .ToListAsync(cancellationToken);
        var rows = new List<double[]>();
        var outcomes = new List<double>();
        foreach (var response in answers.GroupBy(a => a.ResponseId))
        {
            var scores = response.ToDictionary(a => a.MetricId, a => (double)a.Score);
            if (metricIds.All(scores.ContainsKey))
            {
                rows.Add(driverIds.Select(id => scores[id]).ToArray());
                outcomes.Add(scores[outcome.MetricId]);
            }
        }

        var seed = request.Seed == 0 ? 1 : request.Seed;
        var analysis = RelativeWeights.Analyse(driverIds, rows, outcomes, drivers.Select(d => ((double)d.ScaleMin, (double)d.ScaleMax)).ToArray(), samples, seed, confidence);
        var result = ToContract(outcome.MetricId, analysis, metricIds);

        db.Raise(new DriverAnalysisCompleted { Analysis = result }, outcome.MetricId);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static V1.DriverAnalysis ToContract(string outcomeMetricId, DriverAnalysis analysis, string[] labels)
    {
        var result = new V1.DriverAnalysis
        {
            OutcomeMetricId = outcomeMetricId,
            N = analysis.N,
            RSquared = analysis.RSquared,
            Method = analysis.Method,
            BootstrapSamples = analysis.BootstrapSamples,
            Seed = analysis.Seed,
            CorrelationLabels = { labels },
        };
        var size = analysis.Correlations.GetLength(0);
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                result.Correlations.Add(analysis.Correlations[i, j]);
            }
        }

        result.Drivers.Add(analysis.Drivers.OrderByDescending(d => d.Share).Select(d =>
        {
            var weight = new V1.DriverWeight
            {
                MetricId = d.Driver,
                RawWeight = d.RawWeight,
                Importance = d.Share,
                Performance = d.Performance,
                Gap = d.Gap,
                Priority = d.Priority,
            };
            if (d.Interval is { } interval)
            {
                weight.Interval = new V1.Interval { Lower = interval.Lower, Upper = interval.Upper };
            }

            return weight;
        }));
        return result;
    }
}
