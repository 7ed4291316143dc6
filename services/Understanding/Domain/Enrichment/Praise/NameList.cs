namespace Cx.Understanding.Domain.Enrichment.Praise;

public enum PraiseTargetKind
{
    Employee,
    Team,
}

/// <summary>An employee or a team as customers may name them: "Anna", "Anna Li", 小王, "the Leeds depot".</summary>
public sealed record NamedTarget(string Id, PraiseTargetKind Kind, IReadOnlyList<string> Names);

/// <summary>The employee the response is about (its employee id), with the name customers know them by.</summary>
public sealed record ResponseEmployee(string Id, string DisplayName);
