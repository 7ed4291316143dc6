using System.Reflection;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.Subscribing;
using Cx.Host.Launch;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Hosting;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Host.Catalog;

/// <summary>
/// What a service's module declares about itself, read by registering it on a throwaway service
/// collection (nothing is started): whether it keeps a database, whether it uses events and which
/// it subscribes to, and the peers it calls. The catalog does not restate any of it.
/// </summary>
internal sealed record ServiceTraits(
    bool Database,
    bool Events,
    IReadOnlyList<string> Publishes,
    IReadOnlyList<string> Subscribes,
    IReadOnlyList<CxPeer> Peers)
{
    public static ServiceTraits Of(ServiceSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);

        // The cluster's backend: every adapter a service can use is registered under it.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cx:Backend"] = "dapr",
            [$"ConnectionStrings:{slot.Name}"] = "Host=127.0.0.1;Database=unused",
        }).Build();
        var services = new ServiceCollection();
        slot.Create(null).AddServices(services, configuration);

        var events = services.Any(d => d.ServiceType == typeof(IEventTransport));
        var subscriptions = services.Select(d => d.ImplementationInstance).OfType<EventSubscriptions>().SingleOrDefault();
        return new ServiceTraits(
            services.Any(d => d.ServiceType == typeof(IDatabaseMigrator)),
            events,
            events ? [.. ContractEventTypes.Where(t => t.Split('.')[1] == slot.Name)] : [],
            [.. (subscriptions?.All.Select(s => s.EventType) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. services.Select(d => d.ImplementationInstance).OfType<CxPeer>().DistinctBy(p => p.Service).OrderBy(p => p.Service, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Every event type of the contract, sorted. A service publishes the events of its own discipline
    /// (<c>cx.&lt;service&gt;.*</c>): the contract names the publisher, not the module.
    /// </summary>
    public static IReadOnlyList<string> ContractEventTypes { get; } =
    [
        .. typeof(Cx.Events.V1.DetractorDetected).Assembly.GetTypes()
            .Where(t => t.Namespace == "Cx.Events.V1" && typeof(IMessage).IsAssignableFrom(t))
            .Select(t => (MessageDescriptor)t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .Where(d => d.GetOptions()?.GetExtension(Cx.Events.V1.EventOptionsExtensions.EventType) is { Length: > 0 })
            .Select(EventTypes.Of)
            .Order(StringComparer.Ordinal),
    ];
}
