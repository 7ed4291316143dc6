using Cx.Gateway.Auth;
using Cx.Gateway.V1;
using Grpc.Core;

namespace Cx.Gateway.Webhooks;

/// <summary>The webhook API, for the caller's own tenant.</summary>
internal sealed class WebhooksApi(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries) : WebhookService.WebhookServiceBase
{
    private static readonly ListWebhookEventTypesResponse EventTypes = new()
    {
        EventTypes =
        {
            WebhookEventTypes.All.Select(e => new V1.WebhookEventType
            {
                Type = e.Type,
                Message = e.Message.FullName,
                Description = e.Description,
                Example = WebhookEventTypes.Body(e.Type, WebhookEventTypes.ExampleTime, e.ExampleData),
            }),
        },
    };

    public override Task<ListWebhookEventTypesResponse> ListWebhookEventTypes(ListWebhookEventTypesRequest request, ServerCallContext context) =>
        Task.FromResult(EventTypes);

    public override Task<CreatedWebhookSubscription> CreateWebhookSubscription(CreateWebhookSubscriptionRequest request, ServerCallContext context) =>
        subscriptions.CreateAsync(request, CallerIdentity.Actor(context.GetHttpContext().User) ?? "anonymous", context.CancellationToken);

    public override async Task<WebhookSubscription> GetWebhookSubscription(GetWebhookSubscriptionRequest request, ServerCallContext context) =>
        WebhookSubscriptions.ToContract(await subscriptions.FindAsync(request.SubscriptionId, context.CancellationToken));

    public override Task<ListWebhookSubscriptionsResponse> ListWebhookSubscriptions(ListWebhookSubscriptionsRequest request, ServerCallContext context) =>
        subscriptions.ListAsync(request, context.CancellationToken);

    public override Task<WebhookSubscription> UpdateWebhookSubscription(UpdateWebhookSubscriptionRequest request, ServerCallContext context) =>
        subscriptions.UpdateAsync(request, context.CancellationToken);

    public override async Task<DeleteWebhookSubscriptionResponse> DeleteWebhookSubscription(DeleteWebhookSubscriptionRequest request, ServerCallContext context)
    {
        await subscriptions.DeleteAsync(request.SubscriptionId, context.CancellationToken);
        return new DeleteWebhookSubscriptionResponse();
    }

    public override Task<CreatedWebhookSubscription> RotateWebhookSecret(RotateWebhookSecretRequest request, ServerCallContext context) =>
        subscriptions.RotateSecretAsync(request.SubscriptionId, context.CancellationToken);

    public override async Task<WebhookDelivery> SendTestWebhook(SendTestWebhookRequest request, ServerCallContext context) =>
        await deliveries.WithAttemptsAsync(await subscriptions.SendTestAsync(request, context.CancellationToken), context.CancellationToken);

    public override Task<ListWebhookDeliveriesResponse> ListWebhookDeliveries(ListWebhookDeliveriesRequest request, ServerCallContext context) =>
        deliveries.ListAsync(request, context.CancellationToken);

    public override Task<WebhookDelivery> GetWebhookDelivery(GetWebhookDeliveryRequest request, ServerCallContext context) =>
        deliveries.GetAsync(request.DeliveryId, context.CancellationToken);

    public override Task<WebhookDelivery> RedeliverWebhook(RedeliverWebhookRequest request, ServerCallContext context) =>
        deliveries.RedeliverAsync(request.DeliveryId, context.CancellationToken);
}
