using Cx.ServiceKit.Jobs;
using Cx.Understanding.Data;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Segments;

/// <summary>
/// What upkeep does without an event: memberships whose window facts have aged out (lapses_at
/// passed) are evaluated again, and segments still building get their next page of customers.
/// Both are columns, not timers, so a restart loses nothing. Runs every
/// Cx:Understanding:SegmentUpkeepSeconds (default 60) by the service's clock.
/// </summary>
internal sealed class SegmentUpkeepJob(UnderstandingDb db, SegmentUpkeep upkeep, SegmentsApi segments) : ITenantJob
{
    public const string IntervalSetting = "Cx:Understanding:SegmentUpkeepSeconds";

    /// <summary>Lapsed memberships evaluated per tenant and run; the rest wait for the next run.</summary>
    public const int LapsedPerRun = 1_000;

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        var lapsed = await db.SegmentMembers.IgnoreQueryFilters().Where(m => m.LapsesAtUtc <= nowUtc).Select(m => m.TenantId).Distinct().ToListAsync(cancellationToken);
        var building = await db.Segments.IgnoreQueryFilters().Where(s => s.State == (int)V1.SegmentState.Building).Select(s => s.TenantId).Distinct().ToListAsync(cancellationToken);
        return lapsed.Union(building, StringComparer.Ordinal).ToList();
    }

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        var done = 0;
        var lapsed = await db.SegmentMembers.AsNoTracking().Where(m => m.LapsesAtUtc <= nowUtc)
            .OrderBy(m => m.LapsesAtUtc).Take(LapsedPerRun).Select(m => new { m.CustomerId, m.SegmentId }).ToListAsync(cancellationToken);
        foreach (var customer in lapsed.GroupBy(m => m.CustomerId))
        {
            var loaded = await upkeep.LoadAsync(customer.Select(m => m.SegmentId).ToList(), cancellationToken);
            done += await upkeep.InTransactionAsync(() => upkeep.EvaluateAsync(customer.Key, loaded, MembershipReasons.Rule, cancellationToken), cancellationToken);
        }

        var building = await db.Segments.AsNoTracking().Where(s => s.State == (int)V1.SegmentState.Building).OrderBy(s => s.SegmentId)
            .Select(s => new { s.SegmentId, s.Version }).ToListAsync(cancellationToken);
        foreach (var segment in building)
        {
            // A first build joins by the rule; a rebuild after a change says so.
            var reasons = segment.Version == 1 ? MembershipReasons.Rule : MembershipReasons.SegmentChanged;
            done += await upkeep.InTransactionAsync(() => segments.BuildPageAsync(segment.SegmentId, reasons, cancellationToken), cancellationToken);
        }

        return done;
    }
}
