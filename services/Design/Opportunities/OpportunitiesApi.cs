using Cx.Common.V1;
using Cx.Design.Data;
using Cx.Design.Domain.Ecosystem;
using Cx.Design.Domain.Opportunities;
using Cx.Design.Journeys;
using Cx.Domain.Errors;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using V1 = Cx.Design.V1;

namespace Cx.Design.Opportunities;

/// <summary>
/// A journey's opportunities, ranked when asked from what the other disciplines announced: the
/// pain points at its steps (Understanding), the drivers of its outcomes (Measurement), its
/// negative comments; and the briefs here that answer them.
/// </summary>
internal sealed class OpportunitiesApi(DesignDb db, TimeProvider clock)
{
    public const int AffectedWindowDays = 90;

    public async Task<V1.ListOpportunitiesResponse> ListAsync(V1.ListOpportunitiesRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(request.JourneyId), "journey_id", Identifier.Rule).ThrowIfInvalid();
        if (!await db.Journeys.AnyAsync(j => j.JourneyId == request.JourneyId, cancellationToken))
        {
            throw new NotFoundException(JourneysApi.ResourceType, request.JourneyId);
        }

        var painPoints = await db.StepPainPoints.AsNoTracking().Where(p => p.JourneyId == request.JourneyId && !p.Dismissed).ToListAsync(cancellationToken);

        // Per outcome, the journey's own analysis, else the one of all journeys.
        var analyses = (await db.JourneyDrivers.AsNoTracking().Where(d => d.JourneyId == request.JourneyId || d.JourneyId == string.Empty).ToListAsync(cancellationToken))
            .GroupBy(d => d.OutcomeMetricId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(d => d.JourneyId.Length).First())
            .ToList();
        var drivers = analyses.SelectMany(a => StoredJson.Messages<DriverWeight>(a.DriversJson).Select(d =>
            new DriverInput(a.OutcomeMetricId, d.MetricId, d.Importance, d.Gap, new DateTimeOffset(DateTime.SpecifyKind(a.AnalysedAtUtc, DateTimeKind.Utc))))).ToList();

        var since = clock.GetUtcNow().AddDays(-AffectedWindowDays).UtcDateTime;
        var negative = (await db.EcosystemSignals.AsNoTracking()
            .Where(s => s.JourneyId == request.JourneyId && s.Kind == (int)SignalKind.NegativeFeedback && s.OccurredAtUtc >= since)
            .GroupBy(s => s.JourneyStepId)
            .Select(g => new { Step = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .ToDictionary(s => s.Step, s => s.Count, StringComparer.Ordinal);

        var ids = painPoints.Select(p => p.PainPointId).ToHashSet(StringComparer.Ordinal);
        var briefs = (await db.Briefs.AsNoTracking().Select(b => new { b.BriefId, b.PainPointIdsKey }).ToListAsync(cancellationToken))
            .SelectMany(b => b.PainPointIdsKey.Split('|', StringSplitOptions.RemoveEmptyEntries).Where(ids.Contains).Select(p => (PainPointId: p, b.BriefId)))
            .ToLookup(b => b.PainPointId, b => b.BriefId, StringComparer.Ordinal);

        var ranked = OpportunityRanking.Rank(
            painPoints.Select(p => new PainPointInput(p.PainPointId, p.Title, p.JourneyStepId, StoredJson.Strings(p.MetricIdsJson), p.Mentions, p.FoundInComments)),
            drivers,
            negative);
        return new V1.ListOpportunitiesResponse
        {
            Opportunities =
            {
                ranked.Select(o =>
                {
                    var inputs = new V1.OpportunityInputs { CustomersAffected = o.Affected, AffectedFrom = o.AffectedFromMentions ? "mentions" : "step_negative_comments" };
                    if (o.Driver is { } driver)
                    {
                        (inputs.DriverMetricId, inputs.OutcomeMetricId, inputs.Importance, inputs.Gap, inputs.AnalysedAt) =
                            (driver.MetricId, driver.OutcomeMetricId, driver.Importance, driver.Gap, Timestamp.FromDateTimeOffset(driver.AnalysedAt));
                    }

                    return new V1.Opportunity
                    {
                        OpportunityId = "pain-point/" + o.PainPoint.PainPointId,
                        JourneyId = request.JourneyId,
                        JourneyStepId = o.PainPoint.StepId,
                        Source = V1.OpportunitySource.PainPoint,
                        PainPointId = o.PainPoint.PainPointId,
                        Title = o.PainPoint.Title,
                        ExpectedImpact = o.ExpectedImpact,
                        Inputs = inputs,
                        BriefIds = { briefs[o.PainPoint.PainPointId].Order(StringComparer.Ordinal) },
                    };
                }),
            },
        };
    }
}
