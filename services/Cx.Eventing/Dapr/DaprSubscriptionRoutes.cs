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

    /// <summary>Where the service's own dead letters arrive (no subscription name has no dot).</summary>
    public const string DeadLetterRoute = DeliveryPrefix + "dead-letters";

    /// <summary>The body of GET /dapr/subscribe for these subscriptions.</summary>
    public static JsonArray SubscribeDocument(EventSubscriptions subscriptions, DaprEventingOptions options)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(options);
        var deadLetters = options.DeadLetterTopicOf(subscriptions.ServiceName);
        var document = new JsonArray(subscriptions.All.Select(s => (JsonNode)new JsonObject
        {
            ["pubsubname"] = options.PubSubName,
            ["topic"] = s.EventType,

            // Only a default route: an event matching no rule would be acked and lost.
            ["routes"] = new JsonObject { ["default"] = DeliveryPrefix + s.Name },
            ["deadLetterTopic"] = deadLetters,
        }).ToArray());
        if (subscriptions.All.Count > 0)
        {
            // The service reads its own dead letters back, to keep them where they can be listed and
            // replayed. No dead-letter topic of its own: a dead letter is never dead-lettered again.
            document.Add(new JsonObject
            {
                ["pubsubname"] = options.PubSubName,
                ["topic"] = deadLetters,
                ["routes"] = new JsonObject { ["default"] = DeadLetterRoute },
            });
        }

        return document;
    }

    internal static void Map<TContext>(IEndpointRouteBuilder endpoints)
        where TContext : ServiceDbContext
    {
        // Checked on the endpoint itself as well as in the port's guard: whatever path reaches it.
        var sidecar = endpoints.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<DaprAppPort>().Refusal(context.HttpContext) ?? await next(context));
        sidecar.MapGet(SubscribePath, (EventSubscriptions subscriptions, DaprEventingOptions options) =>
            Results.Content(SubscribeDocument(subscriptions, options).ToJsonString(), "application/json"));
        sidecar.MapPost(DeadLetterRoute, KeepDeadLetterAsync<TContext>);
        sidecar.MapPost(DeliveryPrefix + "{subscription}", DeliverAsync<TContext>);
    }

    private static async Task<IResult> KeepDeadLetterAsync<TContext>(HttpRequest request, DaprDeadLetters<TContext> deadLetters, CancellationToken cancellationToken)
        where TContext : ServiceDbContext
    {
        using var reader = new StreamReader(request.Body);
        EventEnvelope envelope;
        try
        {
            envelope = EventEnvelope.FromJson(await reader.ReadToEndAsync(cancellationToken));
        }
        catch (FormatException e)
        {
            // Nothing a replay could deliver: the dead-letter topic has no dead letters of its own.
            return Answer(DeliveryOutcome.Drop("Unparseable envelope: " + e.Message));
        }

        try
        {
            return Answer(await deadLetters.RecordAsync(envelope, cancellationToken));
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return Answer(DeliveryOutcome.Retry("The dead letter could not be kept: " + e.Message));
        }
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
