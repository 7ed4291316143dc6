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
}
