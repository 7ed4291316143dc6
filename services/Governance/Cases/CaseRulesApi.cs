using Cx.Domain.Errors;
using Cx.Governance.Audit;
using Cx.Governance.Data;
using Cx.Governance.Domain.Cases;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Cases;

/// <summary>The rules each tenant sets for which detractors, negative comments and threshold breaches open a case.</summary>
internal sealed class CaseRulesApi(GovernanceDb db, AuditLog audit)
{
    public const int MaxRules = 200;

    public async Task<V1.CaseRule> SetAsync(V1.CaseRule? rule, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (rule is null)
        {
            validator.Add("rule", "Required.").ThrowIfInvalid();
        }

        var breaches = rule!.Trigger == V1.CaseTrigger.ThresholdBreach;
        var feedback = rule.Trigger == V1.CaseTrigger.NegativeFeedback;
        var painPoints = rule.Trigger == V1.CaseTrigger.PainPoint;
        validator
            .Require(Identifier.IsValid(rule.RuleId), "rule.rule_id", Identifier.Rule)
            .Require(Enum.IsDefined(rule.Trigger), "rule.trigger", "DETRACTOR (or unspecified), THRESHOLD_BREACH, NEGATIVE_FEEDBACK or PAIN_POINT.")
            .Require(!feedback || rule.MaxScore == 0, "rule.max_score", "Detractor rules only: a NEGATIVE_FEEDBACK rule leaves it 0 and sets max_sentiment.")
            .Require(feedback || !rule.HasMaxSentiment, "rule.max_sentiment", "NEGATIVE_FEEDBACK rules only.")
            .Require(!rule.HasMaxSentiment || CaseRule.IsSentimentCeiling(rule.MaxSentiment), "rule.max_sentiment", "-1 to 0: comments at or below it open a case (unset means -0.5).")
            .Require(feedback || painPoints || rule.TopicIds.Count == 0, "rule.topic_ids", "NEGATIVE_FEEDBACK and PAIN_POINT rules only.")
            .Require(feedback || rule.EffortCues.Count == 0, "rule.effort_cues", "NEGATIVE_FEEDBACK rules only.")
            .Require(rule.EffortCues.All(c => c != CommonV1.EffortCue.Unspecified && Enum.IsDefined(c)), "rule.effort_cues", "WAITING, REPEATING or TRANSFERRED.")
            .Require(rule.EffortCues.Count <= 10, "rule.effort_cues", "At most 10.")
            .Require(!breaches || rule.MaxScore == 0, "rule.max_score", "Detractor rules only: a THRESHOLD_BREACH rule leaves it 0.")
            .Require(!painPoints || rule.MaxScore == 0, "rule.max_score", "Detractor rules only: a PAIN_POINT rule leaves it 0.")
            .Require(!painPoints || rule.Segments.Count == 0, "rule.segments", "Detractor and NEGATIVE_FEEDBACK rules only: a pain point names no segment.")
            .Require(!painPoints || rule.MaxSignalAgeDays == 0, "rule.max_signal_age_days", "Detractor and NEGATIVE_FEEDBACK rules only: a PAIN_POINT rule leaves it 0.")
            .Require(!breaches || rule.Segments.Count == 0, "rule.segments", "Detractor rules only: a breach names no segment.")
            .Require(!breaches || rule.MaxSignalAgeDays == 0, "rule.max_signal_age_days", "Detractor rules only: a THRESHOLD_BREACH rule leaves it 0.")
            .Require(rule.MaxScore is >= 0 and <= 10, "rule.max_score", "0 to 10: scores at or below it open a case.")
            .Require(ContractMapping.IsPriority(rule.Priority), "rule.priority", "Required: URGENT, HIGH, NORMAL or LOW.")
            .Require(rule.Assignment != V1.Assignment.Unspecified && Enum.IsDefined(rule.Assignment), "rule.assignment", "Required: JOURNEY_OWNER, TEAM, FIXED or ROUND_ROBIN.")
            .Require(rule.Assignment is not (V1.Assignment.JourneyOwner or V1.Assignment.Team) || Identifier.IsReference(rule.FallbackOwner, 200), "rule.fallback_owner", "Required for JOURNEY_OWNER and TEAM: who is accountable when no owner or team is found, at most 200 characters.")
            .Require(rule.FallbackOwner.Length <= 200, "rule.fallback_owner", "At most 200 characters.")
            .Require(rule.Assignment is not (V1.Assignment.Fixed or V1.Assignment.RoundRobin) || rule.Assignees.Count > 0, "rule.assignees", "FIXED and ROUND_ROBIN need at least one assignee.")
            .Require(rule.Assignees.Count <= 50 && rule.Assignees.All(a => Identifier.IsReference(a, 200)), "rule.assignees", "At most 50, each at most 200 characters.")
            .Require(rule.MaxSignalAgeDays is >= 0 and <= 365, "rule.max_signal_age_days", "0 to 365 (0 means 14).");
        foreach (var (field, values) in new[] { ("metric_ids", rule.MetricIds), ("segments", rule.Segments), ("journey_ids", rule.JourneyIds), ("journey_step_ids", rule.JourneyStepIds), ("topic_ids", rule.TopicIds) })
        {
            validator.Require(values.Count <= 100 && values.All(v => Identifier.IsReference(v)), "rule." + field, "At most 100 values, each at most 100 characters.");
        }

        validator.ThrowIfInvalid();
        var record = await db.CaseRules.FirstOrDefaultAsync(r => r.RuleId == rule.RuleId, cancellationToken);
        if (record is null)
        {
            if (await db.CaseRules.CountAsync(cancellationToken) >= MaxRules)
            {
                throw new PreconditionFailedException("TOO_MANY_RULES", "case-rules", $"A tenant has at most {MaxRules} case rules; delete one first.");
            }

            record = new CaseRuleRecord { RuleId = rule.RuleId };
            db.CaseRules.Add(record);
        }

        record.Precedence = rule.Precedence;
        record.MetricIdsJson = StoredJson.Of(rule.MetricIds);
        record.MaxScore = rule.MaxScore;
        record.SegmentsJson = StoredJson.Of(rule.Segments);
        record.JourneyIdsJson = StoredJson.Of(rule.JourneyIds);
        record.Priority = (int)rule.Priority;
        record.Assignment = (int)rule.Assignment;
        record.AssigneesJson = StoredJson.Of(rule.Assignees);
        record.MaxSignalAgeDays = rule.MaxSignalAgeDays;
        record.FallbackOwner = rule.FallbackOwner;
        record.Trigger = (int)(breaches ? CaseTrigger.ThresholdBreach : feedback ? CaseTrigger.NegativeFeedback : painPoints ? CaseTrigger.PainPoint : CaseTrigger.Detractor);
        record.JourneyStepIdsJson = StoredJson.Of(rule.JourneyStepIds);
        record.MaxSentiment = rule.HasMaxSentiment ? rule.MaxSentiment : null;
        record.TopicIdsJson = StoredJson.Of(rule.TopicIds);
        record.EffortCuesJson = StoredJson.Of(rule.EffortCues.Distinct().Select(ContractMapping.EffortCueName));
        audit.Append("case_rule.set", "case_rule", rule.RuleId, new { trigger = TriggerOf(record).ToString(), rule.MaxScore, priority = rule.Priority.ToString(), assignment = rule.Assignment.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.ListCaseRulesResponse> ListAsync(CancellationToken cancellationToken) =>
        new() { Rules = { (await OrderedAsync(cancellationToken)).Select(ToContract) } };

    public async Task DeleteAsync(string ruleId, CancellationToken cancellationToken)
    {
        Validator.RequireId(ruleId, "rule_id");
        var record = await db.CaseRules.FirstOrDefaultAsync(r => r.RuleId == ruleId, cancellationToken) ?? throw new NotFoundException("case rule", ruleId);
        db.CaseRules.Remove(record);
        audit.Append("case_rule.deleted", "case_rule", ruleId, new { });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every rule, in the order they are tried, with the records (for the round-robin position).</summary>
    public async Task<IReadOnlyList<(CaseRule Rule, CaseRuleRecord Record)>> LoadAsync(CancellationToken cancellationToken) =>
        (await OrderedAsync(cancellationToken)).Select(r => (ToDomain(r), r)).ToArray();

    private async Task<List<CaseRuleRecord>> OrderedAsync(CancellationToken cancellationToken) =>
        (await db.CaseRules.ToListAsync(cancellationToken)).OrderBy(r => r.Precedence).ThenBy(r => r.RuleId, StringComparer.Ordinal).ToList();

    private static CaseRule ToDomain(CaseRuleRecord r) => new(
        r.RuleId, r.Precedence, StoredJson.Strings(r.MetricIdsJson), r.MaxScore, StoredJson.Strings(r.SegmentsJson), StoredJson.Strings(r.JourneyIdsJson),
        (Priority)r.Priority, (AssignmentStrategy)r.Assignment, StoredJson.Strings(r.AssigneesJson), r.MaxSignalAgeDays, r.FallbackOwner)
    {
        Trigger = TriggerOf(r),
        JourneyStepIds = StoredJson.Strings(r.JourneyStepIdsJson),
        MaxSentiment = r.MaxSentiment,
        TopicIds = StoredJson.Strings(r.TopicIdsJson),
        EffortCues = StoredJson.Strings(r.EffortCuesJson),
    };

    private static CaseTrigger TriggerOf(CaseRuleRecord r) => r.Trigger switch
    {
        (int)CaseTrigger.ThresholdBreach => CaseTrigger.ThresholdBreach,
        (int)CaseTrigger.NegativeFeedback => CaseTrigger.NegativeFeedback,
        (int)CaseTrigger.PainPoint => CaseTrigger.PainPoint,
        _ => CaseTrigger.Detractor,
    };

    private static V1.CaseRule ToContract(CaseRuleRecord r)
    {
        var rule = ToContractFields(r);
        if (r.MaxSentiment is { } ceiling)
        {
            rule.MaxSentiment = ceiling;
        }

        return rule;
    }

    private static V1.CaseRule ToContractFields(CaseRuleRecord r) => new()
    {
        RuleId = r.RuleId,
        Precedence = r.Precedence,
        MetricIds = { StoredJson.Strings(r.MetricIdsJson) },
        MaxScore = r.MaxScore,
        Segments = { StoredJson.Strings(r.SegmentsJson) },
        JourneyIds = { StoredJson.Strings(r.JourneyIdsJson) },
        Priority = (CommonV1.CasePriority)r.Priority,
        Assignment = (V1.Assignment)r.Assignment,
        Assignees = { StoredJson.Strings(r.AssigneesJson) },
        MaxSignalAgeDays = r.MaxSignalAgeDays,
        FallbackOwner = r.FallbackOwner,
        Trigger = TriggerOf(r) switch
        {
            CaseTrigger.ThresholdBreach => V1.CaseTrigger.ThresholdBreach,
            CaseTrigger.NegativeFeedback => V1.CaseTrigger.NegativeFeedback,
            CaseTrigger.PainPoint => V1.CaseTrigger.PainPoint,
            _ => V1.CaseTrigger.Detractor,
        },
        JourneyStepIds = { StoredJson.Strings(r.JourneyStepIdsJson) },
        TopicIds = { StoredJson.Strings(r.TopicIdsJson) },
        EffortCues = { StoredJson.Strings(r.EffortCuesJson).Select(ContractMapping.ToContractEffortCue) },
    };
}
