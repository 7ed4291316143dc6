using System.Diagnostics;
using Cx.Eventing.Envelope;
using Cx.Persistence.Hosting;
using Cx.Persistence.Messaging;
using Cx.Testing.Events.V1;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using StackExchange.Redis;

namespace Cx.Bench.Eventing;

/// <summary>
/// The durable baseline: the same rows as the platform's path, written with plain ADO.NET and no
/// framework. The shop commits 100 orders and their outbox rows per transaction; a relay reads 200
/// unpublished rows, appends them to the transport and marks them in one statement; the ledger
/// reads 100 events, and in one transaction per batch records each one's inbox row and, when that
/// row is new, its entry; then it moves its offset (embedded) or acknowledges (Redis). The tables
/// are the services' own, migrated; every connection has the services' SQLite settings. What it
/// leaves out is what the platform adds: EF Core, scopes and tenancy, envelopes checked and parsed
/// twice, retries and dead letters, traces and metrics, and publishing each event only once.
/// </summary>
internal sealed class HandWrittenPipeline(string shopDatabase, string ledgerDatabase, string logDatabase, IDatabase? redis, Measurements measurements)
{
    private const string Subscription = "ledger.order_placed";
    private const string Tenant = "bench";
    private static readonly ValueConverter<DateTimeOffset, long> Time = new DateTimeOffsetToBinaryConverter();
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly OutboxSignal _committed = new();
    private readonly OutboxSignal _published = new();
    private readonly string _stream = "cx:bench:hand-written:" + Guid.NewGuid().ToString("N");

    /// <summary>Places <paramref name="count"/> orders and returns events/s from the first commit to the last event handled.</summary>
    public async Task<double> RunAsync(int count)
    {
        await using (var log = await OpenAsync(logDatabase))
        {
            await ExecuteAsync(log, null, """
                CREATE TABLE IF NOT EXISTS events (sequence INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, envelope TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS offsets (subscription TEXT PRIMARY KEY, sequence INTEGER NOT NULL);
                PRAGMA journal_mode = WAL;
                """);
        }

        if (redis is not null)
        {
            await redis.StreamCreateConsumerGroupAsync(_stream, Subscription, "0-0", createStream: true);
        }

        using var stop = new CancellationTokenSource();
        var relay = Task.Run(() => RelayAsync(stop.Token));
        var ledger = Task.Run(() => redis is null ? ConsumeLogAsync(stop.Token) : ConsumeStreamAsync(redis, stop.Token));
        var started = Stopwatch.GetTimestamp();
        await PlaceAsync(count);
        await measurements.WaitForAsync(count, TimeSpan.FromMinutes(10));
        var seconds = (measurements.LastHandledTimestamp - started) / (double)Stopwatch.Frequency;
        await stop.CancelAsync();
        await Task.WhenAll(Quietly(relay), Quietly(ledger));
        if (redis is not null)
        {
            await redis.KeyDeleteAsync(_stream);
        }

        return count / seconds;
    }

