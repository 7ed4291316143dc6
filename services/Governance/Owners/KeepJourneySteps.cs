using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Governance.Data;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cx.Governance.Owners;

/// <summary>
/// Design published a journey version: its steps and their touchpoints replace those kept from an
/// earlier version. A late, older version and a redelivered one change nothing.
/// </summary>
internal sealed class KeepJourneySteps(GovernanceDb db) : IHandleEvent<JourneyPublished>
{
    public async Task HandleAsync(JourneyPublished message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.JourneyId.Length is 0 or > 100)
        {
            return;
        }

        var kept = await db.JourneySteps.Where(s => s.JourneyId == message.JourneyId).ToListAsync(cancellationToken);
        if (kept.Any(s => s.JourneyVersion >= message.Version))
        {
            return;
        }

        db.JourneySteps.RemoveRange(kept);
        foreach (var step in message.Steps.Where(s => s.StepId.Length is > 0 and <= 100).DistinctBy(s => s.StepId))
        {
            db.JourneySteps.Add(new JourneyStepRecord
            {
                JourneyId = message.JourneyId,
                StepId = step.StepId,
                TouchpointsJson = StoredJson.Of(step.Touchpoints.OrderByDescending(t => t.FrontStage).Select(t => t.TouchpointId).Where(t => t.Length is > 0 and <= 100).ToList()),
                JourneyVersion = message.Version,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
