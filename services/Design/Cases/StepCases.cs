using Cx.Design.Data;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Cases;

/// <summary>A case opened at a step: counted there until it closes.</summary>
internal sealed class CountOpenedCase(StepCases cases) : IHandleEvent<CaseOpened>
{
    public Task HandleAsync(CaseOpened message, EventContext context, CancellationToken cancellationToken) =>
        cases.ApplyAsync(message.CaseId, message.JourneyId, message.JourneyStepId, message.Owner, c => c.Opened = true, cancellationToken);
}

/// <summary>A case past its SLA: counted as breached while it is open.</summary>
internal sealed class MarkEscalatedCase(StepCases cases) : IHandleEvent<CaseEscalated>
{
    public Task HandleAsync(CaseEscalated message, EventContext context, CancellationToken cancellationToken) =>
        cases.ApplyAsync(message.CaseId, message.JourneyId, message.JourneyStepId, message.Owner, c => c.Breached = true, cancellationToken);
}

/// <summary>A closed case: no longer counted, whatever arrives after.</summary>
internal sealed class UncountClosedCase(StepCases cases) : IHandleEvent<CaseClosed>
{
    public Task HandleAsync(CaseClosed message, EventContext context, CancellationToken cancellationToken) =>
        cases.ApplyAsync(message.CaseId, message.JourneyId, message.JourneyStepId, owner: string.Empty, c => c.Closed = true, cancellationToken);
}

/// <summary>
/// Governance's cases at each journey step, for the map's overlay: opened, escalated past their
/// SLA, closed. The three may arrive in any order; a closed case stays closed whatever comes after,
/// and a redelivered event has no second effect (the inbox). A case at no journey is not kept.
/// </summary>
internal sealed class StepCases(DesignDb db)
{
    public async Task ApplyAsync(string caseId, string journeyId, string stepId, string owner, Action<StepCaseRecord> apply, CancellationToken cancellationToken)
    {
        if (caseId.Length == 0 || journeyId.Length == 0)
        {
            return;
        }

        var record = await db.StepCases.FirstOrDefaultAsync(c => c.CaseId == caseId, cancellationToken);
        if (record is null)
        {
            record = new StepCaseRecord { CaseId = caseId };
            db.StepCases.Add(record);
        }

        (record.JourneyId, record.JourneyStepId) = (journeyId, stepId);
        if (owner.Length > 0)
        {
            record.Owner = owner.Length <= 200 ? owner : owner[..200];
        }

        apply(record);
        await db.SaveChangesAsync(cancellationToken);
    }
}
