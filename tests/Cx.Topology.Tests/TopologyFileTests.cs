using System.Reflection;
using System.Xml.Linq;
using Cx.Eventing.Dapr;
using Cx.Governance;
using Cx.Host.Launch;
using Cx.Host.Launch.Topology;
using Cx.ServiceDefaults;
using Cx.Topology.Tests.Support;

namespace Cx.Topology.Tests;

/// <summary>
/// tye.yaml describes every service of the catalog as a process of its own, on the port plan, with
/// what it needs (database, events, peers) and nothing stale: a service added to the catalog fails
/// here until it has its entry.
/// </summary>
public sealed class TopologyFileTests
{
    private const string Loopback = "http://127.0.0.1:";

    private static readonly Cx.Host.Launch.Topology.Topology Tye = TyeFile.Load(Repository.PathOf("tye.yaml"));

    public static TheoryData<string> CatalogServices => [.. ServiceCatalog.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(CatalogServices))]
    public void TyeYaml_CatalogService_IsOneCxServeProcessOnTheRedisBackend(string name)
    {
        var slot = ServiceCatalog.Find(name)!;
        var (grpc, http) = ServiceCatalog.PortsFor(slot, ServiceCatalog.DefaultBasePort);

        var entry = Tye[slot.ProcessName];

        Assert.Equal(TopologyKind.Project, entry.Kind);
        Assert.Equal(TopologyRunner.HostProjectFile, Path.GetFileName(entry.Target));
        Assert.True(File.Exists(Path.Combine(Tye.Directory, entry.Target)), entry.Target + " exists");
        Assert.Equal(["serve", name], entry.Args);
        Assert.Equal([("grpc", grpc), ("http", http)], entry.Bindings.Select(b => (b.Name, b.Port)));
        Assert.Equal("redis", entry.Env("Cx__Backend"));
        Assert.Equal(grpc.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Env("Cx__Ports__Grpc"));
        Assert.Equal(http.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Env("Cx__Ports__Http"));
        Assert.Equal(("/health/ready", http), (entry.Readiness?.Path, entry.ProbedBinding?.Port));

        // Its telemetry keeps the name a lone service gives itself (cx-<service>), and is exported.
        Assert.Null(entry.Env("OTEL_SERVICE_NAME"));
        Assert.False(string.IsNullOrEmpty(entry.Env("OTEL_EXPORTER_OTLP_ENDPOINT")));
    }

    [Theory]
    [MemberData(nameof(CatalogServices))]
    public void TyeYaml_CatalogService_GetsTheDatabaseAndEventsItUses(string name)
    {
        var slot = ServiceCatalog.Find(name)!;
        var needs = ServiceNeeds.Of(slot, "redis");
        var entry = Tye[slot.ProcessName];
        var redis = Assert.Single(Tye["redis"].Bindings);

        Assert.Equal(needs.Database, entry.Env($"ConnectionStrings__{name}") is not null);
        Assert.Equal(needs.Database ? "true" : null, entry.Env("Cx__Database__MigrateOnStartup"));
        Assert.Equal(needs.Events ? $"127.0.0.1:{redis.Port}" : null, entry.Env("Cx__Eventing__Redis__Configuration"));
    }

    [Fact]
    public void TyeYaml_Addresses_AreTheBindingsOfTheServicesTheyName()
    {
        var gateway = Tye[ServiceCatalog.Find("gateway")!.ProcessName];
        var platform = Tye[ServiceCatalog.Find("platform")!.ProcessName];
        foreach (var slot in ServiceCatalog.All)
        {
            var (grpc, http) = ServiceCatalog.PortsFor(slot, ServiceCatalog.DefaultBasePort);
            Assert.Equal(Loopback + grpc, platform.Env($"Cx__Platform__Services__{slot.Name}__Grpc"));
            Assert.Equal(Loopback + http, platform.Env($"Cx__Platform__Services__{slot.Name}__Http"));
            if (slot.Name != "gateway")
            {
                Assert.Equal(Loopback + grpc, gateway.Env($"Cx__Gateway__Services__{slot.Name}__Grpc"));
                Assert.Equal(Loopback + http, gateway.Env($"Cx__Gateway__Services__{slot.Name}__Http"));
            }
        }

        var measurementGrpc = ServiceCatalog.PortsFor(ServiceCatalog.Find("measurement")!, ServiceCatalog.DefaultBasePort).Grpc;
        Assert.Equal(Loopback + measurementGrpc, Tye["cx-governance"].Env("Cx__Peers__Measurement"));

        // No address anywhere points at a port no entry binds (telemetry's collector is outside the topology).
        var bound = Tye.Services.SelectMany(s => s.Bindings).Select(b => b.Port).ToHashSet();
        var addresses = Tye.Services.SelectMany(s => s.Environment)
            .Where(e => e.Key != "OTEL_EXPORTER_OTLP_ENDPOINT" && e.Value.StartsWith(Loopback, StringComparison.Ordinal));
        Assert.All(addresses, e => Assert.Contains(int.Parse(e.Value[Loopback.Length..].TrimEnd('/'), System.Globalization.CultureInfo.InvariantCulture), bound));
    }

    [Fact]
    public void TyeYaml_EveryEntry_IsACatalogServiceOrItsRedis_AndCxRunCanStartIt()
    {
        var expected = ServiceCatalog.All.Select(s => s.ProcessName).Append("redis").Order(StringComparer.Ordinal);
        Assert.Equal(expected, Tye.Services.Select(s => s.Name).Order(StringComparer.Ordinal));

        var runner = new TopologyRunner(Tye, new TopologyRunnerOptions());
        foreach (var slot in ServiceCatalog.All)
        {
            var (program, arguments) = runner.CommandFor(Tye[slot.ProcessName]);
            Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(program));
            Assert.Equal([typeof(TopologyRunner).Assembly.Location, "serve", slot.Name], arguments);
        }

        Assert.Equal(("redis-server", "6379"), (runner.CommandFor(Tye["redis"]).Program, Tye["redis"].Args[1]));
        Assert.Equal(["--port", "6379", "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"], Tye["redis"].Args);
    }

    [Fact]
    public void Solution_EveryServiceModule_IsInTheCatalog()
    {
        // Every project of the solution's services/ and gateway/ folders that defines a service module.
        var solution = XDocument.Load(Repository.PathOf("Cx.slnx"));
        var projects = solution.Descendants("Project").Select(p => (string)p.Attribute("Path")!)
            .Where(p => p.StartsWith("services/", StringComparison.Ordinal) || p.StartsWith("gateway/", StringComparison.Ordinal));
        var modules = projects
            .Select(AssemblyOf)
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(ICxServiceModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .ToList();
        var catalogued = ServiceCatalog.All.Select(s => s.Create(null).GetType()).ToHashSet();

        Assert.NotEmpty(modules);
        Assert.All(modules, m => Assert.Contains(m, catalogued));
    }

    private static Assembly AssemblyOf(string project)
    {
        // A project's assembly is named after it unless its project file says otherwise (cx).
        var file = XDocument.Load(Repository.PathOf(project));
        var name = file.Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault() ?? Path.GetFileNameWithoutExtension(project);
        return Assembly.Load(name);
    }
}

