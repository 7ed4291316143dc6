using System.Text.Json.Nodes;
using Cx.Deploy.Tests.Support;
using Cx.Gateway;
using Cx.Gateway.Protection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Deploy.Tests;

/// <summary>
/// The gateway's Data Protection key ring in a cluster: every replica mounts the same Secret
/// read-only where its settings say, and the key the chart writes into it is one Data Protection,
/// set up as the gateway sets it up, encrypts and decrypts with, without making keys of its own.
/// </summary>
public sealed class KeyRingTests
{
    private static readonly string ChartSecret = Chart.ServiceHost("gateway-key-ring");

    [Fact]
    public void Gateway_ReadsTheKeyRingSecret_MountedReadOnlyWhereItsSettingsSay_AndNoOtherServiceDoes()
    {
        var rendered = RenderedChart.Of(Combination.Dapr);
        var read = GatewaySettings.From(new RecordingConfiguration(new RenderedEnvironment(rendered).All("gateway")).Configuration);

        Assert.Equal("/etc/cx/key-ring", read.DataProtection.KeyRingPath);
        Assert.False(read.DataProtection.GenerateKeys);
        var mount = Assert.Single(Json.Array(rendered.Container("gateway"), "volumeMounts").Cast<JsonObject>(), m => Json.String(m, "name") == "key-ring");
        Assert.Equal(read.DataProtection.KeyRingPath, Json.String(mount, "mountPath"));
        Assert.True((bool)mount["readOnly"]!);
        Assert.Equal(ChartSecret, Json.String(KeyRingVolume(rendered, "gateway")!, "secret", "secretName"));
        Assert.Equal(Convert.ToInt32("440", 8), (int)Json.Node(KeyRingVolume(rendered, "gateway")!, "secret", "defaultMode"));
        Assert.Equal("helm.sh/resource-policy", Assert.Single(Json.Object(rendered.Single("Secret", ChartSecret), "metadata", "annotations")).Key);
        foreach (var service in Services.Catalog.Where(s => s != "gateway"))
        {
            Assert.Null(KeyRingVolume(rendered, service));
        }
    }

    [Fact]
    public void ChartsKey_EncryptsAndDecrypts_InTwoReplicas_AndNoKeyIsAdded()
    {
        var secret = RenderedChart.Of(Combination.Dapr).Single("Secret", ChartSecret);
        var (file, content) = Assert.Single(Json.Object(secret, "data"));
        Assert.Matches("^key-[0-9a-f-]{36}\\.xml$", file);
        var ring = Directory.CreateTempSubdirectory("cx-key-ring-");
        try
        {
            File.WriteAllBytes(Path.Combine(ring.FullName, file), Convert.FromBase64String(Json.String(content)));
            var settings = new DataProtectionSettings { KeyRingPath = ring.FullName, GenerateKeys = false };
            using var first = Replica(settings);
            using var second = Replica(settings);

            var payload = first.GetDataProtector("cx-test").Protect("whsec_secret");

            Assert.Equal("whsec_secret", second.GetDataProtector("cx-test").Unprotect(payload));

            // The payload names the key it was made with (bytes 4 to 20): the chart's.
            var bytes = Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (payload.Length % 4)) % 4));
            Assert.Equal(Guid.Parse(file["key-".Length..^".xml".Length]), new Guid(bytes.AsSpan(4, 16)));
            Assert.Equal([file], ring.GetFiles().Select(f => f.Name));
        }
        finally
        {
            ring.Delete(recursive: true);
        }
    }

    [Fact]
    public void ExistingSecret_MountedInstead_AndTheChartMakesNone()
    {
        var rendered = RenderedChart.Of(Combination.ExternalServices);

        Assert.Equal("cx-gateway-key-ring", Json.String(KeyRingVolume(rendered, "gateway")!, "secret", "secretName"));
        Assert.Null(rendered.Find("Secret", ChartSecret));
    }

    private static JsonObject? KeyRingVolume(Rendering rendered, string service) =>
        Json.Array(rendered.Deployment(service), "spec", "template", "spec", "volumes").Cast<JsonObject>().SingleOrDefault(v => Json.String(v, "name") == "key-ring");

    private static ServiceProvider Replica(DataProtectionSettings settings)
    {
        var services = new ServiceCollection().AddLogging();
        KeyRing.Add(services, settings);
        return services.BuildServiceProvider();
    }
}
