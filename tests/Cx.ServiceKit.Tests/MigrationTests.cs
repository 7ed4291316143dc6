using Cx.Culture.Data;
using Cx.Strategy.Data;
using Cx.Design.Data;
using Cx.Gateway.Data;
using Cx.Governance.Data;
using Cx.Measurement.Data;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cx.ServiceKit.Tests;

/// <summary>
/// Every service's migrations, per provider: they build exactly the model the code declares (a
/// change to the model without its migration fails here), and a database at the first migration,
/// with data in it, upgrades to the latest, every step inside the migration's transaction.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<Type> DesignFactories =>
    [
        typeof(MeasurementDbSqliteDesignFactory), typeof(MeasurementDbPostgreSqlDesignFactory),
        typeof(GovernanceDbSqliteDesignFactory), typeof(GovernanceDbPostgreSqlDesignFactory),
        typeof(GatewayDbSqliteDesignFactory), typeof(GatewayDbPostgreSqlDesignFactory),
        typeof(UnderstandingDbSqliteDesignFactory), typeof(UnderstandingDbPostgreSqlDesignFactory),
        typeof(DesignDbSqliteDesignFactory), typeof(DesignDbPostgreSqlDesignFactory),
        typeof(CultureDbSqliteDesignFactory), typeof(CultureDbPostgreSqlDesignFactory),
        typeof(StrategyDbSqliteDesignFactory), typeof(StrategyDbPostgreSqlDesignFactory),
    ];

    public static TheoryData<Type> SqliteContexts => [typeof(MeasurementDbSqlite), typeof(GovernanceDbSqlite), typeof(GatewayDbSqlite), typeof(UnderstandingDbSqlite), typeof(DesignDbSqlite), typeof(CultureDbSqlite), typeof(StrategyDbSqlite)];

    [Theory]
    [MemberData(nameof(DesignFactories))]
    public void Migrations_BuildTheModelTheCodeDeclares(Type factory)
    {
        using var context = Create(factory);

        Assert.False(context.Database.HasPendingModelChanges(), $"{context.GetType().Name}'s model has changes no migration makes: run scripts/add-migration.");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Theory]
    [MemberData(nameof(SqliteContexts))]
    public async Task ADatabaseAtTheFirstMigration_UpgradesToTheLatest_KeepingItsRows(Type contextType)
    {
        var file = Path.Combine(Path.GetTempPath(), "cx-upgrade-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var tenant = new TenantContext();
            tenant.Set("acme");
            var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
            // Every operation inside the migration's transaction: a rebuild outside it could leave half a table.
            var options = builder.UseSqlite("Data Source=" + file)
                .ConfigureWarnings(w => w.Throw(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning))
                .Options;
            await using var context = (ServiceDbContext)Activator.CreateInstance(contextType, options, tenant)!;
            var migrations = context.Database.GetMigrations().ToList();
            var migrator = context.GetService<IMigrator>();

            // As the service's migrator does: SQLite migrations may call the content-key function.
            await context.Database.OpenConnectionAsync();
            ContentKeys.RegisterOn((Microsoft.Data.Sqlite.SqliteConnection)context.Database.GetDbConnection());

            await migrator.MigrateAsync(migrations[0]);
            context.Inbox.Add(new Cx.Persistence.Messaging.InboxMessage { Subscription = "upgrade", EventId = "kept", HandledAt = DateTimeOffset.UnixEpoch });
            await context.SaveChangesAsync();
            await migrator.MigrateAsync();

            Assert.Equal(migrations, await context.Database.GetAppliedMigrationsAsync());
            Assert.Equal(["kept"], await context.Inbox.Select(i => i.EventId).ToListAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static DbContext Create(Type factory)
    {
        var created = Activator.CreateInstance(factory)!;
        var method = factory.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)).GetMethod("CreateDbContext")!;
        return (DbContext)method.Invoke(created, [Array.Empty<string>()])!;
    }
}
