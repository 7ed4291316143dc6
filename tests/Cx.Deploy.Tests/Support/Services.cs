using Cx.Eventing.Subscribing;
using Cx.Host.Launch;
using Cx.Host.Platform;
using Cx.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Deploy.Tests.Support;

/// <summary>The services as the code defines them: the catalog, their modules and what they subscribe to.</summary>
internal static class Services
{
    public static IReadOnlyList<string> Catalog { get; } = ServiceCatalog.All.Select(s => s.Name).ToArray();

    public static ICxServiceModule Module(string name) =>
        ServiceCatalog.All.Single(s => s.Name == name).Create(new PlatformDirectory("0.0.0", "dapr", DateTimeOffset.UnixEpoch));

    /// <summary>
    /// Registers the service's module with the given configuration (nothing is started) and returns
    /// what it subscribes to, or null when it uses no events.
    /// </summary>
    public static EventSubscriptions? Subscriptions(string name, IConfiguration configuration)
    {
        var services = new ServiceCollection();
        Module(name).AddServices(services, configuration);
        return services.Where(d => d.ServiceType == typeof(EventSubscriptions)).Select(d => d.ImplementationInstance).OfType<EventSubscriptions>().SingleOrDefault();
    }
}
