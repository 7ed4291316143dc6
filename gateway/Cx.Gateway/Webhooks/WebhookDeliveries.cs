using System.Diagnostics;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Gateway.Data;
using Cx.Gateway.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace Cx.Gateway.Webhooks;

/// <summary>The current tenant's deliveries: their status and attempts, and redelivery by hand.</summary>
internal sealed class WebhookDeliveries(GatewayDb db, TimeProvider clock, WebhookSender sender)
{
    public static WebhookDeliveryRecord New(WebhookSubscriptionRecord subscription, string messageId, string eventType, string body, bool test, DateTime nowUtc) => new()
    {
        TenantId = subscription.TenantId,
        DeliveryId = Guid.CreateVersion7().ToString("N"),
        SubscriptionId = subscription.SubscriptionId,
        MessageId = messageId,
        EventType = eventType,
        Body = body,
        Test = test,
        State = WebhookDeliveryState.Pending,
        Url = subscription.Url,
        CreatedAtUtc = nowUtc,
        NextAttemptAtUtc = nowUtc,
        TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id ?? string.Empty : string.Empty,
    };

    /// <summary>Newest first: ids are time-ordered, so descending id is a stable key to page on.</summary>
    public async Task<ListWebhookDeliveriesResponse> ListAsync(ListWebhookDeliveriesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        var state = ToState(request.Status);
        validator.Require(request.Status == WebhookDeliveryStatus.Unspecified || state is not null, "status", "PENDING, SUCCEEDED or FAILED, or unset for all.");
        validator.ThrowIfInvalid();
        var query = db.WebhookDeliveries.AsNoTracking();
        if (request.SubscriptionId.Length > 0)
        {
            query = query.Where(d => d.SubscriptionId == request.SubscriptionId);
        }

        if (state is { } wanted)
        {
            query = query.Where(d => d.State == wanted);
        }

        if (page.AfterKey is { } after)
        {
            query = query.Where(d => string.Compare(d.DeliveryId, after) < 0);
        }

        var window = await query.OrderByDescending(d => d.DeliveryId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new ListWebhookDeliveriesResponse { Deliveries = { window.Take(page.Size).Select(d => ToContract(d, [], withBody: false)) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].DeliveryId);
        }

        return response;
    }

    public async Task<WebhookDelivery> GetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await FindAsync(deliveryId, cancellationToken);
        return await WithAttemptsAsync(delivery, cancellationToken);
    }

    /// <summary>Due now, with a fresh retry schedule; a delivery being sent at this moment is left to finish.</summary>
    public async Task<WebhookDelivery> RedeliverAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await FindAsync(deliveryId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (delivery.LeasedUntilUtc > now)
        {
            throw new PreconditionFailedException("DELIVERY_IN_FLIGHT", "webhook-delivery/" + deliveryId, $"The delivery {deliveryId} is being sent right now: look again when the attempt is done.");
        }

        delivery.State = WebhookDeliveryState.Pending;
        delivery.FailuresInRow = 0;
        delivery.NextAttemptAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        sender.Wake();
        return await WithAttemptsAsync(delivery, cancellationToken);
    }

    public async Task<WebhookDelivery> WithAttemptsAsync(WebhookDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var attempts = await db.WebhookAttempts.AsNoTracking()
            .Where(a => a.DeliveryId == delivery.DeliveryId)
            .OrderBy(a => a.Number)
            .ToListAsync(cancellationToken);
        return ToContract(delivery, attempts, withBody: true);
    }

    private async Task<WebhookDeliveryRecord> FindAsync(string deliveryId, CancellationToken cancellationToken)
    {
        Validator.RequireId(deliveryId, "delivery_id");
        return await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.DeliveryId == deliveryId, cancellationToken)
            ?? throw new NotFoundException("webhook delivery", deliveryId);
    }

    private static WebhookDeliveryState? ToState(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => WebhookDeliveryState.Pending,
        WebhookDeliveryStatus.Succeeded => WebhookDeliveryState.Succeeded,
        WebhookDeliveryStatus.Failed => WebhookDeliveryState.Failed,
        _ => null,
    };

    private static WebhookDelivery ToContract(WebhookDeliveryRecord record, IEnumerable<WebhookAttemptRecord> attempts, bool withBody)
    {
        var delivery = new WebhookDelivery
        {
            DeliveryId = record.DeliveryId,
            SubscriptionId = record.SubscriptionId,
            MessageId = record.MessageId,
            EventType = record.EventType,
            Status = record.State switch
            {
                WebhookDeliveryState.Pending => WebhookDeliveryStatus.Pending,
                WebhookDeliveryState.Succeeded => WebhookDeliveryStatus.Succeeded,
                _ => WebhookDeliveryStatus.Failed,
            },
            Url = record.Url,
            Body = withBody ? record.Body : string.Empty,
            Test = record.Test,
            AttemptCount = record.AttemptCount,
            CreatedAt = Utc(record.CreatedAtUtc),
            LastStatusCode = record.LastStatusCode,
            LastError = record.LastError,
            Attempts =
            {
                attempts.Select(a => new WebhookAttempt
                {
                    Number = a.Number,
                    AttemptedAt = Utc(a.AttemptedAtUtc),
                    StatusCode = a.StatusCode,
                    Error = a.Error,
                    DurationMs = a.DurationMs,
                    ResponseExcerpt = a.ResponseExcerpt,
                }),
            },
        };
        if (record.State == WebhookDeliveryState.Pending && record.NextAttemptAtUtc is { } next)
        {
            delivery.NextAttemptAt = Utc(next);
        }

        return delivery;
    }

    private static Timestamp Utc(DateTime value) => Timestamp.FromDateTime(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
