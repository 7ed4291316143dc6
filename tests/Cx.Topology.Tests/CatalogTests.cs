using System.Text.RegularExpressions;
using Cx.Host.Catalog;
using Cx.Host.Commands;
using Cx.Host.Launch;
using Cx.Host.Launch.Topology;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Cx.Topology.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Cx.Topology.Tests;

/// <summary>
/// The service catalog is the one source of the topology: the committed tye.yaml, dapr.yaml, local
/// Dapr component, Dockerfiles and chart values are exactly what `cx catalog write` makes of it, any
/// hand edit of one of their entries is caught, and a new service needs nothing but its entry.
/// </summary>
public sealed partial class CatalogTests
{
    private static readonly string[] SourceFolders = ["services", "gateway"];

    [Fact]
    public void CommittedFiles_AreExactlyWhatTheCatalogGenerates()
    {
        var drifts = CatalogDrift.Check(Repository.Root, CatalogFiles.All());

        Assert.True(drifts.Count == 0, "Generated files differ from the catalog (run ./cx catalog write):\n" + string.Join('\n', drifts.Select(d => $"{d.Path} {d.Problem}")));
    }

    public static TheoryData<string, string, string> HandEdits => new()
    {
        // measurement's HTTP binding moved.
        { CatalogFiles.TyeYaml, "{name: http, port: 7141, protocol: http}", "{name: http, port: 7142, protocol: http}" },
        // governance pointed at another measurement.
        { CatalogFiles.DaprYaml, "Cx__Peers__Measurement: \"http://127.0.0.1:7140\"", "Cx__Peers__Measurement: \"http://127.0.0.1:7145\"" },
        // measurement allowed more pods.
        { CatalogFiles.ChartValues, "maxReplicas: 8", "maxReplicas: 9" },
        // a subscription measurement's module does not declare.
        { CatalogFiles.ChartEvents, "  subscribes:\n    - cx.governance.case_closed.v1\n", "  subscribes:\n    - cx.governance.case_closed.v1\n    - cx.governance.case_opened.v1\n" },
        // the gateway's sidecar left without the component.
        { CatalogFiles.DaprPubSub, "  - cx-gateway\n", string.Empty },
        // the measurement image running another service.
        { "deploy/images/measurement.Dockerfile", "\"serve\", \"measurement\"", "\"serve\", \"governance\"" },
    };

    [Theory]
    [MemberData(nameof(HandEdits))]
    public void Check_OneEntryEditedByHand_FailsNamingThatFileAlone(string file, string entry, string edited)
    {
        using var copy = CheckoutCopy.Make();
        var text = File.ReadAllText(copy.PathOf(file));
        var at = text.IndexOf(entry, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{file} has no \"{entry}\" to edit");
        File.WriteAllText(copy.PathOf(file), string.Concat(text.AsSpan(0, at), edited, text.AsSpan(at + entry.Length)));

        var drift = Assert.Single(CatalogDrift.Check(copy.Root, CatalogFiles.All()));

        Assert.Equal(file, drift.Path);
    }

    [Fact]
    public void Check_HandWrittenLinesOfValues_AreTheirAuthors_AndWriteKeepsThem()
    {
        using var copy = CheckoutCopy.Make();
        var values = copy.PathOf(CatalogFiles.ChartValues);
        var text = File.ReadAllText(values);
        var handWritten = text.Replace("  preStopSleepSeconds: 15\n", "  preStopSleepSeconds: 20\n", StringComparison.Ordinal);
        Assert.NotEqual(text, handWritten);
        var both = handWritten.Replace("    replicas: 2\n", "    replicas: 3\n", StringComparison.Ordinal);
        File.WriteAllText(values, handWritten);

        Assert.Empty(CatalogDrift.Check(copy.Root, CatalogFiles.All()));

        File.WriteAllText(values, both);
        Assert.Equal([CatalogFiles.ChartValues], CatalogDrift.Check(copy.Root, CatalogFiles.All()).Select(d => d.Path));
        Assert.Equal([CatalogFiles.ChartValues], CatalogDrift.Write(copy.Root, CatalogFiles.All()));
        Assert.Equal(handWritten, File.ReadAllText(values));
    }

    [Fact]
    public void Check_ValuesWithoutItsMarkers_SaysWhichLinesItNeeds_AndWriteRefusesToGuess()
    {
        using var copy = CheckoutCopy.Make();
        var values = copy.PathOf(CatalogFiles.ChartValues);
        var text = File.ReadAllText(values).Replace(CatalogDrift.EndMarker(CatalogFiles.ValuesRegion) + "\n", string.Empty, StringComparison.Ordinal);
        File.WriteAllText(values, text);

        var drift = Assert.Single(CatalogDrift.Check(copy.Root, CatalogFiles.All()));
        Assert.Contains(CatalogDrift.EndMarker(CatalogFiles.ValuesRegion), drift.Problem, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => CatalogDrift.Write(copy.Root, CatalogFiles.All()));
        Assert.Equal(text, File.ReadAllText(values));
    }

