using System.Reflection;
using System.Text.Json.Nodes;
using Cx.Deploy.Tests.Support;
using Cx.Eventing.Dapr;
using Cx.Gateway;
using Cx.Host.Platform;
using Cx.Persistence;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Deploy.Tests;

/// <summary>
/// The settings the chart gives each service are settings the services read, and, read by the
/// services' own code, they say what a cluster needs: the dapr backend, PostgreSQL migrated by the
/// hook Jobs, the pub/sub component's name, the gateway's routes to the headless Services.
/// </summary>
public sealed class ConfigurationTests
{
    /// <summary>Variables the OpenTelemetry SDK reads itself (the specification's names).</summary>
    private static readonly string[] OpenTelemetryVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_RESOURCE_ATTRIBUTES"];

    private static readonly Chart Chart = Chart.Instance;

    private static Rendering Rendered => RenderedChart.Of(Combination.Dapr);

    private static RenderedEnvironment Environment => new(Rendered);

    public static TheoryData<string> CatalogServices() => new(Services.Catalog);

    [Theory]
    [MemberData(nameof(CatalogServices))]
    public void EveryVariable_IsASettingTheServiceReads(string service)
    {
        var environment = Environment.All(service);
        var recording = new RecordingConfiguration(environment);
        ReadEverything(service, recording);

        var known = new HashSet<string>(recording.Read, StringComparer.OrdinalIgnoreCase);
        known.UnionWith(PeerKeys(service));
        var substituted = Environment.ContainerVariables(service)
            .Where(v => Json.Has(v, "value"))
            .SelectMany(v => RenderedEnvironment.References(Json.String(v, "value")))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in environment.Keys)
        {
            if (OpenTelemetryVariables.Contains(name))
            {
                continue;
            }

            if (name.StartsWith("K8S_", StringComparison.Ordinal) || name == "CX_RATE_LIMIT_REDIS_PASSWORD")
            {
                // Only there to be substituted into another variable.
                Assert.True(substituted.Contains(name), $"{service}: {name} is set only to be substituted, but no variable refers to $({name})");
                continue;
            }

            Assert.True(known.Contains(RecordingConfiguration.ToKey(name)), $"{service}: the chart sets {name}, but the service never reads {RecordingConfiguration.ToKey(name)}");
        }
    }

    [Theory]
    [MemberData(nameof(CatalogServices))]
    public void ServiceSettings_AreThoseOfAServiceInItsPod(string service)
    {
        var configuration = new RecordingConfiguration(Environment.All(service)).Configuration;
        var settings = CxServiceSettings.From(configuration);
        Assert.Equal("dapr", settings.Backend);
        Assert.Equal("0.0.0.0", settings.BindAddress);
        Assert.Equal(Chart.Number("ports", "grpc"), settings.GrpcPort);
        Assert.Equal(Chart.Number("ports", "http"), settings.HttpPort);
        Assert.Equal(TimeSpan.FromSeconds(Chart.Number("shutdown", "timeoutSeconds")), settings.ShutdownTimeout);

        // The data directory is writable under a read-only root: an emptyDir is mounted there.
        var mount = Json.Array(Rendered.Container(service), "volumeMounts").Cast<JsonObject>().Single(m => Json.String(m, "mountPath") == settings.DataDirectory);
        var volume = Json.Array(Rendered.Deployment(service), "spec", "template", "spec", "volumes").Cast<JsonObject>().Single(v => Json.String(v, "name") == Json.String(mount, "name"));
        Assert.True(Json.Has(volume, "emptyDir"), $"{service}: {settings.DataDirectory} is not an emptyDir");
        Assert.True(Json.Flag(Rendered.Container(service), "securityContext", "readOnlyRootFilesystem"));

        var dapr = DaprEventingOptions.From(configuration);
        Assert.Equal(Chart.Text("dapr", "pubsub", "name"), dapr.PubSubName);
        Assert.Equal(Chart.Text("dapr", "pubsub", "deadLetterTopic"), dapr.DeadLetterTopic);

        // Telemetry goes to the in-chart collector's OTLP gRPC port.
        Assert.True(CxTelemetry.IsOtlpConfigured(configuration));
        Assert.Equal($"http://{Chart.ServiceHost("otel-collector")}:4317", configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }

    [Theory]
    [MemberData(nameof(CatalogServices))]
    public void Database_IsPostgreSql_MigratedByTheHookJobs_NotAtStartUp(string service)
    {
        var hasDatabase = Chart.Flag("services", service, "database");
        var environment = Environment.All(service);
        Assert.Equal(hasDatabase, environment.ContainsKey("ConnectionStrings__" + service));
        if (!hasDatabase)
        {
            return;
        }

        var database = DatabaseSettings.For(service, new RecordingConfiguration(environment).Configuration);
        Assert.Equal(DatabaseProvider.PostgreSql, database.Provider);
        Assert.False(database.MigrateOnStartup);
        Assert.Equal(environment["ConnectionStrings__" + service], database.ConnectionString);

        // The connection string comes from the database Secret, under the service's name.
        var variable = Environment.ContainerVariables(service).Single(v => Json.String(v, "name") == "ConnectionStrings__" + service);
        var secret = RenderedEnvironment.SecretOf(variable);
        Assert.Equal((Chart.ServiceHost("database"), service), secret);
        Assert.True(Json.Has(Rendered.Single("Secret", Chart.ServiceHost("database")), "data", service), $"the database Secret has no key {service}");
    }

    [Fact]
    public void Database_EveryServiceThatKeepsOne_HasTheDatabaseFlag()
    {
        foreach (var service in Services.Catalog)
        {
            var keepsOne = Services.Module(service).GetType().Assembly.GetTypes().Any(t => t.IsSubclassOf(typeof(ServiceDbContext)));
            Assert.True(keepsOne == Chart.Flag("services", service, "database"), $"services.{service}.database should be {keepsOne.ToString().ToLowerInvariant()}");
        }
    }

    [Fact]
    public void Gateway_RoutesToEveryOtherService_AtItsHeadlessServiceName()
    {
        var environment = Environment.All("gateway");
        var gateway = GatewaySettings.From(new RecordingConfiguration(environment).Configuration);
        Assert.True(gateway.ResolveDns);

        var expected = Services.Catalog.Where(s => s != "gateway").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, gateway.Services.Select(s => s.Name).ToArray());
        foreach (var destination in gateway.Services)
        {
            Assert.Equal(new Uri($"http://{Chart.ServiceHost(destination.Name)}:{Chart.Number("ports", "grpc")}"), destination.Grpc);
            Assert.Equal(new Uri($"http://{Chart.ServiceHost(destination.Name)}:{Chart.Number("ports", "http")}"), destination.Http);
            Assert.True(Chart.Flag("services", destination.Name, "service", "headless"), $"{destination.Name}'s Service should be headless, so the gateway balances per pod");
        }

        foreach (var destination in gateway.Services)
        {
            // Its Service: the host name the gateway resolves, headless, with both ports.
            var service = Rendered.Single("Service", Chart.ServiceHost(destination.Name));
            Assert.Equal("None", Json.String(service, "spec", "clusterIP"));
            var ports = Json.Array(service, "spec", "ports").Cast<JsonObject>().ToDictionary(p => Json.String(p, "name"), p => Json.Number(p, "port"));
            Assert.Equal(destination.Grpc.Port, ports["grpc"]);
            Assert.Equal(destination.Http.Port, ports["http"]);
        }
    }

    [Fact]
    public void Platform_ListsEveryOtherService_AtItsServiceName()
    {
        var listed = ConfiguredServices.From(new RecordingConfiguration(Environment.All("platform")).Configuration).Services;

        Assert.Equal(Services.Catalog.Where(s => s != "platform").Order(StringComparer.Ordinal), listed.Select(s => s.Name).Order(StringComparer.Ordinal));
        foreach (var service in listed)
        {
            Assert.Equal($"{Chart.ServiceHost(service.Name)}:{Chart.Number("ports", "grpc")}", service.GrpcAddress);
            Assert.Equal(new Uri($"http://{Chart.ServiceHost(service.Name)}:{Chart.Number("ports", "http")}"), service.HttpUrl);
        }
    }

    [Fact]
    public void Gateway_SharesItsRateLimits_ThroughTheChartsRedis_WithThePasswordFromItsSecret()
    {
        Assert.True(Chart.Flag("redis", "gatewayRateLimits"));
        var variables = Environment.ContainerVariables("gateway");
        var password = Assert.Single(variables, v => Json.String(v, "name") == "CX_RATE_LIMIT_REDIS_PASSWORD");
        Assert.Equal((Chart.ServiceHost("redis"), "password"), RenderedEnvironment.SecretOf(password));
        Assert.True(Json.Has(Rendered.Single("Secret", Chart.ServiceHost("redis")), "data", "password"), "the Redis Secret has no password");

        // What the gateway reads once the kubelet has put the password in: the chart's Redis, with it.
        var read = GatewaySettings.From(new RecordingConfiguration(Environment.All("gateway")).Configuration);
        var redis = StackExchange.Redis.ConfigurationOptions.Parse(read.RateLimits.Redis!);
        Assert.Equal(RenderedEnvironment.SecretPlaceholder, redis.Password);
        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(Assert.Single(redis.EndPoints));
        Assert.Equal((Chart.ServiceHost("redis"), 6379), (endpoint.Host, endpoint.Port));

        // The other services share nothing through it.
        foreach (var service in Services.Catalog.Where(s => s != "gateway"))
        {
            Assert.DoesNotContain(Environment.ContainerVariables(service), v => Json.String(v, "name") == "CX_RATE_LIMIT_REDIS_PASSWORD");
        }
    }

    [Fact]
    public void Gateway_GetsNoSecretsFromValues_TheJwtSettingsComeFromASecret()
    {
        foreach (var service in Chart.Services.Keys)
        {
            Assert.Empty(Chart.Map(Chart.Values, "services", service, "secretEnv").Children);
            Assert.Empty(Chart.Map(Chart.Values, "services", service, "env").Children);
        }

        Assert.Equal("", Chart.Text("database", "external", "password"));
        Assert.Equal("", Chart.Text("postgresql", "auth", "password"));
        Assert.Equal("", Chart.Text("redis", "password"));
        Assert.DoesNotContain(Environment.All("gateway").Keys, k => k.StartsWith("Cx__Gateway__Jwt", StringComparison.Ordinal));
        Assert.DoesNotContain(Json.Array(Rendered.Container("gateway"), "envFrom"), s => Json.Has(s!, "secretRef"));

        // Named in envFromSecret, the Secret is loaded whole into the gateway, and only there.
        var withSecret = RenderedChart.Of(Combination.AutoscalingAndNetworkPolicies);
        var secrets = Json.Array(withSecret.Container("gateway"), "envFrom").Where(s => Json.Has(s!, "secretRef")).Select(s => Json.String(s!, "secretRef", "name"));
        Assert.Equal(["cx-gateway-jwt"], secrets);
        Assert.DoesNotContain(Json.Array(withSecret.Container("platform"), "envFrom"), s => Json.Has(s!, "secretRef"));
    }

    [Theory]
    [MemberData(nameof(CatalogServices))]
    public void Peers_EveryPeerAddressAServiceReads_IsItsPeersGrpcService(string service)
    {
        var configMap = Environment.ConfigMap(service);
        var peers = PeerKeys(service).Select(k => k["Cx:Peers:".Length..].ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(peers, Chart.List(Chart.Values, "services", service, "peers").Order(StringComparer.Ordinal).ToArray());
        foreach (var key in PeerKeys(service))
        {
            var peer = key["Cx:Peers:".Length..].ToLowerInvariant();
            var variable = configMap.Keys.Single(k => string.Equals(RecordingConfiguration.ToKey(k), key, StringComparison.OrdinalIgnoreCase));
            // The DNS form of the headless Service, so the peer client balances over its pods.
            Assert.Equal($"dns:///{Chart.ServiceHost(peer)}:{Chart.Number("ports", "grpc")}", configMap[variable]);
            Assert.True(Chart.Flag("services", peer, "service", "headless"), $"{peer}'s Service should be headless, so its pods are resolved one by one");
        }
    }

    /// <summary>Runs every reader of configuration the service has, so the recording sees what it reads.</summary>
    private static void ReadEverything(string service, RecordingConfiguration recording)
    {
        var configuration = recording.Configuration;
        _ = CxServiceSettings.From(configuration);
        _ = DaprEventingOptions.From(configuration);
        _ = CxTelemetry.IsOtlpConfigured(configuration);
        _ = Cx.ServiceDefaults.Identity.IdentitySettings.From(configuration);
        if (Chart.Flag("services", service, "database"))
        {
            _ = DatabaseSettings.For(service, configuration);
        }

        if (service == "gateway")
        {
            _ = GatewaySettings.From(configuration);
        }

        if (service == "platform")
        {
            _ = ConfiguredServices.From(configuration);
        }

        _ = Services.Subscriptions(service, configuration);
    }

    /// <summary>The Cx:Peers:&lt;name&gt; keys a service's module declares (its gRPC clients' addresses), registered with the chart's environment.</summary>
    private static string[] PeerKeys(string service)
    {
        var services = new ServiceCollection();
        Services.Module(service).AddServices(services, new RecordingConfiguration(Environment.All(service)).Configuration);
        return services.Select(d => d.ImplementationInstance).OfType<CxPeer>().Select(p => p.AddressKey).ToArray();
    }
}
