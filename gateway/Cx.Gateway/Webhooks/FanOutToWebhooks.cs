using Cx.Eventing.Subscribing;
using Cx.Gateway.Data;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace Cx.Gateway.Webhooks;

/// <summary>
/// Turns each event into one pending delivery per enabled subscription of the event's tenant that
/// names its type. It runs in the event's delivery transaction, with the inbox entry, so an event
/// delivered twice makes its deliveries once; the sender then takes them from the table.
/// </summary>
internal sealed class FanOutToWebhooks(GatewayDb db, TimeProvider clock) : IHandleAnyEvent
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    private List<WebhookSubscriptionRecord>? _enabled;

    public async Task HandleAsync(IMessage message, EventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);

        // A tenant has few subscriptions: read them all and match the type here. A delivery scope holds
        // one tenant's run of events, so they are read once per run, not once per event.
        _enabled ??= await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);
        var matching = _enabled.Where(s => WebhookSubscriptions.TypesOf(s).Contains(context.Type, StringComparer.Ordinal)).ToList();
        if (matching.Count == 0)
        {
            return;
        }

        var body = WebhookEventTypes.Body(context.Type, context.OccurredAt, Json.Format(message));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var subscription in matching)
        {
            db.WebhookDeliveries.Add(WebhookDeliveries.New(subscription, context.EventId, context.Type, body, test: false, now));
        }
    }
}
