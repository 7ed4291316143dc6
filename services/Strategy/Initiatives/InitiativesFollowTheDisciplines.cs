using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.ServiceKit.Jobs;
using Cx.Strategy.Data;
using Cx.Strategy.Maturity;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.Initiatives;

/// <summary>
/// Understanding announced a pain point (found, confirmed, or dismissed): it is kept as announced,
/// a later version only, and the programme is ranked again; while a driver analysis confirms it,
/// it counts for understanding's maturity.
/// </summary>
internal sealed class KeepPainPoint(StrategyDb db, InitiativesApi initiatives, Signals signals) : IHandleEvent<PainPointIdentified>
{
    public async Task HandleAsync(PainPointIdentified message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.PainPointId.Length is 0 or > 100)
        {
            return;
        }

        var record = await db.PainPoints.FirstOrDefaultAsync(p => p.PainPointId == message.PainPointId, cancellationToken);
        if (record is not null && record.Version >= message.Version)
        {
            return;
        }

        if (record is null)
        {
            record = new PainPointRecord { PainPointId = message.PainPointId };
            db.PainPoints.Add(record);
        }

        record.Title = Clip(message.Title, 300);
        record.JourneyId = Clip(message.JourneyId, 100);
        record.JourneyStepId = Clip(message.JourneyStepId, 100);
        record.MetricIds = Clip(string.Join(' ', message.MetricIds.Where(m => m.Length is > 0 and <= 63 && !m.Contains(' ', StringComparison.Ordinal))), 700);
        record.Mentions = message.Mentions;
        record.FoundInComments = message.Origin == PainPointOrigin.BottomUp;
        (record.Confirmed, record.Dismissed, record.Version) = (message.Confirmed, message.Dismissed, message.Version);
        record.AnnouncedAtUtc = context.OccurredAt.UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await initiatives.MarkRankingDueAsync(cancellationToken);
        await signals.KeepAsync(SignalKind.PainPointConfirmed, message.PainPointId, context.OccurredAt, message.Confirmed && !message.Dismissed ? 1 : 0, cancellationToken: cancellationToken);
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>
/// Measurement announced a driver analysis: its drivers replace the ones kept for that outcome
/// (unless a later analysis of it was kept already), and the programme is ranked again. Every
/// analysis counts for measurement's maturity.
/// </summary>
internal sealed class KeepDriverAnalysis(StrategyDb db, InitiativesApi initiatives, Signals signals) : IHandleEvent<DriverAnalysisCompleted>
{
    public async Task HandleAsync(DriverAnalysisCompleted message, EventContext context, CancellationToken cancellationToken)
    {
        await signals.KeepAsync(SignalKind.DriverAnalysis, context.EventId, context.OccurredAt, 1, message.Analysis?.OutcomeMetricId ?? string.Empty, cancellationToken: cancellationToken);
        var outcome = message.Analysis?.OutcomeMetricId ?? string.Empty;
        if (outcome.Length is 0 or > 63)
        {
            return;
        }

        var analysedAt = context.OccurredAt.UtcDateTime;
        var kept = await db.Drivers.Where(d => d.OutcomeMetricId == outcome).ToListAsync(cancellationToken);
        if (kept.Any(d => d.AnalysedAtUtc > analysedAt))
        {
            return;
        }

        db.Drivers.RemoveRange(kept);
        foreach (var driver in message.Analysis!.Drivers.Where(d => d.MetricId.Length is > 0 and <= 63).DistinctBy(d => d.MetricId))
        {
            db.Drivers.Add(new DriverRecord { OutcomeMetricId = outcome, MetricId = driver.MetricId, Importance = driver.Importance, Gap = driver.Gap, AnalysedAtUtc = analysedAt });
        }

        await db.SaveChangesAsync(cancellationToken);
        await initiatives.MarkRankingDueAsync(cancellationToken);
    }
}

/// <summary>
/// Design announced an opportunity (a pain point's, or an accepted front-line suggestion's) with the
/// impact it ranks it at: kept as the latest announcement says, and the programme is ranked again.
/// </summary>
internal sealed class KeepOpportunity(StrategyDb db, InitiativesApi initiatives) : IHandleEvent<OpportunityIdentified>
{
    public async Task HandleAsync(OpportunityIdentified message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.OpportunityId.Length is 0 or > 120 || message.PainPointId.Length > 100 || message.SuggestionId.Length > 63
            || message.DriverMetricId.Length > 63 || message.OutcomeMetricId.Length > 63 || message.AffectedFrom.Length > 40)
        {
            return;
        }

