using Cx.Host.Platform;
using Cx.Measurement;
using Cx.ServiceDefaults;

namespace Cx.Host.Launch;

/// <summary>
/// One service `cx up` can run. The slot fixes its ports (base + 10 × slot for gRPC, + 1 for HTTP),
/// so a service keeps its ports whichever others run beside it.
/// </summary>
internal sealed record ServiceSlot(string Name, int Slot, Func<PlatformDirectory, ICxServiceModule> Create);

/// <summary>Every service that exists, in the order `cx up` starts them.</summary>
internal static class ServiceCatalog
{
    public const int DefaultBasePort = 7100;

    public static IReadOnlyList<ServiceSlot> All { get; } =
    [
        new("platform", 0, directory => new PlatformModule(directory)),
        new(MeasurementModule.ServiceName, 4, _ => new MeasurementModule()),
    ];

    public static (int Grpc, int Http) PortsFor(ServiceSlot service, int basePort) =>
        basePort == 0 ? (0, 0) : (basePort + (10 * service.Slot), basePort + (10 * service.Slot) + 1);
}
