using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.PainPoints;

/// <summary>What Understanding last announced about a pain point at a journey step, kept to draw it on the map.</summary>
public sealed class StepPainPointRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string PainPointId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public bool FoundInComments { get; set; }

    public bool Confirmed { get; set; }

    public bool Dismissed { get; set; }

    public long Mentions { get; set; }

    public double Share { get; set; }

    /// <summary>The metrics its comments answered, as JSON: a driver analysis of one of them says how much it weighs.</summary>
    public string MetricIdsJson { get; set; } = "[]";

    /// <summary>The pain point's version in the announcement applied: an older one arriving late changes nothing.</summary>
    public long AnnouncedVersion { get; set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<StepPainPointRecord>(painPoint =>
    {
        painPoint.ToTable("step_pain_points");
        painPoint.HasKey(p => new { p.TenantId, p.PainPointId });
        painPoint.Property(p => p.PainPointId).HasMaxLength(63);
        painPoint.Property(p => p.JourneyId).HasMaxLength(100);
        painPoint.Property(p => p.JourneyStepId).HasMaxLength(100);
        painPoint.Property(p => p.Title).HasMaxLength(200);
        painPoint.Property(p => p.MetricIdsJson).HasMaxLength(2000);

        // A journey's map reads its steps' pain points at once.
        painPoint.HasIndex(p => new { p.TenantId, p.JourneyId, p.JourneyStepId });
    });
}
