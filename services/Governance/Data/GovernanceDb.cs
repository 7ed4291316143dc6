using Cx.Governance.Audit;
using Cx.Governance.Cases;
using Cx.Governance.Owners;
using Cx.Governance.Patterns;
using Cx.Governance.Sla;
using Cx.Governance.Standards;
using Cx.Persistence;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Governance.Data;

/// <summary>The governance service's database.</summary>
public abstract class GovernanceDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<OwnershipRecord> Ownerships => Set<OwnershipRecord>();

    public DbSet<CaseRuleRecord> CaseRules => Set<CaseRuleRecord>();

    public DbSet<PolicyRecord> Policies => Set<PolicyRecord>();

    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<PatternRecord> Patterns => Set<PatternRecord>();

    public DbSet<ActionPlanRecord> ActionPlans => Set<ActionPlanRecord>();

    public DbSet<StandardRecord> Standards => Set<StandardRecord>();

    public DbSet<ReviewRecord> Reviews => Set<ReviewRecord>();

    public DbSet<AuditEntryRecord> AuditEntries => Set<AuditEntryRecord>();

    public DbSet<JourneyStepRecord> JourneySteps => Set<JourneyStepRecord>();

    protected override string ServiceName => GovernanceModule.ServiceName;

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The audit log is append-only: a change or removal of an entry is a defect, never a feature.
        if (ChangeTracker.Entries<AuditEntryRecord>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are only ever added.");
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OwnershipRecord>(ownership =>
        {
            ownership.ToTable("ownerships");
            ownership.HasKey(o => new { o.TenantId, o.JourneyId, o.Touchpoint });
            ownership.Property(o => o.JourneyId).HasMaxLength(100);
            ownership.Property(o => o.Touchpoint).HasMaxLength(100);
            ownership.Property(o => o.Accountable).HasMaxLength(200);
        });
        modelBuilder.Entity<JourneyStepRecord>(step =>
        {
            step.ToTable("journey_steps");
            step.HasKey(s => new { s.TenantId, s.JourneyId, s.StepId });
            step.Property(s => s.JourneyId).HasMaxLength(100);
            step.Property(s => s.StepId).HasMaxLength(100);
            step.Property(s => s.TouchpointsJson).HasMaxLength(4000);
        });
        modelBuilder.Entity<CaseRuleRecord>(rule =>
        {
            rule.ToTable("case_rules");
            rule.HasKey(r => new { r.TenantId, r.RuleId });
            rule.Property(r => r.RuleId).HasMaxLength(63);
        });
        modelBuilder.Entity<PolicyRecord>(policy =>
        {
            policy.ToTable("policies");
            policy.HasKey(p => new { p.TenantId, p.Name });
            policy.Property(p => p.Name).HasMaxLength(32);
        });
        modelBuilder.Entity<CaseRecord>(@case =>
        {
            @case.ToTable("cases");
            @case.HasKey(c => new { c.TenantId, c.CaseId });
            @case.Property(c => c.CaseId).HasMaxLength(40);
            @case.Property(c => c.Status).HasMaxLength(24);
            foreach (var tag in new[] { nameof(CaseRecord.CustomerId), nameof(CaseRecord.JourneyId), nameof(CaseRecord.JourneyStepId), nameof(CaseRecord.Touchpoint), nameof(CaseRecord.Channel), nameof(CaseRecord.Segment), nameof(CaseRecord.Region), nameof(CaseRecord.TeamId), nameof(CaseRecord.EmployeeId), nameof(CaseRecord.RootCauseCategory) })
            {
                @case.Property(tag).HasMaxLength(100);
            }

            @case.Property(c => c.Owner).HasMaxLength(200);
            @case.Property(c => c.EscalatedTo).HasMaxLength(200);
            @case.Property(c => c.Title).HasMaxLength(300);
            @case.Property(c => c.RuleId).HasMaxLength(63);
            @case.Property(c => c.ActiveKey).HasMaxLength(210);
            @case.HasIndex(c => new { c.TenantId, c.ActiveKey }).IsUnique();
            @case.Property(c => c.MetricId).HasMaxLength(100);
            @case.Property(c => c.ScopeKey).HasMaxLength(80);
            @case.HasIndex(c => new { c.TenantId, c.ScopeKey });
            @case.HasIndex(c => new { c.TenantId, c.OpenedAtUtc });
            @case.HasIndex(c => new { c.TenantId, c.JourneyId, c.JourneyStepId, c.RootCauseCategory, c.ResolvedAtUtc });

            // The SLA watch's scan, across tenants: active cases by due time.
            @case.HasIndex(c => new { c.Escalated, c.DueAtUtc });
        });
        modelBuilder.Entity<PatternRecord>(pattern =>
        {
            pattern.ToTable("patterns");
            pattern.HasKey(p => new { p.TenantId, p.PatternId });
            pattern.Property(p => p.PatternId).HasMaxLength(40);
            pattern.Property(p => p.JourneyId).HasMaxLength(100);
            pattern.Property(p => p.JourneyStepId).HasMaxLength(100);
            pattern.Property(p => p.RootCauseCategory).HasMaxLength(100);
            pattern.HasIndex(p => new { p.TenantId, p.JourneyId, p.JourneyStepId, p.RootCauseCategory }).IsUnique();
        });
        modelBuilder.Entity<ActionPlanRecord>(plan =>
        {
            plan.ToTable("action_plans");
            plan.HasKey(p => new { p.TenantId, p.PlanId });
            plan.Property(p => p.PlanId).HasMaxLength(63);
            plan.Property(p => p.Title).HasMaxLength(300);
            plan.Property(p => p.Owner).HasMaxLength(200);
            plan.Property(p => p.Status).HasMaxLength(16);
            plan.Property(p => p.JourneyId).HasMaxLength(100);
            plan.Property(p => p.JourneyStepId).HasMaxLength(100);
            plan.Property(p => p.PatternId).HasMaxLength(40);
        });
        modelBuilder.Entity<StandardRecord>(standard =>
        {
            standard.ToTable("standards");
            standard.HasKey(s => new { s.TenantId, s.StandardId, s.Version });
            standard.Property(s => s.StandardId).HasMaxLength(63);
            standard.Property(s => s.Title).HasMaxLength(300);
            standard.Property(s => s.MetricId).HasMaxLength(63);
        });
        modelBuilder.Entity<ReviewRecord>(review =>
        {
            review.ToTable("reviews");
            review.HasKey(r => new { r.TenantId, r.ChangeId, r.Revision });
            review.Property(r => r.ChangeId).HasMaxLength(100);
            review.Property(r => r.ReviewId).HasMaxLength(40);
            review.Property(r => r.JourneyId).HasMaxLength(100);
            review.Property(r => r.Reviewer).HasMaxLength(200);
        });
        modelBuilder.Entity<AuditEntryRecord>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.HasKey(e => e.Sequence);
            entry.Property(e => e.Sequence).ValueGeneratedOnAdd();
            entry.Property(e => e.Actor).HasMaxLength(200);
            entry.Property(e => e.Action).HasMaxLength(63);
            entry.Property(e => e.SubjectType).HasMaxLength(63);
            entry.Property(e => e.SubjectId).HasMaxLength(100);
            entry.HasIndex(e => new { e.TenantId, e.SubjectType, e.SubjectId, e.Sequence });
            entry.HasIndex(e => new { e.TenantId, e.AtUtc });
        });
    }
}

public sealed class GovernanceDbSqlite(DbContextOptions<GovernanceDbSqlite> options, ITenantContext tenant) : GovernanceDb(options, tenant);

public sealed class GovernanceDbPostgreSql(DbContextOptions<GovernanceDbPostgreSql> options, ITenantContext tenant) : GovernanceDb(options, tenant);

public sealed class GovernanceDbSqliteDesignFactory : SqliteDesignFactory<GovernanceDbSqlite>;

public sealed class GovernanceDbPostgreSqlDesignFactory() : PostgreSqlDesignFactory<GovernanceDbPostgreSql>(GovernanceModule.ServiceName);
