using System.Text.Json.Nodes;
using Cx.Eventing.Dapr;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.Subscribing;
using Cx.Eventing.TestServices.Ledger;
using Cx.Eventing.TestServices.Shop;
using Cx.Eventing.Tests.Support;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Telemetry;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.Events.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Cx.Eventing.Tests;

/// <summary>
/// The Dapr transport against a sidecar double that answers as the contract page says: what the
/// adapter sends when publishing, what it does with each answer, and how it answers deliveries.
/// </summary>
public sealed class DaprContractTests : IAsyncLifetime
{
    private const string Tenant = "acme";
    private const string AppToken = "the-sidecars-app-api-token";
    private readonly string _directory = Directory.CreateTempSubdirectory("cx-dapr-").FullName;
    private readonly List<IHost> _hosts = [];
    private FakeDaprSidecar _sidecar = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await FakeDaprSidecar.StartAsync();
        _sidecar.AppApiToken = AppToken;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await _sidecar.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Publish_Accepted_SendsOurWholeCloudEventWithOurIdAndTraceContext()
    {
        using var tracing = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Cx.Eventing",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(tracing);
        var shop = await StartShopAsync();

        var eventId = await PlaceOrderAsync(shop, 10);

        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the publish");
        var call = Assert.Single(_sidecar.Publishes);
        Assert.Equal(("cx-pubsub", "cx.testing.order_placed.v1", 204), (call.PubSub, call.Topic, call.Status));
        Assert.Equal("application/cloudevents+json; charset=utf-8", call.ContentType);
        Assert.Contains("metadata.cloudevent.id=" + eventId, call.Query, StringComparison.Ordinal);
        Assert.Contains("metadata.cloudevent.type=cx.testing.order_placed.v1", call.Query, StringComparison.Ordinal);
        var envelope = EventEnvelope.FromJson(call.Body);
        Assert.Equal((eventId, Tenant), (envelope.Id, envelope.Tenant));
        Assert.NotNull(call.TraceParent);
        Assert.NotNull(envelope.TraceParent);
        Assert.Equal(TraceIdOf(envelope.TraceParent), TraceIdOf(call.TraceParent));
        await PublishedOutboxAsync(shop);
    }

    [Fact]
    public async Task Trace_WithTheServicesTracing_TheSubscriberContinuesTheCallersTrace_NotTheRelays()
    {
        // The services' own tracing: HTTP client instrumentation rewrites the publish request's
        // traceparent, and the sidecar (as Dapr does) stamps that onto the event it delivers.
        using var tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddCxInstrumentation().AddSource(CallerSource.Name).Build();
        var processed = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var spans = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Cx.Eventing",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => processed.Enqueue(span),
        };
        System.Diagnostics.ActivitySource.AddActivityListener(spans);
        var shop = await StartShopAsync();
        var (_, url) = await StartLedgerAsync();

        System.Diagnostics.ActivityTraceId callersTrace;
        using (var caller = CallerSource.StartActivity("a customer's request"))
        {
            Assert.NotNull(caller);
            callersTrace = caller.TraceId;
            await PlaceOrderAsync(shop, 18);
        }

        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the publish");
        Assert.Equal(DeliveryResult.Acked, Assert.Single(await _sidecar.DeliverAsync(url)).Result);

