using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cx.Api.V1;
using Cx.Gateway.Routing;
using Cx.Common.V1;
using Cx.Measurement.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace Cx.Gateway.Tests;

/// <summary>What reaches which service, by which protocol, with which browser protections.</summary>
public sealed class GatewayRoutingTests(GatewayHost host) : IClassFixture<GatewayHost>
{
    [Fact]
    public void Routes_EveryContractCallOfARoutedService_HasItsGrpcAndRestRouteWithItsPermission()
    {
        var settings = new GatewaySettings
        {
            Services = [new ServiceAddress("measurement", new Uri("http://m:8081"), new Uri("http://m:8080"))],
        };
        var descriptor = MeasurementReflection.Descriptor.Services.Single();

        var routes = ContractProxyConfig.Routes(settings);

        Assert.Equal(descriptor.Methods.Count + descriptor.Methods.Count(m => !m.IsClientStreaming), routes.Count);
        foreach (var method in descriptor.Methods)
        {
            var access = method.GetOptions().GetExtension(AccessExtensions.Access);
            var level = access switch { Access.Read => "read", Access.Write => "write", _ => "admin" };
            var grpc = Assert.Single(routes, r => r.Match.Path == $"/cx.measurement.v1.MeasurementService/{method.Name}");
            Assert.Equal("cx:measurement:" + level, grpc.AuthorizationPolicy);
            Assert.Equal("measurement-grpc", grpc.ClusterId);
        }

        var record = Assert.Single(routes, r => r.RouteId == "measurement.record-response.rest");
        Assert.Equal(("/api/measurement/v1/responses", "POST", "cx:measurement:write"), (record.Match.Path, Assert.Single(record.Match.Methods!), record.AuthorizationPolicy));
        var update = Assert.Single(routes, r => r.RouteId == "measurement.update-metric-definition.rest");
        Assert.Equal("/api/measurement/v1/metrics/{metric_metric_id}", update.Match.Path);
        Assert.Null(Assert.Single(routes, r => r.RouteId == "measurement.export-responses.grpc").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), record.Timeout);
    }

    [Fact]
    public void Routes_TheUnderstandingService_FromItsContract_EachCallGuardedByItsLevel()
    {
        var settings = new GatewaySettings
        {
            Services = [new ServiceAddress("understanding", new Uri("http://u:8081"), new Uri("http://u:8080"))],
        };

        var routes = ContractProxyConfig.Routes(settings);

        var methods = Cx.Understanding.V1.UnderstandingReflection.Descriptor.Services.Single().Methods;

        // A client stream (StreamImportProfiles) has a gRPC route and no REST one.
        Assert.Equal(methods.Count + methods.Count(m => !m.IsClientStreaming), routes.Count);
        Assert.Single(routes, r => r.Match.Path == "/cx.understanding.v1.UnderstandingService/StreamImportProfiles");
        var erase = Assert.Single(routes, r => r.RouteId == "understanding.erase-customer.rest");
        Assert.Equal(("/api/understanding/v1/profiles/{customer_id}:erase", "POST", "cx:understanding:admin"), (erase.Match.Path, Assert.Single(erase.Match.Methods!), erase.AuthorizationPolicy));
        var record = Assert.Single(routes, r => r.RouteId == "understanding.record-interaction.rest");
        Assert.Equal(("/api/understanding/v1/profiles/{interaction_customer_id}/interactions", "POST", "cx:understanding:write"), (record.Match.Path, Assert.Single(record.Match.Methods!), record.AuthorizationPolicy));
        var timeline = Assert.Single(routes, r => r.Match.Path == "/cx.understanding.v1.UnderstandingService/ListTimeline");
        Assert.Equal(("cx:understanding:read", "understanding-grpc"), (timeline.AuthorizationPolicy, timeline.ClusterId));
    }

    [Fact]
    public async Task Rest_UnderstandingThroughTheGateway_ProfilesAndTimelineForTheKeysTenant_EachCallAtItsLevel()
    {
        var tenant = "cust-" + Guid.NewGuid().ToString("N")[..8];
        var writer = await host.CreateKeyAsync(tenant, "understanding:write");
        var reader = await host.CreateKeyAsync(tenant, "understanding:read");

        using var created = await SendAsync(HttpMethod.Post, "/api/understanding/v1/profiles", writer, new { customerId = "ann", identities = new[] { new { kind = "IDENTITY_KIND_EMAIL", value = "Ann@Example.com" } } });
        using var recorded = await SendAsync(HttpMethod.Post, "/api/understanding/v1/profiles/ann/interactions", writer, new { channel = "phone", summary = "asked about delivery", externalId = "call-1" });
        using var timeline = await SendAsync(HttpMethod.Get, "/api/understanding/v1/profiles/ann/timeline?channels=phone", reader);
        using var readerWrites = await SendAsync(HttpMethod.Post, "/api/understanding/v1/profiles/ann:set-consent", reader, new { purpose = "contact", granted = true });
        using var writerErases = await SendAsync(HttpMethod.Post, "/api/understanding/v1/profiles/ann:erase", writer, new { });

        Assert.True(created.StatusCode == HttpStatusCode.OK, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        Assert.Equal("ann@example.com", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("identities")[0].GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var entry = (await timeline.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray().Single();
        Assert.Equal(("ann", "phone", "call-1"), (entry.GetProperty("customerId").GetString(), entry.GetProperty("channel").GetString(), entry.GetProperty("sourceId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, readerWrites.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writerErases.StatusCode);
    }

    [Fact]
    public async Task Rest_DesignThroughTheGateway_AJourneyDrawnAndPublished_ReadByTheKeysTenantOnly()
    {
        var tenant = "design-" + Guid.NewGuid().ToString("N")[..8];
        var writer = await host.CreateKeyAsync(tenant, "design:write");
        var reader = await host.CreateKeyAsync(tenant, "design:read");
        var stranger = await host.CreateKeyAsync("other-" + Guid.NewGuid().ToString("N")[..8], "design:read");
        var journey = new
        {
            journeyId = "returns", title = "Returns", type = "JOURNEY_TYPE_MICRO", state = "JOURNEY_STATE_AS_IS",
            stages = new[] { new { stageId = "return", title = "Return" } },
            steps = new[] { new { stepId = "refund", stageId = "return", title = "Refund" } },
        };

        using var created = await SendAsync(HttpMethod.Post, "/api/design/v1/journeys", writer, journey);
        using var readerPublishes = await SendAsync(HttpMethod.Post, "/api/design/v1/journeys/returns:publish", reader, new { });
        using var published = await SendAsync(HttpMethod.Post, "/api/design/v1/journeys/returns:publish", writer, new { expectedRevision = 1 });
        using var resolved = await SendAsync(HttpMethod.Get, "/api/design/v1/journeys/returns/steps/refund:resolve", reader);
        using var hidden = await SendAsync(HttpMethod.Get, "/api/design/v1/journeys/returns", stranger);

        Assert.True(created.StatusCode == HttpStatusCode.OK, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.Forbidden, readerPublishes.StatusCode);
        Assert.Equal("JOURNEY_VERSION_STATUS_PUBLISHED", (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var step = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, "Refund"), (step.GetProperty("version").GetInt32(), step.GetProperty("step").GetProperty("title").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Rest_CultureThroughTheGateway_SettingsForAdminsOnly_PeopleAndBoardsByTheKeysTenant()
    {
        var tenant = "culture-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await host.CreateKeyAsync(tenant, "culture:admin");
        var writer = await host.CreateKeyAsync(tenant, "culture:write");
        var stranger = await host.CreateKeyAsync("other-" + Guid.NewGuid().ToString("N")[..8], "culture:read");
        var settings = new { values = new[] { new { valueId = "own-it", name = "Own it" } }, monthlyBudget = 50 };

        using var writerSets = await SendAsync(HttpMethod.Put, "/api/culture/v1/settings", writer, settings);
        using var set = await SendAsync(HttpMethod.Put, "/api/culture/v1/settings", admin, settings);
        using var team = await SendAsync(HttpMethod.Put, "/api/culture/v1/teams/support-north", writer, new { team = new { name = "Support north", onBoards = true } });
        using var employee = await SendAsync(HttpMethod.Put, "/api/culture/v1/employees/li.wei", writer, new { employee = new { displayName = "Li Wei", teamId = "support-north" } });
        using var board = await SendAsync(HttpMethod.Get, "/api/culture/v1/board?scope=BOARD_SCOPE_TEAM&teamId=support-north", writer);
        using var hidden = await SendAsync(HttpMethod.Get, "/api/culture/v1/employees/li.wei", stranger);

        Assert.Equal(HttpStatusCode.Forbidden, writerSets.StatusCode);
        Assert.Equal(50, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("monthlyBudget").GetInt32());
        Assert.True(team.StatusCode == HttpStatusCode.OK, $"{team.StatusCode}: {await team.Content.ReadAsStringAsync()}");
        Assert.Equal("support-north", (await employee.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("teamId").GetString());
        Assert.Equal("BOARD_SCOPE_TEAM", (await board.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Rest_StrategyThroughTheGateway_VisionForAdminsOnly_TargetsCheckedAgainstMeasurement()
    {
        var tenant = "strategy-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await host.CreateKeyAsync(tenant, "strategy:admin");
        var writer = await host.CreateKeyAsync(tenant, "strategy:write");
        var stranger = await host.CreateKeyAsync("other-" + Guid.NewGuid().ToString("N")[..8], "strategy:read");
        var vision = new
        {
            vision = new
            {
                statement = "Every order arrives when we said.",
                businessObjectives = new[] { new { objectiveId = "retain-customers", title = "Keep customers" } },
                brandAttributes = new[] { "reliable" },
                journeyIds = new[] { "online-purchase" },
            },
            expectedVersion = 0,
        };

        using var writerPublishes = await SendAsync(HttpMethod.Post, "/api/strategy/v1/vision:publish", writer, vision);
        using var published = await SendAsync(HttpMethod.Post, "/api/strategy/v1/vision:publish", admin, vision);
        using var read = await SendAsync(HttpMethod.Get, "/api/strategy/v1/vision?version=1", writer);
        using var hidden = await SendAsync(HttpMethod.Get, "/api/strategy/v1/vision", stranger);
        using var unknownMetric = await SendAsync(HttpMethod.Post, "/api/strategy/v1/targets", writer, new
        {
            targetId = "easy-delivery",
            title = "Delivery is easy",
            metricId = "no-such-metric",
            level = "EXPERIENCE_LEVEL_EASY",
            value = 4.5,
            deadline = "2099-01-01T00:00:00Z",
        });

        Assert.Equal(HttpStatusCode.Forbidden, writerPublishes.StatusCode);
        Assert.True(published.StatusCode == HttpStatusCode.OK, $"{published.StatusCode}: {await published.Content.ReadAsStringAsync()}");
        Assert.Equal("retain-customers", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("businessObjectives")[0].GetProperty("objectiveId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownMetric.StatusCode);
        Assert.Contains("Measurement has no metric 'no-such-metric'", await unknownMetric.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_Export_IsLabelledLineDelimitedJson_OneResponsePerLine()
    {
        var key = await host.CreateKeyAsync("export-" + Guid.NewGuid().ToString("N")[..8], "measurement:admin");
        await SendAsync(HttpMethod.Post, "/api/measurement/v1/metrics", key, new { metricId = "nps", kind = "METRIC_KIND_NPS", name = "NPS" });
        foreach (var (submission, score) in new[] { ("s-1", 3), ("s-2", 9) })
        {
            using var recorded = await SendAsync(HttpMethod.Post, "/api/measurement/v1/responses", key, new { response = new { submissionId = submission, answers = new[] { new { metricId = "nps", score } } } });
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        using var export = await SendAsync(HttpMethod.Post, "/api/measurement/v1/responses:export", key, new { });
        using var refused = await SendAsync(HttpMethod.Post, "/api/measurement/v1/responses:export", key, new { filter = new { from = "2026-01-02T00:00:00Z", to = "2026-01-01T00:00:00Z" } });

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType!.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([3, 9], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("response").GetProperty("answers")[0].GetProperty("score").GetInt32()).Order());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/json", refused.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Rest_RecordResponseThroughTheGateway_IsRecordedOnceForTheKeysTenant()
    {
        var tenant = "rest-" + Guid.NewGuid().ToString("N")[..8];
        var key = await host.CreateKeyAsync(tenant, "measurement:admin");
        await SendAsync(HttpMethod.Post, "/api/measurement/v1/metrics", key, new { metricId = "nps", kind = "METRIC_KIND_NPS", name = "NPS" });
        var answer = new { response = new { submissionId = "s-1", context = new { journeyId = "buy", journeyStepId = "pay", channel = "web", customerId = "c-9" }, answers = new[] { new { metricId = "nps", score = 3 } } } };

        using var first = await SendAsync(HttpMethod.Post, "/api/measurement/v1/responses", key, answer);
        using var again = await SendAsync(HttpMethod.Post, "/api/measurement/v1/responses", key, answer);
        using var results = await SendAsync(HttpMethod.Post, "/api/measurement/v1/results:query", key, new { metricId = "nps" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False((await first.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("duplicate", out var d1) && d1.GetBoolean());
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        var result = (await results.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        Assert.Equal("1", result.GetProperty("n").GetRawText().Trim('"'));
        Assert.Equal(-100.0, result.GetProperty("score").GetDouble());
    }

    /// <summary>
    /// A client stream is limited per message by the service, not in total by the gateway: an
    /// import larger than the gateway's request body limit (1 MiB here) streams through whole,
    /// while a REST body over it is refused.
    /// </summary>
    [Fact]
    public async Task GrpcClientStream_ThroughTheGateway_IsNotCutAtTheBodyLimit()
    {
        var tenant = "stream-" + Guid.NewGuid().ToString("N")[..8];
        var key = await host.CreateKeyAsync(tenant, "measurement:admin");
        var client = new MeasurementService.MeasurementServiceClient(host.CallsWith(key));
        await client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } });
        var padding = new string('x', 90);
        var sent = 0L;

        using var call = client.StreamResponses();
        for (var i = 0; i < 12_000; i++)
        {
            var response = new Response
            {
                SubmissionId = $"import-{i:D6}",
                Context = new ResponseContext { Channel = "web", JourneyId = "buy-" + padding, JourneyStepId = "pay-" + padding, Touchpoint = "site-" + padding },
                Answers = { new Answer { MetricId = "nps", Score = i % 11 } },
            };
            sent += response.CalculateSize();
            await call.RequestStream.WriteAsync(response);
        }

        await call.RequestStream.CompleteAsync();
        var result = await call;

        using var tooLarge = await SendAsync(HttpMethod.Post, "/api/measurement/v1/responses:batch", key, new { responses = new[] { new { submissionId = new string('x', 1024 * 1024) } } });

        Assert.True(sent > 3 * 1024 * 1024, $"the stream carried {sent:N0} bytes");
        Assert.Equal((12_000, 0), (result.Recorded, result.Duplicates));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task Rest_BadInputThroughTheGateway_TheServicesInvalidArgumentUnchanged()
    {
        var key = await host.CreateKeyAsync("bad-" + Guid.NewGuid().ToString("N")[..8], "measurement:write");

        using var response = await SendAsync(HttpMethod.Post, "/api/measurement/v1/responses:batch", key, new { responses = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("code").GetInt32());
        Assert.Contains("google.rpc.BadRequest", body.GetProperty("details")[0].GetProperty("@type").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The service's refusal of a misspelt field reaches the caller byte for byte, as the service wrote it.</summary>
    [Fact]
    public async Task Rest_MisspeltFieldThroughTheGateway_TheServicesBadRequestByteForByte()
    {
        var tenant = "typo-" + Guid.NewGuid().ToString("N")[..8];
        var key = await host.CreateKeyAsync(tenant, "measurement:write");
        const string json = "{\"response\": {\"submissionId\": \"s-1\", \"context\": {\"occuredAt\": \"2026-11-01T10:00:00Z\"}}}";
        using var viaGateway = new HttpRequestMessage(HttpMethod.Post, "/api/measurement/v1/responses") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        viaGateway.Headers.Add("x-api-key", key);
        using var direct = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Measurement.HttpUrl, "/api/measurement/v1/responses")) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        direct.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, TestIdentity.Token("measurement", tenant));
        using var plain = new HttpClient();

        using var throughGateway = await host.Rest.SendAsync(viaGateway);
        using var fromService = await plain.SendAsync(direct);
        var body = await throughGateway.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (throughGateway.StatusCode, fromService.StatusCode));
        Assert.Equal(await fromService.Content.ReadAsStringAsync(), body);
        var violation = JsonDocument.Parse(body).RootElement.GetProperty("details")[0].GetProperty("fieldViolations")[0];
        Assert.Equal("response.context.occuredAt", violation.GetProperty("field").GetString());
    }

    [Fact]
    public async Task GrpcWeb_OnTheHttp1Port_ReachesTheService()
    {
        var tenant = "web-" + Guid.NewGuid().ToString("N")[..8];
        var key = await host.CreateKeyAsync(tenant, "measurement:admin");
        using var channel = GrpcChannel.ForAddress(host.Gateway.HttpUrl, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new MeasurementService.MeasurementServiceClient(channel);
        var headers = new Metadata { { "x-api-key", key } };

        await client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "ces", Kind = MetricKind.Ces, Name = "Effort" } }, headers);
        var read = await client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "ces" }, headers);
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "none" }, headers));
        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "ces" }));

        Assert.Equal("Effort", read.Name);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }

    [Fact]
    public async Task Cors_PreflightFromTheConfiguredPortal_Allowed_OtherOriginsNot()
    {
        using var allowed = await PreflightAsync(GatewayHost.PortalOrigin);
        using var other = await PreflightAsync("https://evil.example.test");

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(GatewayHost.PortalOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowedHeaders = allowed.Headers.GetValues("Access-Control-Allow-Headers").Single().Split(',', StringSplitOptions.TrimEntries);
        Assert.Superset(new HashSet<string>(["x-api-key", "content-type", "traceparent", "tracestate", "x-portal-request-id"], StringComparer.OrdinalIgnoreCase), allowedHeaders.ToHashSet(StringComparer.OrdinalIgnoreCase));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("Origin", allowed.Headers.Vary);
        Assert.Contains("Origin", other.Headers.Vary);
    }

    [Fact]
    public async Task Cors_ARefusal_ExposesWhyToTheBrowser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/measurement/v1/metrics");
        request.Headers.Add("Origin", GatewayHost.PortalOrigin);

        using var refused = await host.Rest.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var exposed = refused.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',', StringSplitOptions.TrimEntries);
        Assert.Superset(new HashSet<string>(["www-authenticate", "grpc-status", "grpc-message", "grpc-status-details-bin", "retry-after"], StringComparer.OrdinalIgnoreCase), exposed.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders_AndTheCredentialIsNotForwarded()
    {
        using var response = await host.Rest.GetAsync("/health/platform");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("services").GetProperty("measurement").GetString());
        Assert.Equal("Healthy", body.GetProperty("services").GetProperty("governance").GetString());
        Assert.Equal("Healthy", body.GetProperty("services").GetProperty("understanding").GetString());
    }

    [Fact]
    public async Task Platform_NeedsACaller_AndListsEveryServiceWithItsBuild()
    {
        var key = await host.CreateKeyAsync("ops-" + Guid.NewGuid().ToString("N")[..8], "measurement:read");

        using var anonymous = await host.Rest.GetAsync("/platform");
        using var listed = await SendAsync(HttpMethod.Get, "/platform", key);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var body = await listed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("embedded", body.GetProperty("backend").GetString());
        var services = body.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(["culture", "design", "governance", "measurement", "strategy", "understanding"], services.Keys.Order());
        Assert.Equal(Cx.ServiceDefaults.CxServiceApplication.Version, services["measurement"].GetProperty("version").GetString());
    }

    [Fact]
    public async Task OpenApi_ServedWithoutCredential_WithThePageAndItsAssets()
    {
        using var document = await host.Rest.GetAsync("/openapi.json");
        using var page = await host.Rest.GetAsync("/api-docs");
        using var script = await host.Rest.GetAsync("/api-docs.js");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var json = await document.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("measurement:write", json.GetProperty("paths").GetProperty("/api/measurement/v1/responses").GetProperty("post").GetProperty("x-cx-permission").GetString());
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("api-docs.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_404_WithoutReachingAService()
    {
        var key = await host.CreateKeyAsync("nf-" + Guid.NewGuid().ToString("N")[..8], "*:admin");

        using var response = await SendAsync(HttpMethod.Get, "/api/measurement/v1/no-such-thing", key);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/measurement/v1/responses");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type,traceparent,tracestate,x-portal-request-id");
        return host.Rest.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-api-key", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return host.Rest.SendAsync(request);
    }
}
