using Cx.Governance.Cases;
using Cx.Governance.Data;
using Cx.ServiceKit.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Cx.Governance.Sla;

/// <summary>
/// Escalates cases whose SLA is breached. The due times are columns of the cases, not timers in
/// memory, so a restart loses nothing: the first check after it escalates whatever fell due while
/// the service was down. Runs every Cx:Governance:SlaCheckSeconds (default 30) by the service's clock.
/// </summary>
internal sealed class SlaWatch(GovernanceDb db, CasesApi cases) : ITenantJob
{
    public const string IntervalSetting = "Cx:Governance:SlaCheckSeconds";

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        return await db.Cases.IgnoreQueryFilters()
            .Where(c => !c.Escalated && c.DueAtUtc != null && c.DueAtUtc <= nowUtc)
            .Select(c => c.TenantId).Distinct().ToListAsync(cancellationToken);
    }

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => cases.EscalateOverdueAsync(now, cancellationToken);
}