    [Fact]
    public void Check_DockerfileOfNoCatalogService_IsDrift_AndWriteRemovesIt()
    {
        using var copy = CheckoutCopy.Make();
        var stale = $"{CatalogFiles.ImagesDirectory}/retired.Dockerfile";
        File.Copy(copy.PathOf("deploy/images/measurement.Dockerfile"), copy.PathOf(stale));

        Assert.Equal([stale], CatalogDrift.Check(copy.Root, CatalogFiles.All()).Select(d => d.Path));
        Assert.Equal([stale], CatalogDrift.Write(copy.Root, CatalogFiles.All()));
        Assert.False(File.Exists(copy.PathOf(stale)));
        Assert.True(File.Exists(copy.PathOf($"{CatalogFiles.ImagesDirectory}/{CatalogFiles.SharedDockerfile}")), "the shared image is written by hand and stays");
    }

    [Fact]
    public async Task CatalogCommand_CheckFailsListingTheDriftedFiles_WriteRepairsThem_ThenCheckPasses()
    {
        using var copy = CheckoutCopy.Make();
        File.AppendAllText(copy.PathOf(CatalogFiles.TyeYaml), "# a note\n");
        File.Delete(copy.PathOf("deploy/images/gateway.Dockerfile"));

        var (checkExit, checkOutput) = await CxAsync("catalog", "check", "--root", copy.Root);
        Assert.Equal(CatalogCommand.Drifted, checkExit);
        Assert.Contains("tye.yaml differs from the catalog", checkOutput, StringComparison.Ordinal);
        Assert.Contains("deploy/images/gateway.Dockerfile missing", checkOutput, StringComparison.Ordinal);

        var (writeExit, writeOutput) = await CxAsync("catalog", "write", "--root", copy.Root);
        Assert.Equal(0, writeExit);
        Assert.Contains("tye.yaml", writeOutput, StringComparison.Ordinal);

        Assert.Equal(0, (await CxAsync("catalog", "check", "--root", copy.Root)).Exit);
        Assert.Equal(File.ReadAllText(Repository.PathOf(CatalogFiles.TyeYaml)), File.ReadAllText(copy.PathOf(CatalogFiles.TyeYaml)));
    }

    [Fact]
    public void Catalog_EveryPeerAModuleDeclares_IsACatalogServiceThatCxUpStartsBeforeIt()
    {
        var order = ServiceCatalog.All.Select(s => s.Name).ToList();
        var peers = ServiceCatalog.All.SelectMany(s => ServiceTraits.Of(s).Peers.Select(p => (s.Name, Peer: p.Service))).ToList();

        Assert.Contains(("governance", "measurement"), peers);
        Assert.All(peers, p => Assert.True(order.IndexOf(p.Peer) >= 0 && order.IndexOf(p.Peer) < order.IndexOf(p.Name), $"{p.Name} calls {p.Peer}, which must be a catalog service started before it"));
    }

    [Fact]
    public void Catalog_NamesAndSlots_AreUnique()
    {
        Assert.Equal(ServiceCatalog.All.Count, ServiceCatalog.All.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ServiceCatalog.All.Count, ServiceCatalog.All.Select(s => s.Slot).Distinct().Count());
    }

