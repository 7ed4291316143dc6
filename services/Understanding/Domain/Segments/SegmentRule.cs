namespace Cx.Understanding.Domain.Segments;

/// <summary>A segment's rule: a customer is a member while every condition holds.</summary>
public sealed record SegmentRule(IReadOnlyList<SegmentCondition> AllOf);

/// <summary>One condition of a rule: on an attribute, on scores in a window, or on contacts in a window.</summary>
public abstract record SegmentCondition;

public enum AttributeOperator
{
    Equals = 1,
    OneOf = 2,
    Exists = 3,
    AtLeast = 4,
    AtMost = 5,
}

/// <summary>A condition on one attribute of the profile: a value, one of several, present, or a number at least or at most.</summary>
public sealed record AttributeCondition(string Key, AttributeOperator Operator, IReadOnlyList<string> Values, double Number) : SegmentCondition;

/// <summary>At least <paramref name="Count"/> responses scoring <paramref name="MinScore"/> to <paramref name="MaxScore"/> on a metric within the last <paramref name="WindowDays"/> days.</summary>
public sealed record ScoreCondition(string MetricId, int MinScore, int MaxScore, int Count, int WindowDays) : SegmentCondition, IWindowCondition;

/// <summary>At least <paramref name="Count"/> interactions, on the channels given or on any, within the last <paramref name="WindowDays"/> days.</summary>
public sealed record ContactCondition(int Count, IReadOnlyList<string> Channels, int WindowDays) : SegmentCondition, IWindowCondition;

/// <summary>A condition over facts in a window of days before now: time alone can make it false.</summary>
public interface IWindowCondition
{
    int Count { get; }

    int WindowDays { get; }
}
