using Cx.Persistence;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Feedback;
using Cx.Understanding.Insights;
using Cx.Understanding.Merges;
using Cx.Understanding.Names;
using Cx.Understanding.PainPoints;

using Cx.Understanding.Personas;
using Cx.Understanding.Profiles;
using Cx.Understanding.Segments;
using Cx.Understanding.Timeline;
using Microsoft.EntityFrameworkCore;

namespace Cx.Understanding.Data;

/// <summary>The customer-understanding service's database.</summary>
public abstract class UnderstandingDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<ProfileRecord> Profiles => Set<ProfileRecord>();

    public DbSet<IdentityRecord> Identities => Set<IdentityRecord>();

    public DbSet<TimelineEntryRecord> Timeline => Set<TimelineEntryRecord>();

    public DbSet<MergeRecord> Merges => Set<MergeRecord>();

    public DbSet<MergeMoveRecord> MergeMoves => Set<MergeMoveRecord>();

    public DbSet<ErasureRecord> Erasures => Set<ErasureRecord>();

    public DbSet<FeedbackRecord> Feedback => Set<FeedbackRecord>();

    public DbSet<TaxonomyRecord> Taxonomies => Set<TaxonomyRecord>();

    public DbSet<NameRecord> Names => Set<NameRecord>();

    public DbSet<NameListRecord> NameLists => Set<NameListRecord>();

    public DbSet<MergeFeedbackMoveRecord> MergeFeedbackMoves => Set<MergeFeedbackMoveRecord>();
    public DbSet<SegmentRecord> Segments => Set<SegmentRecord>();

    public DbSet<SegmentDependencyRecord> SegmentDependencies => Set<SegmentDependencyRecord>();

    public DbSet<SegmentMemberRecord> SegmentMembers => Set<SegmentMemberRecord>();

    public DbSet<SegmentHistoryRecord> SegmentHistory => Set<SegmentHistoryRecord>();

    public DbSet<ScoreFactRecord> ScoreFacts => Set<ScoreFactRecord>();

    public DbSet<PainPointRecord> PainPoints => Set<PainPointRecord>();

    public DbSet<DriverAnalysisRecord> DriverAnalyses => Set<DriverAnalysisRecord>();

    public DbSet<PersonaRecord> Personas => Set<PersonaRecord>();

    public DbSet<PersonaSegmentRecord> PersonaSegments => Set<PersonaSegmentRecord>();

    public DbSet<InsightRecord> Insights => Set<InsightRecord>();

    protected override string ServiceName => UnderstandingModule.ServiceName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ProfileRecord>(profile =>
        {
            profile.ToTable("profiles");
            profile.HasKey(p => new { p.TenantId, p.CustomerId });
            profile.Property(p => p.CustomerId).HasMaxLength(100);
        });
        modelBuilder.Entity<IdentityRecord>(identity =>
        {
            identity.ToTable("identities");

            // The key is what makes an identity belong to one profile of a tenant, even under concurrent writes.
            identity.HasKey(i => new { i.TenantId, i.Kind, i.Value });
            identity.Property(i => i.Value).HasMaxLength(254);
            identity.Property(i => i.CustomerId).HasMaxLength(100);
            identity.HasIndex(i => new { i.TenantId, i.CustomerId });
        });
        modelBuilder.Entity<TimelineEntryRecord>(entry =>
        {
            entry.ToTable("timeline_entries");
            entry.HasKey(e => new { e.TenantId, e.EntryId });
            entry.Property(e => e.EntryId).HasMaxLength(40);
            entry.Property(e => e.CustomerId).HasMaxLength(100);
            entry.Property(e => e.Channel).HasMaxLength(100);
            entry.Property(e => e.JourneyId).HasMaxLength(100);
            entry.Property(e => e.JourneyStepId).HasMaxLength(100);
            entry.Property(e => e.SourceId).HasMaxLength(200);
            entry.Property(e => e.SourceKey).HasMaxLength(220);
            entry.Property(e => e.ViaMergeId).HasMaxLength(40);
            entry.HasIndex(e => new { e.TenantId, e.SourceKey }).IsUnique();

            // The timeline's query: one customer's entries, newest first.
            entry.HasIndex(e => new { e.TenantId, e.CustomerId, e.OccurredAtUtc, e.EntryId });
        });
        modelBuilder.Entity<MergeRecord>(merge =>
        {
            merge.ToTable("merges");
            merge.HasKey(m => new { m.TenantId, m.MergeId });
            merge.Property(m => m.MergeId).HasMaxLength(40);
            merge.Property(m => m.IntoCustomerId).HasMaxLength(100);
            merge.Property(m => m.FromCustomerId).HasMaxLength(100);
            merge.Property(m => m.MergedBy).HasMaxLength(200);
            merge.Property(m => m.UnmergedBy).HasMaxLength(200);
            merge.HasIndex(m => new { m.TenantId, m.FromCustomerId, m.Active });
            merge.HasIndex(m => new { m.TenantId, m.IntoCustomerId, m.Active });
        });
        modelBuilder.Entity<MergeMoveRecord>(move =>
        {
            move.ToTable("merge_moves");
            move.HasKey(m => new { m.TenantId, m.MergeId, m.EntryId });
            move.Property(m => m.MergeId).HasMaxLength(40);
            move.Property(m => m.EntryId).HasMaxLength(40);
        });
        modelBuilder.Entity<ErasureRecord>(erasure =>
        {
            erasure.ToTable("erasures");
            erasure.HasKey(e => new { e.TenantId, e.CustomerHash });
            erasure.Property(e => e.CustomerHash).HasMaxLength(64);
        });
        modelBuilder.Entity<FeedbackRecord>(feedback =>
        {
            feedback.ToTable("feedback");
            feedback.HasKey(f => new { f.TenantId, f.FeedbackId });
            feedback.Property(f => f.FeedbackId).HasMaxLength(220);
            feedback.Property(f => f.ResponseId).HasMaxLength(200);
            feedback.Property(f => f.CustomerId).HasMaxLength(100);
            feedback.Property(f => f.MetricId).HasMaxLength(100);
            feedback.Property(f => f.JourneyId).HasMaxLength(100);
            feedback.Property(f => f.JourneyStepId).HasMaxLength(100);
            feedback.Property(f => f.Language).HasMaxLength(8);
            feedback.Property(f => f.Model).HasMaxLength(40);
            feedback.Property(f => f.ViaMergeId).HasMaxLength(40);
            feedback.HasIndex(f => new { f.TenantId, f.CustomerId });
            feedback.HasIndex(f => new { f.TenantId, f.OccurredAtUtc, f.FeedbackId });
        });
        modelBuilder.Entity<TaxonomyRecord>(taxonomy =>
        {
            taxonomy.ToTable("taxonomies");
            taxonomy.HasKey(t => new { t.TenantId, t.Version });
            taxonomy.Property(t => t.CreatedBy).HasMaxLength(200);
        });
        modelBuilder.Entity<NameRecord>(name =>
        {
            name.ToTable("names");
            name.HasKey(n => new { n.TenantId, n.Name });
            name.Property(n => n.Name).HasMaxLength(100);
            name.Property(n => n.EmployeeId).HasMaxLength(100);
            name.Property(n => n.TeamId).HasMaxLength(100);
        });
        modelBuilder.Entity<NameListRecord>(list =>
        {
            // The names table holds the current list; this one its versions, so two writers cannot both replace it.
            list.ToTable("name_lists");
            list.HasKey(l => new { l.TenantId, l.Version });
            list.Property(l => l.CreatedBy).HasMaxLength(200);
        });
        modelBuilder.Entity<MergeFeedbackMoveRecord>(move =>
        {
            move.ToTable("merge_feedback_moves");
            move.HasKey(m => new { m.TenantId, m.MergeId, m.FeedbackId });
            move.Property(m => m.MergeId).HasMaxLength(40);
            move.Property(m => m.FeedbackId).HasMaxLength(220);
        });
        SegmentsModel.Configure(modelBuilder);
        PainPointsModel.Configure(modelBuilder);
        PersonasModel.Configure(modelBuilder);
        InsightRecord.Configure(modelBuilder);
    }
}

public sealed class UnderstandingDbSqlite(DbContextOptions<UnderstandingDbSqlite> options, ITenantContext tenant) : UnderstandingDb(options, tenant);

public sealed class UnderstandingDbPostgreSql(DbContextOptions<UnderstandingDbPostgreSql> options, ITenantContext tenant) : UnderstandingDb(options, tenant);

public sealed class UnderstandingDbSqliteDesignFactory : SqliteDesignFactory<UnderstandingDbSqlite>;

public sealed class UnderstandingDbPostgreSqlDesignFactory() : PostgreSqlDesignFactory<UnderstandingDbPostgreSql>(UnderstandingModule.ServiceName);
