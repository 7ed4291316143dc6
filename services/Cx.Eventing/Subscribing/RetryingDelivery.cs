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
    public async Task<(DeliveryOutcome Outcome, int Attempts)> DeliverAsync(EventSubscription subscription, string rawEnvelope, CancellationToken cancellationToken) =>
        (await DeliverBatchAsync(subscription, [rawEnvelope], cancellationToken))[0];

    /// <summary>
    /// Delivers a batch as one (see <see cref="EventDispatcher{TContext}.DispatchBatchAsync"/>), then
    /// retries each event the batch could not deliver, alone and in order, with backoff.
    /// </summary>
    /// <returns>Per raw envelope, in order: the final outcome (Success or Drop, never Retry) and the attempts it took.</returns>
    public async Task<IReadOnlyList<(DeliveryOutcome Outcome, int Attempts)>> DeliverBatchAsync(EventSubscription subscription, IReadOnlyList<string> rawEnvelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawEnvelopes);
        var results = new (DeliveryOutcome Outcome, int Attempts)[rawEnvelopes.Count];
        var parsed = new List<(int Index, EventEnvelope Envelope)>();
        for (var i = 0; i < rawEnvelopes.Count; i++)
        {
            try
            {
                parsed.Add((i, EventEnvelope.FromJson(rawEnvelopes[i])));
            }
            catch (FormatException e)
            {
                results[i] = (DeliveryOutcome.Drop("Unparseable envelope: " + e.Message), 1);
            }
        }

        // In order: an event that must be retried is settled before any later one is delivered.
        var first = await dispatcher.DispatchBatchAsync(subscription, parsed.Select(p => p.Envelope).ToArray(), cancellationToken);
        for (var j = 0; j < parsed.Count; j++)
        {
            var (index, envelope) = parsed[j];
            var outcome = ReferenceEquals(first[j], DeliveryOutcome.NotAttempted)
                ? await dispatcher.DispatchAsync(subscription, envelope, 1, cancellationToken)
                : first[j];
            results[index] = outcome.Verdict == DeliveryVerdict.Retry
                ? await RetryAsync(subscription, envelope, outcome, cancellationToken)
                : (outcome, 1);
        }

        return results;
    }

    private async Task<(DeliveryOutcome Outcome, int Attempts)> RetryAsync(EventSubscription subscription, EventEnvelope envelope, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (outcome.Verdict != DeliveryVerdict.Retry)
            {
                return (outcome, attempt);
            }

            if (attempt >= options.MaxAttempts)
            {
                return (DeliveryOutcome.Drop($"Gave up after {attempt} attempts: {outcome.Reason}"), attempt);
            }

            await Task.Delay(options.FirstRetryDelay * Math.Pow(2, attempt - 1), clock, cancellationToken);
            outcome = await dispatcher.DispatchAsync(subscription, envelope, attempt + 1, cancellationToken);
        }
    }
}
