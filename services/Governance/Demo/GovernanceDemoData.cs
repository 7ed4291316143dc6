using Cx.Governance.Data;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Demo;

/// <summary>
/// `cx up --demo`: for tenant "demo", owners and a RACI for the journeys, case rules for NPS
/// detractors, an SLA policy on Berlin office hours, a standard, and the four months of cases
/// before today: opened from detractors, worked, mostly resolved within the SLA, followed up in
/// English or Chinese and closed. Late deliveries recur into a pattern, whose root cause is found
/// and answered by the courier action plan, completed when the demo's delivery fix shipped, so its
/// measured before/after effect shows. The detractors of the last few days open their cases live,
/// from the measurement demo's responses. Loading it again adds nothing.
/// </summary>
internal sealed class GovernanceDemoData(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    public const string Tenant = "demo";

    /// <summary>The demo's delivery fix shipped this many days ago (the measurement demo's trend).</summary>
    public const int FixDaysAgo = 60;

    /// <summary>How far back the demo's cases go.</summary>
    public const int HistoryDays = 120;

    /// <summary>Detractors younger than this open cases as they arrive (the rules' maximum signal age); older ones are history.</summary>
    public const int LiveSignalDays = 3;

    public const string PlanId = "courier-second-collection";

    public string Description => "governance: owners, case rules, SLA policy, a standard, four months of cases (most closed), patterns and a completed action plan for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(Tenant, "demo-loader");
        var services = scope.ServiceProvider;
        var actor = services.GetRequiredService<ActorContext>();
        var db = services.GetRequiredService<GovernanceDb>();
        if (await db.Ownerships.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var fixShipped = today.AddDays(-FixDaysAgo);
        var replay = new ReplayClock(today.AddDays(-HistoryDays - 7).AddHours(9));
        var api = DemoApis.On(services, replay);

        // One transaction: the SLA watch, which runs on the real clock, must not find a replayed
        // case overdue and escalate it in the middle of its history. A failed load also leaves nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        await SetUpAsync(api, cancellationToken);

        var timeline = new DemoTimeline(replay, now, db);
        var cases = new CaseHistory(api, actor, timeline, replay, await api.Policies.SlaAsync(cancellationToken), cancellationToken);
        var historyStarts = today.AddDays(-HistoryDays);
        foreach (var (days, customer) in new[] { (3, "customer-1501"), (6, "customer-1502"), (10, "customer-1503") })
        {
            cases.ComplaintByPhone(historyStarts.AddDays(days).AddHours(9), customer, "Parcel arrived four days late", CaseHistory.LateDelivery);
        }

        cases.Detractors(historyStarts, now.AddDays(-LiveSignalDays), fixShipped);
        OuterLoop(api, actor, db, timeline, fixShipped, cancellationToken);
        await timeline.RunAsync();
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task SetUpAsync(DemoApis api, CancellationToken cancellationToken)
    {
        await api.Owners.SetAsync(new V1.Ownership { JourneyId = "online-purchase", Accountable = "maria.lopez", Responsible = { "web-team", "logistics-team" }, Consulted = { "legal" }, Informed = { "cco" } }, cancellationToken);
        await api.Owners.SetAsync(new V1.Ownership { JourneyId = "online-purchase", Touchpoint = "courier", Accountable = "jon.berg", Responsible = { "logistics-team" } }, cancellationToken);
        await api.Owners.SetAsync(new V1.Ownership { JourneyId = "onboarding", Accountable = "aiko.tanaka", Responsible = { "app-team" }, Informed = { "cco" } }, cancellationToken);

        // A detractor is called back within days or not at all: older signals open no case.
        await api.Rules.SetAsync(new V1.CaseRule { RuleId = "angry-detractors", Precedence = 1, MetricIds = { "nps-relationship" }, MaxScore = 3, Priority = CommonV1.CasePriority.High, Assignment = V1.Assignment.JourneyOwner, FallbackOwner = "cx-lead", MaxSignalAgeDays = LiveSignalDays }, cancellationToken);
        await api.Rules.SetAsync(new V1.CaseRule { RuleId = "detractors", Precedence = 2, MetricIds = { "nps-relationship" }, MaxScore = 6, Priority = CommonV1.CasePriority.Normal, Assignment = V1.Assignment.RoundRobin, Assignees = { "cx-agent-1", "cx-agent-2", "cx-agent-3" }, MaxSignalAgeDays = LiveSignalDays }, cancellationToken);

        await api.Policies.SetSlaAsync(new V1.SlaPolicy
        {
            Hours = new V1.ServiceHours { TimeZone = "Europe/Berlin", WorkingDays = { 1, 2, 3, 4, 5 }, Opens = "08:00", Closes = "18:00", Holidays = { "2026-12-24", "2026-12-25", "2026-12-26" } },
            Targets =
            {
                new V1.SlaTarget { Priority = CommonV1.CasePriority.Urgent, ResolveWithinHours = 4, EscalateTo = "cx-lead" },
                new V1.SlaTarget { Priority = CommonV1.CasePriority.High, ResolveWithinHours = 10, EscalateTo = "cx-lead" },
                new V1.SlaTarget { Priority = CommonV1.CasePriority.Normal, ResolveWithinHours = 30, EscalateTo = "cx-lead" },
            },
        }, cancellationToken);

        await api.Standards.PublishAsync(new V1.Standard
        {
            StandardId = "effortless-delivery",
            Title = "Delivery takes little effort",
            Description = "Customers rate delivery effort 5.5 or better (CES mean, 1-7).",
            MetricId = "ces-delivery",
            Comparison = CommonV1.Comparison.AtLeast,
            Threshold = 5.5,
            JourneyIds = { "online-purchase" },
        }, cancellationToken);
    }

    /// <summary>
    /// Late deliveries recur into a pattern (registered by the cases themselves, early in the
    /// history); weeks later its root cause is found, then the plan that cites it runs in the three
    /// weeks before the fix ships.
    /// </summary>
    private static void OuterLoop(DemoApis api, ActorContext actor, GovernanceDb db, DemoTimeline timeline, DateTimeOffset fixShipped, CancellationToken cancellationToken)
    {
        async Task<string> LateDeliveriesAsync() =>
            (await db.Patterns.SingleAsync(p => p.JourneyId == "online-purchase" && p.JourneyStepId == "delivery" && p.RootCauseCategory == CaseHistory.LateDelivery.RootCause, cancellationToken)).PatternId;

        timeline.At(fixShipped.AddDays(-28).AddHours(10), async () =>
        {
            actor.Set("jon.berg");
            await api.Patterns.RecordRootCauseAsync(new V1.RecordRootCauseRequest
            {
                PatternId = await LateDeliveriesAsync(),
                Description = "The courier's evening collection left parcels packed after 16:00 for the next day.",
                Evidence = "Warehouse scan times against courier pick-up logs.",
            }, cancellationToken);
        });
        timeline.At(fixShipped.AddDays(-21).AddHours(9.5), async () =>
        {
            actor.Set("maria.lopez");
            await api.Plans.CreateAsync(new V1.ActionPlan
            {
                PlanId = PlanId,
                Title = "A second daily courier collection",
                JourneyId = "online-purchase",
                JourneyStepId = "delivery",
                PatternId = await LateDeliveriesAsync(),
                MetricIds = { "delivery-speed", "nps-relationship", "ces-delivery" },
                SubActions =
                {
                    new V1.SubAction { SubActionId = "contract", Title = "Agree a 19:00 collection with the courier", Owner = "jon.berg" },
                    new V1.SubAction { SubActionId = "shift", Title = "Move the packing shift to finish at 18:30", Owner = "logistics-team" },
                },
            }, cancellationToken);
        });
        timeline.At(fixShipped.AddDays(-12).AddHours(15), async () =>
        {
            actor.Set("jon.berg");
            await api.Plans.RecordProgressAsync(new V1.RecordActionPlanProgressRequest { PlanId = PlanId, CompletedSubActionIds = { "contract" } }, cancellationToken);
        });
        timeline.At(fixShipped.AddDays(-1).AddHours(17), async () =>
        {
            actor.Set("jon.berg");
            await api.Plans.RecordProgressAsync(new V1.RecordActionPlanProgressRequest { PlanId = PlanId, CompletedSubActionIds = { "shift" }, Status = V1.ActionPlanStatus.Completed }, cancellationToken);
        });
    }
}