        var identifiedAt = (message.IdentifiedAt?.ToDateTimeOffset() ?? context.OccurredAt).UtcDateTime;
        var record = await db.Opportunities.FirstOrDefaultAsync(o => o.OpportunityId == message.OpportunityId, cancellationToken);
        if (record is not null && record.IdentifiedAtUtc > identifiedAt)
        {
            return;
        }

        if (record is null)
        {
            db.Opportunities.Add(record = new OpportunityRecord { OpportunityId = message.OpportunityId });
        }

        (record.PainPointId, record.SuggestionId, record.IdentifiedAtUtc) = (message.PainPointId, message.SuggestionId, identifiedAt);
        record.Title = message.Title.Length <= 300 ? message.Title : message.Title[..300];
        record.JourneyId = message.JourneyId.Length <= 100 ? message.JourneyId : string.Empty;
        record.JourneyStepId = message.JourneyStepId.Length <= 100 ? message.JourneyStepId : string.Empty;
        (record.ExpectedImpact, record.DriverMetricId, record.OutcomeMetricId) = (double.IsFinite(message.ExpectedImpact) ? message.ExpectedImpact : 0, message.DriverMetricId, message.OutcomeMetricId);
        (record.Importance, record.Gap, record.CustomersAffected, record.AffectedFrom) = (message.Importance, message.Gap, message.CustomersAffected, message.AffectedFrom);
        await db.SaveChangesAsync(cancellationToken);
        await initiatives.MarkRankingDueAsync(cancellationToken);
    }
}

/// <summary>Design concluded an experiment: the initiatives that cover it show its outcome, and it counts for design's maturity.</summary>
internal sealed class KeepExperimentOutcome(StrategyDb db, Signals signals) : IHandleEvent<ExperimentConcluded>
{
    public async Task HandleAsync(ExperimentConcluded message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.ExperimentId.Length is 0 or > 63)
        {
            return;
        }

        await signals.KeepAsync(SignalKind.ExperimentConcluded, message.ExperimentId, message.ConcludedAt?.ToDateTimeOffset() ?? context.OccurredAt, cancellationToken: cancellationToken);
        var key = " " + message.ExperimentId + " ";
        foreach (var record in await db.Initiatives.Where(i => i.ExperimentIds.Contains(key)).ToListAsync(cancellationToken))
        {
            var initiative = StoredJson.Message<V1.Initiative>(record.DocumentJson);
            if (initiative.ExperimentsConcluded.All(e => e.ExperimentId != message.ExperimentId))
            {
                initiative.ExperimentsConcluded.Add(new V1.InitiativeExperiment
                {
                    ExperimentId = message.ExperimentId,
                    Outcome = message.Outcome,
                    ConcludedAt = message.ConcludedAt ?? Timestamp.FromDateTimeOffset(context.OccurredAt),
                });
                record.DocumentJson = StoredJson.Message(initiative);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Governance completed an action plan: the initiatives that cover it show so, and it counts for governance's maturity.</summary>
internal sealed class KeepActionPlanCompletion(StrategyDb db, Signals signals) : IHandleEvent<ActionPlanCompleted>
{
    public async Task HandleAsync(ActionPlanCompleted message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.PlanId.Length is 0 or > 63)
        {
            return;
        }

        await signals.KeepAsync(SignalKind.ActionPlanCompleted, message.PlanId, message.CompletedAt?.ToDateTimeOffset() ?? context.OccurredAt, cancellationToken: cancellationToken);
        var key = " " + message.PlanId + " ";
        foreach (var record in await db.Initiatives.Where(i => i.ActionPlanIds.Contains(key)).ToListAsync(cancellationToken))
        {
            var initiative = StoredJson.Message<V1.Initiative>(record.DocumentJson);
            if (!initiative.ActionPlansCompleted.Contains(message.PlanId))
            {
                initiative.ActionPlansCompleted.Add(message.PlanId);
                record.DocumentJson = StoredJson.Message(initiative);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Ranks the programme again where an input changed. Runs every Cx:Strategy:RankingCheckSeconds (default 300).</summary>
internal sealed class InitiativeRankingJob(StrategyDb db, InitiativesApi initiatives) : ITenantJob
{
    public const string IntervalSetting = "Cx:Strategy:RankingCheckSeconds";

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Initiatives.IgnoreQueryFilters().Where(i => i.RankingDue).Select(i => i.TenantId).Distinct().ToListAsync(cancellationToken);

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => initiatives.RankIfDueAsync(now, cancellationToken);
}
