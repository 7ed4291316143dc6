using Cx.Eventing.Envelope;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Eventing.Subscribing;

/// <summary>One handler of one event type, as every transport subscribes it.</summary>
public sealed record EventSubscription(string Name, string EventType, MessageDescriptor Message, Type Handler)
{
    internal Func<IServiceProvider, IMessage, EventContext, CancellationToken, Task> Invoke { get; init; } = null!;
}

/// <summary>
/// Everything a service consumes, declared in one place: the same list makes the embedded
/// subscriptions (and the other transports' consumer groups and routes).
/// </summary>
public sealed class EventSubscriptions(string serviceName)
{
    private readonly List<EventSubscription> _all = [];

    public string ServiceName { get; } = serviceName;

    public IReadOnlyList<EventSubscription> All => _all;

    /// <summary>Subscribes <typeparamref name="THandler"/> to the event type <typeparamref name="TEvent"/> declares.</summary>
    public EventSubscriptions On<TEvent, THandler>()
        where TEvent : IMessage<TEvent>, new()
        where THandler : class, IHandleEvent<TEvent> =>
        Add($"{ServiceName}.{typeof(THandler).Name}", new TEvent().Descriptor, typeof(THandler), (services, message, context, cancellationToken) =>
            services.GetRequiredService<THandler>().HandleAsync((TEvent)message, context, cancellationToken));

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to each event type of <paramref name="events"/>,
    /// one subscription per type (named after the handler and the type), for a handler that treats
    /// every event alike, such as forwarding it elsewhere.
    /// </summary>
    public EventSubscriptions OnEach<THandler>(IEnumerable<MessageDescriptor> events)
        where THandler : class, IHandleAnyEvent
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var descriptor in events)
        {
            Add($"{ServiceName}.{typeof(THandler).Name}.{EventTypes.Of(descriptor)}", descriptor, typeof(THandler), (services, message, context, cancellationToken) =>
                services.GetRequiredService<THandler>().HandleAsync(message, context, cancellationToken));
        }

        return this;
    }

    private EventSubscriptions Add(string name, MessageDescriptor descriptor, Type handler, Func<IServiceProvider, IMessage, EventContext, CancellationToken, Task> invoke)
    {
        if (_all.Any(s => s.Name == name))
        {
            throw new InvalidOperationException($"The subscription {name} is declared twice.");
        }

        _all.Add(new EventSubscription(name, EventTypes.Of(descriptor), descriptor, handler) { Invoke = invoke });
        return this;
    }
}
