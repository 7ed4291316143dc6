using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cx.Chaos;

/// <summary>One event as a subscriber saw it: its stable id, its type, and the response it is about.</summary>
public sealed record ReceivedEvent(string Subscriber, string WebhookId, string Type, string ResponseId);

/// <summary>
/// Webhook subscribers on this machine: each is a path of one small HTTP server, answers 200 to
/// everything, and keeps what it got by webhook-id, as a receiver that drops repeats would.
/// Signatures are checked with each subscriber's secret, so a delivery that is not the
/// gateway's (or is mangled) is counted, not believed.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Subscriber, string WebhookId), ReceivedEvent> _events = new();
    private int _deliveries;
    private int _badSignatures;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every POST that arrived, repeats included.</summary>
    public int Deliveries => _deliveries;

    /// <summary>Deliveries whose signature did not verify with the subscriber's secret.</summary>
    public int BadSignatures => _badSignatures;

    /// <summary>What each subscriber got, once per webhook-id.</summary>
    public IReadOnlyCollection<ReceivedEvent> Events => [.. _events.Values];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{subscriber}", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>Where a subscriber of this name is reached.</summary>
    public Uri UrlOf(string subscriber) => new(BaseAddress, "hooks/" + subscriber);

    /// <summary>The secret the gateway signs the subscriber's deliveries with ("whsec_" + base64 of the key).</summary>
    public void Trust(string subscriber, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _secrets[subscriber] = Convert.FromBase64String(secret["whsec_".Length..]);
    }

    private async Task<IResult> ReceiveAsync(string subscriber, HttpRequest request)
    {
        Interlocked.Increment(ref _deliveries);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = request.Headers["webhook-id"].ToString();
        if (!Verifies(subscriber, id, request.Headers["webhook-timestamp"].ToString(), body, request.Headers["webhook-signature"].ToString()))
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.Ok();
        }

        using var json = JsonDocument.Parse(body);
        var type = json.RootElement.GetProperty("type").GetString() ?? string.Empty;
        var responseId = json.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("responseId", out var response) ? response.GetString() ?? string.Empty : string.Empty;
        _events.TryAdd((subscriber, id), new ReceivedEvent(subscriber, id, type, responseId));
        return Results.Ok();
    }

    private bool Verifies(string subscriber, string id, string timestamp, string body, string signatures)
    {
        if (!_secrets.TryGetValue(subscriber, out var key) || id.Length == 0)
        {
            return false;
        }

        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => string.Equals(s, expected, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
