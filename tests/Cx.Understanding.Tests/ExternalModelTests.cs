using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Understanding.Feedback;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

/// <summary>An external sentiment model on a real port: it keeps each request, and answers as the test says.</summary>
public sealed class ExternalModelServer : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<(string Authorization, string Body)> Requests { get; } = new();

    /// <summary>How it answers a request body; by default, every text 0.25 and positive, on its first three characters.</summary>
    public Func<HttpContext, string, Task> Answer { get; set; } = Positive;

    public static Task Positive(HttpContext context, string body)
    {
        using var request = System.Text.Json.JsonDocument.Parse(body);
        var ids = request.RootElement.GetProperty("texts").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        return context.Response.WriteAsJsonAsync(new { results = ids.Select(id => new { id, sentiment = 0.25, label = "positive", spans = new[] { new { start = 0, length = 3 } } }) });
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/sentiment", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue((context.Request.Headers.Authorization.ToString(), body));
            await Answer(context, body);
        });
        await _app.StartAsync();
        Endpoint = new Uri(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()), "/v1/sentiment");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The understanding service with an external sentiment model configured, answering within 2 s or not at all.</summary>
public sealed class ExternalModelUnderstandingHost : UnderstandingHost
{
    public ExternalModelServer Model { get; } = new();

    public override async Task InitializeAsync()
    {
        await Model.StartAsync();
        Settings[ExternalModelSettings.Section + ":Endpoint"] = Model.Endpoint.ToString();
        Settings[ExternalModelSettings.Section + ":TimeoutMilliseconds"] = "2000";
        Settings[ExternalModelSettings.Section + ":ApiKey"] = "model-key-from-configuration";
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
    }
}

/// <summary>Sentiment from the external model when it answers, the built-in model's when it does not, and which one recorded.</summary>
public sealed class ExternalModelTests(ExternalModelUnderstandingHost host) : IClassFixture<ExternalModelUnderstandingHost>
{
    private const string Late = "The parcel came two days late and nobody told me why.";
    private const string Chinese = "包裹晚到了三天，也没有人告诉我原因。";

    private async Task<List<FeedbackItem>> EnrichAsync(string tenant, params string[] texts)
    {
        var outcome = await host.DeliverAsync(tenant, "e-1", new ResponseRecorded
        {
            ResponseId = "r-1",
            Context = new ResponseContext { CustomerId = "ann", JourneyId = "online-purchase", JourneyStepId = "delivery", OccurredAt = Timestamp.FromDateTime(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc)) },
            Comments = { texts.Select(t => new Comment { Text = t }) },
        });
        Assert.Equal(DeliveryVerdict.Success, outcome.Verdict);
        return (await host.Client.ListFeedbackAsync(new ListFeedbackRequest(), As(tenant))).Feedback.OrderBy(f => f.FeedbackId, StringComparer.Ordinal).ToList();
    }

    private static async Task<List<(string Reason, long Count)>> FallbacksAsync(Func<Task> act)
    {
        var seen = new List<(string, long)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ExternalSentimentModel.MeterName && instrument.Name == "cx.understanding.enrichment.external_fallbacks")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (seen)
            {
                seen.Add(((string)tags.ToArray().Single(t => t.Key == "reason").Value!, value));
            }
        });
        listener.Start();
        await act();
        return seen;
    }

    [Fact]
    public async Task WhenTheModelAnswers_ItsSentimentIsKept_WithTheModelNamed_AndTheRequestIsTheDocumentedOne()
    {
        host.Model.Answer = ExternalModelServer.Positive;
        host.Model.Requests.Clear();
        var tenant = NewTenant();

        var feedback = await EnrichAsync(tenant, Late, Chinese);

        Assert.Equal(
            [("r-1:0", 0.25, SentimentLabel.Positive, "external"), ("r-1:1", 0.25, SentimentLabel.Positive, "external")],
            feedback.Select(f => (f.FeedbackId, f.Sentiment, f.Label, f.Model)));
        var (authorization, body) = Assert.Single(host.Model.Requests);
        Assert.Equal("Bearer model-key-from-configuration", authorization);
        Assert.Equal("{\"texts\":[{\"id\":\"0\",\"text\":\"" + Late + "\",\"language\":\"en\"},{\"id\":\"1\",\"text\":\"" + Chinese + "\",\"language\":\"zh\"}]}", System.Text.RegularExpressions.Regex.Unescape(body));
        var drivers = await host.ReadAsync(tenant, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Feedback, f => f.FeedbackId == "r-1:0"));
        Assert.Equal("[{\"Text\":\"The\",\"Start\":0,\"Length\":3,\"Contribution\":0,\"Negated\":false,\"Intensity\":1}]", drivers.DriversJson);
    }

    [Fact]
    public async Task WhenTheModelIsTooSlow_TheBuiltInModelAnswers_AndTheFallbackIsCounted()
    {
        host.Model.Answer = async (context, body) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(6), context.RequestAborted);
            await ExternalModelServer.Positive(context, body);
        };
        var tenant = NewTenant();
        List<FeedbackItem> feedback = [];

        var fallbacks = await FallbacksAsync(async () => feedback = await EnrichAsync(tenant, Late));

        var item = Assert.Single(feedback);
        Assert.Equal(("builtin-1", SentimentLabel.Negative), (item.Model, item.Label));
        Assert.True(item.Sentiment < 0);
        Assert.Contains(("timeout", 1L), fallbacks);
    }

    [Fact]
    public async Task AMalformedAnswer_OrAnError_LeavesTheBuiltInSentiment_TextByText()
    {
        var tenant = NewTenant();
        host.Model.Answer = (context, _) => context.Response.WriteAsJsonAsync(new { results = new object[] { new { id = "0", sentiment = 3.5, label = "positive" }, new { id = "1", sentiment = -0.5, label = "negative" } } });
        List<FeedbackItem> partial = [];
        var partialFallbacks = await FallbacksAsync(async () => partial = await EnrichAsync(tenant, "Great service, thank you!", Late));

        var notJson = NewTenant();
        host.Model.Answer = (context, _) => context.Response.WriteAsync("<html>model is down</html>");
        var fromHtml = await EnrichAsync(notJson, Late);

        var failing = NewTenant();
        host.Model.Answer = (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        };
        var from503 = await EnrichAsync(failing, Late);

        Assert.Equal([("builtin-1", SentimentLabel.Positive), ("external", SentimentLabel.Negative)], partial.Select(f => (f.Model, f.Label)));
        Assert.Equal(-0.5, partial[1].Sentiment);
        Assert.Contains(("malformed", 1L), partialFallbacks);
        Assert.Equal(("builtin-1", SentimentLabel.Negative), (Assert.Single(fromHtml).Model, fromHtml[0].Label));
        Assert.Equal(("builtin-1", SentimentLabel.Negative), (Assert.Single(from503).Model, from503[0].Label));
    }
}
