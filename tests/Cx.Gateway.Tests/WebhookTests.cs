using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cx.Gateway.V1;
using Cx.Common.V1;
using Cx.Measurement.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cx.Gateway.Tests;

/// <summary>
/// A gateway whose webhooks may reach this machine (the receiver listens on loopback), retried
/// after 60 s and then 600 s (three attempts in all), looked for every 50 ms.
/// </summary>
public class WebhookGateway : GatewayHost
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await ConfigureDatabaseAsync();
        Settings["Cx:Gateway:Webhooks:AllowPrivateTargets"] = AllowPrivateTargets ? "true" : "false";
        Settings["Cx:Gateway:Webhooks:RequireHttps"] = "false";
        Settings["Cx:Gateway:Webhooks:RetryDelaysSeconds:0"] = "60";
        Settings["Cx:Gateway:Webhooks:RetryDelaysSeconds:1"] = "600";
        Settings["Cx:Gateway:Webhooks:PollSeconds"] = "0.05";
        Receiver = await WebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>Whether deliveries may reach loopback and private addresses (the receiver listens on loopback).</summary>
    protected virtual bool AllowPrivateTargets => true;

    /// <summary>Where the gateway keeps its data: SQLite in its data directory unless overridden.</summary>
    protected virtual Task ConfigureDatabaseAsync() => Task.CompletedTask;
}

/// <summary>The same, with the gateway's data on a real PostgreSQL server.</summary>
public sealed class PostgreSqlWebhookGateway : WebhookGateway
{
    private readonly PostgreSqlServer _server = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    protected override async Task ConfigureDatabaseAsync()
    {
        await _server.InitializeAsync();
        Settings["Cx:Database:Provider"] = "postgresql";
        Settings["Cx:Database:MigrateOnStartup"] = "true";
        Settings["ConnectionStrings:gateway"] = await _server.CreateDatabaseAsync("gateway");
    }
}

public sealed class WebhookTests(WebhookGateway host) : WebhookBehaviour(host), IClassFixture<WebhookGateway>;

public sealed class WebhookPostgreSqlTests(PostgreSqlWebhookGateway host) : WebhookBehaviour(host), IClassFixture<PostgreSqlWebhookGateway>;

/// <summary>
/// Outbound webhooks end to end: a real event from a real service, fanned out by the gateway, POSTed
/// to a real receiver; signatures are checked here with an HMAC computed independently of the gateway.
/// Run with the gateway's data on SQLite and on PostgreSQL.
/// </summary>
public abstract class WebhookBehaviour(WebhookGateway host)
{
    private const string Detractor = "cx.measurement.detractor_detected.v1";
    private const string CaseOpened = "cx.governance.case_opened.v1";

