using Cx.Persistence.Hosting;
using Cx.Persistence.Tests.Notes;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Cx.Persistence.Tests;

/// <summary>A service's start-up as the host runs it: configuration picks the provider, migrations run, readiness follows the database.</summary>
[Collection(PostgreSqlGroup.Name)]
public sealed class DatabaseRegistrationTests(PostgreSqlServer server)
{
    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddScoped<ITenantContext>(_ => new FixedTenant("acme"));
        builder.Services.AddCxDatabase<NotesDb, NotesDbSqlite, NotesDbPostgreSql>("notes", builder.Configuration);
        return builder.Build();
    }

    private static async Task<(Type Context, HealthStatus Readiness, int Pending)> InspectAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
        var report = await scope.ServiceProvider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return (db.GetType(), report.Entries["notes-database"].Status, (await db.Database.GetPendingMigrationsAsync()).Count());
    }

    [Fact]
    public async Task Start_EmbeddedBackend_MigratesASqliteFileUnderTheDataDirectory()
    {
        var data = Directory.CreateTempSubdirectory("cx-notes-");
        try
        {
            using var host = Build(("Cx:DataDirectory", data.FullName));
            await host.StartAsync();

            var (context, readiness, pending) = await InspectAsync(host);

            Assert.Equal((typeof(NotesDbSqlite), HealthStatus.Healthy, 0), (context, readiness, pending));
            Assert.True(File.Exists(Path.Combine(data.FullName, "notes.db")));
            await host.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_EmbeddedBackend_KeepsThePlannerStatisticsOfTheTablesCurrent()
    {
        var data = Directory.CreateTempSubdirectory("cx-notes-");
        try
        {
            using var host = Build(("Cx:DataDirectory", data.FullName));
            await host.StartAsync();
            var statistics = Assert.Single(host.Services.GetServices<IHostedService>().OfType<SqliteStatistics<NotesDb>>());
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
                db.Notes.AddRange(Enumerable.Range(0, 50).Select(i => new Note { Id = Guid.NewGuid(), Text = "note " + i }));
                await db.SaveChangesAsync();
            }

            await statistics.AnalyzeAsync(CancellationToken.None);

            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
                var rows = await db.Database.SqlQueryRaw<string>("SELECT stat AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'notes'").ToListAsync();
                Assert.NotEmpty(rows);
                Assert.All(rows, stat => Assert.StartsWith("50", stat, StringComparison.Ordinal));
            }

            await host.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Migrator_ByHand_AppliesPendingOnceThenReportsNothing()
    {
        var connectionString = await server.CreateDatabaseAsync("hand_" + Guid.NewGuid().ToString("N")[..12]);
        using var host = Build(("Cx:Backend", "dapr"), ("ConnectionStrings:notes", connectionString));
        var migrator = Assert.Single(host.Services.GetServices<IDatabaseMigrator>());

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal("notes", migrator.ServiceName);
        Assert.Equal(["Initial", "RowWriters", "TextByCodePoint", "DeadLetters"], first.Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        Assert.Empty(second);
    }

    [Fact]
    public async Task Start_PostgreSqlWithMigrationsOn_MigratesIntoTheServicesSchema()
    {
        var connectionString = await server.CreateDatabaseAsync("reg_" + Guid.NewGuid().ToString("N")[..12]);
        using var host = Build(("Cx:Backend", "redis"), ("ConnectionStrings:notes", connectionString), ("Cx:Database:MigrateOnStartup", "true"));
        await host.StartAsync();

        var (context, readiness, pending) = await InspectAsync(host);

        Assert.Equal((typeof(NotesDbPostgreSql), HealthStatus.Healthy, 0), (context, readiness, pending));
        await using var scope = host.Services.CreateAsyncScope();
        var tables = await scope.ServiceProvider.GetRequiredService<NotesDb>().Database
            .SqlQueryRaw<string>("SELECT table_schema || '.' || table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'notes'")
            .ToListAsync();
        Assert.Contains("notes.notes", tables);
        Assert.Contains("notes.__ef_migrations_history", tables);
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_PostgreSqlWithMigrationsOff_LeavesThemPendingAndReadinessReportsTheServerUnreachable()
    {
        var connectionString = await server.CreateDatabaseAsync("off_" + Guid.NewGuid().ToString("N")[..12]);
        using (var host = Build(("Cx:Backend", "dapr"), ("ConnectionStrings:notes", connectionString)))
        {
            await host.StartAsync();
            var (_, readiness, pending) = await InspectAsync(host);
            Assert.Equal((HealthStatus.Healthy, 4), (readiness, pending));
            await host.StopAsync();
        }

        using var unreachable = Build(("Cx:Backend", "dapr"), ("ConnectionStrings:notes", "Host=127.0.0.1;Port=1;Database=x;Timeout=2"));
        await using var scope = unreachable.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["notes-database"].Status);
    }
}
