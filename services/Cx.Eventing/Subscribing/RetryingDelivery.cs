using Cx.Eventing.Envelope;
using Cx.Persistence;

namespace Cx.Eventing.Subscribing;

/// <summary>How every transport retries and batches deliveries.</summary>
public sealed record DeliveryOptions
{
    /// <summary>Deliveries of one event before it is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public int BatchSize { get; init; } = 100;

    /// <summary>A subscription also looks without a signal this often.</summary>
    public TimeSpan SafetyPoll { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Delivers one event to one subscription until it succeeds, is dropped, or runs out of attempts,
/// waiting with exponential backoff in between. The subscription waits too, which keeps its order.
/// </summary>
public sealed class RetryingDelivery<TContext>(EventDispatcher<TContext> dispatcher, DeliveryOptions options, TimeProvider clock)
    where TContext : ServiceDbContext
{
    /// <returns>The final outcome (Success or Drop, never Retry) and the attempts it took.</returns>
    public async Task<(DeliveryOutcome Outcome, int Attempts)> DeliverAsync(EventSubscription subscription, string rawEnvelope, CancellationToken cancellationToken)
    {
        EventEnvelope envelope;
        try
        {
            envelope = EventEnvelope.FromJson(rawEnvelope);
        }
        catch (FormatException e)
        {
            return (DeliveryOutcome.Drop("Unparseable envelope: " + e.Message), 1);
        }

        for (var attempt = 1; ; attempt++)
        {
            var outcome = await dispatcher.DispatchAsync(subscription, envelope, attempt, cancellationToken);
            if (outcome.Verdict != DeliveryVerdict.Retry)
            {
                return (outcome, attempt);
            }

            if (attempt >= options.MaxAttempts)
            {
                return (DeliveryOutcome.Drop($"Gave up after {attempt} attempts: {outcome.Reason}"), attempt);
            }

            await Task.Delay(options.FirstRetryDelay * Math.Pow(2, attempt - 1), clock, cancellationToken);
        }
    }
}
