using System.Net;
using System.Text;
using Cx.Eventing.Dapr;
using Cx.Eventing.Envelope;
using Cx.Events.V1;
using Cx.Gateway.Data;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Gateway.Tests;

/// <summary>
/// The gateway on the dapr backend: it subscribes to every event for its webhooks, and its public
/// port must not be a way to hand it one. Only the sidecar's app port delivers, with the token.
/// </summary>
public sealed class GatewayDaprDeliveryTests : IAsyncLifetime
{
    private const string Token = "gateway-app-api-token";
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("cx-gateway-dapr-");
    private WebApplication _gateway = null!;

    private static string Route => DaprSubscriptionRoutes.DeliveryPrefix + "gateway.FanOutToWebhooks." + EventTypes.Of(DetractorDetected.Descriptor);

    public async Task InitializeAsync()
    {
        _gateway = CxServiceApplication.Create(new GatewayModule(), new CxServiceHostingOptions
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Cx:Backend"] = "dapr",
                ["Cx:BindAddress"] = "127.0.0.1",
                ["Cx:Ports:Grpc"] = "0",
                ["Cx:Ports:Http"] = "0",
                ["Cx:Eventing:Dapr:AppPort"] = "0",
                ["Cx:DataDirectory"] = _data.FullName,
                ["Cx:Identity:KeyDirectory"] = TestIdentity.KeyDirectory,
                ["Cx:Database:Provider"] = "sqlite",
                ["Cx:Database:MigrateOnStartup"] = "true",

                // No sidecar: nothing here publishes, and readiness is not what is tested.
                ["Cx:Eventing:Dapr:SidecarUrl"] = "http://127.0.0.1:9",
                ["APP_API_TOKEN"] = Token,
                ["Logging:LogLevel:Default"] = "Warning",
            },
        });
        await _gateway.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Token)]
    public async Task PublicPort_AnswersDeliveryRoutes404_AnEventNamingAnotherTenantHasNoEffect(string? token)
    {
        using var http = new HttpClient { BaseAddress = _gateway.Services.GetRequiredService<BoundEndpoints>().HttpUrl };

        using var delivery = await SendAsync(http, HttpMethod.Post, Route, token, Detractor("forged-1", "globex"));
        using var subscribe = await SendAsync(http, HttpMethod.Get, DaprSubscriptionRoutes.SubscribePath, token);

        Assert.Equal(HttpStatusCode.NotFound, delivery.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, subscribe.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gateway-app-api-tokem")]
    public async Task AppPort_WithoutTheToken_Is401_AndHasNoEffect(string? token)
    {
        using var http = new HttpClient { BaseAddress = _gateway.Services.GetRequiredService<DaprAppPort>().Url };

        using var delivery = await SendAsync(http, HttpMethod.Post, Route, token, Detractor("forged-2", "globex"));

        Assert.Equal(HttpStatusCode.Unauthorized, delivery.StatusCode);
        Assert.Equal(0, await InboxCountAsync());
    }

    [Fact]
    public async Task AppPort_WithTheToken_Delivers()
    {
        using var http = new HttpClient { BaseAddress = _gateway.Services.GetRequiredService<DaprAppPort>().Url };

        using var delivery = await SendAsync(http, HttpMethod.Post, Route, Token, Detractor("sidecar-1", "acme"));

        Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
        Assert.Contains("\"status\":\"SUCCESS\"", await delivery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await InboxCountAsync());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/cloudevents+json"),
        };
        if (token is not null)
        {
            request.Headers.Add("dapr-api-token", token);
        }

        return await http.SendAsync(request);
    }

    private static string Detractor(string id, string tenant) => new EventEnvelope(
        id,
        EventTypes.Of(DetractorDetected.Descriptor),
        "/cx/measurement",
        "response-1",
        DateTimeOffset.UtcNow,
        tenant,
        "correlation-1",
        null,
        null,
        EventTypes.ExampleOf(DetractorDetected.Descriptor)).ToJson();

    private async Task<int> InboxCountAsync()
    {
        await using var scope = _gateway.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GatewayDb>().Inbox.CountAsync();
    }
}
