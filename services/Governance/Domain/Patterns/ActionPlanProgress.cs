using Cx.Domain.Errors;

namespace Cx.Governance.Domain.Patterns;

public enum PlanState
{
    Planned = 1,
    InProgress = 2,
    Completed = 3,
    Cancelled = 4,
}

/// <summary>How an action plan moves and how complete it is.</summary>
public static class ActionPlanProgress
{
    /// <summary>Planned → in progress → completed; cancelled from either. Completed and cancelled are final.</summary>
    public static void Move(string planId, PlanState from, PlanState to)
    {
        var allowed = from switch
        {
            PlanState.Planned => to is PlanState.InProgress or PlanState.Completed or PlanState.Cancelled,
            PlanState.InProgress => to is PlanState.Completed or PlanState.Cancelled,
            _ => false,
        };
        if (!allowed && from != to)
        {
            throw new PreconditionFailedException("ILLEGAL_PLAN_TRANSITION", "action_plan/" + planId, $"Action plan {planId} is {from}; it cannot become {to}.");
        }

        if (from is PlanState.Completed or PlanState.Cancelled)
        {
            throw new PreconditionFailedException("PLAN_FINISHED", "action_plan/" + planId, $"Action plan {planId} is {from}; it takes no more progress.");
        }
    }

    /// <summary>The share of sub-actions done, rounded down, so 100 means every one.</summary>
    public static int PercentDone(int done, int total) => total == 0 ? 0 : (int)(100L * done / total);
}

/// <summary>
/// The windows a plan's effect is measured over, in whole UTC days: the days before the day it was
/// created, and the days after the day it completed (the days of the work itself are in neither).
/// </summary>
public sealed record EffectWindows(DateTimeOffset BeforeFrom, DateTimeOffset BeforeTo, DateTimeOffset AfterFrom, DateTimeOffset AfterTo, bool AfterComplete)
{
    public const int DefaultDays = 30;

    public static EffectWindows For(DateTimeOffset created, DateTimeOffset completed, int days, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var beforeTo = StartOfDay(created);
        var afterFrom = StartOfDay(completed).AddDays(1);
        var afterTo = afterFrom.AddDays(days);
        return new EffectWindows(beforeTo.AddDays(-days), beforeTo, afterFrom, afterTo, now >= afterTo);
    }

    private static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);
}
