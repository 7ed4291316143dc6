using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Governance.Audit;
using Cx.Governance.Data;
using Cx.Governance.Domain.Patterns;
using Cx.Governance.Owners;
using Cx.Persistence;
using Cx.Persistence.Paging;
using Cx.ServiceDefaults.Tenancy;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Patterns;

/// <summary>
/// Action plans: an accountable owner, sub-actions and progress, tied to a journey step and the
/// metrics they should move; once completed, their measured effect on that step, from Measurement.
/// </summary>
internal sealed class ActionPlansApi(GovernanceDb db, OwnershipsApi owners, PatternsApi patterns, AuditLog audit, TimeProvider clock, MeasurementV1.MeasurementService.MeasurementServiceClient measurement)
{
    public const string SubjectType = "action_plan";
    public const int MaxSubActions = 100;
    public const int MaxMetrics = 20;

    public async Task<V1.ActionPlan> CreateAsync(V1.ActionPlan? plan, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (plan is null)
        {
            validator.Add("plan", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(plan!.PlanId), "plan.plan_id", Identifier.Rule)
            .Require(plan.Title.Trim().Length is > 0 and <= 300, "plan.title", "Required, at most 300 characters.")
            .Require(Identifier.IsReference(plan.JourneyId), "plan.journey_id", "Required, at most 100 characters.")
            .Require(Identifier.IsReference(plan.JourneyStepId), "plan.journey_step_id", "Required: the step the plan should improve, at most 100 characters.")
            .Require(plan.Owner.Length == 0 || Identifier.IsReference(plan.Owner, 200), "plan.owner", "At most 200 characters.")
            .Require(plan.MetricIds.Count is > 0 and <= MaxMetrics && plan.MetricIds.All(m => Identifier.IsReference(m, 63)) && plan.MetricIds.Distinct().Count() == plan.MetricIds.Count, "plan.metric_ids", $"1 to {MaxMetrics} distinct metric ids: what the plan should move.")
            .Require(plan.SubActions.Count <= MaxSubActions, "plan.sub_actions", $"At most {MaxSubActions}.")
            .Require(plan.SubActions.Select(s => s.SubActionId).Distinct().Count() == plan.SubActions.Count, "plan.sub_actions", "Sub-action ids must be distinct.");
        for (var i = 0; i < Math.Min(plan.SubActions.Count, MaxSubActions); i++)
        {
            var sub = plan.SubActions[i];
            validator
                .Require(Identifier.IsValid(sub.SubActionId), $"plan.sub_actions[{i}].sub_action_id", Identifier.Rule)
                .Require(sub.Title.Trim().Length is > 0 and <= 300, $"plan.sub_actions[{i}].title", "Required, at most 300 characters.")
                .Require(sub.Owner.Length <= 200, $"plan.sub_actions[{i}].owner", "At most 200 characters.");
        }

        validator.Require(plan.PatternId.Length == 0 || await patterns.ExistsAsync(plan.PatternId, cancellationToken), "plan.pattern_id", $"No pattern '{plan.PatternId}'.");
        validator.ThrowIfInvalid();
        var owner = plan.Owner.Length > 0 ? plan.Owner : await owners.AccountableAsync(plan.JourneyId, plan.JourneyStepId, string.Empty, cancellationToken);
        new Validator().Require(!string.IsNullOrEmpty(owner), "plan.owner", $"Required: journey '{plan.JourneyId}' has no accountable owner to default to.").ThrowIfInvalid();
        if (await db.ActionPlans.AnyAsync(p => p.PlanId == plan.PlanId, cancellationToken))
        {
            throw new AlreadyExistsException("action plan", plan.PlanId);
        }

        var record = new ActionPlanRecord
        {
            PlanId = plan.PlanId,
            Title = plan.Title.Trim(),
            Owner = owner!,
            Status = nameof(PlanState.Planned),
            DueAtUtc = plan.DueAt?.ToDateTime(),
            JourneyId = plan.JourneyId,
            JourneyStepId = plan.JourneyStepId,
            PatternId = plan.PatternId,
            MetricIdsJson = StoredJson.Of(plan.MetricIds),
            SubActionsJson = StoredJson.Messages(plan.SubActions.Select(s => new V1.SubAction { SubActionId = s.SubActionId, Title = s.Title.Trim(), Owner = s.Owner.Length > 0 ? s.Owner : owner! })),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ActionPlans.Add(record);
        audit.Append("action_plan.created", SubjectType, record.PlanId, new { record.Owner, record.JourneyId, record.JourneyStepId, record.PatternId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException("action plan", plan.PlanId);
        }

        return ToContract(record);
    }

    public async Task<V1.ActionPlan> GetAsync(string planId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(planId, cancellationToken));

    public async Task<V1.ListActionPlansResponse> ListAsync(V1.ListActionPlansRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var query = db.ActionPlans.AsQueryable();
        if (request.JourneyId.Length > 0)
        {
            query = query.Where(p => p.JourneyId == request.JourneyId);
        }

        var (plans, next) = await query.PageAsync(page, p => p.PlanId, cancellationToken);
        return new V1.ListActionPlansResponse { Plans = { plans.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.ActionPlan> RecordProgressAsync(V1.RecordActionPlanProgressRequest request, CancellationToken cancellationToken)
    {
        var to = request.Status == V1.ActionPlanStatus.Unspecified ? null : ContractMapping.ToDomain(request.Status);
        new Validator()
            .Require(request.Status == V1.ActionPlanStatus.Unspecified || to is not null, "status", "IN_PROGRESS, COMPLETED or CANCELLED, or unspecified to keep it.")
            .Require(!request.HasPercentComplete || request.PercentComplete is >= -1 and <= 100, "percent_complete", "0 to 100 (-1 keeps it).")
            .ThrowIfInvalid();
        var record = await FindAsync(request.PlanId, cancellationToken);
        if (request.ExpectedVersion != 0)
        {
            db.ExpectVersion(record, request.ExpectedVersion);
        }

        var from = Enum.Parse<PlanState>(record.Status);
        var subActions = StoredJson.Messages<V1.SubAction>(record.SubActionsJson);
        var unknown = request.CompletedSubActionIds.Where(id => subActions.All(s => s.SubActionId != id)).ToArray();
        new Validator()
            .Require(unknown.Length == 0, "completed_sub_action_ids", $"Not sub-actions of plan {record.PlanId}: {string.Join(", ", unknown)}.")
            .Require(!request.HasPercentComplete || request.PercentComplete == -1 || subActions.Count == 0, "percent_complete", "This plan has sub-actions: its percent complete follows them.")
            .ThrowIfInvalid();
        var target = to ?? (from == PlanState.Planned ? PlanState.InProgress : from);
        ActionPlanProgress.Move(record.PlanId, from, target);
        var now = clock.GetUtcNow();
        foreach (var sub in subActions.Where(s => !s.Done && request.CompletedSubActionIds.Contains(s.SubActionId)))
        {
            (sub.Done, sub.DoneAt) = (true, ContractMapping.ToTimestamp(now));
        }

        if (target == PlanState.Completed && subActions.Any(s => !s.Done))
        {
            throw new PreconditionFailedException("OPEN_SUB_ACTIONS", SubjectType + "/" + record.PlanId,
                $"Action plan {record.PlanId} still has open sub-actions: {string.Join(", ", subActions.Where(s => !s.Done).Select(s => s.SubActionId))}.");
        }

        record.SubActionsJson = StoredJson.Messages(subActions);
        record.PercentComplete = target == PlanState.Completed ? 100
            : subActions.Count > 0 ? ActionPlanProgress.PercentDone(subActions.Count(s => s.Done), subActions.Count)
            : request.HasPercentComplete && request.PercentComplete >= 0 ? request.PercentComplete : record.PercentComplete;
        record.Status = target.ToString();
        if (target == PlanState.Completed)
        {
            record.CompletedAtUtc = now.UtcDateTime;
            db.Raise(new ActionPlanCompleted
            {
                PlanId = record.PlanId,
                Owner = record.Owner,
                JourneyId = record.JourneyId,
                JourneyStepId = record.JourneyStepId,
                PatternId = record.PatternId,
                MetricIds = { StoredJson.Strings(record.MetricIdsJson) },
                CompletedAt = ContractMapping.ToTimestamp(now),
            }, record.PlanId);
        }

        audit.Append("action_plan.progress", SubjectType, record.PlanId, new { from = from.ToString(), to = target.ToString(), record.PercentComplete, done = request.CompletedSubActionIds.ToArray() });
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.ActionPlanEffect> EffectAsync(V1.GetActionPlanEffectRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.WindowDays is >= 0 and <= 365, "window_days", "1 to 365 (0 means 30).").ThrowIfInvalid();
        var record = await FindAsync(request.PlanId, cancellationToken);
        if (record.CompletedAtUtc is not { } completed)
        {
            throw new PreconditionFailedException("PLAN_NOT_COMPLETED", SubjectType + "/" + record.PlanId,
                $"Action plan {record.PlanId} is {record.Status}: its effect is measured once it is completed.");
        }

        var windows = EffectWindows.For(ContractMapping.AsUtc(record.CreatedAtUtc), ContractMapping.AsUtc(completed), request.WindowDays == 0 ? EffectWindows.DefaultDays : request.WindowDays, clock.GetUtcNow());
        var effect = new V1.ActionPlanEffect
        {
            PlanId = record.PlanId,
            BeforeFrom = ContractMapping.ToTimestamp(windows.BeforeFrom),
            BeforeTo = ContractMapping.ToTimestamp(windows.BeforeTo),
            AfterFrom = ContractMapping.ToTimestamp(windows.AfterFrom),
            AfterTo = ContractMapping.ToTimestamp(windows.AfterTo),
            AfterWindowComplete = windows.AfterComplete,
        };

        // The same tenant, asked of the measurement service (the client signs it): its figures are the one source of truth.
        foreach (var metricId in StoredJson.Strings(record.MetricIdsJson))
        {
            var comparison = await measurement.CompareResultsAsync(new MeasurementV1.CompareResultsRequest
            {
                MetricId = metricId,
                Filter = new CommonV1.ResultFilter { JourneyIds = { record.JourneyId }, JourneyStepIds = { record.JourneyStepId } },
                Before = new MeasurementV1.Period { From = effect.BeforeFrom, To = effect.BeforeTo },
                After = new MeasurementV1.Period { From = effect.AfterFrom, To = effect.AfterTo },
            }, cancellationToken: cancellationToken);
            effect.Effects.Add(new V1.MetricEffect { MetricId = metricId, Comparison = comparison });
        }

        return effect;
    }

    private async Task<ActionPlanRecord> FindAsync(string planId, CancellationToken cancellationToken)
    {
        Validator.RequireId(planId, "plan_id");
        return await db.ActionPlans.FirstOrDefaultAsync(p => p.PlanId == planId, cancellationToken) ?? throw new NotFoundException("action plan", planId);
    }

    private static V1.ActionPlan ToContract(ActionPlanRecord p) => new()
    {
        PlanId = p.PlanId,
        Title = p.Title,
        Owner = p.Owner,
        Status = ContractMapping.ToContract(Enum.Parse<PlanState>(p.Status)),
        PercentComplete = p.PercentComplete,
        DueAt = ContractMapping.ToTimestamp(p.DueAtUtc),
        JourneyId = p.JourneyId,
        JourneyStepId = p.JourneyStepId,
        PatternId = p.PatternId,
        MetricIds = { StoredJson.Strings(p.MetricIdsJson) },
        SubActions = { StoredJson.Messages<V1.SubAction>(p.SubActionsJson) },
        CreatedAt = ContractMapping.ToTimestamp(p.CreatedAtUtc),
        CompletedAt = ContractMapping.ToTimestamp(p.CompletedAtUtc),
        Version = p.Version,
    };
}
