using System.Diagnostics;
using Cx.ServiceDefaults.Telemetry;

namespace Cx.Eventing.Telemetry;

/// <summary>Spans of the event hop, named and tagged as the OpenTelemetry messaging conventions say.</summary>
internal static class EventingTelemetry
{
    public const string SourceName = "Cx.Eventing";
    /// <summary>The outbox and the embedded log: ours, so the system is named for the platform.</summary>
    public const string MessagingSystem = "cx";

    public static readonly ActivitySource Source = new(SourceName);

    /// <param name="service">The service the span ran in; by default the one its parent ran in (several share a process in `cx up`).</param>
    public static void Tag(Activity? span, string operation, string destination, string messageId, string system = MessagingSystem, string? service = null)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("messaging.system", system);
        span.SetTag("messaging.operation.name", operation);
        span.SetTag("messaging.operation.type", operation);
        span.SetTag("messaging.destination.name", destination);
        span.SetTag("messaging.message.id", messageId);
        if ((service ?? span.Parent?.GetTagItem(CxTelemetry.ServiceAttribute) as string) is { Length: > 0 } named)
        {
            span.SetTag(CxTelemetry.ServiceAttribute, named);
        }
    }

    /// <summary>
    /// A send span in the event's own trace (the caller's), linked to the relay's span. A broker
    /// that stamps the trace context of the publish request onto the message (Dapr does) then
    /// carries the caller's trace on, not the relay's.
    /// </summary>
    public static Activity? StartSend(Envelope.EventEnvelope envelope, string system, string service)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var relay = Activity.Current;
        var inEventTrace = ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var caller);
        var span = Source.StartActivity(
            "send " + envelope.Type,
            ActivityKind.Producer,
            inEventTrace ? caller : default,
            links: relay is null ? null : [new ActivityLink(relay.Context)]);
        Tag(span, "send", envelope.Type, envelope.Id, system, service);
        return span;
    }
}

/// <summary>Who the spans of a service's event hop belong to: the service, and the transport's messaging system.</summary>
public sealed record EventingSpans(string Service, string MessagingSystem);
