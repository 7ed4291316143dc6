using Cx.Domain.Errors;
using Cx.Measurement.Alerts;
using Cx.Measurement.Domain.Comments;
using Cx.Measurement.Drivers;
using Cx.Measurement.Instruments;
using Cx.Measurement.Metrics;
using Cx.Measurement.Responses;
using Cx.Measurement.Results;
using Cx.Persistence;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Measurement.Data;

/// <summary>The measurement service's database.</summary>
public abstract class MeasurementDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<MetricDefinitionRecord> MetricDefinitions => Set<MetricDefinitionRecord>();

    public DbSet<ResponseRecord> Responses => Set<ResponseRecord>();

    public DbSet<AnswerRecord> Answers => Set<AnswerRecord>();

    public DbSet<CommentRecord> Comments => Set<CommentRecord>();

    public DbSet<InstrumentRecord> Instruments => Set<InstrumentRecord>();

    public DbSet<FrequencyRuleRecord> FrequencyRules => Set<FrequencyRuleRecord>();

    public DbSet<InvitationRecord> Invitations => Set<InvitationRecord>();

    public DbSet<EvaluatedBucketRecord> EvaluatedBuckets => Set<EvaluatedBucketRecord>();

    public DbSet<CustomerOutcomeRecord> CustomerOutcomes => Set<CustomerOutcomeRecord>();

    public DbSet<CompositeIndexRecord> CompositeIndexes => Set<CompositeIndexRecord>();

    public DbSet<ScoreRollupRecord> ScoreRollups => Set<ScoreRollupRecord>();

    public DbSet<ScoreTotalRecord> ScoreTotals => Set<ScoreTotalRecord>();

    public DbSet<MonthlyScoreRollupRecord> MonthlyScoreRollups => Set<MonthlyScoreRollupRecord>();

    public DbSet<ScoreCombinationRollupRecord> ScoreCombinations => Set<ScoreCombinationRollupRecord>();

    public DbSet<CustomerSegmentRecord> CustomerSegments => Set<CustomerSegmentRecord>();

    public DbSet<ResponseTopicRecord> ResponseTopics => Set<ResponseTopicRecord>();

    protected override string ServiceName => MeasurementModule.ServiceName;

    private static readonly string[] ContextTags =
    [
        nameof(IContextTags.Channel), nameof(IContextTags.JourneyId), nameof(IContextTags.JourneyStepId), nameof(IContextTags.Touchpoint),
        nameof(IContextTags.Segment), nameof(IContextTags.Region), nameof(IContextTags.TeamId),
    ];

    /// <summary>The condition of the partial indexes on employees and customers; a query that repeats it can use them.</summary>
    internal static string PersonIndexCondition(string column) => $"\"{column}\" <> ''";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<CustomerSegmentRecord>(CustomerSegmentRecord.Configure);
        modelBuilder.Entity<ResponseTopicRecord>(ResponseTopicRecord.Configure);
        modelBuilder.Entity<MetricDefinitionRecord>(metric =>
        {
            metric.ToTable("metric_definitions");
            metric.HasKey(m => new { m.TenantId, m.MetricId, m.Version });
            metric.Property(m => m.MetricId).HasMaxLength(63);
            metric.Property(m => m.Name).HasMaxLength(200);
            metric.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
            metric.Ignore(m => m.Scale);
        });
        modelBuilder.Entity<ResponseRecord>(response =>
        {
            response.ToTable("responses");
            response.HasKey(r => r.Id);
            response.HasIndex(r => new { r.TenantId, r.SubmissionId }).IsUnique();
            response.HasIndex(r => new { r.TenantId, r.OccurredAtUtc });

            // The rollups hold neither tag (per customer they would be about as many rows as the
            // answers), so a filter on them reads that employee's or customer's responses alone.
            // Partial: a response without the tag costs no index entry (queries repeat the condition).
            response.HasIndex(r => new { r.TenantId, r.EmployeeId, r.OccurredAtUtc }).HasFilter(PersonIndexCondition(nameof(ResponseRecord.EmployeeId)));
            response.HasIndex(r => new { r.TenantId, r.CustomerId, r.OccurredAtUtc }).HasFilter(PersonIndexCondition(nameof(ResponseRecord.CustomerId)));
            foreach (var tag in new[] { nameof(ResponseRecord.SubmissionId), nameof(ResponseRecord.Channel), nameof(ResponseRecord.JourneyId), nameof(ResponseRecord.JourneyStepId), nameof(ResponseRecord.Touchpoint), nameof(ResponseRecord.Segment), nameof(ResponseRecord.Region), nameof(ResponseRecord.EmployeeId), nameof(ResponseRecord.TeamId), nameof(ResponseRecord.CustomerId) })
            {
                response.Property(tag).HasMaxLength(100);
            }

            response.Property(r => r.InstrumentId).HasMaxLength(63);
            response.Property(r => r.InvitationId).HasMaxLength(100);
            response.Property(r => r.Day).HasMaxLength(10);
            response.Property(r => r.Week).HasMaxLength(10);
            response.Property(r => r.Month).HasMaxLength(7);
            response.HasMany(r => r.Answers).WithOne(a => a.Response).HasForeignKey(a => a.ResponseId);
            response.HasMany(r => r.Comments).WithOne(c => c.Response).HasForeignKey(c => c.ResponseId);
        });
        modelBuilder.Entity<CommentRecord>(comment =>
        {
            comment.ToTable("response_comments");
            comment.HasKey(c => new { c.ResponseId, c.Ordinal });

            // The service numbers a response's comments itself; ingestion writes them with plain INSERTs.
            comment.Property(c => c.Ordinal).ValueGeneratedNever();
            comment.Property(c => c.MetricId).HasMaxLength(63);
            comment.Property(c => c.Text).HasMaxLength(CommentRules.MaxTextLength);
            comment.Property(c => c.Language).HasMaxLength(LanguageTag.MaxLength);
        });
        modelBuilder.Entity<AnswerRecord>(answer =>
        {
            answer.ToTable("answers");
            answer.HasKey(a => a.Id);
            answer.Property(a => a.MetricId).HasMaxLength(63);
            answer.HasIndex(a => new { a.TenantId, a.MetricId });
        });
        modelBuilder.Entity<InstrumentRecord>(instrument =>
        {
            instrument.ToTable("instruments");
            instrument.HasKey(i => new { i.TenantId, i.InstrumentId });
            instrument.Property(i => i.InstrumentId).HasMaxLength(63);
            instrument.Property(i => i.Name).HasMaxLength(200);
            instrument.Property(i => i.Status).HasMaxLength(16);
        });
        modelBuilder.Entity<FrequencyRuleRecord>(rule =>
        {
            rule.ToTable("frequency_rules");
            rule.HasKey(r => new { r.TenantId, r.RuleId });
            rule.Property(r => r.RuleId).HasMaxLength(63);
            rule.Property(r => r.Channel).HasMaxLength(50);
            rule.Property(r => r.AttributeKey).HasMaxLength(100);
            rule.Property(r => r.AttributeValue).HasMaxLength(100);
        });
        modelBuilder.Entity<ScoreRollupRecord>(rollup =>
        {
            rollup.ToTable("score_rollups");
            rollup.HasKey(r => new { r.TenantId, r.MetricId, r.Day, r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.TeamId, r.Score });
            rollup.Property(r => r.MetricId).HasMaxLength(63);
            rollup.Property(r => r.Day).HasMaxLength(10);
            foreach (var tag in ContextTags)
            {
                rollup.Property(tag).HasMaxLength(100);
            }
        });
        modelBuilder.Entity<ScoreTotalRecord>(total =>
        {
            total.ToTable("score_totals");
            total.HasKey(t => new { t.TenantId, t.MetricId, t.Day, t.Score });
            total.Property(t => t.MetricId).HasMaxLength(63);
            total.Property(t => t.Day).HasMaxLength(10);
        });
        modelBuilder.Entity<MonthlyScoreRollupRecord>(rollup =>
        {
            rollup.ToTable("score_rollups_monthly");
            rollup.HasKey(r => new { r.TenantId, r.MetricId, r.Month, r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.TeamId, r.Score });
            rollup.Property(r => r.MetricId).HasMaxLength(63);
            rollup.Property(r => r.Month).HasMaxLength(7);
            foreach (var tag in ContextTags)
            {
                rollup.Property(tag).HasMaxLength(100);
            }
        });
        modelBuilder.Entity<ScoreCombinationRollupRecord>(rollup =>
        {
            rollup.ToTable("score_combinations_monthly");
            rollup.HasKey(r => new { r.TenantId, r.Month, r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.TeamId, r.CombinationKey });
            rollup.Property(r => r.Month).HasMaxLength(7);
            rollup.Property(r => r.CombinationKey).HasMaxLength(64);
            foreach (var tag in ContextTags)
            {
                rollup.Property(tag).HasMaxLength(100);
            }
        });
        modelBuilder.Entity<CompositeIndexRecord>(index =>
        {
            index.ToTable("composite_indexes");
            index.HasKey(i => new { i.TenantId, i.IndexId });
            index.Property(i => i.IndexId).HasMaxLength(63);
            index.Property(i => i.Name).HasMaxLength(200);
            index.Property(i => i.WeightsFromOutcomeMetricId).HasMaxLength(63);
        });
        modelBuilder.Entity<CustomerOutcomeRecord>(outcome =>
        {
            outcome.ToTable("customer_outcomes");
            outcome.HasKey(o => new { o.TenantId, o.CustomerId, o.Outcome });
            outcome.Property(o => o.CustomerId).HasMaxLength(100);
            outcome.Property(o => o.Outcome).HasMaxLength(63);
        });
        modelBuilder.Entity<EvaluatedBucketRecord>(bucket =>
        {
            bucket.ToTable("evaluated_buckets");
            bucket.HasKey(b => new { b.TenantId, b.MetricId, b.Bucket, b.Scope });
            bucket.Property(b => b.MetricId).HasMaxLength(63);
            bucket.Property(b => b.Bucket).HasMaxLength(10);
            bucket.Property(b => b.Scope).HasMaxLength(210);
        });
        modelBuilder.Entity<InvitationRecord>(invitation =>
        {
            invitation.ToTable("invitations");
            invitation.HasKey(i => i.Id);
            invitation.HasIndex(i => new { i.TenantId, i.InstrumentId, i.ContactId }).IsUnique();
            invitation.HasIndex(i => new { i.TenantId, i.ContactId, i.SentAtUtc });
            invitation.Property(i => i.InstrumentId).HasMaxLength(63);
            invitation.Property(i => i.ContactId).HasMaxLength(100);
            invitation.Property(i => i.Channel).HasMaxLength(50);
            invitation.Property(i => i.Language).HasMaxLength(35);
            invitation.Property(i => i.Status).HasMaxLength(16);
            invitation.Property(i => i.SuppressedBy).HasMaxLength(100);
        });
    }
}

public sealed class MeasurementDbSqlite(DbContextOptions<MeasurementDbSqlite> options, ITenantContext tenant) : MeasurementDb(options, tenant);

public sealed class MeasurementDbPostgreSql(DbContextOptions<MeasurementDbPostgreSql> options, ITenantContext tenant) : MeasurementDb(options, tenant);

public sealed class MeasurementDbSqliteDesignFactory : SqliteDesignFactory<MeasurementDbSqlite>;

public sealed class MeasurementDbPostgreSqlDesignFactory() : PostgreSqlDesignFactory<MeasurementDbPostgreSql>(MeasurementModule.ServiceName);
