using System.Diagnostics;

namespace Cx.Eventing.Telemetry;

/// <summary>Spans of the event hop, named and tagged as the OpenTelemetry messaging conventions say.</summary>
internal static class EventingTelemetry
{
    public const string SourceName = "Cx.Eventing";
    public const string MessagingSystem = "cx";

    public static readonly ActivitySource Source = new(SourceName);

    public static void Tag(Activity? span, string operation, string destination, string messageId, string system = MessagingSystem)
    {
        span?.SetTag("messaging.system", system);
        span?.SetTag("messaging.operation.type", operation);
        span?.SetTag("messaging.destination.name", destination);
        span?.SetTag("messaging.message.id", messageId);
    }

    /// <summary>
    /// A send span in the event's own trace (the caller's), linked to the relay's span. A broker
    /// that stamps the trace context of the publish request onto the message (Dapr does) then
    /// carries the caller's trace on, not the relay's.
    /// </summary>
    public static Activity? StartSend(Envelope.EventEnvelope envelope, string system)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var relay = Activity.Current;
        var inEventTrace = ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var caller);
        var span = Source.StartActivity(
            "send " + envelope.Type,
            ActivityKind.Producer,
            inEventTrace ? caller : default,
            links: relay is null ? null : [new ActivityLink(relay.Context)]);
        Tag(span, "send", envelope.Type, envelope.Id, system);
        return span;
    }
}
