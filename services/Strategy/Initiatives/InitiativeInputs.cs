using Cx.ServiceDefaults.Hosting;
using Cx.Strategy.Data;
using Cx.Strategy.Domain.Initiatives;
using Cx.Strategy.Targets;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.Initiatives;

/// <summary>
/// What ranking reads: the pain points and drivers other disciplines announced (kept as they
/// arrive), and, for a pain point entered by hand, Measurement's count of the driver's answers at
/// its step over the last 90 days, asked when ranking.
/// </summary>
internal sealed class InitiativeInputs(StrategyDb db, MeasurementV1.MeasurementService.MeasurementServiceClient measurement)
{
    public const int StepAnswerDays = 90;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<RankedInitiative>> RankAsync(IEnumerable<V1.Initiative> initiatives, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = initiatives.ToList();
        var ids = list.SelectMany(i => i.PainPointIds).Distinct().ToList();
        var painPoints = (await db.PainPoints.AsNoTracking().Where(p => ids.Contains(p.PainPointId) && !p.Dismissed).ToListAsync(cancellationToken))
            .ToDictionary(p => p.PainPointId, p => new PainPoint(p.PainPointId, p.Title, p.JourneyId, p.JourneyStepId, p.MetricIds.Split(' ', StringSplitOptions.RemoveEmptyEntries), p.Mentions, p.FoundInComments), StringComparer.Ordinal);
        var opportunityIds = list.SelectMany(i => i.OpportunityIds).Distinct().ToList();
        var opportunities = (await db.Opportunities.AsNoTracking().Where(o => opportunityIds.Contains(o.OpportunityId)).ToListAsync(cancellationToken))
            .ToDictionary(o => o.OpportunityId, o => new Opportunity(
                o.OpportunityId, o.PainPointId, o.Title, o.JourneyId, o.JourneyStepId,
                o.DriverMetricId.Length > 0 ? new Driver(o.OutcomeMetricId, o.DriverMetricId, o.Importance, o.Gap, new DateTimeOffset(DateTime.SpecifyKind(o.IdentifiedAtUtc, DateTimeKind.Utc))) : null,
                o.CustomersAffected, o.AffectedFrom, o.ExpectedImpact), StringComparer.Ordinal);
        var drivers = (await db.Drivers.AsNoTracking().ToListAsync(cancellationToken))
            .Select(d => new Driver(d.OutcomeMetricId, d.MetricId, d.Importance, d.Gap, new DateTimeOffset(DateTime.SpecifyKind(d.AnalysedAtUtc, DateTimeKind.Utc))))
            .ToList();
        var stepAnswers = new Dictionary<(string, string, string), long>();
        foreach (var painPoint in painPoints.Values.Where(p => !p.FoundInComments))
        {
            if (InitiativeRanking.DriverOf(painPoint.MetricIds, drivers) is { } driver && await AnswersAsync(painPoint, driver.MetricId, now, cancellationToken) is { } n)
            {
                stepAnswers[(painPoint.JourneyId, painPoint.StepId, driver.MetricId)] = n;
            }
        }

        return InitiativeRanking.Rank(list.Select(i => new InitiativeInput(i.InitiativeId, i.PainPointIds, i.OpportunityIds, i.EffortWeeks)), painPoints, opportunities, drivers, stepAnswers);
    }

    public static V1.PainPointImpact ToContract(ImpactPart part)
    {
        var impact = new V1.PainPointImpact { PainPointId = part.PainPointId, OpportunityId = part.OpportunityId, Known = part.Known };
        if (part.Known)
        {
            (impact.Title, impact.JourneyId, impact.JourneyStepId) = (part.Title, part.JourneyId, part.StepId);
            (impact.CustomersAffected, impact.AffectedFrom, impact.ExpectedImpact) = (part.Affected, part.AffectedFrom, part.ExpectedImpact);
        }

        if (part.Driver is { } driver)
        {
            (impact.DriverMetricId, impact.OutcomeMetricId, impact.Importance, impact.Gap) = (driver.MetricId, driver.OutcomeMetricId, driver.Importance, driver.Gap);
            impact.AnalysedAt = Timestamp.FromDateTimeOffset(driver.AnalysedAt);
        }

        return impact;
    }

    /// <summary>The driver's answers at the pain point's step; null when Measurement does not answer (the part then counts no customers).</summary>
    private async Task<long?> AnswersAsync(PainPoint painPoint, string metricId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = new CommonV1.ResultFilter
        {
            JourneyIds = { painPoint.JourneyId },
            JourneyStepIds = { painPoint.StepId },
            From = Timestamp.FromDateTimeOffset(now.AddDays(-StepAnswerDays)),
            To = Timestamp.FromDateTimeOffset(now),
        };
        try
        {
            var results = await measurement.GetResultsAsync(new MeasurementV1.GetResultsRequest { MetricId = metricId, Filter = filter }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
            return results.Results.FirstOrDefault()?.N ?? 0;
        }
        catch (RpcException e) when (PeerAnswers.IsUnreachable(e.StatusCode) && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
