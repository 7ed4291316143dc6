using Cx.ServiceKit.Jobs;
using Cx.Understanding.Data;
using Microsoft.EntityFrameworkCore;

namespace Cx.Understanding.PainPoints;

/// <summary>
/// Looks for pain points in every tenant's enriched comments, every
/// Cx:Understanding:PainPointDetectionSeconds (default 60): each run reads the tenant's window
/// once, so its cost follows the comments in the window, and a restart loses nothing.
/// </summary>
internal sealed class PainPointDetectionJob(UnderstandingDb db, PainPointsApi painPoints) : ITenantJob
{
    public const string IntervalSetting = "Cx:Understanding:PainPointDetectionSeconds";

    public async Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Feedback.IgnoreQueryFilters().Select(f => f.TenantId).Distinct().ToListAsync(cancellationToken);

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = await painPoints.DetectAsync(cancellationToken);
        return result.Identified + result.NoLongerDetected;
    }
}