        var delivered = EventEnvelope.FromJson(Assert.Single(_sidecar.Accepted).Envelope);
        Assert.Equal(callersTrace.ToHexString(), TraceIdOf(delivered.TraceParent!));
        // Other tests of the run process events at the same time: only this trace's spans count.
        var ours = processed.Where(s => s.TraceId == callersTrace).ToList();
        var send = Assert.Single(ours, s => s.OperationName == "send cx.testing.order_placed.v1");
        Assert.Equal(
            (callersTrace, System.Diagnostics.ActivityKind.Producer, "dapr", "send", "shop"),
            (send.TraceId, send.Kind, send.GetTagItem("messaging.system"), send.GetTagItem("messaging.operation.name"), send.GetTagItem("cx.service")));
        var process = Assert.Single(ours, s => s.OperationName == "process cx.testing.order_placed.v1");
        Assert.Equal(
            (callersTrace, System.Diagnostics.ActivityKind.Consumer, "dapr", "process", "ledger"),
            (process.TraceId, process.Kind, process.GetTagItem("messaging.system"), process.GetTagItem("messaging.operation.name"), process.GetTagItem("cx.service")));
    }

    private static readonly System.Diagnostics.ActivitySource CallerSource = new("Cx.Tests.Caller");

    private static string TraceIdOf(string traceParent) => traceParent.Split('-')[1];

    [Fact]
    public async Task Publish_UnknownPubSub_IsNotMarkedPublished_AndSucceedsWithTheSameIdOnceFixed()
    {
        _sidecar.PubSubName = "some-other-pubsub";
        var shop = await StartShopAsync();
        var eventId = await PlaceOrderAsync(shop, 11);

        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Publishes.Count >= 2), "retried publishes");
        Assert.All(_sidecar.Publishes, p => Assert.Equal(404, p.Status));
        var pending = await AssertOutboxAsync(shop, published: false);
        Assert.Contains("ERR_PUBSUB_NOT_FOUND", pending.LastError, StringComparison.Ordinal);

        _sidecar.PubSubName = "cx-pubsub";

        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the publish once the pub/sub exists");
        Assert.All(_sidecar.Publishes, p => Assert.Contains("metadata.cloudevent.id=" + eventId, p.Query, StringComparison.Ordinal));
        await PublishedOutboxAsync(shop);
    }

    [Fact]
    public async Task Publish_BrokerFailure_IsRetriedWithTheSameEventId()
    {
        _sidecar.FailNextPublishes = 2;
        var shop = await StartShopAsync();

        var eventId = await PlaceOrderAsync(shop, 12);

        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the publish after two broker failures");
        Assert.Equal([500, 500, 204], _sidecar.Publishes.Select(p => p.Status).ToArray());
        Assert.All(_sidecar.Publishes, p => Assert.Contains("metadata.cloudevent.id=" + eventId, p.Query, StringComparison.Ordinal));
        var published = await PublishedOutboxAsync(shop);
        Assert.Equal(3, published.PublishAttempts);
    }

    [Fact]
    public async Task Publish_ForbiddenTopic_StaysInTheOutboxWithTheReason()
    {
        _sidecar.ForbiddenTopics["cx.testing.order_placed.v1"] = true;
        var shop = await StartShopAsync();

        await PlaceOrderAsync(shop, 13);

        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Publishes.Any(p => p.Status == 403)), "the refused publish");
        await EventingWorld.WaitForAsync(async () => (await OutboxAsync(shop)).LastError is not null, "the recorded refusal");
        var pending = await AssertOutboxAsync(shop, published: false);
        Assert.Contains("ERR_PUBSUB_FORBIDDEN", pending.LastError, StringComparison.Ordinal);
        Assert.Empty(_sidecar.Accepted);
    }

    [Fact]
    public async Task Readiness_FollowsTheSidecarsOutboundHealth()
    {
        var shop = await StartShopAsync();
        var health = shop.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();

        var ready = await health.CheckHealthAsync();
        _sidecar.OutboundReady = false;
        var notReady = await health.CheckHealthAsync();

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, ready.Entries["dapr-sidecar"].Status);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, notReady.Entries["dapr-sidecar"].Status);
    }

    [Fact]
    public async Task Subscribe_Document_MatchesTheGoldenFile()
    {
        var (_, url) = await StartLedgerAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("dapr-api-token", AppToken);

        var document = JsonNode.Parse(await http.GetStringAsync(new Uri(url, "/dapr/subscribe")))!;

        var golden = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "dapr-subscribe.golden.json")))!;
        Assert.True(JsonNode.DeepEquals(golden, document), $"/dapr/subscribe changed:\n{document.ToJsonString()}");
    }

    [Fact]
    public async Task EndToEnd_ThroughTheSidecar_BookedOnce_RedeliveryAckedWithoutASecondEffect()
    {
        var shop = await StartShopAsync();
        var (ledger, url) = await StartLedgerAsync();
        await PlaceOrderAsync(shop, 14);
        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the publish");

        var first = await _sidecar.DeliverAsync(url);
        var again = await _sidecar.DeliverAsync(url);

        Assert.Equal(DeliveryResult.Acked, Assert.Single(first).Result);
        Assert.Equal(DeliveryResult.Acked, Assert.Single(again).Result);
        Assert.Single(await EntriesAsync(ledger));
    }

    [Fact]
    public async Task BrokerLostEvents_AnOperatorsReplay_PublishesEachAgainWithItsId_TheLedgerBooksEachOnce()
    {
        var shop = await StartShopAsync();
        var (ledger, url) = await StartLedgerAsync();
        await PlaceOrderAsync(shop, 1);
        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the first publish");
        await _sidecar.DeliverAsync(url);
        await PlaceOrderAsync(shop, 2);
        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 2), "the second publish");
        var ids = _sidecar.Publishes.Select(p => p.Query).ToArray();

        _sidecar.BrokerLosesEverything();

        // The sidecar's answers never say so: the relay cannot notice, only an operator can.
        Assert.IsNotAssignableFrom<IDetectsEventLoss>(shop.Services.GetRequiredService<IEventTransport>());
        var republished = await shop.Services.GetRequiredService<IOutboxReplay>().RepublishSinceAsync(DateTimeOffset.MinValue, null, CancellationToken.None);
        Assert.Equal(2, republished);
        Assert.Equal(ids, _sidecar.Publishes.Skip(2).Select(p => p.Query).ToArray());
        var deliveries = await _sidecar.DeliverAsync(url);

        Assert.All(deliveries, d => Assert.Equal(DeliveryResult.Acked, d.Result));
        Assert.Equal(new long[] { 1, 2 }, (await EntriesAsync(ledger)).Select(e => e.AmountCents).Order().ToArray());
    }

    [Fact]
    public async Task Deliver_TransientHandlerFailure_AnswersRetry_ThenSucceeds()
    {
        var shop = await StartShopAsync();
        var (ledger, url) = await StartLedgerAsync();
        ledger.Services.GetRequiredService<FailureSwitch>().TransientFailuresLeft = 2;
        await PlaceOrderAsync(shop, 15);
        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the publish");

        var delivery = Assert.Single(await _sidecar.DeliverAsync(url, maxRetries: 3));

        Assert.Equal(DeliveryResult.Acked, delivery.Result);
        Assert.Single(await EntriesAsync(ledger));
    }

    [Fact]
    public async Task Deliver_PersistentFailure_IsDeadLetteredOnTheDeadLetterTopic()
    {
        var shop = await StartShopAsync();
        var (ledger, url) = await StartLedgerAsync();
        ledger.Services.GetRequiredService<FailureSwitch>().FailForGood = true;
        await PlaceOrderAsync(shop, 16);
        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the publish");

        var delivery = Assert.Single(await _sidecar.DeliverAsync(url, maxRetries: 2));

        Assert.Equal(DeliveryResult.DeadLettered, delivery.Result);
        Assert.Contains("RETRY", delivery.Answer, StringComparison.Ordinal);
        Assert.Equal("cx.dead-letters.ledger", Assert.Single(_sidecar.DeadLetters).Topic);
        Assert.Empty(await EntriesAsync(ledger));
    }

    [Fact]
    public async Task DeadLetter_ThroughTheSidecar_IsKept_Listed_AndReplayedOnceAfterTheFix()
    {
        var shop = await StartShopAsync();
        var (ledger, url) = await StartLedgerAsync();
        var failures = ledger.Services.GetRequiredService<FailureSwitch>();
        failures.FailForGood = true;
        var eventId = await PlaceOrderAsync(shop, 17);
        await EventingWorld.WaitForAsync(() => Task.FromResult(_sidecar.Accepted.Count == 1), "the publish");

        // Dapr retries until its policy gives up, then publishes the event to the ledger's dead-letter
        // topic, and delivers it from there to the ledger, which subscribes to it.
        Assert.Equal(DeliveryResult.DeadLettered, Assert.Single(await _sidecar.DeliverAsync(url, maxRetries: 2, topic: "cx.testing.order_placed.v1")).Result);
        var kept = Assert.Single(await _sidecar.DeliverAsync(url, topic: "cx.dead-letters.ledger"));
        var again = Assert.Single(await _sidecar.DeliverAsync(url, topic: "cx.dead-letters.ledger"));

        Assert.Equal((DaprSubscriptionRoutes.DeadLetterRoute, DeliveryResult.Acked), (kept.Route, kept.Result));
        Assert.Equal(DeliveryResult.Acked, again.Result);
        var deadLetters = ledger.Services.GetRequiredService<IDeadLetters>();
        var letter = Assert.Single(await deadLetters.ListAsync(CancellationToken.None));
        Assert.Equal(("ledger.RecordOrderInLedger", eventId, "cx.testing.order_placed.v1"), (letter.Subscription, letter.EventId, letter.EventType));
        Assert.Equal("Dapr gave up delivering it and published it to cx.dead-letters.ledger", letter.Reason);

        // Still failing: replayed, kept, with why.
        Assert.True(await deadLetters.RequestReplayAsync(letter.Id, CancellationToken.None));
        var stillDead = Assert.Single(await deadLetters.ListAsync(CancellationToken.None));
        Assert.StartsWith("replayed, and failed again: InvalidOperationException", stillDead.Reason, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync(ledger));

        failures.FailForGood = false;
        Assert.True(await deadLetters.RequestReplayAsync(letter.Id, CancellationToken.None));

        Assert.Equal(17, Assert.Single(await EntriesAsync(ledger)).AmountCents);
        Assert.Empty(await deadLetters.ListAsync(CancellationToken.None));
        Assert.False(await deadLetters.RequestReplayAsync(letter.Id, CancellationToken.None));

        // The broker delivers the dead letter once more (at least once): handled since, so neither kept nor booked again.
        Assert.Equal(DeliveryResult.Acked, Assert.Single(await _sidecar.DeliverAsync(url, topic: "cx.dead-letters.ledger")).Result);
        Assert.Empty(await deadLetters.ListAsync(CancellationToken.None));
        Assert.Single(await EntriesAsync(ledger));
    }

    [Fact]
    public async Task DeadLetter_OfAnEventTheServiceDoesNotSubscribeTo_IsAckedAndNotKept()
    {
        var (ledger, url) = await StartLedgerAsync();
        var stranger = ForgedOrder("stranger-1", Tenant).Replace("cx.testing.order_placed.v1", "cx.testing.something_else.v1", StringComparison.Ordinal);

        var (result, _) = await FakeDaprSidecar.PostAsync(url, DaprSubscriptionRoutes.DeadLetterRoute, stranger, AppToken);
        var (_, forged) = await FakeDaprSidecar.PostAsync(url, DaprSubscriptionRoutes.DeadLetterRoute, ForgedOrder("forged-dead-1", Tenant), null);

        Assert.Equal(DeliveryResult.Acked, result);
        Assert.Equal("401 ", forged);
        Assert.Empty(await ledger.Services.GetRequiredService<IDeadLetters>().ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"p1\",\"type\":\"cx.testing.order_placed.v1\",\"source\":\"/cx/shop\",\"time\":\"2026-01-01T00:00:00Z\",\"cxtenant\":\"acme\",\"data\":{\"amountCents\":\"x\"}}")]
    [InlineData("this is not json")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"p2\"}")]
    public async Task Deliver_BadPayload_IsAnsweredDrop_Never400(string body)
    {
        var (_, url) = await StartLedgerAsync();

        var (result, answer) = await FakeDaprSidecar.PostAsync(url, DaprSubscriptionRoutes.DeliveryPrefix + "ledger.RecordOrderInLedger", body, AppToken);

        Assert.Equal(DeliveryResult.DeadLettered, result);
        Assert.StartsWith("200 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"DROP\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_UnknownSubscriptionRoute_IsAnsweredDrop_Never404()
    {
        var (_, url) = await StartLedgerAsync();

        var (_, answer) = await FakeDaprSidecar.PostAsync(url, DaprSubscriptionRoutes.DeliveryPrefix + "ledger.NoSuchHandler", "{}", AppToken);

        Assert.StartsWith("200 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"DROP\"", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("the-sidecars-app-api-tokem")]
    [InlineData("the-sidecars-app-api-token-and-more")]
    public async Task Deliver_WithoutTheAppApiToken_Is401_AndDeliversNothing(string? token)
    {
        var (ledger, url) = await StartLedgerAsync();
        var route = DaprSubscriptionRoutes.DeliveryPrefix + "ledger.RecordOrderInLedger";
        var forged = ForgedOrder("forged-1", "globex");

        var (_, refused) = await FakeDaprSidecar.PostAsync(url, route, forged, token);
        using var http = new HttpClient();
        using var subscribe = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/dapr/subscribe"));
        if (token is not null)
        {
            subscribe.Headers.Add("dapr-api-token", token);
        }

        using var document = await http.SendAsync(subscribe);

        Assert.Equal("401 ", refused);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, document.StatusCode);
        Assert.Empty(await EntriesAsync(ledger, "globex"));
        Assert.Equal(0, await InboxCountAsync(ledger));
    }

    [Fact]
    public async Task Deliver_WithTheAppApiToken_OnTheAppPort_IsHandled()
    {
        var (ledger, url) = await StartLedgerAsync();

        var (result, answer) = await FakeDaprSidecar.PostAsync(url, DaprSubscriptionRoutes.DeliveryPrefix + "ledger.RecordOrderInLedger", ForgedOrder("sidecar-1", "globex"), AppToken);

        Assert.Equal(DeliveryResult.Acked, result);
        Assert.StartsWith("200 ", answer, StringComparison.Ordinal);
        Assert.Equal(700, Assert.Single(await EntriesAsync(ledger, "globex")).AmountCents);
    }

    [Theory]
    [InlineData("POST", "/cx/events/ledger.RecordOrderInLedger")]
    [InlineData("POST", "/CX/Events/ledger.RecordOrderInLedger")]
    [InlineData("GET", "/dapr/subscribe")]
    public async Task TheServicesOwnPort_Answers404ForTheSidecarsRoutes_EvenWithTheToken(string method, string path)
    {
        var (ledger, _) = await StartLedgerAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(PublicUrl(ledger), path))
        {
            Content = method == "POST" ? new StringContent(ForgedOrder("public-1", "globex"), System.Text.Encoding.UTF8, "application/cloudevents+json") : null,
        };
        request.Headers.Add("dapr-api-token", AppToken);

        using var response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await EntriesAsync(ledger, "globex"));
        Assert.Equal(0, await InboxCountAsync(ledger));
    }

    [Fact]
    public async Task TheAppPort_AnswersNothingButTheSidecarsRoutes()
    {
        var (ledger, url) = await StartLedgerAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("dapr-api-token", AppToken);

        using var other = await http.GetAsync(new Uri(url, "/public"));
        using var same = await http.GetAsync(new Uri(PublicUrl(ledger), "/public"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, same.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task Start_OnTheDaprBackendWithoutAnAppApiToken_IsRefused_NamingTheSetting(string? token)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => StartLedgerAsync(("APP_API_TOKEN", token)));

        Assert.StartsWith("Cx:Backend is dapr but APP_API_TOKEN is not set", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppPort_OnTheServicesOwnPort_IsRefused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cx:Ports:Http"] = "9000",
            ["Cx:Eventing:Dapr:AppPort"] = "9000",
        }).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => DaprEventingOptions.From(configuration));

        Assert.Contains("Cx:Eventing:Dapr:AppPort must differ from Cx:Ports:Http and Cx:Ports:Grpc (was 9000)", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A well-formed order event of any tenant, as someone other than the sidecar could write it.</summary>
    private static string ForgedOrder(string id, string tenant) =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","type":"cx.testing.order_placed.v1","source":"/cx/shop","time":"2026-01-01T00:00:00Z","cxtenant":"{{{tenant}}}","data":{"orderId":"{{{Guid.NewGuid()}}}","amountCents":"700"}}""";

    private Dictionary<string, string?> Settings(string service, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cx:Backend"] = "dapr",
            ["Cx:Database:Provider"] = "sqlite",
            ["Cx:Database:MigrateOnStartup"] = "true",
            ["Cx:DataDirectory"] = Path.Combine(_directory, service),
            ["Cx:Eventing:Dapr:SidecarUrl"] = _sidecar.Url.ToString(),
            ["Cx:Eventing:Dapr:AppPort"] = "0",
            ["APP_API_TOKEN"] = AppToken,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static void AddCommon(IServiceCollection services)
    {
        services.AddSingleton(new FailureSwitch());
        services.AddSingleton(new DeliveryOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(10), MaxAttempts = 3, SafetyPoll = TimeSpan.FromMilliseconds(200) });
        services.AddSingleton(new OutboxRelayOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(20), SafetyPoll = TimeSpan.FromMilliseconds(200) });
        services.AddCxTenancy();
    }

    private async Task<IHost> StartShopAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(Settings("shop"));
        AddCommon(builder.Services);
        builder.Services.AddCxDatabase<ShopDb, ShopDbSqlite, ShopDbPostgreSql>("shop", builder.Configuration);
        builder.Services.AddCxEventing<ShopDb>("shop", builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return host;
    }

    /// <summary>The ledger with its own port (as a service's HTTP port) and the sidecar's app port; the URL returned is the app port's.</summary>
    private async Task<(IHost Host, Uri Url)> StartLedgerAsync(params (string Key, string? Value)[] extra)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(Settings("ledger", extra));
        AddCommon(builder.Services);
        builder.Services.AddCxDatabase<LedgerDb, LedgerDbSqlite, LedgerDbPostgreSql>("ledger", builder.Configuration);
        builder.Services.AddCxEventing<LedgerDb>("ledger", builder.Configuration, s => s.On<OrderPlaced, RecordOrderInLedger>());
        var app = builder.Build();
        app.MapCxEventing();
        app.MapGet("/public", () => "the service's own route");
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _hosts.Add(app);
        return (app, app.Services.GetRequiredService<DaprAppPort>().Url);
    }

    /// <summary>The port that is not the sidecar's.</summary>
    private static Uri PublicUrl(IHost host)
    {
        var appPort = host.Services.GetRequiredService<DaprAppPort>().Url;
        return new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).Single(a => a.Port != appPort.Port), "/");
    }

    private static async Task<int> InboxCountAsync(IHost ledger)
    {
        await using var scope = ledger.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerDb>().Inbox.CountAsync();
    }

    private static async Task<string> PlaceOrderAsync(IHost shop, long amountCents)
    {
        await using var scope = shop.Services.CreateTenantScope(Tenant);
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var order = new Order { Id = Guid.NewGuid(), AmountCents = amountCents };
        db.Orders.Add(order);
        var raised = db.Raise(new OrderPlaced { OrderId = order.Id.ToString(), AmountCents = amountCents }, order.Id.ToString());
        await db.SaveChangesAsync();
        return raised.EventId;
    }

    private static async Task<Cx.Persistence.Messaging.OutboxMessage> OutboxAsync(IHost shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDb>().Outbox.AsNoTracking().SingleAsync();
    }

    /// <summary>
    /// The sidecar records an accepted publish before the relay hears the answer and marks the row,
    /// so the row is read once it is marked, never right after the publish.
    /// </summary>
    private static async Task<Cx.Persistence.Messaging.OutboxMessage> PublishedOutboxAsync(IHost shop)
    {
        await EventingWorld.WaitForAsync(async () => (await OutboxAsync(shop)).PublishedAt is not null, "the outbox row marked published");
        return await OutboxAsync(shop);
    }

    private static async Task<Cx.Persistence.Messaging.OutboxMessage> AssertOutboxAsync(IHost shop, bool published)
    {
        var row = await OutboxAsync(shop);
        Assert.Equal(published, row.PublishedAt is not null);
        return row;
    }

    private static async Task<List<LedgerEntry>> EntriesAsync(IHost ledger, string tenant = Tenant)
    {
        await using var scope = ledger.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<LedgerDb>().Entries.ToListAsync();
    }
}
