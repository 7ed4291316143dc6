using Cx.Eventing.Envelope;
using Cx.Eventing.Subscribing;
using Cx.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Eventing.Embedded;

/// <summary>How the embedded transport retries and batches.</summary>
public sealed record EmbeddedDeliveryOptions
{
    /// <summary>Deliveries of one event before it is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public int BatchSize { get; init; } = 100;

    /// <summary>A subscription also looks without a signal this often: for events appended by another process.</summary>
    public TimeSpan SafetyPoll { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Delivers the log to each of a service's subscriptions, in log order, from the subscription's
/// offset: a slow handler slows only its own subscription (the log is the buffer), and a restart
/// resumes where the offset stands. An event that cannot be delivered is dead-lettered and the
/// subscription moves on.
/// </summary>
internal sealed partial class EmbeddedSubscriber<TContext>(
    EventSubscriptions subscriptions,
    EventDispatcher<TContext> dispatcher,
    EmbeddedEventLog log,
    EmbeddedDeliveryOptions options,
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

                foreach (var loggedEvent in batch)
                {
                    var (outcome, attempts) = await DeliverAsync(subscription, loggedEvent, stoppingToken);
                    if (outcome.Verdict != DeliveryVerdict.Success)
                    {
                        await log.DeadLetterAsync(subscription.Name, loggedEvent, outcome.Reason ?? "dropped", attempts, stoppingToken);
                        LogDeadLettered(subscription.Name, loggedEvent.Id, attempts, outcome.Reason ?? "dropped");
                    }

                    offset = loggedEvent.Sequence;
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

    private async Task<(DeliveryOutcome Outcome, int Attempts)> DeliverAsync(EventSubscription subscription, LoggedEvent loggedEvent, CancellationToken stoppingToken)
    {
        EventEnvelope envelope;
        try
        {
            envelope = EventEnvelope.FromJson(loggedEvent.Envelope);
        }
        catch (FormatException e)
        {
            return (DeliveryOutcome.Drop("Unparseable envelope: " + e.Message), 1);
        }

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await dispatcher.DispatchAsync(subscription, envelope, attempt, stoppingToken);
            if (outcome.Verdict != DeliveryVerdict.Retry)
            {
                return (outcome, attempt);
            }

            if (attempt >= options.MaxAttempts)
            {
                return (DeliveryOutcome.Drop($"Gave up after {attempt} attempts: {outcome.Reason}"), attempt);
            }

            await Task.Delay(options.FirstRetryDelay * Math.Pow(2, attempt - 1), clock, stoppingToken);
        }
    }

    private async Task ReplayRequestedAsync(EventSubscription subscription, CancellationToken stoppingToken)
    {
        foreach (var (letter, loggedEvent) in await log.ReplayRequestsAsync(subscription.Name, stoppingToken))
        {
            var (outcome, attempts) = await DeliverAsync(subscription, loggedEvent, stoppingToken);
            await log.FinishReplayAsync(letter.Id, outcome.Verdict == DeliveryVerdict.Success, outcome.Reason, attempts, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscription} dead-lettered event {EventId} after {Attempts} attempt(s): {Reason}")]
    private partial void LogDeadLettered(string subscription, string eventId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subscription} could not read the event log; retrying")]
    private partial void LogLoopFailed(Exception exception, string subscription);
}
