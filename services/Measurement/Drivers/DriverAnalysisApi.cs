using Cx.Domain.Errors;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Statistics;
using Cx.Measurement.Metrics;
using Cx.Measurement.Results;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Drivers;

/// <summary>
/// Key driver analysis over recorded responses: the responses that answered the outcome and every
/// driver, as distinct score combinations with their counts; the domain computes the weights; the
/// result, with its inputs, is returned and announced (driver_analysis_completed). The whole months
/// in a filter's range are read from the monthly score combinations, so their cost follows the
/// combinations given, not the number of responses; only part months at either end (and filters on
/// employees or customers) read the answers.
/// </summary>
internal sealed class DriverAnalysisApi(MeasurementDb db, MetricDefinitionsApi definitions)
{
    public const int MaxDrivers = 20;
    public const int MaxBootstrapSamples = 5_000;

    public Task<CommonV1.DriverAnalysis> AnalyseAsync(V1.AnalyseDriversRequest request, CancellationToken cancellationToken) =>
        AnalyseAsync(request, useRollups: true, cancellationToken);

    /// <param name="useRollups">False reads the answers even where the score combinations could serve (to check one against the other).</param>
    internal async Task<CommonV1.DriverAnalysis> AnalyseAsync(V1.AnalyseDriversRequest request, bool useRollups, CancellationToken cancellationToken)
    {
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        var samples = request.BootstrapSamples == 0 ? 1_000 : request.BootstrapSamples;
        var driverIds = request.DriverMetricIds.ToArray();
        var validator = new Validator()
            .Require(request.OutcomeMetricId.Length > 0, "outcome_metric_id", "Required.")
            .Require(driverIds.Length is > 0 and <= MaxDrivers, "driver_metric_ids", $"1 to {MaxDrivers} driver metrics.")
            .Require(driverIds.Distinct().Count() == driverIds.Length, "driver_metric_ids", "Each driver at most once.")
            .Require(!driverIds.Contains(request.OutcomeMetricId), "driver_metric_ids", "The outcome cannot be its own driver.")
            .Require(samples is > 0 and <= MaxBootstrapSamples, "bootstrap_samples", $"0 (meaning 1,000) to {MaxBootstrapSamples:N0}.")
            .Require(confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.");
        ResultsApi.RequireRange(validator, request.Filter).ThrowIfInvalid();

        var outcome = await definitions.LatestAsync(request.OutcomeMetricId, cancellationToken) ?? throw new NotFoundException("metric", request.OutcomeMetricId);
        var drivers = new List<MetricDefinitionRecord>();
        foreach (var id in driverIds)
        {
            drivers.Add(await definitions.LatestAsync(id, cancellationToken) ?? throw new NotFoundException("metric", id));
        }

        var metricIds = driverIds.Append(outcome.MetricId).ToArray();
        var filter = request.Filter ?? new CommonV1.ResultFilter();
        var sources = useRollups ? SourcesFor(filter) : new DriverSources(null, [filter]);
        var combinations = sources.WholeMonths is { } months ? await CombinationsFromRollupsAsync(metricIds, months, cancellationToken) : [];
        foreach (var part in sources.FromAnswers)
        {
            combinations.AddRange(await CombinationsFromAnswersAsync(metricIds, part, cancellationToken));
        }

        var seed = request.Seed == 0 ? 1 : request.Seed;
        var analysis = RelativeWeights.Analyse(driverIds, combinations, drivers.Select(d => new DriverScale(d.ScaleMin, d.ScaleMax, d.HigherIsBetter)).ToArray(), samples, seed, confidence);
        var result = ToContract(outcome.MetricId, analysis, metricIds);

        db.Raise(new DriverAnalysisCompleted { Analysis = result, Filter = filter }, outcome.MetricId);
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Where a filter's responses are read: the whole UTC months in its range from the monthly score
    /// combinations, and the part months at either end (or everything, for filters on employees or
    /// customers, whom the combinations do not hold) from the answers. The parts do not overlap, so
    /// together they hold each response once.
    /// </summary>
    internal static DriverSources SourcesFor(CommonV1.ResultFilter filter)
    {
        if (filter.EmployeeIds.Count > 0 || filter.CustomerIds.Count > 0 || filter.CustomerSegmentIds.Count > 0)
        {
            return new DriverSources(null, [filter]);
        }

        var from = filter.From?.ToDateTime();
        var to = filter.To?.ToDateTime();
        var firstWholeMonth = from is { } start ? MonthStartAtOrAfter(start) : (DateTime?)null;
        var endOfWholeMonths = to is { } end ? new DateTime(end.Year, end.Month, 1, 0, 0, 0, DateTimeKind.Utc) : (DateTime?)null;
        if (firstWholeMonth >= endOfWholeMonths)
        {
            return new DriverSources(null, [filter]);
        }

        var parts = new List<CommonV1.ResultFilter>();
        if (from < firstWholeMonth)
        {
            parts.Add(Between(filter, from, firstWholeMonth));
        }

        if (endOfWholeMonths < to)
        {
            parts.Add(Between(filter, endOfWholeMonths, to));
        }

        return new DriverSources(Between(filter, firstWholeMonth, endOfWholeMonths), parts);
    }

    private static DateTime MonthStartAtOrAfter(DateTime at)
    {
        var monthStart = new DateTime(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return monthStart == at ? at : monthStart.AddMonths(1);
    }

    /// <summary>The filter with its time range replaced (null: open at that end).</summary>
    private static CommonV1.ResultFilter Between(CommonV1.ResultFilter filter, DateTime? from, DateTime? to)
    {
        var part = filter.Clone();
        part.From = from is { } f ? Timestamp.FromDateTime(f) : null;
        part.To = to is { } t ? Timestamp.FromDateTime(t) : null;
        return part;
    }

    /// <summary>
    /// From the monthly score combinations: the combinations that hold every metric of the analysis
    /// (the responses that answered them all), each reduced to those metrics.
    /// </summary>
    private async Task<List<ScoreCombination>> CombinationsFromRollupsAsync(string[] metricIds, CommonV1.ResultFilter filter, CancellationToken cancellationToken)
    {
        var rows = ResultsApi.FilterTags(db.ScoreCombinations.AsQueryable(), filter);
        var (fromMonth, toMonth) = ResultsApi.MonthsOf(filter);
        rows = fromMonth is null ? rows : rows.Where(r => string.Compare(r.Month, fromMonth) >= 0);
        rows = toMonth is null ? rows : rows.Where(r => string.Compare(r.Month, toMonth) < 0);
        foreach (var metricId in metricIds)
        {
            // Metric ids are lower-case letters, digits and '-', so ";id=" cannot match inside another pair.
            var pair = ";" + metricId + "=";
            rows = rows.Where(r => r.Scores.Contains(pair));
        }

        var stored = await rows.Select(r => new { r.Scores, r.Count }).ToListAsync(cancellationToken);
        return stored.Select(r => ToCombination(ScoreRollups.ScoresOf(r.Scores), metricIds, r.Count)).ToList();
    }

    /// <summary>From the answers: one combination per response that answered the outcome and every driver.</summary>
    private async Task<List<ScoreCombination>> CombinationsFromAnswersAsync(string[] metricIds, CommonV1.ResultFilter filter, CancellationToken cancellationToken)
    {
        var answers = await ResultsApi.Filter(db.Answers.Where(a => metricIds.Contains(a.MetricId) && a.Score != null), db.Responses, filter, db.CustomerSegments)
            .Select(a => new { a.ResponseId, a.MetricId, Score = a.Score!.Value })
            .ToListAsync(cancellationToken);
        return answers.GroupBy(a => a.ResponseId)
            .Select(response => response.ToDictionary(a => a.MetricId, a => a.Score, StringComparer.Ordinal))
            .Where(scores => metricIds.All(scores.ContainsKey))
            .Select(scores => ToCombination(scores, metricIds, 1))
            .ToList();
    }

    /// <summary>The drivers' scores in the request's order, then the outcome's (the last of <paramref name="metricIds"/>).</summary>
    private static ScoreCombination ToCombination(Dictionary<string, int> scores, string[] metricIds, long count) =>
        new(metricIds[..^1].Select(id => (double)scores[id]).ToArray(), scores[metricIds[^1]], count);

    private static CommonV1.DriverAnalysis ToContract(string outcomeMetricId, DriverAnalysis analysis, string[] labels)
    {
        var result = new CommonV1.DriverAnalysis
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
            var weight = new CommonV1.DriverWeight
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
                weight.Interval = new CommonV1.Interval { Lower = interval.Lower, Upper = interval.Upper };
            }

            return weight;
        }));
        return result;
    }
}

/// <summary>Where a driver analysis reads its responses: whole months from the score combinations, the rest from the answers.</summary>
/// <param name="WholeMonths">The filter narrowed to the whole months the combinations serve; null when they serve none.</param>
/// <param name="FromAnswers">The filters, narrowed to the part months or unchanged, read from the answers.</param>
internal sealed record DriverSources(CommonV1.ResultFilter? WholeMonths, IReadOnlyList<CommonV1.ResultFilter> FromAnswers);
