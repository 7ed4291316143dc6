using System.Globalization;
using Cx.Domain.Errors;
using Cx.Understanding.Domain.Profiles;
using Cx.Understanding.Domain.Timeline;

namespace Cx.Understanding.Domain.Segments;

/// <summary>What a segment may be: its name and description, and the limits of its rule.</summary>
public static class SegmentLimits
{
    public const int MaxName = 200;

    public const int MaxDescription = 2_000;

    public const int MaxConditions = 20;

    public const int MaxValues = 50;

    public const int MaxChannels = 20;

    public const int MaxCount = 1_000;

    public const int MaxWindowDays = 3_650;

    public const int MaxMetricId = 100;

    /// <summary>Adds a violation per problem of <paramref name="rule"/>, each naming its field under <paramref name="prefix"/> (e.g. "segment.rule.").</summary>
    public static void Check(SegmentRule rule, string prefix, Validator validator)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(validator);
        validator.Require(rule.AllOf.Count is > 0 and <= MaxConditions, prefix + "all_of", $"Between 1 and {MaxConditions} conditions.");
        for (var i = 0; i < rule.AllOf.Count && i < MaxConditions; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{prefix}all_of[{i}].");
            switch (rule.AllOf[i])
            {
                case AttributeCondition attribute:
                    Check(attribute, at + "attribute.", validator);
                    break;
                case ScoreCondition score:
                    validator
                        .Require(Identifier.IsReference(score.MetricId, MaxMetricId), at + "score.metric_id", $"Required, at most {MaxMetricId} characters.")
                        .Require(score.MaxScore >= score.MinScore, at + "score.max_score", "At least min_score.")
                        .Require(score.Count is > 0 and <= MaxCount, at + "score.count", $"Between 1 and {MaxCount:N0} (0 reads as 1).");
                    CheckWindow(score.WindowDays, at + "score.window_days", validator);
                    break;
                case ContactCondition contact:
                    validator
                        .Require(contact.Count is > 0 and <= MaxCount, at + "contacts.count", $"Between 1 and {MaxCount:N0}.")
                        .Require(contact.Channels.Count <= MaxChannels, at + "contacts.channels", $"At most {MaxChannels} channels.")
                        .Require(contact.Channels.All(Channels.IsWellFormed), at + "contacts.channels", Channels.Rule);
                    CheckWindow(contact.WindowDays, at + "contacts.window_days", validator);
                    break;
                default:
                    validator.Add(at.TrimEnd('.'), "One of attribute, score or contacts.");
                    break;
            }
        }
    }

    private static void Check(AttributeCondition condition, string at, Validator validator)
    {
        validator.Require(ProfileRules.IsAttributeKey(condition.Key), at + "key", ProfileRules.KeyRule);
        switch (condition.Operator)
        {
            case AttributeOperator.Equals:
                validator.Require(condition.Values.Count == 1, at + "values", "EQUALS takes exactly one value.");
                break;
            case AttributeOperator.OneOf:
                validator.Require(condition.Values.Count is > 0 and <= MaxValues, at + "values", $"ONE_OF takes 1 to {MaxValues} values.");
                break;
            case AttributeOperator.Exists:
            case AttributeOperator.AtLeast:
            case AttributeOperator.AtMost:
                validator
                    .Require(condition.Values.Count == 0, at + "values", "Only EQUALS and ONE_OF take values.")
                    .Require(double.IsFinite(condition.Number), at + "number", "A finite number.");
                break;
            default:
                validator.Add(at + "operator", "Required: EQUALS, ONE_OF, EXISTS, AT_LEAST or AT_MOST.");
                break;
        }

        validator.Require(condition.Values.All(v => v.Length <= ProfileRules.MaxAttributeValue), at + "values", $"Each value at most {ProfileRules.MaxAttributeValue} characters.");
    }

    private static void CheckWindow(int days, string field, Validator validator) =>
        validator.Require(days is > 0 and <= MaxWindowDays, field, $"Between 1 and {MaxWindowDays:N0} days.");
}
