using Google.Protobuf;

namespace Cx.Eventing.Subscribing;

/// <summary>What a handler knows about the event it handles, beyond its data.</summary>
public sealed record EventContext(string EventId, string Type, string Subject, string Tenant, string CorrelationId, DateTimeOffset OccurredAt, int Attempt);

/// <summary>
/// Reacts to one event type. It changes the service's database and may raise events; the
/// delivery runs in one transaction, so its changes (saved by it or not) commit together with the
/// inbox entry, or not at all. Throwing a domain error drops the event to the dead letters
/// (retrying cannot help); any other exception is retried with backoff.
/// </summary>
public interface IHandleEvent<in TEvent>
    where TEvent : IMessage
{
    Task HandleAsync(TEvent message, EventContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Reacts to events of any type alike (subscribed with <see cref="EventSubscriptions.OnEach{THandler}"/>),
/// under the same transaction and retry rules as <see cref="IHandleEvent{TEvent}"/>.
/// </summary>
public interface IHandleAnyEvent
{
    Task HandleAsync(IMessage message, EventContext context, CancellationToken cancellationToken);
}
