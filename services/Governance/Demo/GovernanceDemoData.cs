using Cx.Governance.Api;
using Cx.Governance.Data;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Demo;

/// <summary>
/// `cx up --demo`: for tenant "demo", owners and a RACI for both journeys, case rules for NPS
/// detractors (the last two weeks of demo responses open cases by themselves), an SLA policy on
/// Berlin office hours, a standard, three late-delivery cases resolved and closed (which register a
/// pattern), and the delivery action plan that answered it, completed when the demo's delivery fix
/// shipped, so its measured before/after effect shows. Loading it again adds nothing.
/// </summary>
internal sealed class GovernanceDemoData(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    public const string Tenant = "demo";

    /// <summary>The demo's delivery fix shipped this many days ago (the measurement demo's trend).</summary>
    public const int FixDaysAgo = 60;

    public string Description => "governance: owners, case rules, SLA policy, a standard, closed cases, a pattern and a completed action plan for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("demo-loader");
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<GovernanceDb>();
        if (await db.Ownerships.AnyAsync(cancellationToken))
        {
            return;
        }

        var owners = services.GetRequiredService<OwnershipsApi>();
        await owners.SetAsync(new V1.Ownership { JourneyId = "online-purchase", Accountable = "maria.lopez", Responsible = { "web-team", "logistics-team" }, Consulted = { "legal" }, Informed = { "cco" } }, cancellationToken);
        await owners.SetAsync(new V1.Ownership { JourneyId = "online-purchase", Touchpoint = "courier", Accountable = "jon.berg", Responsible = { "logistics-team" } }, cancellationToken);
        await owners.SetAsync(new V1.Ownership { JourneyId = "onboarding", Accountable = "aiko.tanaka", Responsible = { "app-team" }, Informed = { "cco" } }, cancellationToken);

        var rules = services.GetRequiredService<CaseRulesApi>();
        await rules.SetAsync(new V1.CaseRule { RuleId = "angry-detractors", Precedence = 1, MetricIds = { "nps-relationship" }, MaxScore = 3, Priority = CommonV1.CasePriority.High, Assignment = V1.Assignment.JourneyOwner, FallbackOwner = "cx-lead" }, cancellationToken);
        await rules.SetAsync(new V1.CaseRule { RuleId = "detractors", Precedence = 2, MetricIds = { "nps-relationship" }, MaxScore = 6, Priority = CommonV1.CasePriority.Normal, Assignment = V1.Assignment.RoundRobin, Assignees = { "cx-agent-1", "cx-agent-2", "cx-agent-3" } }, cancellationToken);

        var policies = services.GetRequiredService<PoliciesApi>();
        await policies.SetSlaAsync(new V1.SlaPolicy
        {
            Hours = new V1.ServiceHours { TimeZone = "Europe/Berlin", WorkingDays = { 1, 2, 3, 4, 5 }, Opens = "08:00", Closes = "18:00", Holidays = { "2026-12-24", "2026-12-25", "2026-12-26" } },
            Targets =
            {
                new V1.SlaTarget { Priority = CommonV1.CasePriority.Urgent, ResolveWithinHours = 4, EscalateTo = "cx-lead" },
                new V1.SlaTarget { Priority = CommonV1.CasePriority.High, ResolveWithinHours = 10, EscalateTo = "cx-lead" },
                new V1.SlaTarget { Priority = CommonV1.CasePriority.Normal, ResolveWithinHours = 30, EscalateTo = "cx-lead" },
            },
        }, cancellationToken);

        await services.GetRequiredService<StandardsApi>().PublishAsync(new V1.Standard
        {
            StandardId = "effortless-delivery",
            Title = "Delivery takes little effort",
            Description = "Customers rate delivery effort 5.5 or better (CES mean, 1-7).",
            MetricId = "ces-delivery",
            Comparison = CommonV1.Comparison.AtLeast,
            Threshold = 5.5,
            JourneyIds = { "online-purchase" },
        }, cancellationToken);

        // Three late deliveries, recovered and closed: the third registers the pattern.
        var cases = services.GetRequiredService<CasesApi>();
        foreach (var customer in new[] { "customer-1501", "customer-1502", "customer-1503" })
        {
            var opened = await cases.OpenByHandAsync(new V1.OpenCaseRequest { Title = "Parcel arrived four days late", CustomerId = customer, JourneyId = "online-purchase", JourneyStepId = "delivery", Touchpoint = "courier", Priority = CommonV1.CasePriority.High }, cancellationToken);
            await cases.MoveAsync(new V1.MoveCaseRequest { CaseId = opened.CaseId, To = V1.CaseStatus.InProgress }, cancellationToken);
            await cases.MoveAsync(new V1.MoveCaseRequest { CaseId = opened.CaseId, To = V1.CaseStatus.Resolved, Resolution = new V1.CaseResolution { RootCauseCategory = "late-delivery", Notes = "Refunded shipping; courier slot missed.", Recovered = customer != "customer-1502", FollowUpChannel = "email", FollowUpLanguage = "en" } }, cancellationToken);
            await cases.MoveAsync(new V1.MoveCaseRequest { CaseId = opened.CaseId, To = V1.CaseStatus.Closed }, cancellationToken);
        }

        var pattern = await db.Patterns.SingleAsync(cancellationToken);
        await services.GetRequiredService<PatternsApi>().RecordRootCauseAsync(new V1.RecordRootCauseRequest
        {
            PatternId = pattern.PatternId,
            Description = "The courier's evening collection left parcels packed after 16:00 for the next day.",
            Evidence = "Warehouse scan times against courier pick-up logs.",
        }, cancellationToken);
        var plans = services.GetRequiredService<ActionPlansApi>();
        await plans.CreateAsync(new V1.ActionPlan
        {
            PlanId = "courier-second-collection",
            Title = "A second daily courier collection",
            JourneyId = "online-purchase",
            JourneyStepId = "delivery",
            PatternId = pattern.PatternId,
            MetricIds = { "delivery-speed", "nps-relationship", "ces-delivery" },
            SubActions =
            {
                new V1.SubAction { SubActionId = "contract", Title = "Agree a 19:00 collection with the courier", Owner = "jon.berg" },
                new V1.SubAction { SubActionId = "shift", Title = "Move the packing shift to finish at 18:30", Owner = "logistics-team" },
            },
        }, cancellationToken);
        await plans.RecordProgressAsync(new V1.RecordActionPlanProgressRequest { PlanId = "courier-second-collection", CompletedSubActionIds = { "contract", "shift" }, Status = V1.ActionPlanStatus.Completed }, cancellationToken);

        // The plan's history is the demo's: it ran in the weeks before the delivery fix shipped.
        var plan = await db.ActionPlans.SingleAsync(p => p.PlanId == "courier-second-collection", cancellationToken);
        var fixDay = clock.GetUtcNow().UtcDateTime.Date.AddDays(-FixDaysAgo);
        (plan.CreatedAtUtc, plan.CompletedAtUtc) = (fixDay.AddDays(-21), fixDay.AddDays(-1).AddHours(17));
        await db.SaveChangesAsync(cancellationToken);
    }
}
