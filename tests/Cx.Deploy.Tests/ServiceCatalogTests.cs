using Cx.Deploy.Tests.Support;

namespace Cx.Deploy.Tests;

/// <summary>
/// The per-service templates are one range over the services entries (which `cx catalog write`
/// generates from the catalog, checked in Cx.Topology.Tests), so every entry gets its Deployment,
/// Service, ConfigMap and Dapr annotations.
/// </summary>
public sealed class ServiceCatalogTests
{
    private static readonly Chart Chart = Chart.Instance;

    [Theory]
    [InlineData("deployment.yaml", "Deployment")]
    [InlineData("service.yaml", "Service")]
    [InlineData("configmap.yaml", "ConfigMap")]
    [InlineData("pdb.yaml", "PodDisruptionBudget")]
    [InlineData("hpa.yaml", "HorizontalPodAutoscaler")]
    public void Template_MakesItsResource_ForEveryEnabledServiceEntry(string file, string kind)
    {
        var template = Chart.Template(file);
        var at = template.Text.IndexOf("\nkind: " + kind + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{file} makes no {kind}");

        // Its only conditions: the entry is enabled (and, for the toggled kinds, the toggle).
        var enclosing = template.AllBlocks.Where(b => b.Open.End <= at && b.Close!.Start > at).ToList();
        var range = Assert.Single(enclosing, b => b.Open.Kind == ActionKind.Range);
        Assert.Equal("range $name, $svc := .Values.services", range.Open.Body);
        var conditions = enclosing.Where(b => b.Open.Kind == ActionKind.If).Select(b => b.Open.Body).ToList();
        Assert.Contains("if $svc.enabled", conditions);
        Assert.All(conditions, c => Assert.True(
            c is "if $svc.enabled" or "if .Values.autoscaling.enabled" or "if .Values.podDisruptionBudget.enabled",
            $"{file}: the {kind} depends on \"{c}\", so some services would have none"));
        Assert.DoesNotContain(enclosing, b => b.Open.Kind == ActionKind.With);

        // Named after the service, so every entry gets its own.
        var document = template.Text[at..];
        Assert.Matches(@"^\s+name: \{\{ (\$fullName|include ""cx\.serviceName"" \(dict ""root"" \$ ""name"" \$name\)) \}\}", document.Split("metadata:\n", 2)[1]);
    }

    [Fact]
    public void Deployment_CarriesTheDaprAnnotations_OfItsService()
    {
        var deployment = Chart.Template("deployment.yaml").Text;
        Assert.Contains("{{- include \"cx.dapr.annotations\" $ctx | nindent 8 }}", deployment, StringComparison.Ordinal);
        Assert.Contains("{{- $ctx := dict \"root\" $ \"name\" $name \"svc\" $svc }}", deployment, StringComparison.Ordinal);
        var annotations = Chart.Helper("cx.dapr.annotations");
        Assert.Contains("dapr.io/enabled: \"true\"", annotations, StringComparison.Ordinal);
        Assert.Contains("dapr.io/app-id: {{ $dapr.appId | quote }}", annotations, StringComparison.Ordinal);
        Assert.Contains("{{- $dapr := .svc.dapr -}}", annotations, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_ChecksumOfItsConfiguration_RollsThePodsWhenItChanges()
    {
        Assert.Contains("checksum/config: {{ include \"cx.service.config\" $ctx | sha256sum }}", Chart.Template("deployment.yaml").Text, StringComparison.Ordinal);
        Assert.Contains("{{- include \"cx.service.config\" (dict \"root\" $ \"name\" $name \"svc\" $svc) | nindent 2 }}", Chart.Template("configmap.yaml").Text, StringComparison.Ordinal);
    }
}
