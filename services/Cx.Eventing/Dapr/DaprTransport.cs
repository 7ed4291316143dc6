using System.Net;
using System.Text;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.Telemetry;

namespace Cx.Eventing.Dapr;

/// <summary>The sidecar refused a publish for a reason retrying alone will not fix (unknown pub/sub, forbidden topic).</summary>
public sealed class DaprPublishRefusedException(string message) : Exception(message);

/// <summary>
/// Publishing through the Dapr sidecar's HTTP API, one event at a time in outbox order. The whole
/// CloudEvent is ours (application/cloudevents+json), so Dapr keeps our id: a publish retried after
/// a failure is the same event, and the subscriber's inbox recognises it.
/// </summary>
internal sealed class DaprTransport(HttpClient http, DaprEventingOptions options, EventingSpans spans) : IEventTransport
{
    public async Task PublishAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var envelope in batch)
        {
            await PublishOneAsync(envelope, cancellationToken);
        }
    }

    private async Task PublishOneAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var topic = Uri.EscapeDataString(envelope.Type);
        var query = $"metadata.cloudevent.id={Uri.EscapeDataString(envelope.Id)}&metadata.cloudevent.type={topic}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.SidecarUrl, $"/v1.0/publish/{Uri.EscapeDataString(options.PubSubName)}/{topic}?{query}"))
        {
            Content = new StringContent(envelope.ToJson(), Encoding.UTF8, "application/cloudevents+json"),
        };
        // Dapr writes the publish request's trace context into the CloudEvent it delivers, so the
        // request must travel in the event's trace: inside a send span of that trace when tracing
        // is on (HTTP instrumentation may inject a child of it), else with the event's own context.
        using var span = EventingTelemetry.StartSend(envelope, spans.MessagingSystem, spans.Service);
        var traceParent = span?.Id ?? envelope.TraceParent;
        var traceState = span is null ? envelope.TraceState : span.TraceStateString;
        if (traceParent is not null)
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        }

        if (traceState is not null)
        {
            request.Headers.TryAddWithoutValidation("tracestate", traceState);
        }

        if (options.SidecarApiToken is not null)
        {
            request.Headers.TryAddWithoutValidation("dapr-api-token", options.SidecarApiToken);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent || response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = $"Dapr refused to publish {envelope.Type} ({envelope.Id}) to {options.PubSubName}: {(int)response.StatusCode} {body}";

        // 4xx: the configuration is wrong (pub/sub name, topic scoping); the relay keeps the event and retries with backoff.
        throw (int)response.StatusCode is >= 400 and < 500
            ? new DaprPublishRefusedException(problem)
            : new HttpRequestException(problem, null, response.StatusCode);
    }
}
