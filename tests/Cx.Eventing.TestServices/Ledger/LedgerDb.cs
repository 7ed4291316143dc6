using Cx.Persistence;
using Cx.Persistence.Tenancy;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cx.Eventing.TestServices.Ledger;

/// <summary>One effect per handled event: counting entries counts effects.</summary>
public sealed class LedgerEntry : ITenantOwned
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string OrderId { get; set; } = string.Empty;

    public long AmountCents { get; set; }

    public string CorrelationId { get; set; } = string.Empty;
}

/// <summary>The consuming service's database.</summary>
public abstract class LedgerDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    protected override string ServiceName => "ledger";

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.OrderId).HasMaxLength(64);
            entry.Property(e => e.CorrelationId).HasMaxLength(64);
        });
}

public sealed class LedgerDbSqlite(DbContextOptions<LedgerDbSqlite> options, ITenantContext tenant) : LedgerDb(options, tenant);

public sealed class LedgerDbPostgreSql(DbContextOptions<LedgerDbPostgreSql> options, ITenantContext tenant) : LedgerDb(options, tenant);

public sealed class LedgerDbSqliteDesignFactory : IDesignTimeDbContextFactory<LedgerDbSqlite>
{
    public LedgerDbSqlite CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LedgerDbSqlite>().UseSqlite("Data Source=design-time.db").Options, new TenantContext());
}

public sealed class LedgerDbPostgreSqlDesignFactory : IDesignTimeDbContextFactory<LedgerDbPostgreSql>
{
    public LedgerDbPostgreSql CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LedgerDbPostgreSql>().UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", "ledger")).Options, new TenantContext());
}
