using Cx.Host.Launch;
using YamlDotNet.RepresentationModel;

namespace Cx.Host.Tests;

/// <summary>tye.yaml describes what `cx up` really runs: a binding for each port of each service.</summary>
public sealed class TopologyFileTests
{
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cx.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cx.slnx was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void TyeYaml_Bindings_MatchThePortPlanOfEveryService()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot(), "tye.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var cx = ((YamlSequenceNode)root["services"]).Children.OfType<YamlMappingNode>().Single(s => s["name"].ToString() == "cx");
        var bindings = ((YamlSequenceNode)cx["bindings"]).Children.OfType<YamlMappingNode>()
            .ToDictionary(b => b["name"].ToString(), b => int.Parse(b["port"].ToString(), System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains($"--base-port {ServiceCatalog.DefaultBasePort}", cx["args"].ToString(), StringComparison.Ordinal);
        var expected = ServiceCatalog.All.SelectMany(s =>
        {
            var (grpc, http) = ServiceCatalog.PortsFor(s, ServiceCatalog.DefaultBasePort);
            return new[] { ($"{s.Name}-grpc", grpc), ($"{s.Name}-http", http) };
        }).ToDictionary(p => p.Item1, p => p.Item2);
        Assert.Equal(expected.OrderBy(p => p.Key), bindings.OrderBy(p => p.Key));
    }
}
