using System.Text.RegularExpressions;
using Cx.Domain.Errors;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Statistics;
using Cx.Measurement.Metrics;
using Cx.Measurement.Results;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Drivers;

/// <summary>
/// The measurement framework: does the interaction quality (cause) move the perception, and does
/// the perception move the business outcome? Each link is a correlation over customers with its interval.
/// </summary>
internal sealed partial class FrameworkApi(MeasurementDb db, MetricDefinitionsApi definitions, TimeProvider clock)
{
    public const int MaxOutcomesPerCall = 10_000;

    public async Task<V1.RecordOutcomesResult> RecordAsync(V1.RecordOutcomesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator().Require(request.Outcomes.Count is > 0 and <= MaxOutcomesPerCall, "outcomes", $"1 to {MaxOutcomesPerCall:N0} outcomes per call.");
        for (var i = 0; i < Math.Min(request.Outcomes.Count, MaxOutcomesPerCall); i++)
        {
            var outcome = request.Outcomes[i];
            validator.Require(outcome.CustomerId.Length is > 0 and <= 100, $"outcomes[{i}].customer_id", "Required, at most 100 characters.");
            validator.Require(OutcomePattern().IsMatch(outcome.Outcome), $"outcomes[{i}].outcome", OutcomeRule);
            validator.Require(double.IsFinite(outcome.Value), $"outcomes[{i}].value", "Must be a finite number.");
        }

        validator.ThrowIfInvalid();
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = request.Outcomes.Select(o => o.CustomerId).Distinct().ToArray();
        var existing = await db.CustomerOutcomes.Where(o => keys.Contains(o.CustomerId)).ToListAsync(cancellationToken);
        var byKey = existing.ToDictionary(o => (o.CustomerId, o.Outcome));
        foreach (var outcome in request.Outcomes)
        {
            if (!byKey.TryGetValue((outcome.CustomerId, outcome.Outcome), out var record))
            {
                record = new CustomerOutcomeRecord { CustomerId = outcome.CustomerId, Outcome = outcome.Outcome };
                db.CustomerOutcomes.Add(record);
                byKey[(outcome.CustomerId, outcome.Outcome)] = record;
            }

            record.Value = outcome.Value;
            record.MeasuredAtUtc = outcome.MeasuredAt?.ToDateTime() ?? now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new V1.RecordOutcomesResult { Recorded = request.Outcomes.Count };
    }

    public async Task<V1.MeasurementFramework> AnalyseAsync(V1.AnalyseFrameworkRequest request, CancellationToken cancellationToken)
    {
        var confidence = request.Confidence == 0 ? 0.95 : request.Confidence;
        var validator = new Validator()
            .Require(request.CauseMetricId.Length > 0, "cause_metric_id", "Required.")
            .Require(request.PerceptionMetricId.Length > 0 && request.PerceptionMetricId != request.CauseMetricId, "perception_metric_id", "Required, and not the cause metric.")
            .Require(OutcomePattern().IsMatch(request.Outcome), "outcome", OutcomeRule)
            .Require(confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.");
        ResultsApi.RequireRange(validator, request.Filter).ThrowIfInvalid();
        foreach (var metricId in new[] { request.CauseMetricId, request.PerceptionMetricId })
        {
            _ = await definitions.LatestAsync(metricId, cancellationToken) ?? throw new NotFoundException("metric", metricId);
        }

        var metricIds = new[] { request.CauseMetricId, request.PerceptionMetricId };
        var scores = await ResultsApi.Filter(db.Answers.Where(a => metricIds.Contains(a.MetricId) && a.Score != null), db.Responses, request.Filter ?? new CommonV1.ResultFilter(), db.CustomerSegments)
            .Where(a => a.Response!.CustomerId != string.Empty)
            .GroupBy(a => new { a.Response!.CustomerId, a.MetricId })
            .Select(g => new { g.Key.CustomerId, g.Key.MetricId, Mean = g.Average(a => (double)a.Score!.Value) })
            .ToListAsync(cancellationToken);
        var outcomes = await db.CustomerOutcomes.Where(o => o.Outcome == request.Outcome).ToDictionaryAsync(o => o.CustomerId, o => o.Value, cancellationToken);
        var perCustomer = scores.GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g => g.ToDictionary(s => s.MetricId, s => s.Mean));

        return new V1.MeasurementFramework
        {
            CauseToPerception = Link(request.CauseMetricId, request.PerceptionMetricId, perCustomer.Values
                .Where(c => c.ContainsKey(request.CauseMetricId) && c.ContainsKey(request.PerceptionMetricId))
                .Select(c => (c[request.CauseMetricId], c[request.PerceptionMetricId])), confidence),
            PerceptionToOutcome = Link(request.PerceptionMetricId, request.Outcome, perCustomer
                .Where(c => c.Value.ContainsKey(request.PerceptionMetricId) && outcomes.ContainsKey(c.Key))
                .Select(c => (c.Value[request.PerceptionMetricId], outcomes[c.Key])), confidence),
            CauseToOutcome = Link(request.CauseMetricId, request.Outcome, perCustomer
                .Where(c => c.Value.ContainsKey(request.CauseMetricId) && outcomes.ContainsKey(c.Key))
                .Select(c => (c.Value[request.CauseMetricId], outcomes[c.Key])), confidence),
            Method = "Pearson's r over customers (answers averaged per customer), Fisher-z interval; significant when the interval excludes 0",
        };
    }

    private static V1.FrameworkLink Link(string from, string to, IEnumerable<(double X, double Y)> pairs, double confidence)
    {
        var data = pairs.ToArray();
        if (data.Length < Correlation.MinimumN)
        {
            throw new PreconditionFailedException("INSUFFICIENT_N", $"{from}->{to}",
                $"The link {from} → {to} needs at least {Correlation.MinimumN} customers with both; there are {data.Length}.");
        }

        var correlation = Correlation.Of(data.Select(d => d.X).ToArray(), data.Select(d => d.Y).ToArray(), confidence)
            ?? throw new PreconditionFailedException("NO_VARIANCE", $"{from}->{to}", $"The link {from} → {to} is undefined: one side has the same value for every customer.");
        return new V1.FrameworkLink
        {
            From = from,
            To = to,
            N = correlation.N,
            Correlation = correlation.R,
            Interval = new CommonV1.Interval { Lower = correlation.Interval.Lower, Upper = correlation.Interval.Upper },
            Significant = correlation.Significant,
        };
    }

    private const string OutcomeRule = "Lower-case letters, digits and '-', starting with a letter, at most 63 characters (e.g. retained, revenue).";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex OutcomePattern();
}
