using Cx.Governance.Audit;
using Cx.Governance.Cases;
using Cx.Governance.Owners;
using Cx.Governance.Patterns;
using Cx.Governance.Sla;
using Cx.Governance.Standards;
using Grpc.Core;
using V1 = Cx.Governance.V1;

namespace Cx.Governance;

/// <summary>cx.governance.v1.GovernanceService: thin, each call handed to the part that owns it.</summary>
internal sealed class GovernanceApi(OwnershipsApi ownerships, CaseRulesApi rules, PoliciesApi policies, CasesApi cases, PatternsApi patterns, ActionPlansApi plans, StandardsApi standards, AuditLog audit)
    : V1.GovernanceService.GovernanceServiceBase
{
    public override Task<V1.Ownership> SetOwnership(V1.SetOwnershipRequest request, ServerCallContext context) =>
        ownerships.SetAsync(request.Ownership, context.CancellationToken);

    public override Task<V1.ListOwnershipsResponse> ListOwnerships(V1.ListOwnershipsRequest request, ServerCallContext context) =>
        ownerships.ListAsync(request, context.CancellationToken);

    public override Task<V1.CaseRule> SetCaseRule(V1.SetCaseRuleRequest request, ServerCallContext context) =>
        rules.SetAsync(request.Rule, context.CancellationToken);

    public override Task<V1.ListCaseRulesResponse> ListCaseRules(V1.ListCaseRulesRequest request, ServerCallContext context) =>
        rules.ListAsync(context.CancellationToken);

    public override async Task<V1.DeleteCaseRuleResponse> DeleteCaseRule(V1.DeleteCaseRuleRequest request, ServerCallContext context)
    {
        await rules.DeleteAsync(request.RuleId, context.CancellationToken);
        return new V1.DeleteCaseRuleResponse();
    }

    public override Task<V1.SlaPolicy> SetSlaPolicy(V1.SetSlaPolicyRequest request, ServerCallContext context) =>
        policies.SetSlaAsync(request.Policy, context.CancellationToken);

    public override Task<V1.SlaPolicy> GetSlaPolicy(V1.GetSlaPolicyRequest request, ServerCallContext context) =>
        policies.GetSlaAsync(context.CancellationToken);

    public override Task<V1.Case> OpenCase(V1.OpenCaseRequest request, ServerCallContext context) =>
        cases.OpenByHandAsync(request, context.CancellationToken);

    public override Task<V1.Case> GetCase(V1.GetCaseRequest request, ServerCallContext context) =>
        cases.GetAsync(request.CaseId, context.CancellationToken);

    public override Task<V1.ListCasesResponse> ListCases(V1.ListCasesRequest request, ServerCallContext context) =>
        cases.ListAsync(request, context.CancellationToken);

    public override Task<V1.Case> AssignCase(V1.AssignCaseRequest request, ServerCallContext context) =>
        cases.AssignAsync(request, context.CancellationToken);

    public override Task<V1.Case> MoveCase(V1.MoveCaseRequest request, ServerCallContext context) =>
        cases.MoveAsync(request, context.CancellationToken);

    public override Task<V1.PatternPolicy> SetPatternPolicy(V1.SetPatternPolicyRequest request, ServerCallContext context) =>
        policies.SetPatternsAsync(request.Policy, context.CancellationToken);

    public override Task<V1.ListPatternsResponse> ListPatterns(V1.ListPatternsRequest request, ServerCallContext context) =>
        patterns.ListAsync(request, context.CancellationToken);

    public override Task<V1.Pattern> GetPattern(V1.GetPatternRequest request, ServerCallContext context) =>
        patterns.GetAsync(request.PatternId, context.CancellationToken);

    public override Task<V1.Pattern> RecordRootCause(V1.RecordRootCauseRequest request, ServerCallContext context) =>
        patterns.RecordRootCauseAsync(request, context.CancellationToken);

    public override Task<V1.ActionPlan> CreateActionPlan(V1.CreateActionPlanRequest request, ServerCallContext context) =>
        plans.CreateAsync(request.Plan, context.CancellationToken);

    public override Task<V1.ActionPlan> GetActionPlan(V1.GetActionPlanRequest request, ServerCallContext context) =>
        plans.GetAsync(request.PlanId, context.CancellationToken);

    public override Task<V1.ListActionPlansResponse> ListActionPlans(V1.ListActionPlansRequest request, ServerCallContext context) =>
        plans.ListAsync(request, context.CancellationToken);

    public override Task<V1.ActionPlan> RecordActionPlanProgress(V1.RecordActionPlanProgressRequest request, ServerCallContext context) =>
        plans.RecordProgressAsync(request, context.CancellationToken);

    public override Task<V1.ActionPlanEffect> GetActionPlanEffect(V1.GetActionPlanEffectRequest request, ServerCallContext context) =>
        plans.EffectAsync(request, context.CancellationToken);

    public override Task<V1.Standard> PublishStandard(V1.PublishStandardRequest request, ServerCallContext context) =>
        standards.PublishAsync(request.Standard, context.CancellationToken);

    public override Task<V1.ListStandardsResponse> ListStandards(V1.ListStandardsRequest request, ServerCallContext context) =>
        standards.ListAsync(request, context.CancellationToken);

    public override Task<V1.Review> ReviewJourneyChange(V1.ReviewJourneyChangeRequest request, ServerCallContext context) =>
        standards.ReviewAsync(request, context.CancellationToken);

    public override Task<V1.Review> GetLatestReview(V1.GetLatestReviewRequest request, ServerCallContext context) =>
        standards.LatestReviewAsync(request.ChangeId, context.CancellationToken);

    public override Task<V1.ListAuditEntriesResponse> ListAuditEntries(V1.ListAuditEntriesRequest request, ServerCallContext context) =>
        audit.ListAsync(request, context.CancellationToken);
}
