using Cx.ServiceKit.Jobs;
using Cx.Strategy.Data;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.Maturity;

/// <summary>
/// Assesses each tenant's maturity at every quarter's end, once, from the signals of the 90 days
/// before it: a tenant with signals gets each of the last four quarter ends that has no assessment,
/// and on its first run where it stands then, so its history starts with where it came from. Runs every Cx:Strategy:MaturityCheckSeconds (default
/// 600).
/// </summary>
internal sealed class MaturityAssessmentJob(StrategyDb db, MaturityApi maturity) : ITenantJob
{
    public const string IntervalSetting = "Cx:Strategy:MaturityCheckSeconds";

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var quarterEnd = MaturityApi.QuarterEnds(now, 1)[0].UtcDateTime;
        var withSignals = await db.Signals.IgnoreQueryFilters().Select(s => s.TenantId).Distinct().ToListAsync(cancellationToken);
        var assessed = await db.Assessments.IgnoreQueryFilters().Where(a => a.AsOfUtc == quarterEnd).Select(a => a.TenantId).Distinct().ToListAsync(cancellationToken);
        return withSignals.Except(assessed, StringComparer.Ordinal).ToList();
    }

    public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => maturity.AssessEndedQuartersAsync(now, cancellationToken);
}
