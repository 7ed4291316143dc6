using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Persistence.Hosting;

/// <summary>Brings one service's database to its latest migration; found by `cx db migrate` and at start-up.</summary>
public interface IDatabaseMigrator
{
    string ServiceName { get; }

    /// <returns>The migrations it applied, oldest first; empty when the database was current.</returns>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);
}

internal sealed class DatabaseMigrator<TContext>(string serviceName, IServiceScopeFactory scopes) : IDatabaseMigrator
    where TContext : ServiceDbContext
{
    public string ServiceName { get; } = serviceName;

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
        if (database.IsSqlite())
        {
            // Write-ahead logging lets readers proceed while a writer commits.
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

            // Opened here, so the migrations run on the connection that has the functions they call.
            await database.OpenConnectionAsync(cancellationToken);
            ContentKeys.RegisterOn((Microsoft.Data.Sqlite.SqliteConnection)database.GetDbConnection());
        }

        if (pending.Length > 0)
        {
            await database.MigrateAsync(cancellationToken);
        }

        return pending;
    }
}
