using System.Diagnostics;

namespace Cx.Eventing.Telemetry;

/// <summary>Spans of the event hop, named and tagged as the OpenTelemetry messaging conventions say.</summary>
internal static class EventingTelemetry
{
    public const string SourceName = "Cx.Eventing";
    public const string MessagingSystem = "cx";

    public static readonly ActivitySource Source = new(SourceName);

    public static void Tag(Activity? span, string operation, string destination, string messageId)
    {
        span?.SetTag("messaging.system", MessagingSystem);
        span?.SetTag("messaging.operation.type", operation);
        span?.SetTag("messaging.destination.name", destination);
        span?.SetTag("messaging.message.id", messageId);
    }
}
