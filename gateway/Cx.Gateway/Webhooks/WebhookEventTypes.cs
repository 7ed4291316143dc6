using System.Text.Json.Nodes;
using Cx.Eventing.Envelope;
using Cx.Events.V1;
using Cx.Gateway.OpenApi;
using Cx.Gateway.Routing;
using Google.Protobuf.Reflection;

namespace Cx.Gateway.Webhooks;

/// <summary>One event type a webhook can carry, documented from the contract.</summary>
internal sealed record WebhookEventType(string Type, MessageDescriptor Message, string Description, string ExampleData);

/// <summary>
/// The event types webhooks carry: every message of the contract that declares
/// <c>(cx.events.v1.event_type)</c>, with its comment and example. A new event in the contract is
/// subscribable and documented without a line here.
/// </summary>
internal static class WebhookEventTypes
{
    public static IReadOnlyList<WebhookEventType> All { get; } = Find();

    private static readonly Dictionary<string, WebhookEventType> ByType = All.ToDictionary(e => e.Type, StringComparer.Ordinal);

    /// <summary>The time examples are shown at: fixed, so the documented examples do not change from call to call.</summary>
    public static readonly DateTimeOffset ExampleTime = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    public static WebhookEventType? Find(string type) => ByType.GetValueOrDefault(type);

    /// <summary>
    /// The body receivers get (the shape Standard Webhooks recommends): the event type, when it
    /// happened, and the event message as proto3 JSON.
    /// </summary>
    public static string Body(string type, DateTimeOffset occurredAt, string dataJson) =>
        new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = occurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = JsonNode.Parse(dataJson),
        }.ToJsonString();

    private static WebhookEventType[] Find() =>
        ContractRoutes.AllFiles
            .SelectMany(f => f.MessageTypes)
            .Where(m => !string.IsNullOrEmpty(m.GetOptions()?.GetExtension(EventOptionsExtensions.EventType)))
            .Select(m => new WebhookEventType(EventTypes.Of(m), m, ProtoComments.Of(m) ?? string.Empty, EventTypes.ExampleOf(m)))
            .OrderBy(e => e.Type, StringComparer.Ordinal)
            .ToArray();
}
