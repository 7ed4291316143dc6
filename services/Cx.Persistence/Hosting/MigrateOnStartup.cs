using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Persistence.Hosting;

/// <summary>
/// Brings the service's database to the latest migration before the service takes traffic. On for
/// `cx up`; in a cluster one step runs migrations once instead of every replica racing to.
/// </summary>
internal sealed partial class MigrateOnStartup(IDatabaseMigrator migrator, ILogger<MigrateOnStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        if (applied.Count > 0)
        {
            LogApplied(applied.Count, migrator.ServiceName, applied);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to the {Service} database: {Migrations}")]
    private partial void LogApplied(int count, string service, IReadOnlyList<string> migrations);
}
