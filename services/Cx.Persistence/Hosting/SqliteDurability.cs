using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cx.Persistence.Hosting;

/// <summary>
/// With write-ahead logging, synchronous=NORMAL syncs the log at checkpoints instead of at every
/// commit: a crash of the process loses nothing committed, a power failure may lose the last
/// commits. That is the embedded backend's trade (one machine, demos, development); PostgreSQL
/// keeps its own server-side setting. The pragma is per connection, so it is set on every open.
/// </summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
