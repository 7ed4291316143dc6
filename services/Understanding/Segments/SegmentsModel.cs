using Microsoft.EntityFrameworkCore;

namespace Cx.Understanding.Segments;

/// <summary>The segments' tables, keys and indexes (part of UnderstandingDb's model).</summary>
internal static class SegmentsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SegmentRecord>(segment =>
        {
            segment.ToTable("segments");
            segment.HasKey(s => new { s.TenantId, s.SegmentId });
            segment.Property(s => s.SegmentId).HasMaxLength(63);
            segment.Property(s => s.Name).HasMaxLength(200);
            segment.Property(s => s.BuiltThrough).HasMaxLength(100);

            // The upkeep job's question: which tenants have a segment still building.
            segment.HasIndex(s => new { s.State, s.TenantId });
        });
        modelBuilder.Entity<SegmentDependencyRecord>(dependency =>
        {
            dependency.ToTable("segment_dependencies");

            // From what a change touches to the segments that read it.
            dependency.HasKey(d => new { d.TenantId, d.Dependency, d.SegmentId });
            dependency.Property(d => d.Dependency).HasMaxLength(120);
            dependency.Property(d => d.SegmentId).HasMaxLength(63);
        });
        modelBuilder.Entity<SegmentMemberRecord>(member =>
        {
            member.ToTable("segment_members");
            member.HasKey(m => new { m.TenantId, m.SegmentId, m.CustomerId });
            member.Property(m => m.SegmentId).HasMaxLength(63);
            member.Property(m => m.CustomerId).HasMaxLength(100);
            member.HasIndex(m => new { m.TenantId, m.CustomerId });
            member.HasIndex(m => m.LapsesAtUtc);
        });
        modelBuilder.Entity<SegmentHistoryRecord>(change =>
        {
            change.ToTable("segment_history");
            change.HasKey(h => h.ChangeId);
            change.Property(h => h.ChangeId).ValueGeneratedOnAdd();
            change.Property(h => h.SegmentId).HasMaxLength(63);
            change.Property(h => h.CustomerId).HasMaxLength(100);
            change.HasIndex(h => new { h.TenantId, h.SegmentId, h.CustomerId, h.ChangeId });
            change.HasIndex(h => new { h.TenantId, h.CustomerId, h.ChangeId });
        });
        modelBuilder.Entity<ScoreFactRecord>(score =>
        {
            score.ToTable("score_facts");
            score.HasKey(s => new { s.TenantId, s.ResponseId, s.MetricId });
            score.Property(s => s.ResponseId).HasMaxLength(200);
            score.Property(s => s.MetricId).HasMaxLength(100);
            score.Property(s => s.CustomerId).HasMaxLength(100);
            score.Property(s => s.EntryId).HasMaxLength(40);

            // Score conditions' query: one customer's scores on a metric since a moment.
            score.HasIndex(s => new { s.TenantId, s.CustomerId, s.MetricId, s.OccurredAtUtc });
            score.HasIndex(s => new { s.TenantId, s.EntryId });
        });
    }
}
