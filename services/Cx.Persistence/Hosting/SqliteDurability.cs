using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cx.Persistence.Hosting;

/// <summary>
/// With write-ahead logging, synchronous=NORMAL syncs the log at checkpoints instead of at every
/// commit: a crash of the process loses nothing committed, a power failure may lose the last
/// commits. That is the embedded backend's trade (one machine, demos, development); PostgreSQL
/// keeps its own server-side setting.
///
/// A writer that finds the database locked waits inside SQLite (busy_timeout), which retries within
/// milliseconds of the lock's release. Without it the driver sleeps 150 ms per retry, and the outbox
/// relay and the ingestion commits, which take turns at the one write lock, stalled each other.
/// Both pragmas are per connection, so they are set on every open: by this interceptor for the
/// services' databases, and by <see cref="ApplyAsync"/> for files opened without EF Core (the
/// embedded event log).
/// </summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    /// <summary>Sets the pragmas on a connection just opened.</summary>
    public static async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ApplyAsync(connection, cancellationToken);
}
