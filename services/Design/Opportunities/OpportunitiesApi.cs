using Cx.Common.V1;
using Cx.Design.Data;
using Cx.Design.Domain.Ecosystem;
using Cx.Design.Domain.Opportunities;
using Cx.Design.Journeys;
using Cx.Domain.Errors;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using V1 = Cx.Design.V1;

namespace Cx.Design.Opportunities;

/// <summary>
/// A journey's opportunities, ranked when asked from what the other disciplines announced: the
/// pain points at its steps (Understanding) and the front-line suggestions accepted for them
/// (Culture), the drivers of its outcomes (Measurement), its negative comments; and the briefs and
/// experiments here that answer them.
/// </summary>
internal sealed class OpportunitiesApi(DesignDb db, TimeProvider clock)
{
    public const int AffectedWindowDays = 90;
    public const string PainPointKey = "pain-point/";
    public const string SuggestionKey = "suggestion/";

    public async Task<V1.ListOpportunitiesResponse> ListAsync(V1.ListOpportunitiesRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(request.JourneyId), "journey_id", Identifier.Rule).ThrowIfInvalid();
        if (!await db.Journeys.AnyAsync(j => j.JourneyId == request.JourneyId, cancellationToken))
        {
            throw new NotFoundException(JourneysApi.ResourceType, request.JourneyId);
        }

        return await RankAsync(request.JourneyId, cancellationToken);
    }

    /// <summary>
    /// Announces the opportunity <paramref name="opportunityId"/> at <paramref name="journeyId"/> as
    /// it ranks now (opportunity_identified), in the caller's transaction: the caller has saved what
    /// it rests on and saves the announcement.
    /// </summary>
    public async Task AnnounceAsync(string journeyId, string opportunityId, CancellationToken cancellationToken)
    {
        var opportunity = (await RankAsync(journeyId, cancellationToken)).Opportunities.FirstOrDefault(o => o.OpportunityId == opportunityId);
        if (opportunity is null)
        {
            return;
        }

        db.Raise(new OpportunityIdentified
        {
            OpportunityId = opportunity.OpportunityId,
            JourneyId = opportunity.JourneyId,
            JourneyStepId = opportunity.JourneyStepId,
            Title = opportunity.Title,
            PainPointId = opportunity.PainPointId,
            SuggestionId = opportunity.SuggestionId,
            ExpectedImpact = opportunity.ExpectedImpact,
            DriverMetricId = opportunity.Inputs.DriverMetricId,
            OutcomeMetricId = opportunity.Inputs.OutcomeMetricId,
            Importance = opportunity.Inputs.Importance,
            Gap = opportunity.Inputs.Gap,
            CustomersAffected = opportunity.Inputs.CustomersAffected,
            AffectedFrom = opportunity.Inputs.AffectedFrom,
            IdentifiedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
        }, opportunity.OpportunityId);
    }

    /// <summary>The journey's opportunities, ranked, whether or not the journey is mapped here yet.</summary>
    private async Task<V1.ListOpportunitiesResponse> RankAsync(string journeyId, CancellationToken cancellationToken)
    {
        var request = new V1.ListOpportunitiesRequest { JourneyId = journeyId };
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

        var suggestions = (await db.Suggestions.AsNoTracking().Where(s => s.JourneyId == request.JourneyId).ToListAsync(cancellationToken))
            .ToDictionary(s => SuggestionKey + s.SuggestionId, StringComparer.Ordinal);
        var suggestionIds = suggestions.Values.Select(s => s.SuggestionId).ToList();
        var experiments = (await db.Experiments.AsNoTracking().Where(e => suggestionIds.Contains(e.SuggestionId)).Select(e => new { e.SuggestionId, e.ExperimentId }).ToListAsync(cancellationToken))
            .ToLookup(e => e.SuggestionId, e => e.ExperimentId, StringComparer.Ordinal);
        var painPointsByKey = painPoints.ToDictionary(p => PainPointKey + p.PainPointId, StringComparer.Ordinal);

        var ranked = OpportunityRanking.Rank(
            painPoints.Select(p => new OpportunityInput(PainPointKey + p.PainPointId, p.Title, p.JourneyStepId, StoredJson.Strings(p.MetricIdsJson), p.Mentions, p.FoundInComments))
                .Concat(suggestions.Select(s => new OpportunityInput(s.Key, s.Value.Title, s.Value.JourneyStepId, s.Value.MetricId.Length > 0 ? [s.Value.MetricId] : [], 0, FoundInComments: false))),
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

                    var opportunity = new V1.Opportunity
                    {
                        OpportunityId = o.Input.Key,
                        JourneyId = request.JourneyId,
                        JourneyStepId = o.Input.StepId,
                        Title = o.Input.Title,
                        ExpectedImpact = o.ExpectedImpact,
                        Inputs = inputs,
                    };
                    if (suggestions.TryGetValue(o.Input.Key, out var suggestion))
                    {
                        opportunity.Source = V1.OpportunitySource.FrontlineSuggestion;
                        (opportunity.SuggestionId, opportunity.SuggestedBy, opportunity.Votes) = (suggestion.SuggestionId, suggestion.SubmittedBy, suggestion.Votes);
                        opportunity.ExperimentIds.AddRange(experiments[suggestion.SuggestionId].Order(StringComparer.Ordinal));
                    }
                    else
                    {
                        var painPoint = painPointsByKey[o.Input.Key];
                        (opportunity.Source, opportunity.PainPointId) = (V1.OpportunitySource.PainPoint, painPoint.PainPointId);
                        opportunity.BriefIds.AddRange(briefs[painPoint.PainPointId].Order(StringComparer.Ordinal));
                    }

                    return opportunity;
                }),
            },
        };
    }
}
