using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cx.Eventing.Tests.Support;

/// <summary>A publish the sidecar received, and what it answered.</summary>
public sealed record PublishCall(string PubSub, string Topic, string Query, string? ContentType, string Body, string? TraceParent, int Status);

/// <summary>What the sidecar did with one delivery to the app.</summary>
public enum DeliveryResult
{
    Acked,
    Retried,
    DeadLettered,
}

/// <summary>
/// Plays the Dapr sidecar exactly as the contract page describes it (daprd cannot run here): the
/// publish API over HTTP with its status codes and error codes, and delivery to the app through
/// GET /dapr/subscribe and POSTs to the routes, reading each answer as Dapr 1.17 does.
/// </summary>
public sealed class FakeDaprSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Topic, string Envelope)> _accepted = new();
    private int _failuresLeft;

    private FakeDaprSidecar(WebApplication app) => _app = app;

    /// <summary>The sidecar's APP_API_TOKEN: sent as dapr-api-token on every call to the app.</summary>
    public string? AppApiToken { get; set; }

    /// <summary>The one pub/sub component the sidecar knows.</summary>
    public string PubSubName { get; set; } = "cx-pubsub";

    /// <summary>Topics this app may not publish to (Dapr's topic scoping).</summary>
    public ConcurrentDictionary<string, bool> ForbiddenTopics { get; } = new();

    public ConcurrentQueue<PublishCall> Publishes { get; } = new();

    public ConcurrentQueue<(string Topic, string Envelope)> DeadLetters { get; } = new();

    public Uri Url { get; private set; } = null!;

    /// <summary>Whether the sidecar reaches its components (GET /v1.0/healthz/outbound).</summary>
    public bool OutboundReady { get; set; } = true;

    public int FailNextPublishes
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    public IReadOnlyList<(string Topic, string Envelope)> Accepted => _accepted.ToArray();

    /// <summary>
    /// The broker behind the sidecar lost what it held (Redis restarted without its data): the
    /// publishes were answered 204 and nothing in Dapr's API tells the app they are gone.
    /// </summary>
    public void BrokerLosesEverything() => _accepted.Clear();

    public static async Task<FakeDaprSidecar> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sidecar = new FakeDaprSidecar(app);
        app.MapPost("/v1.0/publish/{pubsub}/{**topic}", sidecar.PublishAsync);
        app.MapGet("/v1.0/healthz/outbound", () => sidecar.OutboundReady ? Results.NoContent() : Results.StatusCode(500));
        await app.StartAsync();
        sidecar.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return sidecar;
    }

    /// <summary>
    /// Delivers every accepted event to the app's subscriptions, as the sidecar would, retrying
    /// what the answers say to retry (at most <paramref name="maxRetries"/> times, the Resiliency
    /// policy) and dead-lettering the rest.
    /// </summary>
    /// <remarks>
    /// A dead letter is published to the subscription's deadLetterTopic, as Dapr does: a later call
    /// delivers it to whoever subscribes to that topic. <paramref name="topic"/> limits the call to one topic.
    /// </remarks>
    public async Task<List<(string Route, DeliveryResult Result, string Answer)>> DeliverAsync(Uri app, int maxRetries = 3, string? topic = null)
    {
        using var http = new HttpClient { BaseAddress = app };
        if (AppApiToken is not null)
        {
            http.DefaultRequestHeaders.Add("dapr-api-token", AppApiToken);
        }

        var subscriptions = JsonNode.Parse(await http.GetStringAsync(new Uri("/dapr/subscribe", UriKind.Relative)))!.AsArray();
        var results = new List<(string, DeliveryResult, string)>();
        foreach (var (accepted, envelope) in _accepted.Where(a => topic is null || a.Topic == topic))
        {
            foreach (var subscription in subscriptions.Where(s => (string?)s!["topic"] == accepted))
            {
                var route = (string)subscription!["routes"]!["default"]!;
                for (var attempt = 0; ; attempt++)
                {
                    var (result, answer) = await DeliverOnceAsync(http, route, accepted, envelope);
                    if (result == DeliveryResult.Retried && attempt < maxRetries)
                    {
                        continue;
                    }

                    if (result != DeliveryResult.Acked)
                    {
                        var deadLetterTopic = (string?)subscription["deadLetterTopic"];
                        DeadLetters.Enqueue((deadLetterTopic ?? "(none)", envelope));
                        if (deadLetterTopic is not null)
                        {
                            _accepted.Enqueue((deadLetterTopic, envelope));
                        }

                        result = DeliveryResult.DeadLettered;
                    }

                    results.Add((route, result, answer));
                    break;
                }
            }
        }

        return results;
    }

    /// <summary>Posts one raw body to a route and reads the answer as Dapr does.</summary>
    public static async Task<(DeliveryResult Result, string Answer)> PostAsync(Uri app, string route, string body, string? apiToken = null)
    {
        using var http = new HttpClient { BaseAddress = app };
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json") };
        if (apiToken is not null)
        {
            request.Headers.Add("dapr-api-token", apiToken);
        }

        using var response = await http.SendAsync(request);
        return (Interpret(response.StatusCode, await response.Content.ReadAsStringAsync()), $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The contract's table: what Dapr does with each answer of the app.</summary>
    public static DeliveryResult Interpret(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            string? verdict;
            try
            {
                verdict = JsonNode.Parse(body)?["status"]?.GetValue<string>();
            }
            catch (JsonException)
            {
                return DeliveryResult.Acked;
            }

            return verdict switch
            {
                null or "SUCCESS" => DeliveryResult.Acked,
                "DROP" => DeliveryResult.DeadLettered,
                _ => DeliveryResult.Retried,
            };
        }

        if (code == 404)
        {
            return DeliveryResult.DeadLettered;
        }

        // The chart's Resiliency policy retries "429,500-599"; any other error is permanent.
        return code is 429 or (>= 500 and < 600) ? DeliveryResult.Retried : DeliveryResult.DeadLettered;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<(DeliveryResult, string)> DeliverOnceAsync(HttpClient http, string route, string topic, string envelope)
    {
        // Dapr adds its own attributes to the envelope it received.
        var delivered = JsonNode.Parse(envelope)!.AsObject();
        delivered["topic"] = topic;
        delivered["pubsubname"] = "cx-pubsub";
        delivered["traceid"] = (string?)delivered["traceparent"];
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent(delivered.ToJsonString(), Encoding.UTF8, "application/cloudevents+json") };
        if ((string?)delivered["traceparent"] is { } traceParent)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (Interpret(response.StatusCode, body), $"{(int)response.StatusCode} {body}");
    }

    private static string WithTraceContextOf(HttpRequest request, string body)
    {
        if (JsonNode.Parse(body) is not JsonObject cloudEvent)
        {
            return body;
        }

        cloudEvent.Remove("traceparent");
        cloudEvent.Remove("tracestate");
        if (request.Headers["traceparent"].FirstOrDefault() is { Length: > 0 } traceParent)
        {
            cloudEvent["traceparent"] = traceParent;
        }

        if (request.Headers["tracestate"].FirstOrDefault() is { Length: > 0 } traceState)
        {
            cloudEvent["tracestate"] = traceState;
        }

        return cloudEvent.ToJsonString();
    }

    private async Task<IResult> PublishAsync(string pubsub, string topic, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        topic = Uri.UnescapeDataString(topic);
        IResult answer;
        int status;
        if (pubsub != PubSubName)
        {
            (answer, status) = (Results.Json(new { errorCode = "ERR_PUBSUB_NOT_FOUND", message = $"pubsub {pubsub} not found" }, statusCode: 404), 404);
        }
        else if (ForbiddenTopics.ContainsKey(topic))
        {
            (answer, status) = (Results.Json(new { errorCode = "ERR_PUBSUB_FORBIDDEN", message = $"topic {topic} is not allowed for app id shop" }, statusCode: 403), 403);
        }
        else if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            (answer, status) = (Results.Json(new { errorCode = "ERR_PUBSUB_PUBLISH_MESSAGE", message = "error when publish to topic: broker unavailable" }, statusCode: 500), 500);
        }
        else
        {
            // With application/cloudevents+json the body is the whole envelope, kept as sent, except
            // its trace context: Dapr stamps the publish request's own onto the event it delivers.
            _accepted.Enqueue((topic, WithTraceContextOf(request, body)));
            (answer, status) = (Results.NoContent(), 204);
        }

        Publishes.Enqueue(new PublishCall(pubsub, topic, request.QueryString.Value ?? string.Empty, request.ContentType, body, request.Headers["traceparent"].FirstOrDefault(), status));
        return answer;
    }
}
