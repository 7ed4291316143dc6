using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Cases;

/// <summary>A Governance case at a journey step, as its events told it: open or closed, and whether its SLA was breached.</summary>
public sealed class StepCaseRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string CaseId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    /// <summary>Set by case_opened; a case whose closing arrived first has none until it does.</summary>
    public bool Opened { get; set; }

    public bool Closed { get; set; }

    /// <summary>Escalated: its SLA ran out before it was resolved.</summary>
    public bool Breached { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<StepCaseRecord>(stepCase =>
    {
        stepCase.ToTable("step_cases");
        stepCase.HasKey(c => new { c.TenantId, c.CaseId });
        stepCase.Property(c => c.CaseId).HasMaxLength(100);
        stepCase.Property(c => c.JourneyId).HasMaxLength(100);
        stepCase.Property(c => c.JourneyStepId).HasMaxLength(100);
        stepCase.Property(c => c.Owner).HasMaxLength(200);

        // The map counts a journey's open cases per step.
        stepCase.HasIndex(c => new { c.TenantId, c.JourneyId, c.Closed });
    });
}
