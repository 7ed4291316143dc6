using Cx.Eventing.Subscribing;
using Cx.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Eventing.Embedded;

/// <summary>
/// Delivers the log to each of a service's subscriptions, in log order, from the subscription's
/// offset: a slow handler slows only its own subscription (the log is the buffer), and a restart
/// resumes where the offset stands. An event that cannot be delivered is dead-lettered and the
/// subscription moves on.
/// </summary>
internal sealed partial class EmbeddedSubscriber<TContext>(
    EventSubscriptions subscriptions,
    RetryingDelivery<TContext> delivery,
    EmbeddedEventLog log,
    DeliveryOptions options,
    TimeProvider clock,
    ILogger<EmbeddedSubscriber<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(subscriptions.All.Select(s => RunAsync(s, stoppingToken)));

    private async Task RunAsync(EventSubscription subscription, CancellationToken stoppingToken)
    {
        // Yield first, so start-up is not held by the first reads.
        await Task.Yield();
        var offset = await log.OffsetAsync(subscription.Name, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReplayRequestedAsync(subscription, stoppingToken);
                var batch = await log.ReadAfterAsync(offset, subscription.EventType, options.BatchSize, stoppingToken);
                if (batch.Count == 0)
                {
                    await log.WaitForAppendAsync(options.SafetyPoll, stoppingToken);
                    continue;
                }

                var results = await delivery.DeliverBatchAsync(subscription, batch.Select(e => e.Envelope).ToArray(), stoppingToken);
                for (var i = 0; i < batch.Count; i++)
                {
                    var (outcome, attempts) = results[i];
                    if (outcome.Verdict != DeliveryVerdict.Success)
                    {
                        await log.DeadLetterAsync(subscription.Name, batch[i], outcome.Reason ?? "dropped", attempts, stoppingToken);
                        LogDeadLettered(subscription.Name, batch[i].Id, attempts, outcome.Reason ?? "dropped");
                    }

                    offset = batch[i].Sequence;
                }

                // One offset write per batch: events handled before a crash are redelivered and absorbed by the inbox.
                await log.CommitOffsetAsync(subscription.Name, offset, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopFailed(e, subscription.Name);
                await Task.Delay(options.FirstRetryDelay, clock, stoppingToken);
                offset = await log.OffsetAsync(subscription.Name, stoppingToken);
            }
        }
    }

    private async Task ReplayRequestedAsync(EventSubscription subscription, CancellationToken stoppingToken)
    {
        foreach (var (deadLetterId, loggedEvent) in await log.ReplayRequestsAsync(subscription.Name, stoppingToken))
        {
            var (outcome, attempts) = await delivery.DeliverAsync(subscription, loggedEvent.Envelope, stoppingToken);
            await log.FinishReplayAsync(deadLetterId, outcome.Verdict == DeliveryVerdict.Success, outcome.Reason, attempts, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscription} dead-lettered event {EventId} after {Attempts} attempt(s): {Reason}")]
    private partial void LogDeadLettered(string subscription, string eventId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subscription} could not read the event log; retrying")]
    private partial void LogLoopFailed(Exception exception, string subscription);
}
