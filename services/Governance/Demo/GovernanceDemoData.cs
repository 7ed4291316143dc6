using System.Globalization;
using Cx.Events.V1;
using Cx.Governance.Data;
using Cx.Governance.Domain.Sla;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Demo;

/// <summary>
/// `cx up --demo`: for tenant "demo", owners and a RACI for the journeys, case rules for NPS
/// detractors, for strongly negative comments on deliveries and for delivery effort breaching its target, an SLA policy on Berlin office hours,
/// a standard, and the four months of cases before today: opened from detractors, worked, mostly
/// resolved within the SLA, followed up in English or Chinese and closed; and one case of the
/// delivery step itself, opened when a month's delivery effort breached the target. Late deliveries recur into a pattern, whose root cause is found
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
        DeliveryEffortBreaches(api, actor, timeline, replay, await api.Policies.SlaAsync(cancellationToken), historyStarts, fixShipped, cancellationToken);
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

        // A month of deliveries whose effort is significantly worse than the standard is the step's
        // problem, not one customer's: the courier's owner takes it. Only the step's breach opens
        // a case; the same answers over every context breach too, and would be the same problem twice.
        await api.Rules.SetAsync(new V1.CaseRule { RuleId = "delivery-effort-breaches", Precedence = 3, Trigger = V1.CaseTrigger.ThresholdBreach, MetricIds = { "ces-delivery" }, JourneyIds = { "online-purchase" }, JourneyStepIds = { "delivery" }, Priority = CommonV1.CasePriority.High, Assignment = V1.Assignment.Fixed, Assignees = { "jon.berg" } }, cancellationToken);

        // A customer who writes bitterly about their delivery is called back like a detractor,
        // whatever score they gave: the courier's owner takes it (the touchpoint's), else the lead.
        await api.Rules.SetAsync(new V1.CaseRule { RuleId = "negative-delivery-feedback", Precedence = 4, Trigger = V1.CaseTrigger.NegativeFeedback, MaxSentiment = -0.6, JourneyIds = { "online-purchase" }, JourneyStepIds = { "delivery" }, Priority = CommonV1.CasePriority.Normal, Assignment = V1.Assignment.JourneyOwner, FallbackOwner = "cx-lead", MaxSignalAgeDays = LiveSignalDays }, cancellationToken);

        // A pain point Understanding confirmed (customers' comments concentrate on it, and the
        // driver analysis says its metric moves NPS) is the journey owner's to fix.
        await api.Rules.SetAsync(new V1.CaseRule { RuleId = "confirmed-pain-points", Precedence = 5, Trigger = V1.CaseTrigger.PainPoint, Priority = CommonV1.CasePriority.High, Assignment = V1.Assignment.JourneyOwner, FallbackOwner = "cx-lead" }, cancellationToken);

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
    /// Delivery effort (a CES mean, target 5.5) breaches it month after month until the courier fix:
    /// each month of the history that closed before the fix raises metric_threshold_breached at the
    /// delivery step, as Measurement's evaluation does minutes after the month closes (a month, as
    /// the step's days and weeks hold too few answers to call). The first opens the step's case, the
    /// next joins it; it is escalated when it falls due, and resolved once two weeks of deliveries
    /// after the fix have held.
    /// </summary>
    private static void DeliveryEffortBreaches(DemoApis api, ActorContext actor, DemoTimeline timeline, ReplayClock clock, SlaPolicy sla, DateTimeOffset historyStarts, DateTimeOffset fixShipped, CancellationToken cancellationToken)
    {
        var random = new Random(20261207);
        string? caseId = null;
        for (var month = new DateTimeOffset(historyStarts.Year, historyStarts.Month, 1, 0, 0, 0, TimeSpan.Zero); month.AddMonths(1) <= fixShipped; month = month.AddMonths(1))
        {
            var closes = month.AddMonths(1);
            if (closes <= historyStarts)
            {
                continue;
            }

            var score = Math.Round(4.6 + (0.4 * random.NextDouble()), 2);
            var breach = new MetricThresholdBreached
            {
                MetricId = "ces-delivery",
                Bucket = month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                N = 4 * DateTime.DaysInMonth(month.Year, month.Month),
                Score = score,
                Interval = new CommonV1.Interval { Lower = Math.Round(score - 0.24, 2), Upper = Math.Round(score + 0.24, 2) },
                Target = 5.5,
                JourneyId = "online-purchase",
                JourneyStepId = "delivery",
            };
            timeline.At(closes.AddMinutes(5), async () =>
            {
                actor.Set(ActorContext.System);
                var opened = await api.Cases.OpenFromBreachAsync(breach, cancellationToken);
                if (opened is null || caseId is not null)
                {
                    return;
                }

                caseId = opened.CaseId;
                var due = new DateTimeOffset(opened.DueAtUtc!.Value, TimeSpan.Zero);
                timeline.At(sla.Hours.Add(clock.Now, TimeSpan.FromMinutes(50)), () => MoveAsync(V1.CaseStatus.InProgress, "Asked the courier for the month's collection times."));
                timeline.At(due.AddSeconds(30), async () =>
                {
                    actor.Set(ActorContext.System);
                    await api.Cases.EscalateOverdueAsync(clock.Now, cancellationToken);
                });
            });
        }

        var resolved = sla.Hours.Add(fixShipped.AddDays(14), TimeSpan.FromHours(2));
        timeline.At(resolved, () => MoveAsync(V1.CaseStatus.Resolved, resolution: new V1.CaseResolution
        {
            RootCauseCategory = CaseHistory.LateDelivery.RootCause,
            Notes = "Parcels packed after 16:00 missed the courier; since the second daily collection, delivery effort is back above the standard.",
        }));
        timeline.At(sla.Hours.Add(resolved.AddDays(1), TimeSpan.FromHours(1)), () => MoveAsync(V1.CaseStatus.Closed, "The first month after the fix met the standard."));

        async Task MoveAsync(V1.CaseStatus to, string note = "", V1.CaseResolution? resolution = null)
        {
            actor.Set("jon.berg");
            await api.Cases.MoveAsync(new V1.MoveCaseRequest { CaseId = caseId!, To = to, Note = note, Resolution = resolution }, cancellationToken);
        }
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
