using Cx.ServiceDefaults.Health;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Cx.Persistence.Messaging;

namespace Cx.Persistence.Hosting;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>The migrations history table, in the service's schema on PostgreSQL.</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// Registers a service's database: <typeparamref name="TContext"/> resolves to the provider's
    /// subclass that the configuration selects (each subclass owns that provider's migrations), with a
    /// readiness check, and migrations at start-up when <c>Cx:Database:MigrateOnStartup</c> is on.
    /// </summary>
    public static IServiceCollection AddCxDatabase<TContext, TSqlite, TPostgreSql>(
        this IServiceCollection services, string serviceName, IConfiguration configuration)
        where TContext : ServiceDbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
    {
        var settings = DatabaseSettings.For(serviceName, configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxSignalInterceptor>();

        // The options are built once: built per context (the default), every request paid for them.
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile(settings.ConnectionString);
            services.AddDbContext<TSqlite>(
                (sp, options) => options
                    .UseSqlite(settings.ConnectionString)
                    .AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>(), new SqliteDurability()),
                optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<TContext>(sp => sp.GetRequiredService<TSqlite>());
        }
        else
        {
            services.AddDbContext<TPostgreSql>(
                (sp, options) => options
                    .UseNpgsql(settings.ConnectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, serviceName))
                    .AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>()),
                optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<TContext>(sp => sp.GetRequiredService<TPostgreSql>());
        }

        services.AddHealthChecks().AddCheck<DatabaseReadinessCheck<TContext>>(serviceName + "-database", tags: [HealthTags.Ready]);
        services.AddSingleton<IDatabaseMigrator>(sp => new DatabaseMigrator<TContext>(serviceName, sp.GetRequiredService<IServiceScopeFactory>()));
        if (settings.MigrateOnStartup)
        {
            services.AddHostedService<MigrateOnStartup>();
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // After the migrations: hosted services start in the order they were added.
            services.TryAddSingleton(TimeProvider.System);
            services.AddHostedService<SqliteStatistics<TContext>>();
        }

        return services;
    }

    private static void PrepareSqliteFile(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:")
        {
            PrivateFiles.DatabaseFile(file);
        }
    }
}
