using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Governance.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Cases;

internal sealed partial class CasesApi
{
    /// <summary>Escalates every active case of the current tenant whose SLA is breached at <paramref name="now"/>: once per breach.</summary>
    public async Task<int> EscalateOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        var overdue = await db.Cases.Where(c => !c.Escalated && c.DueAtUtc != null && c.DueAtUtc <= nowUtc).ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var sla = await policies.SlaAsync(cancellationToken);
        foreach (var record in overdue)
        {
            var target = sla.For((Priority)record.Priority);
            (record.Escalated, record.EscalatedAtUtc, record.EscalatedTo) = (true, nowUtc, target.EscalateTo);
            db.Raise(new CaseEscalated
            {
                CaseId = record.CaseId,
                Owner = record.Owner,
                EscalatedTo = target.EscalateTo,
                Priority = (CommonV1.CasePriority)record.Priority,
                DueAt = ContractMapping.ToTimestamp(record.DueAtUtc),
                JourneyId = record.JourneyId,
                JourneyStepId = record.JourneyStepId,
            }, record.CaseId);
            audit.Append("case.escalated", SubjectType, record.CaseId, new { dueAt = record.DueAtUtc, escalatedTo = target.EscalateTo });
        }

        await db.SaveChangesAsync(cancellationToken);
        return overdue.Count;
    }
}
