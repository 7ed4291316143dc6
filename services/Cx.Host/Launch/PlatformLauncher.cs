using Cx.Eventing.Embedded;
using Cx.Host.Platform;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Cx.Host.Launch;

/// <summary>What `cx up` was asked for.</summary>
internal sealed record UpOptions
{
    public string DataDirectory { get; init; } = "data";

    /// <summary>First port of the port plan; 0 lets the system choose every port.</summary>
    public int BasePort { get; init; } = ServiceCatalog.DefaultBasePort;

    public string BindAddress { get; init; } = "127.0.0.1";

    public bool Demo { get; init; }

    /// <summary>Development mode: the gateway lets calls without a credential through and prints a development key.</summary>
    public bool Dev { get; init; }

    /// <summary>Extra trace processing, e.g. an exporter a test reads.</summary>
    public Action<TracerProviderBuilder>? ConfigureTracing { get; init; }
}

/// <summary>Starts every service of the catalog in this process, each on its own ports.</summary>
internal static class PlatformLauncher
{
    public const string Backend = "embedded";

    /// <summary>The event log every service of a one-process platform shares.</summary>
    public static string EventLogPath(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "events.db");

    /// <summary>Whether <paramref name="dataDirectory"/> holds the service's embedded database (the file Cx.Persistence names after it).</summary>
    public static bool HoldsDataOf(string service, string dataDirectory) =>
        File.Exists(Path.Combine(Path.GetFullPath(dataDirectory), service, service + ".db"));

    public static async Task<RunningPlatform> StartAsync(UpOptions options, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var dataLock = DataDirectoryLock.Acquire(options.DataDirectory);
        Catalog.IdentityTrust.EnsureKeys(dataLock.Directory);
        var telemetry = HostTelemetry.Start(configuration, options.ConfigureTracing);
        var directory = new PlatformDirectory(CxServiceApplication.Version, Backend, DateTimeOffset.UtcNow);
        var eventLog = new EmbeddedEventLog(EventLogPath(dataLock.Directory));
        var started = new List<(ServiceSlot Slot, WebApplication App)>();
        try
        {
            foreach (var slot in ServiceCatalog.All)
            {
                var app = CreateApp(slot, options, dataLock.Directory, directory, eventLog, Peers(started));
                started.Add((slot, app));
                await app.StartAsync(cancellationToken);
            }

            directory.Publish(started.Select(s => Describe(s.Slot, s.App)));
            // Consumers first: their rules (which detractors open cases) exist before producers' data flows.
            var demo = options.Demo ? await SeedDemoDataAsync(started.Select(s => s.App).Reverse(), dataLock.Directory, cancellationToken) : DemoData.None;
            var devKey = options.Dev ? await DevelopmentKeyAsync(started, dataLock.Directory, cancellationToken) : null;
            return new RunningPlatform(directory, dataLock, telemetry, started.Select(s => (s.Slot.Name, s.App)).ToArray(), demo) { DevelopmentKey = devKey };
        }
        catch
        {
            await StopAllAsync(started.Select(s => s.App).Reverse());
            telemetry.Dispose();
            dataLock.Dispose();
            throw;
        }
    }

