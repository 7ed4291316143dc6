using Cx.Eventing.Envelope;
using Cx.Persistence;
using Cx.Persistence.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Cx.Eventing.Subscribing;
using Cx.Eventing.Telemetry;
using Microsoft.Extensions.Configuration;
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

    /// <summary>
    /// When the transport reports that its broker lost events, the events published within this
    /// window are published again (never more than <see cref="OutboxRetention"/> keeps). A loss
    /// noticed later than this after the events left is beyond the automatic guarantee: `cx events
    /// replay --service NAME --since TIME` republishes by hand.
    /// </summary>
    public TimeSpan ReplayWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often the relay asks its transport whether the broker lost events.</summary>
    public TimeSpan LossCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows deleted or queued again per statement, so a large clean-up or replay holds no long lock.</summary>
    public int MaintenanceBatchSize { get; init; } = 5_000;

    /// <summary>The relay's settings from <c>Cx:Eventing:Outbox</c> (RetentionHours, ReplayWindowHours, InboxRetentionDays).</summary>
    public static OutboxRelayOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Cx:Eventing:Outbox");
        var defaults = new OutboxRelayOptions();
        var options = defaults with
        {
            OutboxRetention = TimeSpan.FromHours(section.GetValue("RetentionHours", defaults.OutboxRetention.TotalHours)),
            ReplayWindow = TimeSpan.FromHours(section.GetValue("ReplayWindowHours", defaults.ReplayWindow.TotalHours)),
            InboxRetention = TimeSpan.FromDays(section.GetValue("InboxRetentionDays", defaults.InboxRetention.TotalDays)),
        };
        if (options.ReplayWindow > options.OutboxRetention)
        {
            throw new InvalidOperationException(
                $"Cx:Eventing:Outbox:ReplayWindowHours ({options.ReplayWindow.TotalHours:0.##}) exceeds RetentionHours ({options.OutboxRetention.TotalHours:0.##}): the outbox must keep what a replay republishes.");
        }

        if (options.InboxRetention < options.OutboxRetention)
        {
            throw new InvalidOperationException(
                $"Cx:Eventing:Outbox:InboxRetentionDays ({options.InboxRetention.TotalDays:0.##}) is shorter than RetentionHours ({options.OutboxRetention.TotalHours:0.##}): a replayed event must still find the inbox entry that makes it harmless.");
        }

        return options;
    }
}

