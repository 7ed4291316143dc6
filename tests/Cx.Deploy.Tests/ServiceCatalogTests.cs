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
        // Autoscalers only when autoscaling is on; the rest with the defaults.
        var combinations = kind == "HorizontalPodAutoscaler"
            ? new[] { Combination.AutoscalingAndNetworkPolicies }
            : new[] { Combination.Dapr, Combination.AutoscalingAndNetworkPolicies, Combination.ServiceDisabled };
        foreach (var combination in combinations)
        {
            var rendering = RenderedChart.Of(combination);
            var disabled = combination == Combination.ServiceDisabled ? "culture" : null;
            foreach (var service in Services.Catalog)
            {
                // Named after the service, so every entry gets its own, from the one template.
                var made = rendering.Find(kind, Chart.ServiceHost(service));
                if (service == disabled)
                {
                    Assert.True(made is null, $"{combination}: {service} is disabled, but {file} makes its {kind}");
                    continue;
                }

                Assert.True(made is not null, $"{combination}: {file} makes no {kind} for {service}");
                Assert.Equal($"{Chart.Scalar(Chart.ChartYaml, "name")}/templates/{file}", made.Source);
                Assert.Equal(service, Json.String(made.Object, "metadata", "labels", "app.kubernetes.io/component"));
            }
        }

        // Off by default: no autoscaler, and the Deployments keep their replicas.
        if (kind == "HorizontalPodAutoscaler")
        {
            Assert.Empty(RenderedChart.Of(Combination.Dapr).OfKind(kind));
            foreach (var service in Services.Catalog)
            {
                Assert.Equal(Chart.Number("services", service, "replicas"), Json.Number(RenderedChart.Of(Combination.Dapr).Deployment(service), "spec", "replicas"));
                Assert.False(Json.Has(RenderedChart.Of(Combination.AutoscalingAndNetworkPolicies).Deployment(service), "spec", "replicas"), $"{service}: replicas would fight the autoscaler");
                var autoscaler = RenderedChart.Of(Combination.AutoscalingAndNetworkPolicies).Single(kind, Chart.ServiceHost(service));
                Assert.Equal(Chart.ServiceHost(service), Json.String(autoscaler, "spec", "scaleTargetRef", "name"));
                Assert.Equal(Chart.Number("services", service, "autoscaling", "maxReplicas"), Json.Number(autoscaler, "spec", "maxReplicas"));
            }
        }
    }

    [Fact]
    public void Deployment_CarriesTheDaprAnnotations_OfItsService()
    {
        var rendered = RenderedChart.Of(Combination.Dapr);
        foreach (var service in Services.Catalog)
        {
            var annotations = rendered.PodAnnotations(service);
            Assert.Equal("true", annotations["dapr.io/enabled"]);
            Assert.Equal(Chart.Text("services", service, "dapr", "appId"), annotations["dapr.io/app-id"]);
        }
    }

    [Fact]
    public void Deployment_ChecksumOfItsConfiguration_RollsThePodsWhenItChanges()
    {
        var before = RenderedChart.Of(Combination.Dapr);
        var after = RenderedChart.Of(Combination.Dapr, "--set-string", "services.measurement.env.Cx__Grpc__MaxReceiveMessageBytes=8388608");
        Assert.Equal("8388608", after.ConfigMap("measurement")["Cx__Grpc__MaxReceiveMessageBytes"]);
        foreach (var service in Services.Catalog)
        {
            var checksum = before.PodAnnotations(service)["checksum/config"];
            Assert.Matches("^[0-9a-f]{64}$", checksum);
            if (service == "measurement")
            {
                Assert.NotEqual(checksum, after.PodAnnotations(service)["checksum/config"]);
            }
            else
            {
                Assert.Equal(checksum, after.PodAnnotations(service)["checksum/config"]);
            }
        }
    }
}