    /// <summary>
    /// No service's code names a port of the port plan: a peer's address reaches it only as
    /// configuration, which the host fills from the catalog.
    /// </summary>
    [Fact]
    public void ServiceSources_NameNoPortOfThePortPlan()
    {
        var ports = ServiceCatalog.All.SelectMany(s => new[] { ServiceCatalog.PortsFor(s, ServiceCatalog.DefaultBasePort).Grpc, ServiceCatalog.PortsFor(s, ServiceCatalog.DefaultBasePort).Http }).ToHashSet();
        var sources = SourceFolders
            .SelectMany(folder => Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Cx.Host{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var named = sources
            .SelectMany(f => AddressWithPort().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Repository.Root, f), Port: int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture))))
            .Where(m => ports.Contains(m.Port))
            .ToList();

        Assert.True(named.Count == 0, "Ports of the plan named in service code: " + string.Join(", ", named.Select(n => $"{n.File} ({n.Port})")));
    }

    [Fact]
    public void NewService_IsOneCatalogEntry_InEveryGeneratedFile_WithThePeersItsModuleDeclares()
    {
        var loyalty = new ServiceSlot("loyalty", 2, _ => new PeerCallingModule("loyalty", "Cx:Peers:Governance")) { Summary = "the loyalty service" };
        var files = CatalogFiles.For([.. ServiceCatalog.All.SkipLast(1), loyalty, ServiceCatalog.All[^1]]);
        using var copy = CheckoutCopy.Make();
        CatalogDrift.Write(copy.Root, files);

        var tye = TyeFile.Load(copy.PathOf(CatalogFiles.TyeYaml));
        var entry = tye["cx-loyalty"];
        Assert.Equal(["serve", "loyalty"], entry.Args);
        Assert.Equal([7120, 7121], entry.Bindings.Select(b => b.Port));
        Assert.Equal("http://127.0.0.1:7150", entry.Env("Cx__Peers__Governance"));
        Assert.Null(entry.Env("ConnectionStrings__loyalty"));
        Assert.Equal("http://127.0.0.1:7120", tye["cx-gateway"].Env("Cx__Gateway__Services__loyalty__Grpc"));
        Assert.Equal("http://127.0.0.1:7121", tye["cx-platform"].Env("Cx__Platform__Services__loyalty__Http"));

        var app = DaprRunFile.Load(copy.PathOf(CatalogFiles.DaprYaml)).App("cx-loyalty");
        // It uses no events: its sidecar never calls it, so it has no app port.
        Assert.Equal(((int?)null, "http://127.0.0.1:7150"), (app.AppPort, app.Env("Cx__Peers__Governance")));

        Assert.Equal(["dotnet", "/app/cx.dll", "serve", "loyalty"], Assert.Single(Dockerfile.Read(copy.PathOf("deploy/images/loyalty.Dockerfile")), i => i.Keyword == "ENTRYPOINT").ExecForm);

        var values = new YamlDotNet.RepresentationModel.YamlStream();
        values.Load(new StringReader(File.ReadAllText(copy.PathOf(CatalogFiles.ChartValues))));
        var services = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)values.Documents[0].RootNode)["services"];
        var chartEntry = (YamlDotNet.RepresentationModel.YamlMappingNode)services["loyalty"];
        Assert.Equal("governance", ((YamlDotNet.RepresentationModel.YamlScalarNode)((YamlDotNet.RepresentationModel.YamlSequenceNode)chartEntry["peers"]).Children.Single()).Value);
        Assert.Equal("cx-loyalty", ((YamlDotNet.RepresentationModel.YamlScalarNode)((YamlDotNet.RepresentationModel.YamlMappingNode)chartEntry["dapr"])["appId"]).Value);
        Assert.Equal(ServiceCatalog.All.Count + 1, services.Children.Count);
    }

    private static async Task<(int Exit, string Output)> CxAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 400;
        var exit = await CxCli.Create(console).Parse(args).InvokeAsync();
        return (exit, output.ToString());
    }

    // An address in code: a host and a port, e.g. "127.0.0.1:7140" or "localhost:7151".
    [GeneratedRegex(@"(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\]):(?<port>\d{2,5})\b", RegexOptions.CultureInvariant)]
    private static partial Regex AddressWithPort();

    /// <summary>A service module that calls one peer and keeps nothing else: what a new discipline's folder declares.</summary>
    private sealed class PeerCallingModule(string name, string peerKey) : ICxServiceModule
    {
        public string Name => name;

        public void AddServices(IServiceCollection services, IConfiguration configuration) =>
            services.AddCxPeerClient<Cx.Governance.V1.GovernanceService.GovernanceServiceClient>(configuration, peerKey);

        public void MapEndpoints(IEndpointRouteBuilder endpoints)
        {
        }
    }

    /// <summary>The generated files of this checkout (and the hand-written one beside them), copied to a temporary root.</summary>
    private sealed class CheckoutCopy : IDisposable
    {
        private CheckoutCopy(string root) => Root = root;

        public string Root { get; }

        public static CheckoutCopy Make()
        {
            var copy = new CheckoutCopy(Directory.CreateTempSubdirectory("cx-catalog-").FullName);
            var paths = CatalogFiles.All().Select(f => f.Path)
                .Concat(Directory.GetFiles(Repository.PathOf(CatalogFiles.ImagesDirectory), "*.Dockerfile").Select(f => $"{CatalogFiles.ImagesDirectory}/{Path.GetFileName(f)}"))
                .Distinct(StringComparer.Ordinal);
            foreach (var path in paths)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(copy.PathOf(path))!);
                File.Copy(Repository.PathOf(path), copy.PathOf(path));
            }

            return copy;
        }

        public string PathOf(string relative) => Path.Combine(Root, relative);

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
