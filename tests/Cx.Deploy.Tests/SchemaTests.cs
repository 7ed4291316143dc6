using System.Text.Json;
using Cx.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Cx.Deploy.Tests;

/// <summary>
/// values.schema.json, checked by a real JSON Schema validator (python3-jsonschema), as Helm checks
/// values before rendering: it accepts values.yaml and refuses values the chart cannot work with.
/// </summary>
public sealed class SchemaTests
{
    private static readonly string SchemaPath = Path.Combine(Chart.Instance.Directory, "values.schema.json");

    [Fact]
    public void Schema_AcceptsValuesYaml()
    {
        Assert.Empty(Validate(File.ReadAllText(Path.Combine(Chart.Instance.Directory, "values.yaml"))));
    }

    [Fact]
    public void Schema_RefusesAWrongType()
    {
        var errors = ValidateChanged(values => Chart.Map(values, "services", "measurement").Children[new YamlScalarNode("replicas")] = new YamlScalarNode("two"));
        Assert.Contains(errors, e => e.Path == "services.measurement.replicas" && e.Message.Contains("integer", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_RefusesAMissingImageTag()
    {
        var errors = ValidateChanged(values => Chart.Map(values, "global", "image").Children.Remove(new YamlScalarNode("tag")));
        Assert.Contains(errors, e => e.Path == "global.image" && e.Message.Contains("'tag' is a required property", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("global.image")]
    [InlineData("services.gateway.image")]
    [InlineData("postgresql.image")]
    [InlineData("redis.image")]
    [InlineData("otelCollector.image")]
    public void Schema_RefusesTheLatestTag(string image)
    {
        var errors = ValidateChanged(values => Chart.Map(values, image.Split('.')).Children[new YamlScalarNode("tag")] = new YamlScalarNode("latest"));
        Assert.Contains(errors, e => e.Path == image + ".tag");
    }

    [Fact]
    public void Schema_RefusesAMisspelledSetting()
    {
        var errors = ValidateChanged(values => Chart.Map(values, "services", "gateway").Children[new YamlScalarNode("replica")] = new YamlScalarNode("3"));
        Assert.Contains(errors, e => e.Path == "services.gateway" && e.Message.Contains("'replica' was unexpected", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_RefusesAServiceEntryWithoutItsSettings()
    {
        var errors = ValidateChanged(values => Chart.Map(values, "services").Children[new YamlScalarNode("strategy")] = new YamlMappingNode(new YamlScalarNode("enabled"), new YamlScalarNode("true")));
        foreach (var required in new[] { "replicas", "image", "resources", "database", "dapr" })
        {
            Assert.Contains(errors, e => e.Path == "services.strategy" && e.Message == $"'{required}' is a required property");
        }
    }

    [Fact]
    public void Schema_RefusesADaprAppProtocolOtherThanHttp()
    {
        var errors = ValidateChanged(values => Chart.Map(values, "services", "measurement", "dapr").Children[new YamlScalarNode("appProtocol")] = new YamlScalarNode("grpc"));
        Assert.Contains(errors, e => e.Path == "services.measurement.dapr.appProtocol");
    }

    private sealed record SchemaError(string Path, string Message);

    private static List<SchemaError> ValidateChanged(Action<YamlMappingNode> change)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Chart.Instance.Directory, "values.yaml")))
        {
            yaml.Load(reader);
        }

        change((YamlMappingNode)yaml.Documents[0].RootNode);
        using var writer = new StringWriter();
        yaml.Save(writer, assignAnchors: false);
        var errors = Validate(writer.ToString());
        Assert.NotEmpty(errors);
        return errors;
    }

    private static List<SchemaError> Validate(string valuesYaml)
    {
        Tools.Require();
        var file = Path.Combine(Path.GetTempPath(), $"cx-values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, valuesYaml);
        try
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Support", "validate_values.py");
            var (exit, output, error) = Tools.Run(Tools.Python, script, SchemaPath, file);
            Assert.True(exit == 0, $"the validator failed: {error}");
            using var json = JsonDocument.Parse(output);
            return json.RootElement.EnumerateArray()
                .Select(e => new SchemaError(
                    string.Join('.', e.GetProperty("path").EnumerateArray().Select(p => p.GetString())),
                    e.GetProperty("message").GetString()!))
                .ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
