using Cx.Events.V1;
using Cx.Eventing.Subscribing;
using Cx.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceKit.Tests;

/// <summary>What a declaration registers, and the mistakes it refuses at start-up rather than at the first call.</summary>
public sealed class ServiceDeclarationTests
{
    [Fact]
    public void ConsumingEvents_WithoutData_IsRefusedNamingTheService()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Register(new Module(s => s.On<DetractorDetected, NoHandler>())));

        Assert.Contains("The probe service consumes events but declares no data", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void EveryTenant_AnIntervalNotAboveZero_IsRefusedNamingTheSetting(string seconds)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Register(new Module(s => s.EveryTenant<PeriodicTenantJobTests.RecordingJob>("Cx:Probe:Seconds", TimeSpan.FromSeconds(30))), new() { ["Cx:Probe:Seconds"] = seconds }));

        Assert.Contains("Cx:Probe:Seconds must be a number of seconds above zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Peer_IsDeclaredUnderItsCatalogName_AtTheAddressTheHostGives()
    {
        var services = Register(new Module(s => s.Peer<Cx.Measurement.V1.MeasurementService.MeasurementServiceClient>("measurement")), new() { ["Cx:Peers:Measurement"] = "http://127.0.0.1:9" });

        var peer = Assert.Single(services.Select(d => d.ImplementationInstance).OfType<CxPeer>());
        Assert.Equal(("measurement", "Cx:Peers:Measurement"), (peer.Service, peer.AddressKey));
    }

    [Fact]
    public void Demo_IsRegisteredAsTheServicesSeeder()
    {
        var services = Register(new Module(s => s.Demo<NoDemo>()));

        Assert.Equal(typeof(NoDemo), Assert.Single(services, d => d.ServiceType == typeof(IDemoDataSeeder)).ImplementationType);
    }

    private static ServiceCollection Register(CxServiceModule module, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        module.AddServices(services, new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        return services;
    }

    private sealed class Module(Action<ServiceDeclaration> describe) : CxServiceModule
    {
        public override string Name => "probe";

        protected override void Describe(ServiceDeclaration service) => describe(service);
    }

    private sealed class NoHandler : IHandleEvent<DetractorDetected>
    {
        public Task HandleAsync(DetractorDetected message, EventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NoDemo : IDemoDataSeeder
    {
        public string Description => "nothing";

        public Task SeedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
