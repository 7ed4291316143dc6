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
/// The routes the Dapr sidecar calls on the service's HTTP/1.1 port: the subscription document,
/// and one delivery route per subscription. Every delivery is answered as the sidecar contract
/// says: SUCCESS, RETRY or DROP in a 200, never a 404 for "not mine" or a 400 for a bad payload.
/// </summary>
public static class DaprSubscriptionRoutes
{
    public const string DeliveryPrefix = "/cx/events/";

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
        endpoints.MapGet("/dapr/subscribe", (EventSubscriptions subscriptions, DaprEventingOptions options) =>
            Results.Content(SubscribeDocument(subscriptions, options).ToJsonString(), "application/json"));
        endpoints.MapPost(DeliveryPrefix + "{subscription}", DeliverAsync<TContext>);
    }

    private static async Task<IResult> DeliverAsync<TContext>(
        string subscription, HttpRequest request, EventSubscriptions subscriptions, DaprEventingOptions options, EventDispatcher<TContext> dispatcher, CancellationToken cancellationToken)
        where TContext : ServiceDbContext
    {
        if (options.AppApiToken is not null && request.Headers["dapr-api-token"] != options.AppApiToken)
        {
            return Results.Unauthorized();
        }

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
