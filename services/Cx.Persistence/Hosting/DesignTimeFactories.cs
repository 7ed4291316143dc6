using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cx.Persistence.Hosting;

/// <summary>
/// Lets `scripts/add-migration` build a service's SQLite model without a running service. A service
/// names one per database: <c>sealed class XDbSqliteDesignFactory : SqliteDesignFactory&lt;XDbSqlite&gt;;</c>.
/// </summary>
public abstract class SqliteDesignFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : ServiceDbContext
{
    public TContext CreateDbContext(string[] args) =>
        Create<TContext>(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design-time.db").Options);

    internal static T Create<T>(DbContextOptions<T> options)
        where T : ServiceDbContext =>
        (T)Activator.CreateInstance(typeof(T), options, new TenantContext())!;
}

/// <summary>Lets `scripts/add-migration` build a service's PostgreSQL model; it never connects.</summary>
public abstract class PostgreSqlDesignFactory<TContext>(string serviceName) : IDesignTimeDbContextFactory<TContext>
    where TContext : ServiceDbContext
{
    public TContext CreateDbContext(string[] args) =>
        SqliteDesignFactory<TContext>.Create(new DbContextOptionsBuilder<TContext>()
            .UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable(DatabaseServiceCollectionExtensions.MigrationsHistoryTable, serviceName))
            .Options);
}
