using Cx.Eventing.Subscribing;
using Cx.Persistence.Messaging;
using Cx.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Cx.Eventing.Redis;

/// <summary>
/// Delivers Redis Streams to a service's subscriptions: one consumer group per subscription, so
/// replicas of the service compete and each event is handled by one of them. A delivery is
/// acknowledged only after it succeeded or was dead-lettered; what a dead consumer left pending
/// is claimed by another after the visibility timeout.
/// </summary>
internal sealed partial class RedisSubscriber<TContext>(
    EventSubscriptions subscriptions,
    RetryingDelivery<TContext> delivery,
    IConnectionMultiplexer redis,
    RedisEventingOptions options,
    DeliveryOptions deliveryOptions,
    TimeProvider clock,
    ILogger<RedisSubscriber<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A wake-up per subscription, set by any publish; each loop reads everything new when it wakes.
        var wakeUps = subscriptions.All.ToDictionary(s => s.Name, _ => new OutboxSignal());
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.NotifyChannel), (_, _) =>
        {
            foreach (var wakeUp in wakeUps.Values)
            {
                wakeUp.Notify();
            }
        });
        await Task.WhenAll(subscriptions.All.Select(s => RunAsync(s, wakeUps[s.Name], stoppingToken)));
    }

    private async Task RunAsync(EventSubscription subscription, OutboxSignal appended, CancellationToken stoppingToken)
    {
        var stream = RedisKeys.Stream(subscription.EventType);
        var database = redis.GetDatabase();
        var groupExists = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupExists)
                {
                    await EnsureGroupAsync(database, stream, subscription.Name);
                    groupExists = true;
                }

                await ReplayRequestedAsync(database, subscription, stoppingToken);

                // First what a stopped consumer left unacknowledged, then what is new.
                var claimed = await database.StreamAutoClaimAsync(stream, subscription.Name, options.ConsumerName, (long)options.VisibilityTimeout.TotalMilliseconds, "0-0", deliveryOptions.BatchSize);
                var entries = claimed.ClaimedEntries.Length > 0
                    ? claimed.ClaimedEntries
                    : await database.StreamReadGroupAsync(stream, subscription.Name, options.ConsumerName, ">", deliveryOptions.BatchSize);
                if (entries.Length == 0)
                {
                    await appended.WaitAsync(deliveryOptions.SafetyPoll, stoppingToken);
                    continue;
                }

                await DeliverAsync(database, stream, subscription, entries, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopFailed(e, subscription.Name);
                await Task.Delay(deliveryOptions.FirstRetryDelay, clock, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(IDatabase database, string stream, EventSubscription subscription, StreamEntry[] entries, CancellationToken stoppingToken)
    {
        var envelopes = entries.Select(e => (string?)e["envelope"] ?? string.Empty).ToArray();
        var results = await delivery.DeliverBatchAsync(subscription, envelopes, stoppingToken);
        for (var i = 0; i < entries.Length; i++)
        {
            var (outcome, attempts) = results[i];
            if (outcome.Verdict != DeliveryVerdict.Success)
            {
                await DeadLetterAsync(database, subscription.Name, (string?)entries[i]["id"] ?? entries[i].Id.ToString(), envelopes[i], outcome.Reason ?? "dropped", attempts);
            }
        }

        // Acknowledged only now: a crash before this line redelivers the batch, and the inbox absorbs it.
        await database.StreamAcknowledgeAsync(stream, subscription.Name, entries.Select(e => e.Id).ToArray());
    }

    private async Task ReplayRequestedAsync(IDatabase database, EventSubscription subscription, CancellationToken stoppingToken)
    {
        var key = RedisKeys.Replays(subscription.Name);
        foreach (var request in await database.StreamRangeAsync(key, count: deliveryOptions.BatchSize))
        {
            var envelope = (string?)request["envelope"] ?? string.Empty;
            var (outcome, attempts) = await delivery.DeliverAsync(subscription, envelope, stoppingToken);
            if (outcome.Verdict != DeliveryVerdict.Success)
            {
                await DeadLetterAsync(database, subscription.Name, (string?)request["event_id"] ?? string.Empty, envelope, outcome.Reason ?? "dropped", attempts);
            }

            await database.StreamDeleteAsync(key, [request.Id]);
        }
    }

    private async Task DeadLetterAsync(IDatabase database, string subscription, string eventId, string envelope, string reason, int attempts)
    {
        await database.StreamAddAsync(RedisKeys.DeadLetters, [
            new NameValueEntry("subscription", subscription),
            new NameValueEntry("event_id", eventId),
            new NameValueEntry("reason", reason),
            new NameValueEntry("attempts", attempts),
            new NameValueEntry("dead_at", clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            new NameValueEntry("envelope", envelope),
        ]);
        LogDeadLettered(subscription, eventId, attempts, reason);
    }

    private static async Task EnsureGroupAsync(IDatabase database, string stream, string group)
    {
        try
        {
            // From the start of what the stream retains: a new subscription sees retained history, as on the embedded log.
            await database.StreamCreateConsumerGroupAsync(stream, group, "0-0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group exists: this is the normal case after the first start.
            return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscription} dead-lettered event {EventId} after {Attempts} attempt(s): {Reason}")]
    private partial void LogDeadLettered(string subscription, string eventId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subscription} could not read from Redis; retrying")]
    private partial void LogLoopFailed(Exception exception, string subscription);
}
