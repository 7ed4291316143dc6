using Cx.Understanding.Domain.Segments;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Segments;

/// <summary>Between the contract's segment rules and the domain's.</summary>
internal static class SegmentMapping
{
    public static SegmentRule ToDomain(V1.SegmentRule? rule) =>
        new((rule?.AllOf ?? []).Select(ToDomain).ToList());

    private static SegmentCondition ToDomain(V1.SegmentCondition condition) => condition.ConditionCase switch
    {
        V1.SegmentCondition.ConditionOneofCase.Attribute => new AttributeCondition(
            condition.Attribute.Key, (AttributeOperator)(int)condition.Attribute.Operator, condition.Attribute.Values.ToList(), condition.Attribute.Number),
        V1.SegmentCondition.ConditionOneofCase.Score => new ScoreCondition(
            condition.Score.MetricId, condition.Score.MinScore, condition.Score.MaxScore, condition.Score.Count == 0 ? 1 : condition.Score.Count, condition.Score.WindowDays),
        V1.SegmentCondition.ConditionOneofCase.Contacts => new ContactCondition(
            condition.Contacts.Count, condition.Contacts.Channels.ToList(), condition.Contacts.WindowDays),
        _ => new NoCondition(),
    };

    public static V1.MembershipChange ToContract(SegmentHistoryRecord change) => new()
    {
        SegmentId = change.SegmentId,
        SegmentVersion = change.SegmentVersion,
        CustomerId = change.CustomerId,
        Joined = change.Joined,
        Reason = (V1.MembershipReason)change.Reason,
        At = ContractMapping.ToTimestamp(change.AtUtc),
    };

    public static V1.SegmentMember ToContract(SegmentMemberRecord member) => new()
    {
        CustomerId = member.CustomerId,
        Since = ContractMapping.ToTimestamp(member.SinceUtc),
        LapsesAt = ContractMapping.ToTimestamp(member.LapsesAtUtc),
    };

    /// <summary>A condition that names none of attribute, score or contacts: the rule's check refuses it.</summary>
    private sealed record NoCondition : SegmentCondition;
}
