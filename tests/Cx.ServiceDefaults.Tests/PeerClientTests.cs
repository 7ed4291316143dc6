using Cx.Api.V1;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Identity;
using Cx.ServiceDefaults.Tenancy;
using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.Hosting;
using Cx.Testing.V1;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Tests;

/// <summary>
/// A peer's client reaches it at an http:// address, and at a dns:/// one (a headless Service's form),
/// balanced round robin; each call carries the calling service's own signed identity, for the tenant
/// and actor of the scope that makes it.
/// </summary>
public sealed class PeerClientTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    /// <summary>A service named <paramref name="caller"/> with a client of the probe, as its module would declare it.</summary>
    private static ServiceProvider Caller(string caller, string? address, Access access = Access.Admin)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cx:Peers:Probe"] = address }).Build();
        var services = new ServiceCollection();
        services.AddCxTenancy();
        services.AddSingleton(new ServiceIdentity(caller, new IdentitySettings { KeyDirectory = TestIdentity.KeyDirectory }, TimeProvider.System));
        services.AddCxPeerClient<ProbeService.ProbeServiceClient>(configuration, "Cx:Peers:Probe", access);
        return services.BuildServiceProvider();
    }

    private static async Task<EchoResponse> EchoAsync(ServiceProvider caller, string tenant, string actor)
    {
        await using var scope = caller.CreateTenantScope(tenant, actor);
        return await scope.ServiceProvider.GetRequiredService<ProbeService.ProbeServiceClient>().EchoAsync(new EchoRequest { Text = "peer" });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PeerClient_CallsThePeer_AtEitherFormOfAddress_ForTheScopesTenantAndActor(bool dns)
    {
        var address = dns ? "dns:///localhost:" + host.Endpoints.GrpcAddress.Split(':')[^1] : "http://" + host.Endpoints.GrpcAddress;
        await using var measurement = Caller("measurement", address);

        var answer = await EchoAsync(measurement, "acme", "maria");

        Assert.Equal(("peer", "acme", "maria"), (answer.Text, answer.Tenant, answer.Actor));
    }

    [Fact]
    public async Task PeerClient_OfAServiceThePeerDoesNotTrust_IsUnauthenticated()
    {
        await using var governance = Caller("governance", "http://" + host.Endpoints.GrpcAddress);

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await EchoAsync(governance, "acme", "maria"));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
    }

    [Fact]
    public async Task PeerClient_CarriesOnlyThePermissionItDeclared()
    {
        // The probe's calls need admin; a client declared for reading gets no more at the peer.
        await using var measurement = Caller("measurement", "http://" + host.Endpoints.GrpcAddress, Access.Read);

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await EchoAsync(measurement, "acme", "maria"));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
    }

    [Fact]
    public async Task PeerClient_WithoutAnAddress_FailsEachCallNamingTheMissingSetting_AndDeclaresThePeer()
    {
        await using var measurement = Caller("measurement", null);

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await EchoAsync(measurement, "acme", "maria"));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("Cx:Peers:Probe is not set", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(new CxPeer("probe", "Cx:Peers:Probe"), measurement.GetRequiredService<CxPeer>());
    }

    [Theory]
    [InlineData("Probe")]
    [InlineData("Cx:Peers:")]
    [InlineData("Cx:Peers:Probe:Grpc")]
    public void PeerClient_AddressOutsideCxPeers_IsRefused(string key) =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddCxPeerClient<ProbeService.ProbeServiceClient>(new ConfigurationBuilder().Build(), key));
}