/// <summary>
/// Publishes committed outbox rows in commit order, a batch at a time, and marks them published.
/// A crash between publish and mark republishes the batch with the same event ids, which the
/// transports and inboxes absorb; so nothing committed is lost and nothing is applied twice.
/// Published rows stay for the retention: when the transport reports that its broker lost
/// events, the rows published within the replay window are queued again and go out before
/// anything newer, in commit order.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IEventTransport transport,
    OutboxSignal signal,
    OutboxRelayOptions options,
    EventSource source,
    EventPathHealth health,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private const string HealthPart = "outbox relay";

    // The oldest unpublished event's time as UTC ticks, 0 when caught up: read by the lag gauge.
    private long _oldestUnpublished;
    private DateTimeOffset _nextLossCheck = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var lag = EventingMetrics.TrackLag(source.Name, LagSeconds);
        var failures = 0;
        var nextCleanup = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            int relayed;
            try
            {
                await RecoverLostEventsAsync(stoppingToken);
                relayed = await RelayBatchAsync(stoppingToken);
                if (failures > 0)
                {
                    LogRelayRecovered(failures);
                    failures = 0;
                }

                health.Working(HealthPart);
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
                health.Failing(HealthPart, e.Message);

                // The first failure with its stack; then one line per doubling of the delay, not per try.
                if (failures == 1)
                {
                    LogRelayFailed(e, failures, delay);
                }
                else if ((failures & (failures - 1)) == 0)
                {
                    LogRelayStillFailing(failures, delay, e.Message);
                }

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
        Interlocked.Exchange(ref _oldestUnpublished, batch.Count == 0 ? 0 : batch[0].OccurredAt.UtcTicks);
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
            // Read without tracking (the usual path marks the batch in one statement): tracked from here.
            database.Outbox.AttachRange(batch);
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

        if (batch.Count < options.BatchSize)
        {
            Interlocked.Exchange(ref _oldestUnpublished, 0);
        }

        return batch.Count;
    }

    /// <summary>
    /// Asks the transport (at most once per check interval) whether its broker lost events, and if
    /// so queues every row published since then, within the replay window, for publishing again.
    /// Returns how many rows it queued.
    /// </summary>
    internal async Task<int> RecoverLostEventsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (transport is not IDetectsEventLoss detector || now < _nextLossCheck)
        {
            return 0;
        }

        _nextLossCheck = now + options.LossCheckInterval;
        if (await detector.LostSinceAsync(cancellationToken) is not { } lostSince)
        {
            return 0;
        }

        var window = options.ReplayWindow < options.OutboxRetention ? options.ReplayWindow : options.OutboxRetention;
        var from = lostSince > now - window ? lostSince : now - window;
        var queued = await RequeuePublishedSinceAsync(from, cancellationToken);
        if (queued > 0)
        {
            LogRepublishing(queued, from);
            EventingMetrics.EventsRepublished(source.Name, queued);
        }

        // Only once every lost row is queued: a crash before this line finds the loss again.
        await detector.LossRecoveredAsync(cancellationToken);
        return queued;
    }

    /// <summary>Marks the rows published at or after <paramref name="from"/> unpublished, a batch per statement.</summary>
    private async Task<int> RequeuePublishedSinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        var queued = 0;
        var after = long.MinValue;
        while (true)
        {
            // By sequence, never by time again: a row another replica publishes meanwhile is new
            // work of its own, and the loop ends.
            var last = after;
            var sequences = await database.Outbox
                .Where(m => m.Sequence > last && m.PublishedAt != null && m.PublishedAt >= from)
                .OrderBy(m => m.Sequence)
                .Select(m => m.Sequence)
                .Take(options.MaintenanceBatchSize)
                .ToListAsync(cancellationToken);
            if (sequences.Count == 0)
            {
                return queued;
            }

            await database.Outbox
                .Where(m => sequences.Contains(m.Sequence))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.PublishedAt, (DateTimeOffset?)null), cancellationToken);
            queued += sequences.Count;
            after = sequences[^1];
        }
    }

    private double LagSeconds()
    {
        var oldest = Interlocked.Read(ref _oldestUnpublished);
        return oldest == 0 ? 0 : Math.Max(0, (clock.GetUtcNow().UtcTicks - oldest) / (double)TimeSpan.TicksPerSecond);
    }

    private Task<List<OutboxMessage>> ReadBatchAsync(TContext database, CancellationToken cancellationToken)
    {
        if (!database.Database.IsNpgsql())
        {
            // SQLite has one writer at a time: the relay of the one process reads in commit order.
            return database.Outbox
                .AsNoTracking()
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
        return database.Outbox.FromSqlRaw(sql).AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>Deletes published outbox rows and inbox entries past their retention.</summary>
    internal async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();
        var outboxCutoff = now - options.OutboxRetention;
        var inboxCutoff = now - options.InboxRetention;

        // A batch per statement: a week of rows deleted at once would hold the table's writers.
        while (await database.Outbox
            .Where(m => m.PublishedAt != null && m.PublishedAt <= outboxCutoff)
            .OrderBy(m => m.Sequence)
            .Take(options.MaintenanceBatchSize)
            .ExecuteDeleteAsync(cancellationToken) == options.MaintenanceBatchSize)
        {
        }

        while (await database.Inbox
            .Where(i => i.HandledAt <= inboxCutoff)
            .OrderBy(i => i.HandledAt)
            .Take(options.MaintenanceBatchSize)
            .ExecuteDeleteAsync(cancellationToken) == options.MaintenanceBatchSize)
        {
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the outbox still fails ({Failures} in a row); retrying in {Delay}: {Reason}")]
    private partial void LogRelayStillFailing(int failures, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing the outbox works again after {Failures} failed attempt(s)")]
    private partial void LogRelayRecovered(int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event broker lost events this service had published: {Count} events published since {Since:O} are published again, in commit order")]
    private partial void LogRepublishing(int count, DateTimeOffset since);
}

/// <summary>The CloudEvent <c>source</c> of a service's events, e.g. "/cx/measurement".</summary>
public sealed record EventSource(string Name);
