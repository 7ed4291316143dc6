using Cx.Culture.Data;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Suggestions;

/// <summary>
/// Design concluded an experiment that tried a front-line suggestion: what it found is reported on
/// the suggestion, for the people who made it. The latest conclusion stands; a redelivered or an
/// older one changes nothing.
/// </summary>
internal sealed class KeepSuggestionEffect(CultureDb db) : IHandleEvent<ExperimentConcluded>
{
    public async Task HandleAsync(ExperimentConcluded message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.SuggestionId.Length is 0 or > 63
            || await db.Suggestions.FirstOrDefaultAsync(s => s.SuggestionId == message.SuggestionId, cancellationToken) is not { } suggestion)
        {
            return;
        }

        var concludedAt = (message.ConcludedAt?.ToDateTimeOffset() ?? context.OccurredAt).UtcDateTime;
        if (suggestion.EffectConcludedAtUtc is { } kept && kept >= concludedAt)
        {
            return;
        }

        var effect = new V1.SuggestionEffect
        {
            ExperimentId = message.ExperimentId,
            MetricId = message.MetricId,
            Outcome = message.Outcome,
            Change = message.Change,
            ConcludedAt = message.ConcludedAt,
        };
        if (message.HasControlScore)
        {
            effect.ControlScore = message.ControlScore;
        }

        if (message.HasTreatmentScore)
        {
            effect.TreatmentScore = message.TreatmentScore;
        }

        (suggestion.EffectJson, suggestion.EffectConcludedAtUtc) = (StoredJson.Message(effect), concludedAt);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Governance completed an action plan: the suggestions it took up say so, for the people who made
/// them. A redelivered completion changes nothing.
/// </summary>
internal sealed class KeepPlanCompletion(CultureDb db) : IHandleEvent<ActionPlanCompleted>
{
    public async Task HandleAsync(ActionPlanCompleted message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.PlanId.Length is 0 or > 63)
        {
            return;
        }

        var completedAt = (message.CompletedAt?.ToDateTimeOffset() ?? context.OccurredAt).UtcDateTime;
        var suggestions = await db.Suggestions.Where(s => s.ActionPlanId == message.PlanId && s.PlanCompletedAtUtc == null).ToListAsync(cancellationToken);
        foreach (var suggestion in suggestions)
        {
            suggestion.PlanCompletedAtUtc = completedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
