using Cx.Events.V1;
using Google.Protobuf.Reflection;

namespace Cx.Eventing.Envelope;

/// <summary>The CloudEvent type an event message declares in the contract, <c>(cx.events.v1.event_type)</c>.</summary>
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
}
