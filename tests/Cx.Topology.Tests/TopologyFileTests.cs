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
/// tye.yaml as `cx run` reads it: generated from the catalog (CatalogTests), its addresses meet the
/// bindings they name and each entry starts this build's `cx serve`; and no service module of the
/// solution is missing from the catalog.
/// </summary>
public sealed class TopologyFileTests
{
    private const string Loopback = "http://127.0.0.1:";

    private static readonly Cx.Host.Launch.Topology.Topology Tye = TyeFile.Load(Repository.PathOf("tye.yaml"));

    public static TheoryData<string> CatalogServices => [.. ServiceCatalog.All.Select(s => s.Name)];

    [Fact]
    public void TyeYaml_EveryAddress_IsTheBindingOfTheServiceItNames()
    {
        var bindings = Tye.Services.ToDictionary(s => s.Name, s => s.Bindings.ToDictionary(b => b.Name ?? string.Empty, b => b.Port));
        foreach (var service in Tye.Services)
        {
            // Cx__Peers__<Name>, Cx__Gateway__Services__<name>__Grpc|Http, Cx__Platform__Services__<name>__Grpc|Http.
            foreach (var (key, value) in service.Environment.Where(e => e.Key.StartsWith("Cx__Peers__", StringComparison.Ordinal) || e.Key.Contains("__Services__", StringComparison.Ordinal)))
            {
                var parts = key.Split("__");
                var (target, binding) = key.StartsWith("Cx__Peers__", StringComparison.Ordinal) ? (parts[2].ToLowerInvariant(), "grpc") : (parts[3], parts[4].ToLowerInvariant());
                Assert.True(bindings.TryGetValue("cx-" + target, out var ports), $"{service.Name}: {key} names {target}, which has no entry");
                Assert.Equal(Loopback + ports[binding], value);
            }
        }

        Assert.Equal(Loopback + Tye["cx-measurement"].Bindings.Single(b => b.Name == "grpc").Port, Tye["cx-governance"].Env("Cx__Peers__Measurement"));

        // No address anywhere points at a port no entry binds (telemetry's collector is outside the topology).
        var bound = Tye.Services.SelectMany(s => s.Bindings).Select(b => b.Port).ToHashSet();
        var addresses = Tye.Services.SelectMany(s => s.Environment)
            .Where(e => e.Key != "OTEL_EXPORTER_OTLP_ENDPOINT" && e.Value.StartsWith(Loopback, StringComparison.Ordinal));
        Assert.All(addresses, e => Assert.Contains(int.Parse(e.Value[Loopback.Length..].TrimEnd('/'), System.Globalization.CultureInfo.InvariantCulture), bound));
    }

    [Fact]
    public void TyeYaml_CxRun_StartsEachCatalogServiceAsThisBuildsCxServe_AndItsRedis()
    {
        var runner = new TopologyRunner(Tye, new TopologyRunnerOptions());
        foreach (var slot in ServiceCatalog.All)
        {
            var (program, arguments) = runner.CommandFor(Tye[slot.ProcessName]);
            Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(program));
            Assert.Equal([typeof(TopologyRunner).Assembly.Location, "serve", slot.Name], arguments);
        }

        Assert.Equal(("redis-server", "6379"), (runner.CommandFor(Tye["redis"]).Program, Tye["redis"].Args[1]));
        Assert.Equal(["--port", "6379", "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "yes", "--appendfsync", "everysec"], Tye["redis"].Args);
        Assert.Equal("data/redis", Tye["redis"].WorkingDirectory);
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

/// <summary>dapr.yaml (generated, see CatalogTests) runs this build for each app, with local resources for the component the services name.</summary>
public sealed class DaprFileTests
{
    private static readonly DaprRunFile Dapr = DaprRunFile.Load(Repository.PathOf("dapr.yaml"));

    [Fact]
    public void DaprYaml_EveryApp_RunsThisBuildsCxServeOfItsService()
    {
        foreach (var slot in ServiceCatalog.All)
        {
            var app = Dapr.App(slot.ProcessName);
            Assert.Equal(["serve", slot.Name], app.Command.Skip(app.Command.Count - 2));
            Assert.True(File.Exists(Path.Combine(Repository.Root, app.AppDirPath, app.Command[1])), $"{app.Command[1]} exists under {app.AppDirPath} (after a build)");
        }
    }

    [Fact]
    public void DaprYaml_AServiceUsingEvents_IsCalledOnItsOwnAppPort_NeverOnTheOtherTwo()
    {
        var measurement = Dapr.App("cx-measurement");
        Assert.Equal((7142, "http"), (measurement.AppPort, measurement.AppProtocol));
        Assert.Equal(("7142", "7141", "7140"), (measurement.Env("Cx__Eventing__Dapr__AppPort"), measurement.Env("Cx__Ports__Http"), measurement.Env("Cx__Ports__Grpc")));

        // The platform service uses no events: its sidecar has no app port to call.
        Assert.Null(Dapr.App("cx-platform").AppPort);
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
