using Cx.Eventing.Envelope;

namespace Cx.Eventing.Outbox;

/// <summary>Where the relay hands committed events. When the call returns, the batch is durable there.</summary>
public interface IEventTransport
{
    /// <summary>
    /// Publishes the batch in order. Publishing an event id again must not create a second event:
    /// the relay retries whole batches after a crash.
    /// </summary>
    Task PublishAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes events again on an operator's request, even where the transport remembers having
    /// published them (a stream trimmed before a group read it, say): subscribers' inboxes absorb
    /// the copies they had already handled.
    /// </summary>
    Task RepublishAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken) => PublishAsync(batch, cancellationToken);
}

/// <summary>
/// A transport that can tell when its broker lost events it had accepted (Redis restarted without
/// its data, say), so the relay publishes them again from the outbox.
/// </summary>
public interface IDetectsEventLoss
{
    /// <summary>
    /// Null when nothing was lost; else the moment from which events the relay published may be
    /// missing (<see cref="DateTimeOffset.MinValue"/> when the broker lost everything).
    /// </summary>
    Task<DateTimeOffset?> LostSinceAsync(CancellationToken cancellationToken);

    /// <summary>The relay has queued every lost event for publishing again: the loss is accounted for.</summary>
    Task LossRecoveredAsync(CancellationToken cancellationToken);
}
