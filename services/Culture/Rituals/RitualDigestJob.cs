using Cx.Culture.Data;
using Cx.ServiceKit.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.Rituals;

/// <summary>
/// Writes the rituals' digests once their period has ended. Which periods are written is read
/// from the digests kept, not from a timer, so a restart (or a service down over a Monday) loses
/// nothing: the next run writes them. Runs every Cx:Culture:RitualCheckSeconds (default 3,600) by
/// the service's clock.
/// </summary>
internal sealed class RitualDigestJob(CultureDb db, RitualDigestsApi digests) : ITenantJob
{
    public const string IntervalSetting = "Cx:Culture:RitualCheckSeconds";

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Teams.IgnoreQueryFilters().Select(t => t.TenantId).Distinct().ToListAsync(cancellationToken);

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => digests.WriteDueAsync(now, cancellationToken);
}