    private async Task PlaceAsync(int count)
    {
        await using var shop = await OpenAsync(shopDatabase);
        for (var placed = 0; placed < count; placed += 100)
        {
            await using var transaction = (SqliteTransaction)await shop.BeginTransactionAsync();
            await using var order = Command(shop, transaction, "INSERT INTO orders (Id, TenantId, CustomerId, AmountCents, Version) VALUES ($id, $tenant, 'c-1', $amount, 1)");
            await using var outbox = Command(shop, transaction, """
                INSERT INTO cx_outbox (EventId, Type, Subject, TenantId, CorrelationId, Data, OccurredAt, PublishAttempts)
                VALUES ($event, 'cx.testing.order_placed.v1', $subject, $tenant, $event, $data, $at, 0)
                """);
            order.Parameters.AddWithValue("$tenant", Tenant);
            outbox.Parameters.AddWithValue("$tenant", Tenant);
            var (id, amount) = (order.Parameters.Add("$id", SqliteType.Text), order.Parameters.Add("$amount", SqliteType.Integer));
            var (eventId, subject, data, at) = (outbox.Parameters.Add("$event", SqliteType.Text), outbox.Parameters.Add("$subject", SqliteType.Text),
                outbox.Parameters.Add("$data", SqliteType.Text), outbox.Parameters.Add("$at", SqliteType.Integer));
            for (var i = placed; i < Math.Min(count, placed + 100); i++)
            {
                var orderId = Guid.NewGuid().ToString();
                (id.Value, amount.Value) = (orderId.ToUpperInvariant(), i);
                await order.ExecuteNonQueryAsync();
                (eventId.Value, subject.Value, at.Value) = (Guid.CreateVersion7().ToString("N"), orderId, Time.ConvertToProvider(DateTimeOffset.UtcNow));
                data.Value = Json.Format(new OrderPlaced { OrderId = orderId, CustomerId = "c-1", AmountCents = i });
                await outbox.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            _committed.Notify();
        }
    }

    private async Task RelayAsync(CancellationToken stop)
    {
        await using var shop = await OpenAsync(shopDatabase);
        await using var log = redis is null ? await OpenAsync(logDatabase) : null;
        while (!stop.IsCancellationRequested)
        {
            var batch = new List<(long Sequence, string Id, string Envelope)>();
            await using (var read = Command(shop, null, """
                SELECT Sequence, EventId, Subject, TenantId, CorrelationId, Data, OccurredAt FROM cx_outbox
                WHERE PublishedAt IS NULL ORDER BY Sequence LIMIT 200
                """))
            await using (var rows = await read.ExecuteReaderAsync(stop))
            {
                while (await rows.ReadAsync(stop))
                {
                    var envelope = new EventEnvelope(rows.GetString(1), "cx.testing.order_placed.v1", "/cx/shop", rows.GetString(2), (DateTimeOffset)Time.ConvertFromProvider(rows.GetInt64(6))!,
                        rows.GetString(3), rows.GetString(4), null, null, rows.GetString(5));
                    batch.Add((rows.GetInt64(0), envelope.Id, envelope.ToJson()));
                }
            }

            if (batch.Count == 0)
            {
                await _committed.WaitAsync(TimeSpan.FromMilliseconds(200), stop);
                continue;
            }

            if (redis is null)
            {
                await AppendToLogAsync(log!, batch, stop);
            }
            else
            {
                await Task.WhenAll(batch.Select(e => redis.StreamAddAsync(_stream, [new NameValueEntry("id", e.Id), new NameValueEntry("envelope", e.Envelope)])));
            }

            await using (var mark = Command(shop, null, $"UPDATE cx_outbox SET PublishedAt = $at, PublishAttempts = PublishAttempts + 1 WHERE Sequence IN ({string.Join(',', batch.Select(e => e.Sequence))})"))
            {
                mark.Parameters.AddWithValue("$at", Time.ConvertToProvider(DateTimeOffset.UtcNow));
                await mark.ExecuteNonQueryAsync(stop);
            }

            _published.Notify();
        }
    }

    private static async Task AppendToLogAsync(SqliteConnection log, List<(long Sequence, string Id, string Envelope)> batch, CancellationToken stop)
    {
        await using var transaction = (SqliteTransaction)await log.BeginTransactionAsync(stop);
        await using var append = Command(log, transaction, "INSERT OR IGNORE INTO events (id, type, envelope) VALUES ($id, 'cx.testing.order_placed.v1', $envelope)");
        var (id, envelope) = (append.Parameters.Add("$id", SqliteType.Text), append.Parameters.Add("$envelope", SqliteType.Text));
        foreach (var e in batch)
        {
            (id.Value, envelope.Value) = (e.Id, e.Envelope);
            await append.ExecuteNonQueryAsync(stop);
        }

        await transaction.CommitAsync(stop);
    }

    private async Task ConsumeLogAsync(CancellationToken stop)
    {
        await using var log = await OpenAsync(logDatabase);
        await using var ledger = await OpenAsync(ledgerDatabase);
        var offset = 0L;
        while (!stop.IsCancellationRequested)
        {
            var batch = new List<string>();
            await using (var read = Command(log, null, "SELECT sequence, envelope FROM events WHERE type = 'cx.testing.order_placed.v1' AND sequence > $after ORDER BY sequence LIMIT 100"))
            {
                read.Parameters.AddWithValue("$after", offset);
                await using var rows = await read.ExecuteReaderAsync(stop);
                while (await rows.ReadAsync(stop))
                {
                    offset = rows.GetInt64(0);
                    batch.Add(rows.GetString(1));
                }
            }

            if (batch.Count == 0)
            {
                await _published.WaitAsync(TimeSpan.FromMilliseconds(200), stop);
                continue;
            }

            await RecordAsync(ledger, batch, stop);
            await using var commit = Command(log, null, "INSERT INTO offsets (subscription, sequence) VALUES ($subscription, $sequence) ON CONFLICT(subscription) DO UPDATE SET sequence = excluded.sequence");
            commit.Parameters.AddWithValue("$subscription", Subscription);
            commit.Parameters.AddWithValue("$sequence", offset);
            await commit.ExecuteNonQueryAsync(stop);
        }
    }

    private async Task ConsumeStreamAsync(IDatabase streams, CancellationToken stop)
    {
        await using var ledger = await OpenAsync(ledgerDatabase);
        while (!stop.IsCancellationRequested)
        {
            var entries = await streams.StreamReadGroupAsync(_stream, Subscription, "c1", ">", 100);
            if (entries.Length == 0)
            {
                await _published.WaitAsync(TimeSpan.FromMilliseconds(200), stop);
                continue;
            }

            await RecordAsync(ledger, entries.Select(e => (string)e["envelope"]!).ToList(), stop);
            await streams.StreamAcknowledgeAsync(_stream, Subscription, entries.Select(e => e.Id).ToArray());
        }
    }

    /// <summary>Each event's inbox row and, when that row is new, its entry: one transaction per batch.</summary>
    private async Task RecordAsync(SqliteConnection ledger, List<string> envelopes, CancellationToken stop)
    {
        await using var transaction = (SqliteTransaction)await ledger.BeginTransactionAsync(stop);
        await using var inbox = Command(ledger, transaction, "INSERT OR IGNORE INTO cx_inbox (Subscription, EventId, HandledAt) VALUES ($subscription, $event, $at)");
        await using var entry = Command(ledger, transaction, "INSERT INTO ledger_entries (TenantId, OrderId, AmountCents, CorrelationId) VALUES ($tenant, $order, $amount, $correlation)");
        inbox.Parameters.AddWithValue("$subscription", Subscription);
        var (eventId, at) = (inbox.Parameters.Add("$event", SqliteType.Text), inbox.Parameters.Add("$at", SqliteType.Integer));
        var (tenant, order, amount, correlation) = (entry.Parameters.Add("$tenant", SqliteType.Text), entry.Parameters.Add("$order", SqliteType.Text),
            entry.Parameters.Add("$amount", SqliteType.Integer), entry.Parameters.Add("$correlation", SqliteType.Text));
        var handled = new List<DateTimeOffset>();
        foreach (var raw in envelopes)
        {
            var envelope = EventEnvelope.FromJson(raw);
            var placed = Parser.Parse<OrderPlaced>(envelope.Data);
            (eventId.Value, at.Value) = (envelope.Id, Time.ConvertToProvider(DateTimeOffset.UtcNow));
            if (await inbox.ExecuteNonQueryAsync(stop) == 1)
            {
                (tenant.Value, order.Value, amount.Value, correlation.Value) = (envelope.Tenant, placed.OrderId, placed.AmountCents, envelope.CorrelationId);
                await entry.ExecuteNonQueryAsync(stop);
                handled.Add(envelope.Time);
            }
        }

        await transaction.CommitAsync(stop);
        foreach (var occurredAt in handled)
        {
            measurements.Record(DateTimeOffset.UtcNow - occurredAt);
        }
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
        await connection.OpenAsync();
        await SqliteDurability.ApplyAsync(connection, CancellationToken.None);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static async Task Quietly(Task loop)
    {
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
