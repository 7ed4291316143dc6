using Cx.Design.Data;
using Cx.ServiceKit.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Experiments;

/// <summary>
/// Concludes running experiments once their end has passed, so a result does not wait for someone
/// to ask. The end is a column, not a timer, so a restart loses nothing. Runs every
/// Cx:Design:ExperimentCheckSeconds (default 300) by the service's clock.
/// </summary>
internal sealed class ExperimentConclusionJob(DesignDb db, ExperimentsApi experiments) : ITenantJob
{
    public const string IntervalSetting = "Cx:Design:ExperimentCheckSeconds";

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        return await db.Experiments.IgnoreQueryFilters()
            .Where(e => e.ConcludedAtUtc == null && e.EndsAtUtc <= nowUtc)
            .Select(e => e.TenantId).Distinct().ToListAsync(cancellationToken);
    }

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => experiments.ConcludeEndedAsync(now, cancellationToken);
}
