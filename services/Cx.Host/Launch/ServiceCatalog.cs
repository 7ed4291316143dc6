using Cx.Culture;
using Cx.Design;
using Cx.Gateway;
using Cx.Governance;
using Cx.Host.Platform;
using Cx.Measurement;
using Cx.ServiceDefaults;
using Cx.Strategy;
using Cx.Understanding;

namespace Cx.Host.Launch;

/// <summary>
/// One service `cx up` can run. The slot fixes its ports (base + 10 × slot for gRPC, + 1 for HTTP),
/// so a service keeps its ports whichever others run beside it. <see cref="Create"/> is given the
/// host's directory in `cx up`, and null when the service runs alone (`cx serve`).
/// What the module itself declares (its database, the events it uses, the peers it calls) is read
/// from the module (<see cref="Catalog.ServiceTraits"/>); the entry holds only what no module can say
/// about itself: where it runs and how big it is.
/// </summary>
internal sealed record ServiceSlot(string Name, int Slot, Func<PlatformDirectory?, ICxServiceModule> Create)
{
    /// <summary>The name of the service's own telemetry, image and topology entry when it runs alone.</summary>
    public string ProcessName => "cx-" + Name;

    /// <summary>What the service is, in a few words: the first line of its image's Dockerfile.</summary>
    public string Summary { get; init; } = "";

    /// <summary>
    /// The configuration section under which the service is told both addresses of every other
    /// service (<c>&lt;section&gt;:&lt;name&gt;:Grpc</c> and <c>:Http</c>), when it needs them all: the
    /// gateway routes to them, the platform service lists them.
    /// </summary>
    public string? ToldEveryServiceUnder { get; init; }

    /// <summary>
    /// Reached from outside through the ingress: its Kubernetes Service keeps a cluster IP, which suits
    /// every ingress controller, where the others are headless so their gRPC callers balance per pod.
    /// </summary>
    public bool BehindIngress { get; init; }

    /// <summary>Settings of its own in the local multi-process runs (tye.yaml, dapr.yaml), beyond what every service gets.</summary>
    public IReadOnlyList<LocalSetting> LocalSettings { get; init; } = [];

    /// <summary>Its pods' size in the chart.</summary>
    public ChartSizing Sizing { get; init; } = new("100m", "256Mi", "1", "512Mi", MaxReplicas: 4, TargetCpuPercent: 75);
}

/// <summary>An environment variable of a local run; <see cref="Why"/> becomes the comment above it.</summary>
internal sealed record LocalSetting(string Name, string Value, string? Why = null);

/// <summary>A service container's requests and limits, and how far the autoscaler may grow it.</summary>
internal sealed record ChartSizing(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit, int MaxReplicas, int TargetCpuPercent);

/// <summary>
/// Every service that exists, in the order `cx up` starts them: a service starts after the ones it
/// calls, so it is told their addresses (Cx:Peers:&lt;name&gt;). tye.yaml, dapr.yaml, the local Dapr
/// component, the images' Dockerfiles and the chart's per-service values and event scopes are
/// written from this list by `cx catalog write` (docs/catalog.md).
/// </summary>
internal static class ServiceCatalog
{
    public const int DefaultBasePort = 7100;

    public static IReadOnlyList<ServiceSlot> All { get; } =
    [
        new(PlatformModule.ServiceName, 0, directory => new PlatformModule(directory))
        {
            Summary = "the platform service (the deployment's directory)",
            ToldEveryServiceUnder = ConfiguredServices.SectionName,
            Sizing = new("50m", "128Mi", "1", "256Mi", MaxReplicas: 4, TargetCpuPercent: 75),
        },
        new(MeasurementModule.ServiceName, 4, _ => new MeasurementModule())
        {
            Summary = "the measurement service",
            Sizing = new("250m", "512Mi", "2", "1Gi", MaxReplicas: 8, TargetCpuPercent: 70),
        },
        new(GovernanceModule.ServiceName, 5, _ => new GovernanceModule())
        {
            Summary = "the governance service",
            Sizing = new("100m", "256Mi", "1", "512Mi", MaxReplicas: 4, TargetCpuPercent: 75),
        },
        new(UnderstandingModule.ServiceName, 6, _ => new UnderstandingModule())
        {
            Summary = "the customer-understanding service",
            Sizing = new("100m", "256Mi", "1", "512Mi", MaxReplicas: 4, TargetCpuPercent: 75),
        },
        new(DesignModule.ServiceName, 7, _ => new DesignModule())
        {
            Summary = "the design service",
            Sizing = new("100m", "256Mi", "1", "512Mi", MaxReplicas: 4, TargetCpuPercent: 75),
        },
        new(CultureModule.ServiceName, 8, _ => new CultureModule())
        {
            Summary = "the culture and rewards service",
            Sizing = new("100m", "256Mi", "1", "512Mi", MaxReplicas: 4, TargetCpuPercent: 75),
        },
        new(StrategyModule.ServiceName, 3, _ => new StrategyModule())
        {
            Summary = "the strategy service",
            Sizing = new("100m", "256Mi", "1", "512Mi", MaxReplicas: 4, TargetCpuPercent: 75),
        },

        // Last: it routes to every service started before it.
        new(GatewayModule.ServiceName, 9, _ => new GatewayModule())
        {
            Summary = "the gateway (gRPC, REST, gRPC-Web, webhooks)",
            ToldEveryServiceUnder = "Cx:Gateway:Services",
            BehindIngress = true,
            LocalSettings =
            [
                new("Cx__Gateway__RateLimits__Redis", "127.0.0.1:6379", "Rate limits shared by every gateway replica, in the same Redis."),
                new("Cx__Gateway__Webhooks__AllowPrivateTargets", "true", "A local run may deliver webhooks to receivers on this machine, over plain http."),
                new("Cx__Gateway__Webhooks__RequireHttps", "false"),
            ],
            Sizing = new("200m", "256Mi", "2", "512Mi", MaxReplicas: 8, TargetCpuPercent: 70),
        },
    ];

    /// <summary>The service of that name, or null when the catalog has none.</summary>
    public static ServiceSlot? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public static string Names => string.Join(", ", All.Select(s => s.Name));

    public static (int Grpc, int Http) PortsFor(ServiceSlot service, int basePort) =>
        basePort == 0 ? (0, 0) : (basePort + (10 * service.Slot), basePort + (10 * service.Slot) + 1);
}
