using System.Net;
using Cx.Gateway.V1;
using Cx.Gateway.Webhooks;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Gateway.Tests;

/// <summary>
/// A gateway with the default guard (no private targets), whose DNS answers what the test says, in
/// turn (the last answer repeats): "hooks.example.test" and "metadata.example.test" are public when
/// subscribed and then rebind, to this machine and to the cloud metadata address; "private.example.test"
/// is a private address from the start, and "nowhere.example.test" has none.
/// </summary>
public sealed class GuardedWebhookGateway : WebhookGateway
{
    private static readonly IPAddress Public = IPAddress.Parse("93.184.215.14");

    protected override bool AllowPrivateTargets => false;

    protected override void ConfigureGateway(IServiceCollection services) =>
        services.AddSingleton<WebhookAddressResolver>(new RebindingResolver(new Dictionary<string, IPAddress[][]>
        {
            ["hooks.example.test"] = [[Public], [IPAddress.Loopback]],
            ["metadata.example.test"] = [[Public], [Public, IPAddress.Parse("169.254.169.254")]],
            ["private.example.test"] = [[IPAddress.Parse("10.0.0.5")]],
        }));

    private sealed class RebindingResolver(Dictionary<string, IPAddress[][]> answers) : WebhookAddressResolver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _asked = new();

        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            var turn = _asked.AddOrUpdate(host, 0, (_, n) => n + 1);
            return Task.FromResult(answers.TryGetValue(host, out var inTurn) ? inTurn[Math.Min(turn, inTurn.Length - 1)] : []);
        }
    }
}

/// <summary>The SSRF guard: refused when the URL is saved if it names a private address, and when a delivery connects if its name resolves to one.</summary>
public sealed class WebhookTargetTests(GuardedWebhookGateway host) : IClassFixture<GuardedWebhookGateway>
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.10.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("100.128.0.1", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("93.184.215.14", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("2606:4700:4700::1111", true)]
    public void IsPublic_OnlyPublicUnicastAddresses(string address, bool expected) =>
        Assert.Equal(expected, WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:192.168.1.1]/hook")]
    [InlineData("http://10.0.0.7/hook")]
    public async Task Subscribe_ToAPrivateAddress_InvalidArgumentOnUrl(string url)
    {
        var client = await ClientAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = url, EventTypes = { "cx.governance.case_opened.v1" } }));

        Assert.Equal(["url"], WebhookBehaviour.Violations(refused));
        Assert.Empty((await client.ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest())).Subscriptions);
    }

    [Theory]
    [InlineData("http://private.example.test/hook", "Must not point at a private, loopback or link-local address: private.example.test resolves to 10.0.0.5.")]
    [InlineData("http://nowhere.example.test/hook", "nowhere.example.test does not resolve to any address.")]
    public async Task Subscribe_ToANameThatResolvesToAPrivateAddressOrNone_InvalidArgumentOnUrl_SayingWhy(string url, string why)
    {
        var client = await ClientAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = url, EventTypes = { "cx.governance.case_opened.v1" } }));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal(("url", why), (violation.Field, violation.Description));
        Assert.Empty((await client.ListWebhookSubscriptionsAsync(new ListWebhookSubscriptionsRequest())).Subscriptions);
    }

    [Theory]
    [InlineData("hooks.example.test", "127.0.0.1")]
    [InlineData("metadata.example.test", "169.254.169.254")]
    public async Task Deliver_ToANameThatRebindsToAPrivateAddress_RefusedAtConnect_NothingReachesIt(string name, string address)
    {
        var client = await ClientAsync();
        var port = host.Receiver.BaseUrl.Port;
        host.Receiver.NewUrl(out var hook);
        var created = await client.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest
        {
            Url = $"http://{name}:{port}/hooks/{hook}",
            EventTypes = { "cx.governance.case_opened.v1" },
        });

        var test = await client.SendTestWebhookAsync(new SendTestWebhookRequest { SubscriptionId = created.Subscription.SubscriptionId });

        var deadline = DateTime.UtcNow.AddSeconds(20);
        WebhookDelivery delivery;
        do
        {
            await Task.Delay(25);
            delivery = await client.GetWebhookDeliveryAsync(new GetWebhookDeliveryRequest { DeliveryId = test.DeliveryId });
        }
        while (delivery.AttemptCount == 0 && DateTime.UtcNow < deadline);

        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(0, attempt.StatusCode);
        Assert.Equal($"Refused: {name} resolves to {address}, a private, loopback or link-local address.", attempt.Error);
        Assert.Empty(host.Receiver.Received(hook));
    }

    [Fact]
    public void Refusal_HttpWhereHttpsIsRequired_AndCredentialsInTheUrl()
    {
        var settings = new WebhookSettings { RequireHttps = true };

        Assert.Equal("Must be an https URL.", new WebhookTargets(settings).Refusal("http://hooks.example.com/in"));
        Assert.Null(new WebhookTargets(settings).Refusal("https://hooks.example.com/in"));
        Assert.Equal("Must not hold credentials or a fragment: the receiver verifies the signature instead.", new WebhookTargets(settings).Refusal("https://user:pw@hooks.example.com/in"));
    }

    private async Task<WebhookService.WebhookServiceClient> ClientAsync()
    {
        var key = await host.CreateKeyAsync("ssrf-" + Guid.NewGuid().ToString("N")[..8], "gateway:admin");
        return new WebhookService.WebhookServiceClient(host.CallsWith(key));
    }
}
