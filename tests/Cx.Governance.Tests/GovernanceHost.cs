using Cx.Eventing.Envelope;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Governance.Data;
using Cx.Governance.V1;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Governance.Tests;

/// <summary>The governance service on real ports with its SQLite database, as `cx up` runs it; its clock is the test's.</summary>
public class GovernanceHost : IAsyncLifetime
{
    private WebApplication? _app;

    public GovernanceHost()
        : this(Directory.CreateTempSubdirectory("cx-governance-"), ownsData: true)
    {
    }

    private GovernanceHost(DirectoryInfo data, bool ownsData) => (Data, OwnsData) = (data, ownsData);

    public DirectoryInfo Data { get; }

    private bool OwnsData { get; }

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>A Monday noon (UTC).</summary>
    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public GovernanceService.GovernanceServiceClient Client => new(Channel);

    /// <summary>Settings added before start, e.g. where the measurement service answers.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>A host on a data directory the caller keeps, e.g. to start another on it as after a restart.</summary>
    public static GovernanceHost On(DirectoryInfo data) => new(data, ownsData: false);

    public virtual async Task InitializeAsync()
    {
        _app = CxServiceApplication.Create(new GovernanceModule(), new CxServiceHostingOptions
        {
            ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock),
            Overrides = new Dictionary<string, string?>
            {
                ["Cx:BindAddress"] = "127.0.0.1",
                ["Cx:Ports:Grpc"] = "0",
                ["Cx:Ports:Http"] = "0",
                ["Cx:DataDirectory"] = Data.FullName,
                ["Logging:LogLevel:Default"] = "Warning",

                // Tests run the SLA check themselves, by the test's clock.
                ["Cx:Governance:SlaCheckSeconds"] = "3600",
            }.Concat(Settings).ToDictionary(),
        });
        await _app.StartAsync();
        Channel = GrpcChannel.ForAddress("http://" + _app.Services.GetRequiredService<BoundEndpoints>().GrpcAddress);
    }

    public T Service<T>()
        where T : notnull => _app!.Services.GetRequiredService<T>();

    public async Task<T> ReadAsync<T>(string tenant, Func<GovernanceDb, Task<T>> read)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return await read(scope.ServiceProvider.GetRequiredService<GovernanceDb>());
    }

    /// <summary>Delivers a detractor_detected event as the transport would; the CloudEvent id is <paramref name="eventId"/> within the tenant.</summary>
    public Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, DetractorDetected detractor)
    {
        // CloudEvent ids are unique across tenants (the inbox relies on it); tests reuse short ones per tenant.
        eventId = tenant + "-" + eventId;
        var dispatcher = Service<EventDispatcher<GovernanceDb>>();
        var subscription = Service<EventSubscriptions>().All.Single(s => s.EventType == "cx.measurement.detractor_detected.v1");
        var envelope = new EventEnvelope(eventId, subscription.EventType, "/cx/measurement", detractor.ResponseId, Clock.GetUtcNow(), tenant, "corr-" + eventId, null, null, JsonFormatter.Default.Format(detractor));
        return dispatcher.DispatchAsync(subscription, envelope, 1, CancellationToken.None);
    }

    public virtual async Task DisposeAsync()
    {
        Channel.Dispose();
        await _app!.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (OwnsData)
        {
            Data.Delete(recursive: true);
        }
    }
}

/// <summary>The governance service with its data on a real PostgreSQL server of the test run's own.</summary>
public sealed class PostgreSqlGovernanceHost : GovernanceHost
{
    private readonly Cx.Persistence.Tests.Support.PostgreSqlServer _server = new();

    public override async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        Settings["Cx:Database:Provider"] = "postgresql";
        Settings["Cx:Database:MigrateOnStartup"] = "true";
        Settings["ConnectionStrings:governance"] = await _server.CreateDatabaseAsync("governance");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }
}

/// <summary>A clock that reads what the test set.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
