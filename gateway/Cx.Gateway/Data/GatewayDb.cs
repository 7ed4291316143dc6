using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cx.Gateway.Data;

/// <summary>The gateway's database: API keys.</summary>
public abstract class GatewayDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    protected override string ServiceName => GatewayModule.ServiceName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ApiKeyRecord>(key =>
        {
            key.ToTable("api_keys");

            // Key ids are unique across tenants: a presented key is found before its tenant is known.
            key.HasKey(k => k.KeyId);
            key.Property(k => k.KeyId).HasMaxLength(32);
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Permissions).HasMaxLength(2000);
            key.Property(k => k.CreatedBy).HasMaxLength(200);
            key.HasIndex(k => new { k.TenantId, k.CreatedAtUtc });
        });
    }
}

public sealed class GatewayDbSqlite(DbContextOptions<GatewayDbSqlite> options, ITenantContext tenant) : GatewayDb(options, tenant);

public sealed class GatewayDbPostgreSql(DbContextOptions<GatewayDbPostgreSql> options, ITenantContext tenant) : GatewayDb(options, tenant);

/// <summary>Lets `scripts/add-migration` build the SQLite model without a running gateway.</summary>
public sealed class GatewayDbSqliteDesignFactory : IDesignTimeDbContextFactory<GatewayDbSqlite>
{
    public GatewayDbSqlite CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GatewayDbSqlite>().UseSqlite("Data Source=design-time.db").Options, new TenantContext());
}

/// <summary>Lets `scripts/add-migration` build the PostgreSQL model; it never connects.</summary>
public sealed class GatewayDbPostgreSqlDesignFactory : IDesignTimeDbContextFactory<GatewayDbPostgreSql>
{
    public GatewayDbPostgreSql CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GatewayDbPostgreSql>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", GatewayModule.ServiceName))
            .Options, new TenantContext());
}
