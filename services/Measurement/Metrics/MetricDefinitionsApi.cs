using System.Text.RegularExpressions;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Metrics;
using Cx.Persistence;
using Cx.Persistence.Paging;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Metrics;

/// <summary>Metric definitions: created once, changed by adding versions, never rewritten.</summary>
internal sealed partial class MetricDefinitionsApi(MeasurementDb db, TimeProvider clock)
{
    public async Task<V1.MetricDefinition> CreateAsync(V1.MetricDefinition? metric, CancellationToken cancellationToken)
    {
        var record = Validate(metric, "metric");
        if (await LatestAsync(record.MetricId, cancellationToken) is not null)
        {
            throw new AlreadyExistsException("metric", record.MetricId);
        }

        record.Version = 1;
        return await SaveAsync(record, cancellationToken);
    }

    public async Task<V1.MetricDefinition> UpdateAsync(V1.MetricDefinition? metric, CancellationToken cancellationToken)
    {
        var record = Validate(metric, "metric");
        var current = await LatestAsync(record.MetricId, cancellationToken) ?? throw new NotFoundException("metric", record.MetricId);
        if (current.Kind != record.Kind || current.ScaleMin != record.ScaleMin || current.ScaleMax != record.ScaleMax || current.HigherIsBetter != record.HigherIsBetter)
        {
            // Answers already recorded were given on this kind, scale and direction: changing them
            // would change what past results mean. A new version changes the name and the target.
            throw new PreconditionFailedException("METRIC_SCALE_FIXED", "metric/" + record.MetricId,
                $"The kind, scale and direction of {record.MetricId} cannot change ({current.Kind} {current.ScaleMin}-{current.ScaleMax}, "
                + $"{(current.HigherIsBetter ? "higher" : "lower")} is better); define a new metric instead.");
        }

        record.Version = current.Version + 1;
        return await SaveAsync(record, cancellationToken);
    }

    /// <param name="version">A past version, or 0 for the current one.</param>
    public async Task<V1.MetricDefinition> GetAsync(string metricId, int version, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(MetricIdPattern().IsMatch(metricId), "metric_id", MetricIdRule)
            .Require(version >= 0, "version", "A version number, or 0 for the current one.")
            .ThrowIfInvalid();
        var record = version == 0
            ? await LatestAsync(metricId, cancellationToken)
            : await db.MetricDefinitions.FirstOrDefaultAsync(m => m.MetricId == metricId && m.Version == version, cancellationToken);
        return record?.ToContract() ?? throw new NotFoundException("metric", version == 0 ? metricId : $"{metricId}@{version}");
    }

    public async Task<V1.ListMetricDefinitionsResponse> ListAsync(V1.ListMetricDefinitionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var latest = db.MetricDefinitions.Where(m => m.Version == db.MetricDefinitions.Where(v => v.MetricId == m.MetricId).Max(v => v.Version));
        var (items, next) = await latest.PageAsync(page, m => m.MetricId, cancellationToken);
        return new V1.ListMetricDefinitionsResponse { Metrics = { items.Select(m => m.ToContract()) }, NextPageToken = next };
    }

    public Task<MetricDefinitionRecord?> LatestAsync(string metricId, CancellationToken cancellationToken) =>
        db.MetricDefinitions.Where(m => m.MetricId == metricId).OrderByDescending(m => m.Version).FirstOrDefaultAsync(cancellationToken);

    private async Task<V1.MetricDefinition> SaveAsync(MetricDefinitionRecord record, CancellationToken cancellationToken)
    {
        record.CreatedAtUtc = clock.GetUtcNow().UtcDateTime;
        db.MetricDefinitions.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another call created or changed the same definition at the same moment.
            throw record.Version == 1
                ? new AlreadyExistsException("metric", record.MetricId)
                : new ConcurrencyConflictException("metric", record.MetricId, record.Version);
        }

        return record.ToContract();
    }

    private static MetricDefinitionRecord Validate(V1.MetricDefinition? metric, string path)
    {
        var validator = new Validator();
        if (metric is null)
        {
            validator.Add(path, "Required.").ThrowIfInvalid();
        }

        validator.Require(MetricIdPattern().IsMatch(metric!.MetricId), path + ".metric_id", MetricIdRule);
        var kind = metric.Kind.ToDomain();
        validator.Require(kind is not null, path + ".kind", "Required: NPS, CSAT, CES or RATING.");
        validator.Require(metric.Name.Trim().Length is > 0 and <= 200, path + ".name", "Required, at most 200 characters.");
        var scale = MetricScale.For(kind ?? MetricKind.Rating, metric.ScaleMin, metric.ScaleMax, validator, path);
        if (metric.HasTarget)
        {
            var (low, high) = kind switch
            {
                MetricKind.Nps => (-100.0, 100.0),
                MetricKind.Csat => (0.0, 100.0),
                _ => ((double)scale.Min, (double)scale.Max),
            };
            validator.Require(metric.Target >= low && metric.Target <= high, path + ".target", $"Must be a score between {low} and {high}.");
        }

        validator.ThrowIfInvalid();
        return new MetricDefinitionRecord
        {
            MetricId = metric.MetricId,
            Kind = kind!.Value,
            Name = metric.Name.Trim(),
            ScaleMin = scale.Min,
            ScaleMax = scale.Max,
            HigherIsBetter = kind is not MetricKind.Rating || metric.HigherIsBetter,
            Target = metric.HasTarget ? metric.Target : null,
        };
    }

    private const string MetricIdRule = "Lower-case letters, digits and '-', starting with a letter, at most 63 characters.";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricIdPattern();
}
