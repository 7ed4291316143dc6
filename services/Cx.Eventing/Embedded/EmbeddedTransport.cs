using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;

namespace Cx.Eventing.Embedded;

/// <summary>Publishing on the embedded backend: appending to the process's durable log.</summary>
internal sealed class EmbeddedTransport(EmbeddedEventLog log) : IEventTransport
{
    public Task PublishAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken) =>
        log.AppendAsync(batch, cancellationToken);
}
