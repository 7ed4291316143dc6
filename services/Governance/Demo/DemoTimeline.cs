using Cx.Governance.Audit;
using Cx.Governance.Cases;
using Cx.Governance.Data;
using Cx.Governance.Owners;
using Cx.Governance.Patterns;
using Cx.Governance.Sla;
using Cx.Governance.Standards;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Governance.Demo;

/// <summary>The demo's clock: it reads whatever moment of the past the timeline is replaying.</summary>
internal sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Steps of the demo's past, run in the order they happened so that each one meets the state
/// the steps before it left (due times, patterns, the round-robin rotation). A step dated after
/// <paramref name="end"/> has not happened yet and is left out: what it would have changed stays
/// as it is, e.g. a case still open when the demo is loaded.
/// </summary>
internal sealed class DemoTimeline(ReplayClock clock, DateTimeOffset end, GovernanceDb db)
{
    private readonly PriorityQueue<Func<Task>, (DateTimeOffset At, long Order)> _steps = new();
    private long _added;

    public DateTimeOffset End => end;

    public void At(DateTimeOffset at, Func<Task> step)
    {
        if (at <= end)
        {
            _steps.Enqueue(step, (at, _added++));
        }
    }

    public async Task RunAsync()
    {
        while (_steps.TryDequeue(out var step, out var when))
        {
            clock.Now = when.At;
            await step();

            // Each step reads what it needs afresh; letting tracked rows pile up would make
            // every later save slower.
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>The service's own APIs, built on the replay clock so that what they record is dated in the demo's past.</summary>
internal sealed record DemoApis(OwnershipsApi Owners, CaseRulesApi Rules, PoliciesApi Policies, StandardsApi Standards, CasesApi Cases, PatternsApi Patterns, ActionPlansApi Plans)
{
    public static DemoApis On(IServiceProvider services, TimeProvider clock)
    {
        var audit = ActivatorUtilities.CreateInstance<AuditLog>(services, clock);
        var owners = ActivatorUtilities.CreateInstance<OwnershipsApi>(services, audit, clock);
        var rules = ActivatorUtilities.CreateInstance<CaseRulesApi>(services, audit);
        var policies = ActivatorUtilities.CreateInstance<PoliciesApi>(services, audit);
        var patterns = ActivatorUtilities.CreateInstance<PatternsApi>(services, policies, audit, clock);
        return new DemoApis(
            owners,
            rules,
            policies,
            ActivatorUtilities.CreateInstance<StandardsApi>(services, audit, clock),
            ActivatorUtilities.CreateInstance<CasesApi>(services, rules, owners, policies, patterns, audit, clock),
            patterns,
            ActivatorUtilities.CreateInstance<ActionPlansApi>(services, owners, patterns, audit, clock));
    }
}
