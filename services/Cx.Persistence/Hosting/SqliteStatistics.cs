using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Persistence.Hosting;

/// <summary>
/// Keeps SQLite's query-planner statistics current, so it chooses indexes by how selective they
/// are. Without statistics it read a metric's every answer through the (tenant, metric) index to
/// find those of a few thousand responses, where the response index finds them directly: a driver
/// analysis over half a month of 10⁵ responses read its answers in 0.12 s without statistics and
/// 0.02 s with them. PostgreSQL keeps its own (autovacuum analyze).
/// </summary>
internal sealed partial class SqliteStatistics<TContext>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteStatistics<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    /// <summary>Often enough to follow a database that grows from empty; each run samples a bounded number of rows.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // analysis_limit makes ANALYZE sample at most this many rows per index, so a run costs about
    // the same (milliseconds) whatever the size of the database.
    private const string Analyze = "PRAGMA analysis_limit = 1000; ANALYZE;";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not at once: a database fresh from its migrations has nothing to measure yet, and start-up
        // is when the service's own writers are busiest.
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, clock, stoppingToken);
            try
            {
                await AnalyzeAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Statistics only steer the planner: queries still run without fresh ones.
                LogFailed(e);
            }
        }
    }

    internal async Task AnalyzeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TContext>().Database.ExecuteSqlRawAsync(Analyze, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the SQLite planner statistics failed; the next run tries again")]
    private partial void LogFailed(Exception exception);
}
