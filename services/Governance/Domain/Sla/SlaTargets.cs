using Cx.Governance.Domain.Cases;

namespace Cx.Governance.Domain.Sla;

/// <summary>The SLA of one priority: service hours to resolution, and who is told on a breach.</summary>
public sealed record SlaTarget(Priority Priority, double ResolveWithinHours, string EscalateTo);

/// <summary>Service hours and the SLA per priority; due times are counted in service hours.</summary>
public sealed record SlaPolicy(ServiceHours Hours, IReadOnlyList<SlaTarget> Targets)
{
    /// <summary>Monday to Friday, 09:00 to 17:00 UTC; 4, 8, 24 and 40 service hours by priority.</summary>
    public static SlaPolicy Default { get; } = new(
        new ServiceHours(TimeZoneInfo.Utc, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 0), []),
        [
            new SlaTarget(Priority.Urgent, 4, string.Empty),
            new SlaTarget(Priority.High, 8, string.Empty),
            new SlaTarget(Priority.Normal, 24, string.Empty),
            new SlaTarget(Priority.Low, 40, string.Empty),
        ]);

    public SlaTarget For(Priority priority) =>
        Targets.FirstOrDefault(t => t.Priority == priority) ?? Default.Targets.First(t => t.Priority == priority);

    /// <summary>When a case of <paramref name="priority"/> opened (or resumed) at <paramref name="start"/> with <paramref name="remaining"/> left is due.</summary>
    public DateTimeOffset DueAt(Priority priority, DateTimeOffset start, TimeSpan? remaining = null) =>
        Hours.Add(start, remaining ?? TimeSpan.FromHours(For(priority).ResolveWithinHours));

    /// <summary>The service time left until <paramref name="due"/> (zero once it has passed), kept while the clock stops.</summary>
    public TimeSpan Remaining(DateTimeOffset now, DateTimeOffset due) => Hours.Between(now, due);
}