    internal static async Task StopAllAsync(IEnumerable<WebApplication> apps)
    {
        foreach (var app in apps)
        {
            // A stop must not wait on a token that is already cancelled: in-flight calls get the shutdown timeout.
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Brings every service's database to its latest migration, with the platform stopped (the data
    /// directory is locked meanwhile). Returns, per service that has a database, what was applied.
    /// </summary>
    public static async Task<IReadOnlyList<(string Service, IReadOnlyList<string> Applied)>> MigrateAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        using var dataLock = DataDirectoryLock.Acquire(dataDirectory);
        var directory = new PlatformDirectory(CxServiceApplication.Version, Backend, DateTimeOffset.UtcNow);
        var eventLog = new EmbeddedEventLog(EventLogPath(dataLock.Directory));
        var results = new List<(string, IReadOnlyList<string>)>();
        foreach (var slot in ServiceCatalog.All)
        {
            await using var app = CreateApp(slot, new UpOptions { BasePort = 0, DataDirectory = dataLock.Directory }, dataLock.Directory, directory, eventLog, new Dictionary<string, string?>());
            foreach (var migrator in app.Services.GetServices<Cx.Persistence.Hosting.IDatabaseMigrator>())
            {
                results.Add((migrator.ServiceName, await migrator.MigrateAsync(cancellationToken)));
            }
        }

        return results;
    }

    /// <summary>
    /// One service's application, built but not started, on its data in <paramref name="dataDirectory"/>
    /// with its database migrated: for commands that work on a service's data (`cx keys`). It takes no
    /// lock, so it also works beside a running `cx up`.
    /// </summary>
    public static async Task<WebApplication> OpenServiceAsync(string name, string dataDirectory, CancellationToken cancellationToken)
    {
        var slot = ServiceCatalog.All.Single(s => s.Name == name);
        var fullPath = Path.GetFullPath(dataDirectory);
        var directory = new PlatformDirectory(CxServiceApplication.Version, Backend, DateTimeOffset.UtcNow);
        var app = CreateApp(slot, new UpOptions { BasePort = 0, DataDirectory = fullPath }, fullPath, directory, new EmbeddedEventLog(EventLogPath(fullPath)), new Dictionary<string, string?>());
        foreach (var migrator in app.Services.GetServices<Cx.Persistence.Hosting.IDatabaseMigrator>())
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        return app;
    }

    /// <summary>
    /// Where each started service answers, for the services started after it: its gRPC address as
    /// Cx:Peers:&lt;name&gt;, and both its addresses as the gateway's Cx:Gateway:Services:&lt;name&gt;.
    /// </summary>
    private static Dictionary<string, string?> Peers(IEnumerable<(ServiceSlot Slot, WebApplication App)> started)
    {
        var peers = new Dictionary<string, string?>();
        foreach (var (slot, app) in started)
        {
            var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
            var grpc = "http://" + endpoints.GrpcAddress;
            peers["Cx:Peers:" + slot.Name] = grpc;
            peers[$"Cx:Gateway:Services:{slot.Name}:Grpc"] = grpc;
            peers[$"Cx:Gateway:Services:{slot.Name}:Http"] = endpoints.HttpUrl.ToString();
        }

        return peers;
    }

    private static WebApplication CreateApp(ServiceSlot slot, UpOptions options, string dataDirectory, PlatformDirectory directory, EmbeddedEventLog eventLog, Dictionary<string, string?> peers)
    {
        var (grpcPort, httpPort) = ServiceCatalog.PortsFor(slot, options.BasePort);
        return CxServiceApplication.Create(slot.Create(directory), new CxServiceHostingOptions
        {
            SharesProcess = true,
            Defaults = new Dictionary<string, string?>
            {
                // Several services share one console: keep it to what an operator needs.
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Cx"] = "Information",
            },
            Overrides = new Dictionary<string, string?>
            {
                ["Cx:Backend"] = Backend,
                ["Cx:DataDirectory"] = Path.Combine(dataDirectory, slot.Name),
                ["Cx:BindAddress"] = options.BindAddress,
                ["Cx:Ports:Grpc"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Cx:Ports:Http"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Cx:Eventing:LogPath"] = eventLog.Path,
                ["Cx:Gateway:Dev"] = options.Dev ? "true" : "false",
                ["Cx:Identity:KeyDirectory"] = Path.Combine(dataDirectory, Catalog.IdentityTrust.DirectoryName),
                ["Cx:Identity:TrustedIssuers"] = Catalog.IdentityTrust.TrustedIssuersOf(slot.Name),
            }.Concat(peers).ToDictionary(),

            // One log object for every service: an event appended by one wakes the others' subscriptions at once.
            ConfigureServices = services => services.AddSingleton(eventLog),
        });
    }

    private static RunningService Describe(ServiceSlot slot, WebApplication app)
    {
        var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
        return new RunningService(slot.Name, endpoints.GrpcAddress, endpoints.HttpUrl, CxServiceApplication.GrpcServiceNames(app));
    }

    private static async Task<string?> DevelopmentKeyAsync(List<(ServiceSlot Slot, WebApplication App)> started, string dataDirectory, CancellationToken cancellationToken)
    {
        var gateway = started.FirstOrDefault(s => s.Slot.Name == Cx.Gateway.GatewayModule.ServiceName).App;
        return gateway is null
            ? null
            : await Cx.Gateway.Keys.DevelopmentKey.EnsureAsync(gateway.Services, Path.Combine(dataDirectory, Cx.Gateway.GatewayModule.ServiceName), cancellationToken);
    }

    /// <summary>
    /// Every seeder runs each time (they add only what is missing), but the start-up summary says
    /// "loaded" only for demo data this directory has not held before: a restart with --demo must
    /// not claim to have loaded something again. The record is kept beside the services' data.
    /// </summary>
    private static async Task<DemoData> SeedDemoDataAsync(IEnumerable<WebApplication> apps, string dataDirectory, CancellationToken cancellationToken)
    {
        var record = Path.Combine(dataDirectory, DemoData.RecordFileName);
        var before = File.Exists(record) ? (await File.ReadAllLinesAsync(record, cancellationToken)).ToHashSet(StringComparer.Ordinal) : [];
        var loaded = new List<string>();
        var present = new List<string>();
        var seeders = apps.SelectMany(app => app.Services.GetServices<IDemoDataSeeder>()).ToList();
        foreach (var seeder in seeders)
        {
            await seeder.SeedAsync(cancellationToken);
            (before.Contains(seeder.Description) ? present : loaded).Add(seeder.Description);
        }

        foreach (var seeder in seeders)
        {
            await seeder.CompleteAsync(cancellationToken);
        }

        if (loaded.Count > 0)
        {
            await File.AppendAllLinesAsync(record, loaded, cancellationToken);
        }

        return new DemoData(loaded, present);
    }
}

/// <summary>A started platform; disposing it stops every service, newest first.</summary>
internal sealed class RunningPlatform(
    PlatformDirectory directory,
    DataDirectoryLock dataLock,
    HostTelemetry telemetry,
    IReadOnlyList<(string Name, WebApplication App)> services,
    DemoData demo) : IAsyncDisposable
{
    public PlatformDirectory Directory { get; } = directory;

    public string DataDirectory => dataLock.Directory;

    public DemoData Demo { get; } = demo;

    /// <summary>The key `cx up --dev` prints; null outside development mode.</summary>
    public string? DevelopmentKey { get; init; }

    /// <summary>
    /// Completes with the name of the first service that begins to stop on its own (a failed
    /// background task stops its host), so `cx up` does not keep running half a platform.
    /// </summary>
    public Task<string> ServiceStoppedOnItsOwn { get; } = FirstToStop(services);

    internal Microsoft.Extensions.Hosting.IHostApplicationLifetime LifetimeOf(string name) =>
        services.First(s => s.Name == name).App.Lifetime;

    public RunningService Service(string name) =>
        Directory.Services.FirstOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"No service named '{name}' runs here.");

    private static Task<string> FirstToStop(IReadOnlyList<(string Name, WebApplication App)> services)
    {
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var (name, app) in services)
        {
            app.Lifetime.ApplicationStopping.Register(() => first.TrySetResult(name));
        }

        return first.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await PlatformLauncher.StopAllAsync(services.Select(s => s.App).Reverse());
        telemetry.Dispose();
        dataLock.Dispose();
    }
}

/// <summary>What `cx up --demo` did: demo data loaded now, and demo data the directory already held.</summary>
internal sealed record DemoData(IReadOnlyList<string> LoadedNow, IReadOnlyList<string> AlreadyPresent)
{
    /// <summary>Descriptions of the demo data a directory has received, one a line.</summary>
    public const string RecordFileName = "demo-loaded";

    public static DemoData None { get; } = new([], []);
}
