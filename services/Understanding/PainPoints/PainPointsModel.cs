using Microsoft.EntityFrameworkCore;

namespace Cx.Understanding.PainPoints;

/// <summary>The pain points' tables, keys and indexes (part of UnderstandingDb's model).</summary>
internal static class PainPointsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PainPointRecord>(painPoint =>
        {
            painPoint.ToTable("pain_points");
            painPoint.HasKey(p => new { p.TenantId, p.PainPointId });
            painPoint.Property(p => p.PainPointId).HasMaxLength(63);
            painPoint.Property(p => p.Title).HasMaxLength(200);
            painPoint.Property(p => p.JourneyId).HasMaxLength(100);
            painPoint.Property(p => p.JourneyStepId).HasMaxLength(100);
            painPoint.Property(p => p.TopicId).HasMaxLength(100);
            painPoint.Property(p => p.CreatedBy).HasMaxLength(200);

            // Listing by step, and confirming the pain points of the steps an analysis read.
            painPoint.HasIndex(p => new { p.TenantId, p.JourneyId, p.JourneyStepId });
        });
        modelBuilder.Entity<DriverAnalysisRecord>(analysis =>
        {
            analysis.ToTable("driver_analyses");
            analysis.HasKey(a => new { a.TenantId, a.ScopeKey });
            analysis.Property(a => a.ScopeKey).HasMaxLength(64);
            analysis.Property(a => a.OutcomeMetricId).HasMaxLength(100);
        });
    }
}
