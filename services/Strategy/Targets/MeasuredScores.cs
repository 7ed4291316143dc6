using System.Globalization;
using Cx.Domain.Errors;
using Cx.ServiceDefaults.Hosting;
using Cx.Strategy.Domain.Targets;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using CommonV1 = Cx.Common.V1;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.Targets;

/// <summary>
/// What Measurement measures for a target, asked when needed and never copied: the window's score
/// with its interval, and the weekly scores the trend is drawn through. A metric's figures come
/// from its results; the CX index's from its composite, whose n is its thinnest component's.
/// </summary>
internal sealed class MeasuredScores(MeasurementV1.MeasurementService.MeasurementServiceClient measurement)
{
    public const string MeasurementService = "measurement";
    public const int TrendWeeks = 12;

    /// <summary>A measurement service that does not answer in this long is reported as unavailable rather than holding the call.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>Measurement's metric, or null when it has none of that id.</summary>
    public async Task<MeasurementV1.MetricDefinition?> MetricAsync(string metricId, CancellationToken cancellationToken)
    {
        try
        {
            return await measurement.GetMetricDefinitionAsync(new MeasurementV1.GetMetricDefinitionRequest { MetricId = metricId }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Refused(e, "metric/" + metricId);
        }
    }

    public async Task<Measured> WindowAsync(V1.Target target, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = Filter(target.Scope, target.PersonaSegmentIds, from, to);
        var confidence = Confidence(target);
        try
        {
            if (target.CxIndex)
            {
                var index = await measurement.GetCompositeIndexResultsAsync(
                    new MeasurementV1.GetCompositeIndexResultsRequest { IndexId = target.IndexId, Filter = filter, Confidence = confidence },
                    deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
                return index.Results.FirstOrDefault() is { } overall ? Of(overall) : new Measured(0, null, 0, 0);
            }

            var results = await measurement.GetResultsAsync(
                new MeasurementV1.GetResultsRequest { MetricId = target.MetricId, Filter = filter, Confidence = confidence },
                deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
            return results.Results.FirstOrDefault() is { HasScore: true } result
                ? new Measured(result.N, result.Score, result.Interval?.Lower ?? result.Score, result.Interval?.Upper ?? result.Score)
                : new Measured(results.Results.FirstOrDefault()?.N ?? 0, null, 0, 0);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Refused(e, Subject(target));
        }
    }

    /// <summary>The scores of the <see cref="TrendWeeks"/> whole weeks before <paramref name="now"/>'s, at each week's middle.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, double Score)>> WeeksAsync(V1.Target target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = now.UtcDateTime.Date;
        var thisWeek = new DateTimeOffset(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), TimeSpan.Zero);
        var filter = Filter(target.Scope, target.PersonaSegmentIds, thisWeek.AddDays(-7 * TrendWeeks), thisWeek);
        try
        {
            IEnumerable<(string Group, double? Score)> weeks;
            if (target.CxIndex)
            {
                var index = await measurement.GetCompositeIndexResultsAsync(
                    new MeasurementV1.GetCompositeIndexResultsRequest { IndexId = target.IndexId, Filter = filter, GroupBy = MeasurementV1.Grouping.Week, Confidence = Confidence(target) },
                    deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
                weeks = index.Results.Select(r => (r.Group, r.HasScore ? r.Score : (double?)null));
            }
            else
            {
                var results = await measurement.GetResultsAsync(
                    new MeasurementV1.GetResultsRequest { MetricId = target.MetricId, Filter = filter, GroupBy = MeasurementV1.Grouping.Week, Confidence = Confidence(target) },
                    deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
                weeks = results.Results.Select(r => (r.Group, r.HasScore ? r.Score : (double?)null));
            }

            return weeks
                .Where(w => w.Score is not null)
                .Select(w => (At: DateTimeOffset.Parse(w.Group + "T00:00:00Z", CultureInfo.InvariantCulture).AddDays(3.5), Score: w.Score!.Value))
                .OrderBy(w => w.At)
                .ToList();
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Refused(e, Subject(target));
        }
    }

    /// <summary>The answers a scope selects over a period; a persona's by its segments, as resolved when the target was set.</summary>
    public static CommonV1.ResultFilter Filter(V1.TargetScope? scope, IEnumerable<string> personaSegmentIds, DateTimeOffset from, DateTimeOffset to)
    {
        var filter = new CommonV1.ResultFilter { From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to) };
        filter.CustomerSegmentIds.Add(personaSegmentIds);
        if (scope is null)
        {
            return filter;
        }

        Narrow(filter.JourneyIds, scope.JourneyId);
        Narrow(filter.JourneyStepIds, scope.JourneyStepId);
        Narrow(filter.Segments, scope.Segment);
        Narrow(filter.CustomerSegmentIds, scope.CustomerSegmentId);
        return filter;

        static void Narrow(Google.Protobuf.Collections.RepeatedField<string> field, string value)
        {
            if (value.Length > 0)
            {
                field.Add(value);
            }
        }
    }

    /// <summary>A peer's answer as the caller's error: unavailable when it did not answer, a failed precondition when it refused.</summary>
    public static Exception Refused(RpcException e, string subject, string peer = "Measurement") => PeerAnswers.IsUnreachable(e.StatusCode)
        ? new RpcException(new Status(StatusCode.Unavailable, $"{peer} did not answer ({e.StatusCode}: {e.Status.Detail}); nothing was changed: try again later."))
        : new PreconditionFailedException(peer.ToUpperInvariant() + "_REFUSED", subject, $"{peer} refused the question: {e.StatusCode}: {e.Status.Detail}");

    private static Measured Of(MeasurementV1.IndexResult result) => result.HasScore
        ? new Measured(result.Components.Count == 0 ? 0 : result.Components.Min(c => c.N), result.Score, result.Interval?.Lower ?? result.Score, result.Interval?.Upper ?? result.Score)
        : new Measured(result.Components.Count == 0 ? 0 : result.Components.Min(c => c.N), null, 0, 0);

    private static double Confidence(V1.Target target) => target.Confidence == 0 ? 0.95 : target.Confidence;

    private static string Subject(V1.Target target) => target.CxIndex ? "index/" + target.IndexId : "metric/" + target.MetricId;
}
