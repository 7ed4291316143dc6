using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cx.Gateway.Tests;

/// <summary>What a receiver got: the three signature headers, the raw body and the trace context.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string ContentType, string Body, string TraceParent);

/// <summary>
/// A webhook receiver on a real port: it keeps every POST it gets, per path, and answers each path
/// with the status the test sets (200 unless told otherwise).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedWebhook>> _received = new();
    private readonly ConcurrentDictionary<string, int> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", async (HttpContext context, string name) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            receiver._received.GetOrAdd(name, _ => new()).Enqueue(new ReceivedWebhook(
                name, headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), context.Request.ContentType ?? string.Empty, body, headers["traceparent"].ToString()));
            var status = receiver._answers.GetValueOrDefault(name, StatusCodes.Status200OK);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status == 200 ? "thanks" : "receiver is down");
        });
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return receiver;
    }

    /// <summary>A fresh path of this receiver, answering <paramref name="status"/>.</summary>
    public string NewUrl(out string name, int status = 200)
    {
        name = Guid.NewGuid().ToString("N")[..10];
        _answers[name] = status;
        return new Uri(BaseUrl, "/hooks/" + name).ToString();
    }

    public void Answer(string name, int status) => _answers[name] = status;

    public IReadOnlyList<ReceivedWebhook> Received(string name) =>
        _received.TryGetValue(name, out var queue) ? queue.ToArray() : [];

    /// <summary>Waits until <paramref name="name"/> got at least <paramref name="count"/> deliveries.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string name, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (Received(name).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} got {Received(name).Count} of {count} webhooks.");
            }

            await Task.Delay(20);
        }

        return Received(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