    [Fact]
    public async Task DetractorResponse_IsPostedToTheSubscribedUrl_SignedPerStandardWebhooks()
    {
        var (tenant, key) = await NewTenantAsync();
        var url = host.Receiver.NewUrl(out var hook);
        var created = await Webhooks(key).CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = url, EventTypes = { Detractor }, Description = "recovery desk" });

        var responseId = await RecordNpsAsync(key, score: 3);

        var received = Assert.Single(await host.Receiver.WaitForAsync(hook, 1));
        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        Assert.Equal(IndependentSignature(created.Secret, received.Id, received.Timestamp, received.Body), received.Signature);
        Assert.Equal(host.Clock.GetUtcNow().ToUnixTimeSeconds(), long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture));
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(Detractor, body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(responseId, data.GetProperty("responseId").GetString());
        Assert.Equal(3, data.GetProperty("score").GetInt32());
        Assert.Equal("nps", data.GetProperty("metricId").GetString());

        var delivery = await WaitForStatusAsync(key, created.Subscription.SubscriptionId, WebhookDeliveryStatus.Succeeded);
        Assert.Equal(received.Id, delivery.MessageId);
        Assert.Equal(1, delivery.AttemptCount);
        Assert.Equal(200, delivery.LastStatusCode);
        var attempt = Assert.Single((await Webhooks(key).GetWebhookDeliveryAsync(new GetWebhookDeliveryRequest { DeliveryId = delivery.DeliveryId })).Attempts);
        Assert.Equal((1, 200, string.Empty, "thanks"), (attempt.Number, attempt.StatusCode, attempt.Error, attempt.ResponseExcerpt));
        Assert.Equal(tenant, created.Subscription.Tenant);

        // Only the subscribed type: the response_recorded event of the same answer made no delivery.
        var all = await Webhooks(key).ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { SubscriptionId = created.Subscription.SubscriptionId });
        Assert.Single(all.Deliveries);
    }

    [Fact]
    public async Task FailingReceiver_RetriedOnTheSchedule_FailedAfterTheLastAttempt_ThenRedeliveredByHand()
    {
        var (_, key) = await NewTenantAsync();
        var url = host.Receiver.NewUrl(out var hook, status: 503);
        var created = await Webhooks(key).CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = url, EventTypes = { CaseOpened } });
        var client = Webhooks(key);

        // Whole seconds: PostgreSQL keeps microseconds, and the schedule is compared exactly.
        var start = DateTimeOffset.FromUnixTimeSeconds(host.Clock.GetUtcNow().ToUnixTimeSeconds() + 1);
        host.Clock.SetUtcNow(start);

        var test = await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = created.Subscription.SubscriptionId });
        await host.Receiver.WaitForAsync(hook, 1);
        var afterFirst = await WaitForAttemptsAsync(key, test.DeliveryId, 1);

        Assert.Equal(WebhookDeliveryStatus.Pending, afterFirst.Status);
        Assert.Equal(Timestamp.FromDateTimeOffset(start.AddSeconds(60)), afterFirst.NextAttemptAt);
        Assert.Equal((503, "The receiver answered 503."), (afterFirst.LastStatusCode, afterFirst.LastError));

        // Nothing more until the clock reaches the next attempt.
        host.Clock.SetUtcNow(start.AddSeconds(59));
        await Task.Delay(300);
        Assert.Single(host.Receiver.Received(hook));

        host.Clock.SetUtcNow(start.AddSeconds(60));
        await host.Receiver.WaitForAsync(hook, 2);
        var afterSecond = await WaitForAttemptsAsync(key, test.DeliveryId, 2);
        Assert.Equal(Timestamp.FromDateTimeOffset(start.AddSeconds(660)), afterSecond.NextAttemptAt);

        host.Clock.SetUtcNow(start.AddSeconds(660));
        await host.Receiver.WaitForAsync(hook, 3);
        var failed = await WaitForAttemptsAsync(key, test.DeliveryId, 3);
        Assert.Equal(WebhookDeliveryStatus.Failed, failed.Status);
        Assert.Null(failed.NextAttemptAt);

        // Dead-lettered: visible among the failed deliveries, and nothing is sent however long one waits.
        var failedList = await client.ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { Status = WebhookDeliveryStatus.Failed });
        Assert.Equal(test.DeliveryId, Assert.Single(failedList.Deliveries).DeliveryId);
        host.Clock.SetUtcNow(start.AddDays(2));
        await Task.Delay(300);
        Assert.Equal(3, host.Receiver.Received(hook).Count);

        host.Receiver.Answer(hook, 204);
        var redelivered = await client.RedeliverWebhookAsync(new RedeliverWebhookRequest { DeliveryId = test.DeliveryId });
        await host.Receiver.WaitForAsync(hook, 4);
        var done = await WaitForAttemptsAsync(key, test.DeliveryId, 4);

        Assert.Equal(WebhookDeliveryStatus.Pending, redelivered.Status);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, done.Status);
        Assert.Equal([503, 503, 503, 204], done.Attempts.Select(a => a.StatusCode));
        Assert.Equal([1, 2, 3, 4], done.Attempts.Select(a => a.Number));

        // Every attempt carries the same webhook-id, and a signature valid for its own timestamp.
        var received = host.Receiver.Received(hook);
        Assert.All(received, r => Assert.Equal(test.MessageId, r.Id));
        Assert.All(received, r => Assert.Equal(IndependentSignature(created.Secret, r.Id, r.Timestamp, r.Body), r.Signature));
        Assert.Equal(4, received.Select(r => r.Timestamp).Count());
    }

    [Fact]
    public async Task FinishedDeliveries_AreDeletedAfterTheirRetention_RecentOnesAreKept()
    {
        var (_, key) = await NewTenantAsync();
        var client = Webhooks(key);
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = host.Receiver.NewUrl(out var hook), EventTypes = { CaseOpened } });
        var start = DateTimeOffset.FromUnixTimeSeconds(host.Clock.GetUtcNow().ToUnixTimeSeconds() + 1);
        host.Clock.SetUtcNow(start);
        var old = await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = created.Subscription.SubscriptionId });
        await host.Receiver.WaitForAsync(hook, 1);
        await WaitForAttemptsAsync(key, old.DeliveryId, 1);

        // 29 days on it is kept; a delivery made then is the recent one.
        host.Clock.SetUtcNow(start.AddDays(29));
        var recent = await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = created.Subscription.SubscriptionId });
        await host.Receiver.WaitForAsync(hook, 2);
        await WaitForAttemptsAsync(key, recent.DeliveryId, 1);
        Assert.True(await ExistsAsync(client, old.DeliveryId));

        // Past 30 days from when it was made, the old one goes (attempts and all); the recent one stays.
        host.Clock.SetUtcNow(start.AddDays(31));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await ExistsAsync(client, old.DeliveryId))
        {
            Assert.True(DateTime.UtcNow < deadline, "The old delivery was not deleted in time.");
            await Task.Delay(25);
        }

        Assert.True(await ExistsAsync(client, recent.DeliveryId));
    }

    private static async Task<bool> ExistsAsync(WebhookService.WebhookServiceClient client, string deliveryId)
    {
        try
        {
            await client.GetWebhookDeliveryAsync(new GetWebhookDeliveryRequest { DeliveryId = deliveryId });
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    [Fact]
    public async Task RotatedSecret_SignsBesideTheOldOneForADay_ThenAlone()
    {
        var (_, key) = await NewTenantAsync();
        var client = Webhooks(key);
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = host.Receiver.NewUrl(out var hook), EventTypes = { CaseOpened } });
        var id = created.Subscription.SubscriptionId;
        var start = DateTimeOffset.FromUnixTimeSeconds(host.Clock.GetUtcNow().ToUnixTimeSeconds() + 1);
        host.Clock.SetUtcNow(start);

        var rotated = await client.RotateWebhookSecretAsync(new RotateWebhookSecretRequest { SubscriptionId = id });
        await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = id });
        var during = (await host.Receiver.WaitForAsync(hook, 1))[0];
        host.Clock.SetUtcNow(start.AddHours(24));
        await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = id });
        var after = (await host.Receiver.WaitForAsync(hook, 2))[1];

        // Standard Webhooks: several space-separated signatures; a receiver on either secret verifies one.
        Assert.Equal(
            [IndependentSignature(rotated.Secret, during.Id, during.Timestamp, during.Body), IndependentSignature(created.Secret, during.Id, during.Timestamp, during.Body)],
            during.Signature.Split(' '));
        Assert.Equal(IndependentSignature(rotated.Secret, after.Id, after.Timestamp, after.Body), after.Signature);
    }

    [Fact]
    public async Task SendTestWebhook_PostsTheEventTypesDocumentedExample_Signed()
    {
        var (_, key) = await NewTenantAsync();
        var url = host.Receiver.NewUrl(out var hook);
        var client = Webhooks(key);
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = url, EventTypes = { CaseOpened, Detractor } });
        var documented = (await client.ListWebhookEventTypesAsync(new ListWebhookEventTypesRequest())).EventTypes.Single(t => t.Type == Detractor);

        var test = await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = created.Subscription.SubscriptionId, EventType = Detractor });

        var received = Assert.Single(await host.Receiver.WaitForAsync(hook, 1));
        Assert.True(test.Test);
        Assert.StartsWith("test_", received.Id, StringComparison.Ordinal);
        Assert.Equal(IndependentSignature(created.Secret, received.Id, received.Timestamp, received.Body), received.Signature);
        using var body = JsonDocument.Parse(received.Body);
        using var example = JsonDocument.Parse(documented.Example);
        Assert.Equal(Detractor, body.RootElement.GetProperty("type").GetString());
        Assert.Equal(example.RootElement.GetProperty("data").GetRawText(), body.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Delivery_ContinuesTheTraceOfTheCallThatCausedIt()
    {
        var (_, key) = await NewTenantAsync();
        var client = Webhooks(key);
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = host.Receiver.NewUrl(out var hook), EventTypes = { CaseOpened } });
        using var caller = new Activity("portal click") { ActivityTraceFlags = ActivityTraceFlags.Recorded };
        caller.SetIdFormat(ActivityIdFormat.W3C).Start();

        await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = created.Subscription.SubscriptionId });
        caller.Stop();

        var received = Assert.Single(await host.Receiver.WaitForAsync(hook, 1));
        Assert.Equal(caller.TraceId.ToHexString(), received.TraceParent.Split('-')[1]);
    }

    [Fact]
    public async Task EventTypes_EveryContractEvent_WithAnExampleThatParsesAsItsMessage()
    {
        var (_, key) = await NewTenantAsync("gateway:read");

        var types = (await Webhooks(key).ListWebhookEventTypesAsync(new ListWebhookEventTypesRequest())).EventTypes;

        var expected = typeof(Cx.Events.V1.DetractorDetected).Assembly.GetTypes()
            .Where(t => t.Namespace == "Cx.Events.V1" && typeof(IMessage).IsAssignableFrom(t))
            .Select(t => ((IMessage)Activator.CreateInstance(t)!).Descriptor)
            .Where(d => d.GetOptions()?.GetExtension(Cx.Events.V1.EventOptionsExtensions.EventType) is { Length: > 0 })
            .ToDictionary(d => d.GetOptions().GetExtension(Cx.Events.V1.EventOptionsExtensions.EventType));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), types.Select(t => t.Type));
        Assert.Contains(Detractor, expected.Keys);
        foreach (var type in types)
        {
            var descriptor = expected[type.Type];
            Assert.Equal(descriptor.FullName, type.Message);
            Assert.False(string.IsNullOrWhiteSpace(type.Description), type.Type + " has no description: its comment in the contract is missing.");
            using var example = JsonDocument.Parse(type.Example);
            Assert.Equal(type.Type, example.RootElement.GetProperty("type").GetString());
            var data = new JsonParser(JsonParser.Settings.Default).Parse(example.RootElement.GetProperty("data").GetRawText(), descriptor);
            Assert.NotEqual(descriptor.Parser.ParseFrom(ByteString.Empty), data);
        }
    }

    [Fact]
    public async Task Tenants_NeverSeeEachOthersSubscriptionsOrDeliveries_NorGetEachOthersEvents()
    {
        var (_, keyA) = await NewTenantAsync();
        var (_, keyB) = await NewTenantAsync();
        var urlA = host.Receiver.NewUrl(out var hookA);
        var a = await Webhooks(keyA).CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = urlA, EventTypes = { Detractor } });

        var fromB = await RecordNpsAsync(keyB, score: 1);
        var fromA = await RecordNpsAsync(keyA, score: 2);

        var received = Assert.Single(await host.Receiver.WaitForAsync(hookA, 1));
        using (var body = JsonDocument.Parse(received.Body))
        {
            Assert.Equal(fromA, body.RootElement.GetProperty("data").GetProperty("responseId").GetString());
        }

        var deliveryA = await WaitForStatusAsync(keyA, a.Subscription.SubscriptionId, WebhookDeliveryStatus.Succeeded);
        var b = Webhooks(keyB);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await b.GetWebhookSubscriptionAsync(new GetWebhookSubscriptionRequest { SubscriptionId = a.Subscription.SubscriptionId }))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await b.RedeliverWebhookAsync(new RedeliverWebhookRequest { DeliveryId = deliveryA.DeliveryId }))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await b.DeleteWebhookSubscriptionAsync(new DeleteWebhookSubscriptionRequest { SubscriptionId = a.Subscription.SubscriptionId }))).StatusCode);
        Assert.Empty((await b.ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest())).Subscriptions);
        Assert.Empty((await b.ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest())).Deliveries);
        Assert.NotEqual(fromA, fromB);
        Assert.Single(host.Receiver.Received(hookA));
    }

    [Fact]
    public async Task BadInput_InvalidArgumentNamingEachField_AndNothingSaved()
    {
        var (_, key) = await NewTenantAsync();
        var client = Webhooks(key);

        var bad = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest
        {
            Url = "ftp://files.example.com/in",
            EventTypes = { "cx.nothing.v1" },
            Description = new string('d', 201),
        }));
        var none = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = "https://hooks.example.com/in" }));
        var page = await Assert.ThrowsAsync<RpcException>(async () => await client.ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { PageSize = 101 }));
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.GetWebhookDeliveryAsync(new GetWebhookDeliveryRequest { DeliveryId = "0123456789abcdef0123456789abcdef" }));
        var noId = await Assert.ThrowsAsync<RpcException>(async () => await client.RedeliverWebhookAsync(new RedeliverWebhookRequest()));

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["description", "event_types[0]", "url"], Violations(bad).Order(StringComparer.Ordinal));
        Assert.Equal(["event_types"], Violations(none));
        Assert.Equal(["page_size"], Violations(page));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(["delivery_id"], Violations(noId));
        Assert.Empty((await client.ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest())).Subscriptions);
    }

    [Fact]
    public async Task Permissions_ReadCanListButNotSubscribe_WriteCanTestButNotSubscribe()
    {
        var tenant = "wh-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await host.CreateKeyAsync(tenant, "gateway:admin");
        var reader = await host.CreateKeyAsync(tenant, "gateway:read");
        var writer = await host.CreateKeyAsync(tenant, "gateway:write");
        var created = await Webhooks(admin).CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = host.Receiver.NewUrl(out var hook), EventTypes = { CaseOpened } });

        var listed = await Webhooks(reader).ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest());
        var readerCreates = await Assert.ThrowsAsync<RpcException>(async () =>
            await Webhooks(reader).CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = "https://hooks.example.com/x", EventTypes = { CaseOpened } }));
        var writerDeletes = await Assert.ThrowsAsync<RpcException>(async () =>
            await Webhooks(writer).DeleteWebhookSubscriptionAsync(new DeleteWebhookSubscriptionRequest { SubscriptionId = created.Subscription.SubscriptionId }));
        await Webhooks(writer).SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = created.Subscription.SubscriptionId });

        Assert.Equal(created.Subscription.SubscriptionId, Assert.Single(listed.Subscriptions).SubscriptionId);
        Assert.Equal(StatusCode.PermissionDenied, readerCreates.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, writerDeletes.StatusCode);
        Assert.Single(await host.Receiver.WaitForAsync(hook, 1));
    }

    [Fact]
    public async Task DisabledSubscription_GetsNothing_DeletedOne_IsGoneWithItsDeliveries_RotatedSecret_SignsBesideTheOld()
    {
        var (_, key) = await NewTenantAsync();
        var client = Webhooks(key);
        var url = host.Receiver.NewUrl(out var hook);
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = url, EventTypes = { Detractor } });
        var id = created.Subscription.SubscriptionId;

        // A second subscription witnesses the fan-out: once it has the event, the disabled one had its chance.
        var witness = host.Receiver.NewUrl(out var witnessHook);
        await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = witness, EventTypes = { Detractor } });

        var disabled = await client.UpdateWebhookSubscriptionAsync(new UpdateWebhookSubscriptionRequest { SubscriptionId = id, Url = url, EventTypes = { Detractor }, Enabled = false });
        var refusedTest = await Assert.ThrowsAsync<RpcException>(async () => await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = id }));
        await RecordNpsAsync(key, score: 0);
        await host.Receiver.WaitForAsync(witnessHook, 1);
        await client.UpdateWebhookSubscriptionAsync(new UpdateWebhookSubscriptionRequest { SubscriptionId = id, Url = url, EventTypes = { Detractor }, Enabled = true });
        var rotated = await client.RotateWebhookSecretAsync(new RotateWebhookSecretRequest { SubscriptionId = id });
        var latest = await RecordNpsAsync(key, score: 4);

        var received = Assert.Single(await host.Receiver.WaitForAsync(hook, 1));
        Assert.False(disabled.Enabled);
        Assert.Equal(StatusCode.FailedPrecondition, refusedTest.StatusCode);
        using (var body = JsonDocument.Parse(received.Body))
        {
            Assert.Equal(latest, body.RootElement.GetProperty("data").GetProperty("responseId").GetString());
        }

        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.Equal(
            IndependentSignature(rotated.Secret, received.Id, received.Timestamp, received.Body) + " " + IndependentSignature(created.Secret, received.Id, received.Timestamp, received.Body),
            received.Signature);
        var delivery = await WaitForStatusAsync(key, id, WebhookDeliveryStatus.Succeeded);

        await client.DeleteWebhookSubscriptionAsync(new DeleteWebhookSubscriptionRequest { SubscriptionId = id });

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetWebhookDeliveryAsync(new GetWebhookDeliveryRequest { DeliveryId = delivery.DeliveryId }))).StatusCode);
        Assert.DoesNotContain((await client.ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest())).Subscriptions, s => s.SubscriptionId == id);
    }

    [Fact]
    public async Task Rest_SubscribeAndListThroughTheTranscodedRoutes()
    {
        var (_, key) = await NewTenantAsync();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/gateway/v1/webhooks")
        {
            Content = JsonContent.Create(new { url = host.Receiver.NewUrl(out _), eventTypes = new[] { CaseOpened } }),
        };
        create.Headers.Add("x-api-key", key);
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/gateway/v1/webhooks") { Content = JsonContent.Create(new { url = "not a url" }) };
        bad.Headers.Add("x-api-key", key);
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/gateway/v1/webhooks");
        list.Headers.Add("x-api-key", key);

        using var created = await host.Rest.SendAsync(create);
        using var refused = await host.Rest.SendAsync(bad);
        using var listed = await host.Rest.SendAsync(list);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret!["whsec_".Length..]).Length);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(3, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        var subscriptions = (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subscriptions");
        Assert.Equal(1, subscriptions.GetArrayLength());
        Assert.False(subscriptions[0].TryGetProperty("secret", out _));
    }

    /// <summary>Standard Webhooks, computed here from the raw headers and body: "v1," + base64 HMAC-SHA256 of "id.timestamp.body".</summary>
    internal static string IndependentSignature(string secret, string id, string timestamp, string body)
    {
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        return "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body)));
    }

    internal static string[] Violations(RpcException e)
    {
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var status = Google.Rpc.Status.Parser.ParseFrom(e.Trailers.GetValueBytes("grpc-status-details-bin"));
        return status.Details.Single(d => d.Is(Google.Rpc.BadRequest.Descriptor)).Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToArray();
    }

    private async Task<(string Tenant, string Key)> NewTenantAsync(params string[] permissions)
    {
        var tenant = "wh-" + Guid.NewGuid().ToString("N")[..8];
        return (tenant, await host.CreateKeyAsync(tenant, permissions.Length > 0 ? permissions : ["gateway:admin", "measurement:admin"]));
    }

    private WebhookService.WebhookServiceClient Webhooks(string key) =>
        new(host.CallsWith(key));

    /// <summary>Defines the NPS metric if needed and records one answer; returns the response id.</summary>
    private async Task<string> RecordNpsAsync(string key, int score)
    {
        var measurement = new MeasurementService.MeasurementServiceClient(host.CallsWith(key));
        try
        {
            await measurement.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }

        var recorded = await measurement.RecordResponseAsync(new RecordResponseRequest
        {
            Response = new Response
            {
                SubmissionId = Guid.NewGuid().ToString("N"),
                Context = new ResponseContext { JourneyId = "buy", JourneyStepId = "pay", Channel = "web", CustomerId = "c-" + score },
                Answers = { new Answer { MetricId = "nps", Score = score } },
            },
        });
        return recorded.ResponseId;
    }

    private async Task<WebhookDelivery> WaitForStatusAsync(string key, string subscriptionId, WebhookDeliveryStatus status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var deliveries = await Webhooks(key).ListWebhookDeliveriesAsync(new ListWebhookDeliveriesRequest { SubscriptionId = subscriptionId, Status = status });
            if (deliveries.Deliveries.Count > 0)
            {
                return deliveries.Deliveries[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {status} delivery of {subscriptionId} in time.");
            await Task.Delay(25);
        }
    }

    private async Task<WebhookDelivery> WaitForAttemptsAsync(string key, string deliveryId, int attempts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var delivery = await Webhooks(key).GetWebhookDeliveryAsync(new GetWebhookDeliveryRequest { DeliveryId = deliveryId });
            if (delivery.AttemptCount >= attempts && delivery.Attempts.Count >= attempts)
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Delivery {deliveryId} made {delivery.AttemptCount} of {attempts} attempts in time.");
            await Task.Delay(25);
        }
    }
}
