using Cx.Persistence.Hosting;
using Cx.Eventing.Envelope;
using Cx.Eventing.Subscribing;
using Microsoft.Data.Sqlite;

namespace Cx.Eventing.Embedded;

/// <summary>An event in the log, at its position.</summary>
public sealed record LoggedEvent(long Sequence, string Id, string Type, string Envelope);

/// <summary>
/// The embedded backend's event bus: a durable, append-only log in one SQLite file, shared by every
/// service of the process, with an offset per subscription and a dead-letter table. Delivery
/// resumes from the offsets after a restart.
/// </summary>
public sealed class EmbeddedEventLog : IDeadLetters
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _schema;
    private readonly TimeProvider _clock;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="clock">What stamps appends and dead letters: the service's clock; the system's when none is given.</param>
    public EmbeddedEventLog(string path, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _clock = clock ?? TimeProvider.System;
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, DefaultTimeout = 30, Pooling = true }.ToString();
        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    public string Path { get; }

    /// <summary>Appends in order; an event id already in the log is skipped, so a republished batch adds nothing.</summary>
    public async Task AppendAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = Command(connection, transaction,
            "INSERT OR IGNORE INTO events (id, type, subject, envelope, appended_at) VALUES ($id, $type, $subject, $envelope, $at)");
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var type = insert.Parameters.Add("$type", SqliteType.Text);
        var subject = insert.Parameters.Add("$subject", SqliteType.Text);
        var envelope = insert.Parameters.Add("$envelope", SqliteType.Text);
        insert.Parameters.AddWithValue("$at", _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var e in batch)
        {
            (id.Value, type.Value, subject.Value, envelope.Value) = (e.Id, e.Type, e.Subject, e.ToJson());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits until something is appended in this process, or at most <paramref name="timeout"/>.</summary>
    public async Task WaitForAppendAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var appended = Volatile.Read(ref _appended).Task;
        await Task.WhenAny(appended, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(long sequence, string type, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var read = Command(connection, null,
            "SELECT sequence, id, type, envelope FROM events WHERE type = $type AND sequence > $after ORDER BY sequence LIMIT $max");
        read.Parameters.AddWithValue("$type", type);
        read.Parameters.AddWithValue("$after", sequence);
        read.Parameters.AddWithValue("$max", max);
        var events = new List<LoggedEvent>();
        await using var rows = await read.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            events.Add(new LoggedEvent(rows.GetInt64(0), rows.GetString(1), rows.GetString(2), rows.GetString(3)));
        }

        return events;
    }

    public async Task<long> OffsetAsync(string subscription, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var read = Command(connection, null, "SELECT sequence FROM offsets WHERE subscription = $subscription");
        read.Parameters.AddWithValue("$subscription", subscription);
        return await read.ExecuteScalarAsync(cancellationToken) is long offset ? offset : 0;
    }

    public async Task CommitOffsetAsync(string subscription, long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await SetOffsetAsync(connection, null, subscription, sequence, cancellationToken);
    }

    /// <summary>Parks the event for the subscription and moves the subscription past it, together.</summary>
    public async Task DeadLetterAsync(string subscription, LoggedEvent loggedEvent, string reason, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggedEvent);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = Command(connection, transaction,
            "INSERT INTO dead_letters (subscription, event_id, event_type, sequence, reason, attempts, dead_at) VALUES ($subscription, $event, $type, $sequence, $reason, $attempts, $at)");
        insert.Parameters.AddWithValue("$subscription", subscription);
        insert.Parameters.AddWithValue("$event", loggedEvent.Id);
        insert.Parameters.AddWithValue("$type", loggedEvent.Type);
        insert.Parameters.AddWithValue("$sequence", loggedEvent.Sequence);
        insert.Parameters.AddWithValue("$reason", reason);
        insert.Parameters.AddWithValue("$attempts", attempts);
        insert.Parameters.AddWithValue("$at", _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await SetOffsetAsync(connection, transaction, subscription, loggedEvent.Sequence, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var read = Command(connection, null,
            "SELECT id, subscription, event_id, event_type, reason, attempts, dead_at, replay_requested FROM dead_letters WHERE replayed_at IS NULL ORDER BY id");
        var letters = new List<DeadLetter>();
        await using var rows = await read.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                rows.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), rows.GetString(1), rows.GetString(2), rows.GetString(3), rows.GetString(4), rows.GetInt32(5),
                DateTimeOffset.Parse(rows.GetString(6), System.Globalization.CultureInfo.InvariantCulture), rows.GetInt64(7) != 0));
        }

        return letters;
    }

    public async Task<bool> RequestReplayAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var update = Command(connection, null, "UPDATE dead_letters SET replay_requested = 1 WHERE id = $id AND replayed_at IS NULL");
        update.Parameters.AddWithValue("$id", number);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The dead letters of <paramref name="subscription"/> whose replay was asked for, with their events.</summary>
    internal async Task<IReadOnlyList<(long DeadLetterId, LoggedEvent Event)>> ReplayRequestsAsync(string subscription, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var read = Command(connection, null, """
            SELECT d.id, e.sequence, e.id, e.type, e.envelope FROM dead_letters d JOIN events e ON e.sequence = d.sequence
            WHERE d.subscription = $subscription AND d.replay_requested = 1 AND d.replayed_at IS NULL ORDER BY d.id
            """);
        read.Parameters.AddWithValue("$subscription", subscription);
        var replays = new List<(long, LoggedEvent)>();
        await using var rows = await read.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            replays.Add((rows.GetInt64(0), new LoggedEvent(rows.GetInt64(1), rows.GetString(2), rows.GetString(3), rows.GetString(4))));
        }

        return replays;
    }

    /// <summary>Records a replay's end: replayed for good, or dead again with the new reason.</summary>
    internal async Task FinishReplayAsync(long deadLetterId, bool succeeded, string? reason, int attempts, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = Command(connection, null, succeeded
            ? "UPDATE dead_letters SET replay_requested = 0, replayed_at = $at WHERE id = $id"
            : "UPDATE dead_letters SET replay_requested = 0, reason = $reason, attempts = attempts + $attempts, dead_at = $at WHERE id = $id");
        update.Parameters.AddWithValue("$id", deadLetterId);
        update.Parameters.AddWithValue("$at", _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$reason", reason ?? string.Empty);
        update.Parameters.AddWithValue("$attempts", attempts);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task SetOffsetAsync(SqliteConnection connection, SqliteTransaction? transaction, string subscription, long sequence, CancellationToken cancellationToken)
    {
        // MAX keeps the offset from moving back when a replay or a slower path commits an older position.
        await using var upsert = Command(connection, transaction,
            "INSERT INTO offsets (subscription, sequence) VALUES ($subscription, $sequence) ON CONFLICT(subscription) DO UPDATE SET sequence = MAX(sequence, excluded.sequence)");
        upsert.Parameters.AddWithValue("$subscription", subscription);
        upsert.Parameters.AddWithValue("$sequence", sequence);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);

        // The relays append while the subscribers move their offsets: without SQLite's own wait for
        // the write lock, the driver sleeps 150 ms per retry, which was the log's latency tail.
        await SqliteDurability.ApplyAsync(connection, cancellationToken);
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        PrivateFiles.DatabaseFile(Path);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var create = Command(connection, null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS events (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                subject TEXT NOT NULL,
                envelope TEXT NOT NULL,
                appended_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS events_by_type ON events (type, sequence);
            CREATE TABLE IF NOT EXISTS offsets (
                subscription TEXT PRIMARY KEY,
                sequence INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                subscription TEXT NOT NULL,
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                reason TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                dead_at TEXT NOT NULL,
                replay_requested INTEGER NOT NULL DEFAULT 0,
                replayed_at TEXT);
            """);
        await create.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
