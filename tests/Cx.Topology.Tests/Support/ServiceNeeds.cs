using Cx.Eventing.Outbox;
using Cx.Host.Launch;
using Cx.Persistence.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Topology.Tests.Support;

/// <summary>What a catalog service needs from its environment, read from what its module registers.</summary>
internal sealed record ServiceNeeds(bool Database, bool Events)
{
    public static ServiceNeeds Of(ServiceSlot slot, string backend)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cx:Backend"] = backend,
            [$"ConnectionStrings:{slot.Name}"] = "Host=127.0.0.1;Database=unused",
        }).Build();
        var services = new ServiceCollection();
        slot.Create(null).AddServices(services, configuration);
        return new ServiceNeeds(
            services.Any(d => d.ServiceType == typeof(IDatabaseMigrator)),
            services.Any(d => d.ServiceType == typeof(IEventTransport)));
    }
}
