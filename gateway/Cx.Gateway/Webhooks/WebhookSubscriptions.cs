using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Gateway.Data;
using Cx.Gateway.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;

namespace Cx.Gateway.Webhooks;

/// <summary>
/// The current tenant's webhook subscriptions: what is sent where, and the secret that signs it,
/// shown once when made or rotated and kept encrypted (<see cref="WebhookSecrets"/>).
/// </summary>
internal sealed class WebhookSubscriptions(GatewayDb db, TimeProvider clock, WebhookTargets targets, WebhookAddressResolver resolver, WebhookSettings settings, WebhookSender sender, WebhookSecrets secrets)
{
    public static string[] TypesOf(WebhookSubscriptionRecord subscription) =>
        subscription.EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public async Task<CreatedWebhookSubscription> CreateAsync(CreateWebhookSubscriptionRequest request, string createdBy, CancellationToken cancellationToken)
    {
        await CheckAsync(request.Url, request.EventTypes, request.Description, cancellationToken);
        if (await db.WebhookSubscriptions.CountAsync(cancellationToken) >= settings.MaxSubscriptionsPerTenant)
        {
            throw new PreconditionFailedException("SUBSCRIPTION_LIMIT", "webhook-subscriptions", $"A tenant has at most {settings.MaxSubscriptionsPerTenant} webhook subscriptions: delete one first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var secret = WebhookSignature.NewSecret();
        var record = new WebhookSubscriptionRecord
        {
            SubscriptionId = Guid.CreateVersion7().ToString("N"),
            Url = request.Url,
            EventTypes = JoinTypes(request.EventTypes),
            Description = request.Description,
            Secret = secrets.Protect(secret),
            Enabled = true,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            CreatedBy = createdBy,
        };
        db.WebhookSubscriptions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedWebhookSubscription { Subscription = ToContract(record), Secret = secret };
    }

    public async Task<WebhookSubscriptionRecord> FindAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        Validator.RequireId(subscriptionId, "subscription_id");
        return await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.SubscriptionId == subscriptionId, cancellationToken)
            ?? throw new NotFoundException("webhook subscription", subscriptionId);
    }

    /// <summary>Newest first: ids are time-ordered, so descending id is a stable key to page on.</summary>
    public async Task<ListWebhookSubscriptionsResponse> ListAsync(ListWebhookSubscriptionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var query = db.WebhookSubscriptions.AsNoTracking();
        if (page.AfterKey is { } after)
        {
            query = query.Where(s => string.Compare(s.SubscriptionId, after) < 0);
        }

        var window = await query.OrderByDescending(s => s.SubscriptionId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new ListWebhookSubscriptionsResponse { Subscriptions = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].SubscriptionId);
        }

        return response;
    }

    public async Task<WebhookSubscription> UpdateAsync(UpdateWebhookSubscriptionRequest request, CancellationToken cancellationToken)
    {
        await CheckAsync(request.Url, request.EventTypes, request.Description, cancellationToken);
        var record = await FindAsync(request.SubscriptionId, cancellationToken);
        record.Url = request.Url;
        record.EventTypes = JoinTypes(request.EventTypes);
        record.Description = request.Description;
        record.Enabled = request.Enabled;
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    public async Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var record = await FindAsync(subscriptionId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deliveries = db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId).Select(d => d.DeliveryId);
        await db.WebhookAttempts.Where(a => deliveries.Contains(a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId).ExecuteDeleteAsync(cancellationToken);
        db.WebhookSubscriptions.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<CreatedWebhookSubscription> RotateSecretAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var record = await FindAsync(subscriptionId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        // The old secret keeps signing beside the new one for a while, so receivers can switch without
        // losing a delivery. Protect leaves an encrypted one as it is and encrypts an earlier version's.
        var secret = WebhookSignature.NewSecret();
        record.PreviousSecret = secrets.Protect(record.Secret);
        record.PreviousSecretUntilUtc = now + WebhookSignature.RotationOverlap;
        record.Secret = secrets.Protect(secret);
        record.UpdatedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedWebhookSubscription { Subscription = ToContract(record), Secret = secret };
    }

    /// <summary>Queues the example of an event type to a subscription, as a delivery marked as a test.</summary>
    public async Task<WebhookDeliveryRecord> SendTestAsync(SendTestWebhookRequest request, CancellationToken cancellationToken)
    {
        var record = await FindAsync(request.SubscriptionId, cancellationToken);
        var type = request.EventType.Length > 0 ? request.EventType : TypesOf(record).FirstOrDefault() ?? string.Empty;
        var eventType = WebhookEventTypes.Find(type);
        new Validator()
            .Require(eventType is not null, "event_type", $"'{type}' is not an event type: see ListWebhookEventTypes.")
            .ThrowIfInvalid();
        if (!record.Enabled)
        {
            throw new PreconditionFailedException("SUBSCRIPTION_DISABLED", "webhook-subscription/" + record.SubscriptionId, $"The webhook subscription {record.SubscriptionId} is disabled: enable it to send a test event.");
        }

        var now = clock.GetUtcNow();
        var messageId = "test_" + Guid.CreateVersion7().ToString("N");
        var delivery = WebhookDeliveries.New(record, messageId, eventType!.Type, WebhookEventTypes.Body(eventType.Type, now, eventType.ExampleData), test: true, now.UtcDateTime);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        sender.Wake();
        return delivery;
    }

    private async Task CheckAsync(string url, Google.Protobuf.Collections.RepeatedField<string> eventTypes, string description, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var refusal = targets.Refusal(url) ?? await targets.ResolvedRefusalAsync(url, resolver, cancellationToken);
        validator.Require(refusal is null, "url", refusal ?? string.Empty);
        validator.Require(eventTypes.Count is > 0 and <= 50, "event_types", "Between 1 and 50 event types, from ListWebhookEventTypes.");
        for (var i = 0; i < eventTypes.Count; i++)
        {
            validator.Require(WebhookEventTypes.Find(eventTypes[i]) is not null, $"event_types[{i}]", $"'{eventTypes[i]}' is not an event type: see ListWebhookEventTypes.");
        }

        validator.Require(description.Length <= 200, "description", "At most 200 characters.");
        validator.ThrowIfInvalid();
    }

    private static string JoinTypes(IEnumerable<string> types) => string.Join(' ', types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    internal static WebhookSubscription ToContract(WebhookSubscriptionRecord record) => new()
    {
        SubscriptionId = record.SubscriptionId,
        Tenant = record.TenantId,
        Url = record.Url,
        EventTypes = { TypesOf(record) },
        Description = record.Description,
        Enabled = record.Enabled,
        CreatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(record.CreatedAtUtc, DateTimeKind.Utc)),
        UpdatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(record.UpdatedAtUtc, DateTimeKind.Utc)),
        CreatedBy = record.CreatedBy,
    };
}
