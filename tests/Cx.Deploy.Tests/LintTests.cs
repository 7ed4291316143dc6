using Cx.Deploy.Tests.Support;

namespace Cx.Deploy.Tests;

/// <summary>
/// The chart's files are well formed: the plain YAML passes yamllint, and every template parses as
/// a Go template (each block ended, no stray end or else, every action closed). Helm cannot run
/// here, so this stands in for its parser. Independent of the other tests' reading of the chart, so
/// a broken template is reported here by file and line.
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

    [Fact]
    public void Templates_ParseAsGoTemplates()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.ChartDirectory, "templates")))
        {
            // Throws, naming the file and line, on an unended block, a stray end or else, a broken action.
            var template = GoTemplate.Parse(Path.GetFileName(file), File.ReadAllText(file));
            Assert.NotEmpty(template.Actions);
        }
    }
}
