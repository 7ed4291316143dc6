using System.Text.RegularExpressions;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Drivers;
using Cx.Measurement.Results;
using Cx.Persistence.Paging;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Metrics;

/// <summary>Composite indexes: weights given, or taken once from a driver analysis; results per filter and grouping.</summary>
internal sealed partial class CompositeIndexApi(MeasurementDb db, MetricDefinitionsApi definitions, ResultsApi results, DriverAnalysisApi drivers)
{
    public const int MaxComponents = 20;

    public async Task<V1.CompositeIndex> CreateAsync(V1.CompositeIndex? index, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (index is null)
        {
            validator.Add("index", "Required.").ThrowIfInvalid();
        }

        var fromDrivers = index!.WeightsFromOutcomeMetricId.Length > 0;
        validator
            .Require(IdPattern().IsMatch(index.IndexId), "index.index_id", "Lower-case letters, digits and '-', starting with a letter, at most 63 characters.")
            .Require(index.Name.Trim().Length is > 0 and <= 200, "index.name", "Required, at most 200 characters.")
            .Require(index.Components.Count is > 0 and <= MaxComponents, "index.components", $"1 to {MaxComponents} components.")
            .Require(index.Components.Select(c => c.MetricId).Distinct().Count() == index.Components.Count, "index.components", "Each metric at most once.");
        for (var i = 0; i < index.Components.Count; i++)
        {
            validator.Require(fromDrivers || index.Components[i].Weight > 0, $"index.components[{i}].weight", "A positive weight (or take the weights from a driver analysis).");
            validator.Require(await definitions.LatestAsync(index.Components[i].MetricId, cancellationToken) is not null, $"index.components[{i}].metric_id", $"No metric '{index.Components[i].MetricId}' is defined.");
        }

        validator.ThrowIfInvalid();
        if (await db.CompositeIndexes.AnyAsync(i => i.IndexId == index.IndexId, cancellationToken))
        {
            throw new AlreadyExistsException("index", index.IndexId);
        }

        var weights = index.Components.ToDictionary(c => c.MetricId, c => c.Weight);
        if (fromDrivers)
        {
            var analysis = await drivers.AnalyseAsync(new V1.AnalyseDriversRequest { OutcomeMetricId = index.WeightsFromOutcomeMetricId, DriverMetricIds = { weights.Keys } }, cancellationToken);
            weights = analysis.Drivers.ToDictionary(d => d.MetricId, d => d.RawWeight);
        }

        var total = weights.Values.Sum();
        var stored = new V1.CompositeIndex { IndexId = index.IndexId, Name = index.Name.Trim(), WeightsFromOutcomeMetricId = index.WeightsFromOutcomeMetricId };
        stored.Components.Add(index.Components.Select(c => new V1.IndexComponent { MetricId = c.MetricId, Weight = total > 0 ? weights[c.MetricId] / total : 0 }));
        db.CompositeIndexes.Add(new CompositeIndexRecord
        {
            IndexId = stored.IndexId,
            Name = stored.Name,
            ComponentsJson = JsonFormatter.Default.Format(stored),
            WeightsFromOutcomeMetricId = stored.WeightsFromOutcomeMetricId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return stored;
    }

    public async Task<V1.CompositeIndex> GetAsync(string indexId, CancellationToken cancellationToken)
    {
        new Validator().Require(IdPattern().IsMatch(indexId), "index_id", "Lower-case letters, digits and '-', starting with a letter, at most 63 characters.").ThrowIfInvalid();
        var record = await db.CompositeIndexes.AsNoTracking().FirstOrDefaultAsync(i => i.IndexId == indexId, cancellationToken)
            ?? throw new NotFoundException("index", indexId);
        return ToContract(record);
    }

    public async Task<V1.ListCompositeIndexesResponse> ListAsync(V1.ListCompositeIndexesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var (items, next) = await db.CompositeIndexes.AsNoTracking().PageAsync(page, i => i.IndexId, cancellationToken);
        return new V1.ListCompositeIndexesResponse { Indexes = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.CompositeIndexResults> GetResultsAsync(V1.GetCompositeIndexResultsRequest request, CancellationToken cancellationToken)
    {
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        var record = await db.CompositeIndexes.FirstOrDefaultAsync(i => i.IndexId == request.IndexId, cancellationToken)
            ?? throw new NotFoundException("index", request.IndexId);
        var index = ToContract(record);

        var perComponent = new List<(V1.IndexComponent Component, MetricDefinitionRecord Metric, Dictionary<string, V1.MetricResult> Groups)>();
        foreach (var component in index.Components)
        {
            var metric = await definitions.LatestAsync(component.MetricId, cancellationToken) ?? throw new NotFoundException("metric", component.MetricId);
            var figures = await results.GetAsync(new V1.GetResultsRequest { MetricId = component.MetricId, Filter = request.Filter, GroupBy = request.GroupBy, Confidence = confidence }, cancellationToken);
            perComponent.Add((component, metric, figures.Results.ToDictionary(r => r.Group)));
        }

        var response = new V1.CompositeIndexResults { Index = index, Method = CompositeIndexScoring.Method };
        foreach (var group in perComponent.SelectMany(c => c.Groups.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var result = new V1.IndexResult { Group = group };
            var figures = new List<ComponentFigure>();
            foreach (var (component, metric, groups) in perComponent)
            {
                groups.TryGetValue(group, out var figure);
                var score = figure is { HasScore: true } ? figure.Score : (double?)null;
                var interval = figure?.Interval is { } i ? new Domain.Statistics.Interval(i.Lower, i.Upper, confidence) : (Domain.Statistics.Interval?)null;
                figures.Add(new ComponentFigure(metric.Kind, metric.Scale, component.Weight, score, interval, metric.HigherIsBetter));
                var componentScore = new V1.ComponentScore { MetricId = component.MetricId, Weight = component.Weight, N = figure?.N ?? 0 };
                if (score is { } value)
                {
                    componentScore.NormalizedScore = CompositeIndexScoring.Normalise(metric.Kind, metric.Scale, value, metric.HigherIsBetter);
                }

                result.Components.Add(componentScore);
            }

            if (CompositeIndexScoring.Combine(figures, confidence) is { } combined)
            {
                result.Score = combined.Score;
                result.Interval = new CommonV1.Interval { Lower = combined.Interval.Lower, Upper = combined.Interval.Upper };
            }

            response.Results.Add(result);
        }

        return response;
    }

    /// <summary>The index as created: its components and their weights are kept as the contract's JSON.</summary>
    private static V1.CompositeIndex ToContract(CompositeIndexRecord record) => JsonParser.Default.Parse<V1.CompositeIndex>(record.ComponentsJson);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
