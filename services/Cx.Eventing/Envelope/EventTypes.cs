using Cx.Events.V1;
using Google.Protobuf.Reflection;

namespace Cx.Eventing.Envelope;

/// <summary>
/// What an event message declares in the contract: its CloudEvent type, <c>(cx.events.v1.event_type)</c>,
/// and an example of its payload, <c>(cx.events.v1.example)</c>.
/// </summary>
public static class EventTypes
{
    public static string Of(MessageDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var type = descriptor.GetOptions()?.GetExtension(EventOptionsExtensions.EventType);
        return string.IsNullOrEmpty(type)
            ? throw new InvalidOperationException($"{descriptor.FullName} is not an event: it declares no (cx.events.v1.event_type).")
            : type;
    }

    /// <summary>The example payload of the event, in proto3 JSON as the platform formats events.</summary>
    public static string ExampleOf(MessageDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var example = descriptor.GetOptions()?.GetExtension(EventOptionsExtensions.Example);
        return string.IsNullOrEmpty(example)
            ? throw new InvalidOperationException($"{descriptor.FullName} declares no example payload: add option (cx.events.v1.example) to it in the contract.")
            : example;
    }
}
