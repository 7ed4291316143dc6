using Cx.Persistence;
using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cx.Eventing.TestServices.Shop;

public sealed class Order : ITenantOwned, IVersioned
{
    public Guid Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public long AmountCents { get; set; }

    public long Version { get; set; }
}

/// <summary>The producing service's database.</summary>
public abstract class ShopDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<Order> Orders => Set<Order>();

    protected override string ServiceName => "shop";

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.CustomerId).HasMaxLength(100);
        });
}

public sealed class ShopDbSqlite(DbContextOptions<ShopDbSqlite> options, ITenantContext tenant) : ShopDb(options, tenant);

public sealed class ShopDbPostgreSql(DbContextOptions<ShopDbPostgreSql> options, ITenantContext tenant) : ShopDb(options, tenant);

public sealed class ShopDbSqliteDesignFactory : IDesignTimeDbContextFactory<ShopDbSqlite>
{
    public ShopDbSqlite CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ShopDbSqlite>().UseSqlite("Data Source=design-time.db").Options, new TenantContext());
}

public sealed class ShopDbPostgreSqlDesignFactory : IDesignTimeDbContextFactory<ShopDbPostgreSql>
{
    public ShopDbPostgreSql CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ShopDbPostgreSql>().UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", "shop")).Options, new TenantContext());
}
