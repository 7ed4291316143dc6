using Cx.Gateway;
using Cx.Governance;
using Cx.Host.Platform;
using Cx.Measurement;
using Cx.ServiceDefaults;

namespace Cx.Host.Launch;

/// <summary>
/// One service `cx up` can run. The slot fixes its ports (base + 10 × slot for gRPC, + 1 for HTTP),
/// so a service keeps its ports whichever others run beside it. <see cref="Create"/> is given the
/// host's directory in `cx up`, and null when the service runs alone (`cx serve`).
/// </summary>
internal sealed record ServiceSlot(string Name, int Slot, Func<PlatformDirectory?, ICxServiceModule> Create)
{
    /// <summary>The name of the service's own telemetry, image and topology entry when it runs alone.</summary>
    public string ProcessName => "cx-" + Name;
}

/// <summary>
/// Every service that exists, in the order `cx up` starts them: a service starts after the ones it
/// calls, so it is told their addresses (Cx:Peers:&lt;name&gt;).
/// </summary>
internal static class ServiceCatalog
{
    public const int DefaultBasePort = 7100;

    public static IReadOnlyList<ServiceSlot> All { get; } =
    [
        new(PlatformModule.ServiceName, 0, directory => new PlatformModule(directory)),
        new(MeasurementModule.ServiceName, 4, _ => new MeasurementModule()),
        new(GovernanceModule.ServiceName, 5, _ => new GovernanceModule()),

        // Last: it routes to every service started before it.
        new(GatewayModule.ServiceName, 9, _ => new GatewayModule()),
    ];

    /// <summary>The service of that name, or null when the catalog has none.</summary>
    public static ServiceSlot? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public static string Names => string.Join(", ", All.Select(s => s.Name));

    public static (int Grpc, int Http) PortsFor(ServiceSlot service, int basePort) =>
        basePort == 0 ? (0, 0) : (basePort + (10 * service.Slot), basePort + (10 * service.Slot) + 1);
}
