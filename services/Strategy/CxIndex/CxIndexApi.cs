using System.Globalization;
using Cx.Domain.Errors;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Strategy.Data;
using Cx.Strategy.Targets;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.CxIndex;

/// <summary>
/// The tenant's CX index: one figure over the metrics that make up its experience, weighted by what
/// drives its customers' loyalty (or by weights the tenant gives). Measurement keeps the composite
/// and computes it with its interval; each version here is a composite of its own there, so a
/// redefinition never changes what an earlier reading meant.
/// </summary>
internal sealed class CxIndexApi(StrategyDb db, MeasuredScores measured, ActorContext actor, TimeProvider clock, MeasurementV1.MeasurementService.MeasurementServiceClient measurement)
{
    public const string ResourceType = "cx-index";
    public const int MinComponents = 2;
    public const int MaxComponents = 10;
    public const int MaxName = 200;
    public const int DefaultWindowDays = 90;
    public const int TrendMonths = 12;

    /// <summary>How far given weights may sum from 1 (rounding in what a person types, no more).</summary>
    public const double WeightTolerance = 1e-6;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public async Task<V1.CxIndex> DefineAsync(V1.DefineCxIndexRequest request, CancellationToken cancellationToken)
    {
        var components = request.ComponentMetricIds;
        var given = request.Weights.Count > 0;
        var validator = new Validator()
            .Require(request.Name.Trim().Length is > 0 and <= MaxName, "name", $"Required, at most {MaxName} characters.")
            .Require(components.Count is >= MinComponents and <= MaxComponents, "component_metric_ids", $"{MinComponents} to {MaxComponents} of Measurement's metrics.")
            .Require(components.Distinct().Count() == components.Count, "component_metric_ids", "Each metric at most once.")
            .Require(given != (request.LoyaltyOutcomeMetricId.Length > 0), "weights", "Exactly one of weights (one per component, summing to 1) and loyalty_outcome_metric_id (the weights from a driver analysis on it).");
        for (var i = 0; i < components.Count; i++)
        {
            validator.Require(Identifier.IsValid(components[i]), $"component_metric_ids[{i}]", "A metric id: " + Identifier.Rule);
        }

        if (given)
        {
            for (var i = 0; i < request.Weights.Count; i++)
            {
                validator.Require(double.IsFinite(request.Weights[i].Weight) && request.Weights[i].Weight > 0, $"weights[{i}].weight", "A positive weight.");
            }

            var sum = request.Weights.Sum(w => w.Weight);
            validator
                .Require(request.Weights.Select(w => w.MetricId).Order(StringComparer.Ordinal).SequenceEqual(components.Order(StringComparer.Ordinal)), "weights", "One weight for each component, and none for anything else.")
                .Require(Math.Abs(sum - 1) <= WeightTolerance, "weights", string.Create(CultureInfo.InvariantCulture, $"The weights must sum to 1; they sum to {sum:0.######}."));
        }
        else
        {
            validator
                .Require(Identifier.IsValid(request.LoyaltyOutcomeMetricId), "loyalty_outcome_metric_id", "A metric id: " + Identifier.Rule)
                .Require(!components.Contains(request.LoyaltyOutcomeMetricId), "loyalty_outcome_metric_id", "The loyalty outcome is what the components drive, not one of them.");
        }

        validator.ThrowIfInvalid();

        var asked = components.Append(given ? null : request.LoyaltyOutcomeMetricId).OfType<string>().Select(id => measured.MetricAsync(id, cancellationToken)).ToList();
        var metrics = await Task.WhenAll(asked);
        var unknown = new Validator();
        for (var i = 0; i < components.Count; i++)
        {
            unknown.Require(metrics[i] is not null, $"component_metric_ids[{i}]", $"Measurement has no metric '{components[i]}'.");
        }

        if (!given)
        {
            unknown.Require(metrics[^1] is not null, "loyalty_outcome_metric_id", $"Measurement has no metric '{request.LoyaltyOutcomeMetricId}'.");
        }

        unknown.ThrowIfInvalid();

        var version = (await db.CxIndexes.AsNoTracking().Select(i => (int?)i.Version).MaxAsync(cancellationToken) ?? 0) + 1;
        var composite = new MeasurementV1.CompositeIndex
        {
            IndexId = "cx-index-v" + version.ToString(CultureInfo.InvariantCulture),
            Name = request.Name.Trim(),
            WeightsFromOutcomeMetricId = request.LoyaltyOutcomeMetricId,
            Components = { components.Select(m => new MeasurementV1.IndexComponent { MetricId = m, Weight = given ? request.Weights.Single(w => w.MetricId == m).Weight : 0 }) },
        };
        var created = await CreateCompositeAsync(composite, cancellationToken);
        var now = clock.GetUtcNow();
        var index = new V1.CxIndex
        {
            Version = version,
            IndexId = created.IndexId,
            Name = created.Name,
            Components = { created.Components.Select(c => new V1.CxIndexComponent { MetricId = c.MetricId, Weight = c.Weight }) },
            LoyaltyOutcomeMetricId = created.WeightsFromOutcomeMetricId,
            DefinedAt = Timestamp.FromDateTimeOffset(now),
            DefinedBy = actor.Actor,
        };
        db.CxIndexes.Add(new CxIndexRecord
        {
            Version = version,
            IndexId = index.IndexId,
            MetricIds = string.Join(' ', index.Components.Select(c => c.MetricId)),
            DefinedAtUtc = now.UtcDateTime,
            DocumentJson = StoredJson.Message(index),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new PreconditionFailedException("VERSION_MISMATCH", ResourceType, $"Version {version} of the CX index was defined by another call meanwhile: read it, and define again if it is not what you meant.");
        }

        return index;
    }

    public async Task<V1.CxIndexReading> GetAsync(V1.GetCxIndexRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(request.WindowDays is >= 0 and <= 365, "window_days", $"1 to 365 days; 0 means {DefaultWindowDays}.")
            .Require(request.Confidence == 0 || request.Confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.")
            .ThrowIfInvalid();
        var record = await LatestAsync(cancellationToken) ?? throw new NotFoundException(ResourceType, "latest");
        var index = StoredJson.Message<V1.CxIndex>(record.DocumentJson);
        var now = clock.GetUtcNow();
        var from = now.AddDays(-(request.WindowDays == 0 ? DefaultWindowDays : request.WindowDays));
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        try
        {
            var window = measurement.GetCompositeIndexResultsAsync(
                new MeasurementV1.GetCompositeIndexResultsRequest { IndexId = index.IndexId, Filter = MeasuredScores.Filter(null, [], from, now), Confidence = confidence },
                deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken).ResponseAsync;
            var months = measurement.GetCompositeIndexResultsAsync(
                new MeasurementV1.GetCompositeIndexResultsRequest { IndexId = index.IndexId, Filter = MeasuredScores.Filter(null, [], thisMonth.AddMonths(1 - TrendMonths), now), GroupBy = MeasurementV1.Grouping.Month, Confidence = confidence },
                deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken).ResponseAsync;
            await Task.WhenAll(window, months);
            var reading = new V1.CxIndexReading
            {
                Index = index,
                From = Timestamp.FromDateTimeOffset(from),
                To = Timestamp.FromDateTimeOffset(now),
                Method = window.Result.Method,
            };
            var overall = window.Result.Results.FirstOrDefault();
            if (overall is not null)
            {
                if (overall.HasScore)
                {
                    reading.Score = overall.Score;
                    reading.Interval = overall.Interval;
                }

                reading.N = overall.Components.Count == 0 ? 0 : overall.Components.Min(c => c.N);
                reading.Components.Add(overall.Components.Select(c => new V1.CxIndexComponentReading
                {
                    MetricId = c.MetricId,
                    Weight = c.Weight,
                    N = c.N,
                    }));
            }

            foreach (var (component, result) in reading.Components.Zip(overall?.Components ?? []))
            {
                if (result.HasNormalizedScore)
                {
                    component.NormalizedScore = result.NormalizedScore;
                }
            }

            foreach (var result in months.Result.Results)
            {
                var month = new V1.CxIndexMonth { Month = result.Group, Interval = result.Interval };
                if (result.HasScore)
                {
                    month.Score = result.Score;
                }

                reading.Trend.Add(month);
            }
            return reading;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw MeasuredScores.Refused(e, "index/" + index.IndexId);
        }
    }

    /// <summary>The latest version of the index, or null before the first.</summary>
    public Task<CxIndexRecord?> LatestAsync(CancellationToken cancellationToken) =>
        db.CxIndexes.AsNoTracking().OrderByDescending(i => i.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Creates the composite in Measurement. A composite of that id already there is this version's
    /// from a call that did not get to record it here: it is taken when it has the same components.
    /// </summary>
    private async Task<MeasurementV1.CompositeIndex> CreateCompositeAsync(MeasurementV1.CompositeIndex composite, CancellationToken cancellationToken)
    {
        try
        {
            return await measurement.CreateCompositeIndexAsync(new MeasurementV1.CreateCompositeIndexRequest { Index = composite }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            MeasurementV1.CompositeIndex existing;
            try
            {
                existing = await measurement.GetCompositeIndexAsync(new MeasurementV1.GetCompositeIndexRequest { IndexId = composite.IndexId }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
            }
            catch (RpcException again) when (!cancellationToken.IsCancellationRequested)
            {
                throw MeasuredScores.Refused(again, "index/" + composite.IndexId);
            }

            if (!existing.Components.Select(c => c.MetricId).SequenceEqual(composite.Components.Select(c => c.MetricId)) || existing.WeightsFromOutcomeMetricId != composite.WeightsFromOutcomeMetricId)
            {
                throw new PreconditionFailedException("INDEX_TAKEN", "index/" + composite.IndexId, $"Measurement already has a composite '{composite.IndexId}' made of other metrics: rename or remove it there.");
            }

            return existing;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw MeasuredScores.Refused(e, "index/" + composite.IndexId);
        }
    }
}
