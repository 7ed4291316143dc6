using System.Text;
using System.Text.Json;

namespace Cx.Eventing.Envelope;

/// <summary>
/// An event as it travels: a CloudEvents 1.0 envelope (structured JSON mode) whose data is the
/// proto message in proto3 JSON, with the tenant and correlation id as extension attributes and
/// the W3C trace context as the distributed-tracing extension.
/// </summary>
public sealed record EventEnvelope(
    string Id,
    string Type,
    string Source,
    string Subject,
    DateTimeOffset Time,
    string Tenant,
    string CorrelationId,
    string? TraceParent,
    string? TraceState,
    string Data)
{
    public const string TenantAttribute = "cxtenant";
    public const string CorrelationAttribute = "cxcorrelationid";

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", Id);
            json.WriteString("type", Type);
            json.WriteString("source", Source);
            json.WriteString("subject", Subject);
            json.WriteString("time", Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("datacontenttype", "application/json");
            json.WriteString(TenantAttribute, Tenant);
            json.WriteString(CorrelationAttribute, CorrelationId);
            if (TraceParent is not null)
            {
                json.WriteString("traceparent", TraceParent);
            }

            if (TraceState is not null)
            {
                json.WriteString("tracestate", TraceState);
            }

            json.WritePropertyName("data");
            json.WriteRawValue(Data);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <exception cref="FormatException">Not a CloudEvent this platform publishes.</exception>
    public static EventEnvelope FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string Required(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                    ? text
                    : throw new FormatException($"The CloudEvent has no '{name}' attribute.");
            string? Optional(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

            if (Required("specversion") != "1.0")
            {
                throw new FormatException("Only CloudEvents 1.0 are understood.");
            }

            if (!root.TryGetProperty("data", out var data))
            {
                throw new FormatException("The CloudEvent has no 'data'.");
            }

            return new EventEnvelope(
                Required("id"),
                Required("type"),
                Required("source"),
                Optional("subject") ?? string.Empty,
                DateTimeOffset.Parse(Required("time"), System.Globalization.CultureInfo.InvariantCulture),
                Required(TenantAttribute),
                Optional(CorrelationAttribute) ?? string.Empty,
                Optional("traceparent"),
                Optional("tracestate"),
                data.ValueKind == JsonValueKind.String ? data.GetString()! : data.GetRawText());
        }
        catch (JsonException e)
        {
            throw new FormatException("The event is not JSON: " + e.Message, e);
        }
    }
}
