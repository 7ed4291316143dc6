using Cx.Deploy.Tests.Support;

namespace Cx.Deploy.Tests;

/// <summary>
/// The chart's plain YAML (values, Chart.yaml, files/) passes yamllint; the templates are Helm's to
/// parse (HelmTests).
/// </summary>
public sealed class LintTests
{
    [Fact]
    public void Yamllint_PassesOnThePlainYaml()
    {
        Tools.Require();
        var (exit, output, error) = Tools.Run("/usr/bin/yamllint", "--strict", "-c", Path.Combine(Repository.ChartDirectory, ".yamllint"), Repository.ChartDirectory);
        Assert.True(exit == 0, $"yamllint found problems:\n{output}{error}");
    }
}
