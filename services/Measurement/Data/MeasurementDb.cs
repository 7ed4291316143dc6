using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cx.Measurement.Data;

/// <summary>The measurement service's database.</summary>
public abstract class MeasurementDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<MetricDefinitionRecord> MetricDefinitions => Set<MetricDefinitionRecord>();

    public DbSet<ResponseRecord> Responses => Set<ResponseRecord>();

    public DbSet<AnswerRecord> Answers => Set<AnswerRecord>();

    protected override string ServiceName => MeasurementModule.ServiceName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
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
            foreach (var tag in new[] { nameof(ResponseRecord.SubmissionId), nameof(ResponseRecord.Channel), nameof(ResponseRecord.JourneyId), nameof(ResponseRecord.JourneyStepId), nameof(ResponseRecord.Touchpoint), nameof(ResponseRecord.Segment), nameof(ResponseRecord.Region), nameof(ResponseRecord.EmployeeId), nameof(ResponseRecord.TeamId), nameof(ResponseRecord.CustomerId) })
            {
                response.Property(tag).HasMaxLength(100);
            }

            response.Property(r => r.Day).HasMaxLength(10);
            response.Property(r => r.Week).HasMaxLength(10);
            response.Property(r => r.Month).HasMaxLength(7);
            response.HasMany(r => r.Answers).WithOne(a => a.Response).HasForeignKey(a => a.ResponseId);
        });
        modelBuilder.Entity<AnswerRecord>(answer =>
        {
            answer.ToTable("answers");
            answer.HasKey(a => a.Id);
            answer.Property(a => a.MetricId).HasMaxLength(63);
            answer.HasIndex(a => new { a.TenantId, a.MetricId });
        });
    }
}

public sealed class MeasurementDbSqlite(DbContextOptions<MeasurementDbSqlite> options, ITenantContext tenant) : MeasurementDb(options, tenant);

public sealed class MeasurementDbPostgreSql(DbContextOptions<MeasurementDbPostgreSql> options, ITenantContext tenant) : MeasurementDb(options, tenant);

/// <summary>Lets `scripts/add-migration` build the SQLite model without a running service.</summary>
public sealed class MeasurementDbSqliteDesignFactory : IDesignTimeDbContextFactory<MeasurementDbSqlite>
{
    public MeasurementDbSqlite CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MeasurementDbSqlite>().UseSqlite("Data Source=design-time.db").Options, new TenantContext());
}

/// <summary>Lets `scripts/add-migration` build the PostgreSQL model; it never connects.</summary>
public sealed class MeasurementDbPostgreSqlDesignFactory : IDesignTimeDbContextFactory<MeasurementDbPostgreSql>
{
    public MeasurementDbPostgreSql CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MeasurementDbPostgreSql>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", MeasurementModule.ServiceName))
            .Options, new TenantContext());
}
