using System.Text.Json;
using System.Text.Json.Nodes;
using Cx.Eventing.Envelope;
using Cx.Eventing.Subscribing;
using Cx.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Eventing.Dapr;

/// <summary>
/// The routes the Dapr sidecar calls on the app port (<see cref="DaprAppPort"/>): the subscription
/// document, and one delivery route per subscription. Each answers only there, and only with the
/// app API token. Every delivery is answered as the sidecar contract
/// says: SUCCESS, RETRY or DROP in a 200, never a 404 for "not mine" or a 400 for a bad payload.
/// </summary>
public static class DaprSubscriptionRoutes
{
    public const string DeliveryPrefix = "/cx/events/";

    public const string SubscribePath = "/dapr/subscribe";

    /// <summary>The body of GET /dapr/subscribe for these subscriptions.</summary>
    public static JsonArray SubscribeDocument(EventSubscriptions subscriptions, DaprEventingOptions options)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(options);
        return new JsonArray(subscriptions.All.Select(s => (JsonNode)new JsonObject
        {
            ["pubsubname"] = options.PubSubName,
            ["topic"] = s.EventType,

            // Only a default route: an event matching no rule would be acked and lost.
            ["routes"] = new JsonObject { ["default"] = DeliveryPrefix + s.Name },
            ["deadLetterTopic"] = options.DeadLetterTopic,
        }).ToArray());
    }

    internal static void Map<TContext>(IEndpointRouteBuilder endpoints)
        where TContext : ServiceDbContext
    {
        // Checked on the endpoint itself as well as in the port's guard: whatever path reaches it.
        var sidecar = endpoints.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<DaprAppPort>().Refusal(context.HttpContext) ?? await next(context));
        sidecar.MapGet(SubscribePath, (EventSubscriptions subscriptions, DaprEventingOptions options) =>
            Results.Content(SubscribeDocument(subscriptions, options).ToJsonString(), "application/json"));
        sidecar.MapPost(DeliveryPrefix + "{subscription}", DeliverAsync<TContext>);
    }

    private static async Task<IResult> DeliverAsync<TContext>(
        string subscription, HttpRequest request, EventSubscriptions subscriptions, EventDispatcher<TContext> dispatcher, CancellationToken cancellationToken)
        where TContext : ServiceDbContext
    {
        var target = subscriptions.All.FirstOrDefault(s => s.Name == subscription);
        if (target is null)
        {
            return Answer(DeliveryOutcome.Drop($"no subscription named {subscription}"));
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        EventEnvelope envelope;
        try
        {
            envelope = EventEnvelope.FromJson(body);
        }
        catch (FormatException e)
        {
            return Answer(DeliveryOutcome.Drop("Unparseable envelope: " + e.Message));
        }

        // Dapr counts and spaces the attempts (Resiliency policy); each arrives here as a first try.
        return Answer(await dispatcher.DispatchAsync(target, envelope, 1, cancellationToken));
    }

    private static IResult Answer(DeliveryOutcome outcome) => Results.Json(new
    {
        status = outcome.Verdict switch
        {
            DeliveryVerdict.Success => "SUCCESS",
            DeliveryVerdict.Retry => "RETRY",
            _ => "DROP",
        },
        reason = outcome.Reason,
    });
}
