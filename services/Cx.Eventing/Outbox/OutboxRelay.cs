using Cx.Eventing.Envelope;
using Cx.Persistence;
using Cx.Persistence.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Eventing.Outbox;

/// <summary>How the relay paces itself.</summary>
public sealed record OutboxRelayOptions
{
    public int BatchSize { get; init; } = 200;

    /// <summary>The relay also looks without a signal this often: for rows committed by another process.</summary>
    public TimeSpan SafetyPoll { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Published outbox rows are kept this long (to inspect what left), then deleted.</summary>
    public TimeSpan OutboxRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Inbox entries are kept this long, then deleted. It must outlast any redelivery: the longest a
    /// transport may hold or replay an event (dead letters included) is well below it.
    /// </summary>
    public TimeSpan InboxRetention { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan CleanupInterval { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Publishes committed outbox rows in commit order, a batch at a time, and marks them published.
/// A crash between publish and mark republishes the batch with the same event ids, which the
/// transports and inboxes absorb; so nothing committed is lost and nothing is applied twice.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IEventTransport transport,
    OutboxSignal signal,
    OutboxRelayOptions options,
    EventSource source,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var nextCleanup = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            int relayed;
            try
            {
                relayed = await RelayBatchAsync(stoppingToken);
                failures = 0;
                if (clock.GetUtcNow() >= nextCleanup)
                {
                    await CleanUpAsync(stoppingToken);
                    nextCleanup = clock.GetUtcNow() + options.CleanupInterval;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var delay = Backoff(failures);
                LogRelayFailed(e, failures, delay);
                await Task.Delay(delay, clock, stoppingToken);
                continue;
            }

            if (relayed < options.BatchSize)
            {
                await signal.WaitAsync(options.SafetyPoll, stoppingToken);
            }
        }
    }

    /// <summary>Relays one batch; returns how many events it published.</summary>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();

        // On PostgreSQL several replicas relay at once: each locks the rows it takes, so no event is published twice.
        await using var transaction = database.Database.IsNpgsql() ? await database.Database.BeginTransactionAsync(cancellationToken) : null;
        var batch = await ReadBatchAsync(database, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            await transport.PublishAsync(batch.Select(m => ToEnvelope(m, source.Name)).ToArray(), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            foreach (var message in batch)
            {
                message.PublishAttempts++;
                message.LastError = Truncate(e.Message, 2000);
            }

            // The publish failure is what the caller must see and back off from; a failure to
            // record it only loses this attempt's count.
            try
            {
                await database.SaveChangesAsync(CancellationToken.None);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(CancellationToken.None);
                }
            }
            catch (Exception recording)
            {
                LogAttemptNotRecorded(recording, batch.Count);
            }

            throw;
        }

        // One statement marks the whole batch (by its exact rows, never a range that could include a later commit).
        var now = clock.GetUtcNow();
        var published = batch.Select(m => m.Sequence).ToArray();
        await database.Outbox
            .Where(m => published.Contains(m.Sequence))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(m => m.PublishedAt, now)
                    .SetProperty(m => m.PublishAttempts, m => m.PublishAttempts + 1)
                    .SetProperty(m => m.LastError, (string?)null),
                CancellationToken.None);
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }

        return batch.Count;
    }

    private Task<List<OutboxMessage>> ReadBatchAsync(TContext database, CancellationToken cancellationToken)
    {
        if (!database.Database.IsNpgsql())
        {
            // SQLite has one writer at a time: the relay of the one process reads in commit order.
            return database.Outbox
                .Where(m => m.PublishedAt == null)
                .OrderBy(m => m.Sequence)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
        }

        var outbox = database.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = StoreObjectIdentifier.Table(outbox.GetTableName()!, outbox.GetSchema());
        string Column(string property) => "\"" + outbox.FindProperty(property)!.GetColumnName(table) + "\"";
        var sql = $"SELECT * FROM \"{table.Schema}\".\"{table.Name}\" WHERE {Column(nameof(OutboxMessage.PublishedAt))} IS NULL "
            + $"ORDER BY {Column(nameof(OutboxMessage.Sequence))} LIMIT {options.BatchSize} FOR UPDATE SKIP LOCKED";
        return database.Outbox.FromSqlRaw(sql).ToListAsync(cancellationToken);
    }

    /// <summary>Deletes published outbox rows and inbox entries past their retention.</summary>
    internal async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();
        var outboxCutoff = now - options.OutboxRetention;
        var inboxCutoff = now - options.InboxRetention;

        await database.Outbox.Where(m => m.PublishedAt != null && m.PublishedAt <= outboxCutoff).ExecuteDeleteAsync(cancellationToken);
        await database.Inbox.Where(i => i.HandledAt <= inboxCutoff).ExecuteDeleteAsync(cancellationToken);
    }

    internal static EventEnvelope ToEnvelope(OutboxMessage message, string source) => new(
        message.EventId,
        message.Type,
        source,
        message.Subject,
        message.OccurredAt,
        message.TenantId,
        message.CorrelationId,
        message.TraceParent,
        message.TraceState,
        message.Data);

    private TimeSpan Backoff(int failures)
    {
        var delay = options.FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed publish of {Count} outbox events could not be recorded on them")]
    private partial void LogAttemptNotRecorded(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the outbox failed ({Failures} in a row); retrying in {Delay}")]
    private partial void LogRelayFailed(Exception exception, int failures, TimeSpan delay);
}

/// <summary>The CloudEvent <c>source</c> of a service's events, e.g. "/cx/measurement".</summary>
public sealed record EventSource(string Name);
