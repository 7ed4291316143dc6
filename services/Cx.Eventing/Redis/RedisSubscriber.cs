using Cx.Eventing.Subscribing;
using Cx.Eventing.Telemetry;
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
/// is claimed by another after the visibility timeout, and the dead consumer is then removed.
/// A group or stream that vanished (Redis restarted empty, an operator deleted it) is created
/// again from the stream's start: the inbox absorbs what is seen twice, and the relays republish
/// what Redis lost.
/// </summary>
internal sealed partial class RedisSubscriber<TContext>(
    EventSubscriptions subscriptions,
    RetryingDelivery<TContext> delivery,
    IConnectionMultiplexer redis,
    RedisEventingOptions options,
    DeliveryOptions deliveryOptions,
    EventPathHealth health,
    TimeProvider clock,
    ILogger<RedisSubscriber<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private const string RemoveIdleConsumers = """
        local removed = {}
        for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
          local field = {}
          for i = 1, #consumer, 2 do field[consumer[i]] = consumer[i + 1] end
          if field['name'] ~= ARGV[2] and tonumber(field['pending']) == 0 and tonumber(field['idle']) > tonumber(ARGV[3]) then
            redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], field['name'])
            table.insert(removed, field['name'])
          end
        end
        return removed
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A wake-up per subscription, set by any publish; each loop reads everything new when it wakes.
        var wakeUps = subscriptions.All.ToDictionary(s => s.Name, _ => new OutboxSignal());
        await Task.WhenAll(subscriptions.All.Select(s => RunAsync(s, wakeUps[s.Name], stoppingToken)).Append(ListenForAppendsAsync(wakeUps.Values, stoppingToken)));
    }

    /// <summary>
    /// Subscribes to the publishers' wake-up channel, retrying while Redis is unreachable (the
    /// service starts without it, and each loop polls meanwhile). Once subscribed, the client
    /// subscribes again by itself after a reconnect.
    /// </summary>
    private async Task ListenForAppendsAsync(IEnumerable<OutboxSignal> wakeUps, CancellationToken stoppingToken)
    {
        var signals = wakeUps.ToArray();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.NotifyChannel), (_, _) =>
                {
                    foreach (var wakeUp in signals)
                    {
                        wakeUp.Notify();
                    }
                });
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(deliveryOptions.SafetyPoll, clock, stoppingToken);
            }
        }
    }

    private async Task RunAsync(EventSubscription subscription, OutboxSignal appended, CancellationToken stoppingToken)
    {
        var stream = RedisKeys.Stream(subscription.EventType);
        var database = redis.GetDatabase();
        var groupKnown = false;
        var firstStart = true;
        var failures = 0;
        var nextSweep = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!groupKnown)
                {
                    var created = await EnsureGroupAsync(database, stream, subscription.Name);
                    if (created && !firstStart)
                    {
                        LogGroupRecreated(subscription.Name, stream);
                        EventingMetrics.GroupRecreated(stream, subscription.Name);
                    }

                    (groupKnown, firstStart) = (true, false);
                }

                await ReplayRequestedAsync(database, subscription, stoppingToken);

                // First what a stopped consumer left unacknowledged, then what is new.
                var claimed = await database.StreamAutoClaimAsync(stream, subscription.Name, options.ConsumerName, (long)options.VisibilityTimeout.TotalMilliseconds, "0-0", deliveryOptions.BatchSize);
                var entries = claimed.ClaimedEntries.Length > 0
                    ? claimed.ClaimedEntries
                    : await database.StreamReadGroupAsync(stream, subscription.Name, options.ConsumerName, ">", deliveryOptions.BatchSize);
                Reading(subscription, ref failures);
                if (clock.GetUtcNow() >= nextSweep)
                {
                    await RemoveDeadConsumersAsync(database, stream, subscription.Name);
                    nextSweep = clock.GetUtcNow() + options.VisibilityTimeout;
                }

                if (entries.Length == 0)
                {
                    await appended.WaitAsync(deliveryOptions.SafetyPoll, stoppingToken);
                    continue;
                }

                await DeliverAsync(database, stream, subscription, entries, stoppingToken);
            }
            catch (RedisServerException e) when (IsMissingGroup(e) && !stoppingToken.IsCancellationRequested)
            {
                // Read, claim and acknowledge all answer NOGROUP once the group is gone: create it
                // again at once rather than wait, so nothing it should read piles up.
                groupKnown = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                health.Failing(Part(subscription), e.Message);
                if (failures == 1)
                {
                    LogLoopFailed(e, subscription.Name);
                }

                var delay = deliveryOptions.FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 6));
                await Task.Delay(delay < TimeSpan.FromSeconds(5) ? delay : TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    private void Reading(EventSubscription subscription, ref int failures)
    {
        if (failures > 0)
        {
            LogLoopRecovered(subscription.Name, failures);
            failures = 0;
        }

        health.Working(Part(subscription));
    }

    private static string Part(EventSubscription subscription) => "subscription " + subscription.Name;

    private static bool IsMissingGroup(RedisServerException e) => e.Message.StartsWith("NOGROUP", StringComparison.Ordinal);

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

    /// <summary>
    /// Removes the group's consumers that stopped reading long ago and hold nothing pending: each
    /// restart of a process leaves its consumer behind, and what it held is claimed by the
    /// visibility timeout first. A consumer still holding deliveries is never removed, since
    /// removing it would drop them from the pending list.
    /// </summary>
    private async Task RemoveDeadConsumersAsync(IDatabase database, string stream, string group)
    {
        // Looked at and removed in one script: a consumer that reads between a look and a removal
        // would have its new deliveries dropped from the pending list with it.
        var removed = (RedisResult[]?)await database.ScriptEvaluateAsync(
            RemoveIdleConsumers,
            [stream],
            [group, options.ConsumerName, (long)options.ConsumerExpiry.TotalMilliseconds]);
        foreach (var consumer in removed ?? [])
        {
            LogConsumerRemoved((string?)consumer ?? string.Empty, group, options.ConsumerExpiry);
            EventingMetrics.ConsumerRemoved(group);
        }
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

    /// <summary>Creates the group (and the stream) from the stream's start; false when it existed.</summary>
    private static async Task<bool> EnsureGroupAsync(IDatabase database, string stream, string group)
    {
        try
        {
            // From the start of what the stream retains: a new subscription sees retained history, as
            // on the embedded log, and a re-created one misses nothing the stream still holds.
            await database.StreamCreateConsumerGroupAsync(stream, group, "0-0", createStream: true);
            return true;
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group exists: the normal case after the first start, or a replica re-created it first.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscription} dead-lettered event {EventId} after {Attempts} attempt(s): {Reason}")]
    private partial void LogDeadLettered(string subscription, string eventId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-created consumer group {Group} on stream {Stream} from the stream's start: Redis no longer had it (restarted without its data, or deleted)")]
    private partial void LogGroupRecreated(string group, string stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed consumer {Consumer} from group {Group}: idle for more than {Expiry} with nothing pending")]
    private partial void LogConsumerRemoved(string consumer, string group, TimeSpan expiry);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subscription} cannot read from Redis; retrying until it can (readiness reports it as degraded)")]
    private partial void LogLoopFailed(Exception exception, string subscription);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Subscription} reads from Redis again after {Failures} failed attempt(s)")]
    private partial void LogLoopRecovered(string subscription, int failures);
}
