using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Cx.Deploy.Tests.Support;

namespace Cx.Deploy.Tests;

/// <summary>
/// The identity keys the chart makes (docs/security.md): a working key pair per service, each pod
/// holding its own private key and every public one, and believing the gateway and its callers only.
/// </summary>
public sealed class IdentityKeysTests
{
    private static readonly Chart Chart = Chart.Instance;

    private static string Decode(JsonObject secret, string key) => Encoding.UTF8.GetString(Convert.FromBase64String(Json.String(secret, "data", key)));

    [Fact]
    public void EveryService_HasAKeyPairThatSignsAndVerifies_AndEveryPublicHalfIsShared()
    {
        var rendering = RenderedChart.Of(Combination.Default);
        var shared = Json.Object(rendering.Single("ConfigMap", Chart.ServiceHost("identity")), "data");
        Assert.Equal(Services.Catalog.Select(s => s + ".pub").Order(StringComparer.Ordinal), shared.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var service in Services.Catalog)
        {
            var secret = rendering.Single("Secret", Chart.ServiceHost(service) + "-identity");
            using var key = ECDsa.Create();
            key.ImportFromPem(Decode(secret, "key.pem"));
            Assert.Equal(256, key.KeySize);
            Assert.Equal(Decode(secret, "cert.pem"), Json.String(shared, service + ".pub"));

            using var certificate = X509Certificate2.CreateFromPem(Json.String(shared, service + ".pub"));
            using var publicKey = certificate.GetECDsaPublicKey()!;
            var signature = key.SignData("cx"u8, HashAlgorithmName.SHA256);
            Assert.True(publicKey.VerifyData("cx"u8, signature, HashAlgorithmName.SHA256), $"{service}: the shared certificate is not its key's");
        }
    }

    [Fact]
    public void EveryPod_MountsItsOwnPrivateKeyAndEveryPublicOne_ReadableByItsUserAlone()
    {
        var rendering = RenderedChart.Of(Combination.Default);
        foreach (var service in Services.Catalog)
        {
            var pod = Json.Object(rendering.Single("Deployment", Chart.ServiceHost(service)), "spec", "template", "spec");
            var volume = Json.Array(pod, "volumes").Cast<JsonObject>().Single(v => Json.String(v, "name") == "identity");
            Assert.Equal(0x120, Json.Number(volume, "projected", "defaultMode"));
            var sources = Json.Array(volume, "projected", "sources").Cast<JsonObject>().ToArray();
            var secrets = sources.Where(s => Json.Has(s, "secret")).ToArray();
            var only = Assert.Single(secrets);
            Assert.Equal(Chart.ServiceHost(service) + "-identity", Json.String(only, "secret", "name"));
            var item = Assert.Single(Json.Array(only, "secret", "items").Cast<JsonObject>());
            Assert.Equal(("key.pem", service + ".key"), (Json.String(item, "key"), Json.String(item, "path")));
            Assert.Equal(Chart.ServiceHost("identity"), Json.String(sources.Single(s => Json.Has(s, "configMap")), "configMap", "name"));

            var mount = Json.Array(rendering.Container(service), "volumeMounts").Cast<JsonObject>().Single(m => Json.String(m, "name") == "identity");
            Assert.True(Json.Flag(mount, "readOnly"));
            Assert.Equal(new RenderedEnvironment(rendering).ConfigMap(service)["Cx__Identity__KeyDirectory"], Json.String(mount, "mountPath"));
        }
    }

    [Fact]
    public void WithAnExistingSecret_NothingIsMade_AndEveryPodStillMountsOnlyItsOwnPrivateKey()
    {
        var rendering = RenderedChart.Of(Combination.ExternalServices);
        Assert.Null(rendering.Find("ConfigMap", Chart.ServiceHost("identity")));
        foreach (var service in Services.Catalog)
        {
            Assert.Null(rendering.Find("Secret", Chart.ServiceHost(service) + "-identity"));
            var pod = Json.Object(rendering.Single("Deployment", Chart.ServiceHost(service)), "spec", "template", "spec");
            var volume = Json.Array(pod, "volumes").Cast<JsonObject>().Single(v => Json.String(v, "name") == "identity");
            var source = Assert.Single(Json.Array(volume, "projected", "sources").Cast<JsonObject>());
            Assert.Equal("cx-identity", Json.String(source, "secret", "name"));
            var files = Json.Array(source, "secret", "items").Cast<JsonObject>().Select(i => (Json.String(i, "key"), Json.String(i, "path"))).ToArray();
            string[] expected = [service + ".key", .. Services.Catalog.Order(StringComparer.Ordinal).Select(s => s + ".pub")];
            Assert.Equal(expected.Select(f => (f, f)), files);
        }
    }

    [Theory]
    [MemberData(nameof(Combination.Names), MemberType = typeof(Combination))]
    public void EveryService_TrustsTheGatewayAndTheEnabledServicesThatCallIt(string combination)
    {
        var rendering = RenderedChart.Of(Combination.Named(combination));
        var environment = new RenderedEnvironment(rendering);
        var deployed = Services.Catalog.Where(s => rendering.Find("Deployment", Chart.ServiceHost(s)) is not null).ToArray();
        foreach (var service in deployed)
        {
            // Computed here from the services' ConfigMaps: whoever is told this service's address as a peer calls it.
            var callers = deployed.Where(other => environment.ConfigMap(other).ContainsKey("Cx__Peers__" + char.ToUpperInvariant(service[0]) + service[1..]));
            var expected = callers.Order(StringComparer.Ordinal).Prepend("gateway").Distinct();

            Assert.Equal(string.Join(',', expected), environment.ConfigMap(service)["Cx__Identity__TrustedIssuers"]);
        }
    }
}
