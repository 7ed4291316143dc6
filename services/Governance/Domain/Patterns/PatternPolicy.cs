namespace Cx.Governance.Domain.Patterns;

/// <summary>Resolved cases become a pattern when at least <see cref="Threshold"/> share a step and root cause within <see cref="WindowDays"/>.</summary>
public sealed record PatternPolicy(int Threshold, int WindowDays)
{
    public const int DefaultThreshold = 3;
    public const int DefaultWindowDays = 30;

    public static PatternPolicy Default { get; } = new(DefaultThreshold, DefaultWindowDays);

    public static PatternPolicy Of(int threshold, int windowDays) =>
        new(threshold == 0 ? DefaultThreshold : threshold, windowDays == 0 ? DefaultWindowDays : windowDays);

    public DateTimeOffset WindowStart(DateTimeOffset now) => now.AddDays(-WindowDays);

    public bool IsRecurring(long casesInWindow) => casesInWindow >= Threshold;
}
