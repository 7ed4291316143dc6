using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Tests;

/// <summary>A peer's client reaches it at an http:// address, and at a dns:/// one (a headless Service's form), balanced round robin.</summary>
public sealed class PeerClientTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PeerClient_CallsThePeer_AtEitherFormOfAddress(bool dns)
    {
        var address = dns ? "dns:///localhost:" + host.Endpoints.GrpcAddress.Split(':')[^1] : "http://" + host.Endpoints.GrpcAddress;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cx:Peers:Probe"] = address }).Build();
        var services = new ServiceCollection();
        services.AddCxPeerClient<ProbeService.ProbeServiceClient>(configuration, "Cx:Peers:Probe");
        await using var provider = services.BuildServiceProvider();

        var answer = await provider.GetRequiredService<ProbeService.ProbeServiceClient>().EchoAsync(new EchoRequest { Text = "peer" }, ProbeHost.Tenant("acme"));

        Assert.Equal(("peer", "acme"), (answer.Text, answer.Tenant));
    }

    [Fact]
    public async Task PeerClient_WithoutAnAddress_FailsEachCallNamingTheMissingSetting_AndDeclaresThePeer()
    {
        var services = new ServiceCollection();
        services.AddCxPeerClient<ProbeService.ProbeServiceClient>(new ConfigurationBuilder().Build(), "Cx:Peers:Probe");
        await using var provider = services.BuildServiceProvider();

        var failure = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await provider.GetRequiredService<ProbeService.ProbeServiceClient>().EchoAsync(new EchoRequest { Text = "peer" }, ProbeHost.Tenant("acme")));

        Assert.Equal(Grpc.Core.StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("Cx:Peers:Probe is not set", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(new CxPeer("probe", "Cx:Peers:Probe"), provider.GetRequiredService<CxPeer>());
    }

    [Theory]
    [InlineData("Probe")]
    [InlineData("Cx:Peers:")]
    [InlineData("Cx:Peers:Probe:Grpc")]
    public void PeerClient_AddressOutsideCxPeers_IsRefused(string key) =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddCxPeerClient<ProbeService.ProbeServiceClient>(new ConfigurationBuilder().Build(), key));
}
