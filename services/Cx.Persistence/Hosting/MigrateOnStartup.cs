using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Persistence.Hosting;

/// <summary>
/// Brings the service's database to the latest migration before the service takes traffic. On for
/// `cx up`; in a cluster a Helm hook runs migrations once instead of every replica racing to.
/// </summary>
internal sealed partial class MigrateOnStartup<TContext>(IServiceScopeFactory scopes, ILogger<MigrateOnStartup<TContext>> logger) : IHostedService
    where TContext : ServiceDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
        if (database.IsSqlite())
        {
            // Write-ahead logging lets readers proceed while a writer commits.
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (pending.Length > 0)
        {
            await database.MigrateAsync(cancellationToken);
            LogApplied(pending.Length, pending);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private partial void LogApplied(int count, string[] migrations);
}