/// <summary>dapr.yaml describes the same topology for the dapr backend (Dapr multi-app run), with its local resources.</summary>
public sealed class DaprFileTests
{
    private static readonly Cx.Host.Launch.Topology.Topology Tye = TyeFile.Load(Repository.PathOf("tye.yaml"));

    private static readonly DaprRunFile Dapr = DaprRunFile.Load(Repository.PathOf("dapr.yaml"));

    [Theory]
    [MemberData(nameof(TopologyFileTests.CatalogServices), MemberType = typeof(TopologyFileTests))]
    public void DaprYaml_CatalogService_IsAnAppOnTheDaprBackend(string name)
    {
        var slot = ServiceCatalog.Find(name)!;
        var (grpc, http) = ServiceCatalog.PortsFor(slot, ServiceCatalog.DefaultBasePort);
        var needs = ServiceNeeds.Of(slot, "dapr");

        var app = Dapr.App(slot.ProcessName);

        Assert.Equal(http, app.AppPort);
        Assert.Equal("http", app.AppProtocol);
        Assert.Equal(["serve", name], app.Command.Skip(app.Command.Count - 2));
        Assert.True(File.Exists(Path.Combine(Repository.Root, app.AppDirPath, app.Command[1])), $"{app.Command[1]} exists under {app.AppDirPath} (after a build)");
        Assert.Equal("dapr", app.Env("Cx__Backend"));
        Assert.Equal(grpc.ToString(System.Globalization.CultureInfo.InvariantCulture), app.Env("Cx__Ports__Grpc"));
        Assert.Equal(http.ToString(System.Globalization.CultureInfo.InvariantCulture), app.Env("Cx__Ports__Http"));
        Assert.Equal(needs.Database, app.Env($"ConnectionStrings__{name}") is not null);

        // The same addresses as tye.yaml: the two files describe one topology.
        var tye = Tye[slot.ProcessName];
        foreach (var (key, value) in tye.Environment.Where(e => e.Key.StartsWith("Cx__Gateway__Services__", StringComparison.Ordinal)
            || e.Key.StartsWith("Cx__Platform__Services__", StringComparison.Ordinal) || e.Key.StartsWith("Cx__Peers__", StringComparison.Ordinal)))
        {
            Assert.Equal(value, app.Env(key));
        }
    }

    [Fact]
    public void DaprYaml_Apps_AreExactlyTheCatalogServices()
    {
        Assert.Equal("1", Dapr.Version);
        Assert.Equal(ServiceCatalog.All.Select(s => s.ProcessName).Order(StringComparer.Ordinal), Dapr.Apps.Select(a => a.AppId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DaprYaml_Resources_DeclareThePubSubTheServicesPublishTo()
    {
        var resources = Dapr.Resources();

        var pubsub = Assert.Single(resources, r => r.Kind == "Component" && r.Name == new DaprEventingOptions().PubSubName);
        Assert.StartsWith("pubsub.", pubsub.Type, StringComparison.Ordinal);
        var resiliency = Assert.Single(resources, r => r.Kind == "Resiliency");
        Assert.Contains(new DaprEventingOptions().PubSubName, resiliency.TargetComponents);
        Assert.True(File.Exists(Path.Combine(Repository.Root, Dapr.ConfigFilePath)), Dapr.ConfigFilePath + " exists");
    }
}
