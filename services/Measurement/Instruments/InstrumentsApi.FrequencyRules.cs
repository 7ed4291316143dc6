using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence.Paging;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Instruments;

internal sealed partial class InstrumentsApi
{
    public async Task<V1.ListContactFrequencyRulesResponse> ListRulesAsync(V1.ListContactFrequencyRulesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var (items, next) = await db.FrequencyRules.AsNoTracking().PageAsync(page, r => r.RuleId, cancellationToken);
        return new V1.ListContactFrequencyRulesResponse
        {
            Rules = { items.Select(r => new V1.ContactFrequencyRule { RuleId = r.RuleId, MinDaysBetween = r.MinDaysBetween, Channel = r.Channel, AttributeKey = r.AttributeKey, AttributeValue = r.AttributeValue }) },
            NextPageToken = next,
        };
    }

    public async Task DeleteRuleAsync(string ruleId, CancellationToken cancellationToken)
    {
        new Validator().Require(IdPattern().IsMatch(ruleId), "rule_id", IdRule).ThrowIfInvalid();
        var record = await db.FrequencyRules.FirstOrDefaultAsync(r => r.RuleId == ruleId, cancellationToken)
            ?? throw new NotFoundException("frequency rule", ruleId);
        db.FrequencyRules.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<V1.ContactFrequencyRule> SetRuleAsync(V1.ContactFrequencyRule? rule, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (rule is null)
        {
            validator.Add("rule", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(IdPattern().IsMatch(rule!.RuleId), "rule.rule_id", IdRule)
            .Require(rule.MinDaysBetween is > 0 and <= 3650, "rule.min_days_between", "1 to 3,650 days.")
            .Require(rule.Channel.Length <= 50, "rule.channel", "At most 50 characters.")
            .Require(rule.AttributeKey.Length <= 100 && rule.AttributeValue.Length <= 100, "rule.attribute_key", "At most 100 characters each.")
            .Require(rule.AttributeKey.Length > 0 || rule.AttributeValue.Length == 0, "rule.attribute_value", "A value needs its attribute_key.")
            .ThrowIfInvalid();
        var record = await db.FrequencyRules.FirstOrDefaultAsync(r => r.RuleId == rule.RuleId, cancellationToken);
        if (record is null)
        {
            record = new FrequencyRuleRecord { RuleId = rule.RuleId };
            db.FrequencyRules.Add(record);
        }

        (record.MinDaysBetween, record.Channel, record.AttributeKey, record.AttributeValue) = (rule.MinDaysBetween, rule.Channel, rule.AttributeKey, rule.AttributeValue);
        await SaveAsync("frequency rule", rule.RuleId, cancellationToken);
        return rule;
    }

    private const string FrequencyRulePrefix = "frequency-rule:";
}
