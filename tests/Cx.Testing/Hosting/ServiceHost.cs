using Cx.Eventing.Envelope;
using Cx.Eventing.Subscribing;
using Cx.Persistence;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.Servers;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cx.Testing.Hosting;

/// <summary>Where a hosted service keeps its data in a test.</summary>
public enum TestDatabase
{
    /// <summary>A SQLite file in the host's data directory, as `cx up` keeps it.</summary>
    Sqlite,

    /// <summary>A database on a real PostgreSQL server of the host's own.</summary>
    PostgreSql,
}

/// <summary>
/// One service as `cx up` runs it, on real loopback ports, with its database (SQLite, or a real
/// PostgreSQL server started for the host) and the test's clock, which moves only when the test moves it.
/// </summary>
public class ServiceHost : IAsyncLifetime
{
    /// <summary>Where every host's clock starts: a Monday noon (UTC).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly ICxServiceModule _module;
    private readonly bool _ownsData;
    private PostgreSqlServer? _postgreSql;
    private WebApplication? _app;

    /// <param name="data">A data directory the caller keeps (to start another host on it, as after a restart); a fresh one when null.</param>
    public ServiceHost(ICxServiceModule module, TestDatabase database = TestDatabase.Sqlite, DirectoryInfo? data = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        _module = module;
        Database = database;
        _ownsData = data is null;
        Data = data ?? Directory.CreateTempSubdirectory("cx-" + module.Name + "-");
    }

    public TestDatabase Database { get; }

    /// <summary>The PostgreSQL database's default collation (an ICU locale); null for the server's.</summary>
    public string? PostgreSqlCollation { get; set; }

    public DirectoryInfo Data { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The service's catalog name, which is also the issuer of the calls it makes to its peers.</summary>
    public string Name => _module.Name;

    /// <summary>Settings added before start (they win over every other source).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services the test puts beside the service's own (registered before them).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public GrpcChannel Channel { get; private set; } = null!;

    public BoundEndpoints Endpoints => Service<BoundEndpoints>();

    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("The host has not started.")).Services;

    public virtual async Task InitializeAsync()
    {
        if (Database == TestDatabase.PostgreSql)
        {
            _postgreSql = new PostgreSqlServer();
            await _postgreSql.InitializeAsync();
            Settings.TryAdd("Cx:Database:Provider", "postgresql");
            Settings.TryAdd("ConnectionStrings:" + _module.Name, await _postgreSql.CreateDatabaseAsync(_module.Name, PostgreSqlCollation));
        }

        Settings.TryAdd("Cx:Identity:KeyDirectory", TestIdentity.KeyDirectory);
        _app = CxServiceApplication.Create(_module, new CxServiceHostingOptions
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                ConfigureServices?.Invoke(services);
            },
            Overrides = new Dictionary<string, string?>
            {
                ["Cx:BindAddress"] = "127.0.0.1",
                ["Cx:Ports:Grpc"] = "0",
                ["Cx:Ports:Http"] = "0",
                ["Cx:DataDirectory"] = Data.FullName,
                ["Logging:LogLevel:Default"] = "Warning",
            }.Concat(Settings).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value),
        });
        await _app.StartAsync();
        Channel = GrpcChannel.ForAddress("http://" + Endpoints.GrpcAddress);
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Reads (or writes) the service's own database as <paramref name="tenant"/>.</summary>
    public async Task<T> ReadAsync<TDb, T>(string tenant, Func<TDb, Task<T>> read)
        where TDb : notnull
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var scope = Services.CreateTenantScope(tenant);
        return await read(scope.ServiceProvider.GetRequiredService<TDb>());
    }

    /// <summary>
    /// Delivers <paramref name="event"/> to the service's subscription for its type, as a transport
    /// would: through the inbox, so delivering the same id again has no second effect. CloudEvent ids
    /// are unique across tenants; the tenant prefixes <paramref name="eventId"/> so tests may reuse short ids.
    /// </summary>
    public Task<DeliveryOutcome> DeliverAsync<TDb>(string tenant, string eventId, IMessage @event, string subject, DateTimeOffset? occurredAt = null)
        where TDb : ServiceDbContext
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = EventTypes.Of(@event.Descriptor);
        var subscription = Service<EventSubscriptions>().All.Single(s => s.EventType == type);
        var id = tenant + "-" + eventId;
        var source = "/cx/" + type.Split('.')[1];
        var envelope = new EventEnvelope(id, type, source, subject, occurredAt ?? Clock.GetUtcNow(), tenant, "corr-" + id, null, null, JsonFormatter.Default.Format(@event));
        return Service<EventDispatcher<TDb>>().DispatchAsync(subscription, envelope, 1, CancellationToken.None);
    }

    /// <summary>How long the last <see cref="SeedDemoDataAsync"/> took, on the wall and on the processor (the whole process's).</summary>
    public (TimeSpan Elapsed, TimeSpan Processor) DemoLoad { get; private set; }

    /// <summary>Loads what the service loads for `cx up --demo`.</summary>
    public async Task SeedDemoDataAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var processor = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var seeder in Services.GetServices<IDemoDataSeeder>())
        {
            await seeder.SeedAsync(CancellationToken.None);
        }

        DemoLoad = (System.Diagnostics.Stopwatch.GetElapsedTime(started), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - processor);
    }

    public virtual async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgreSql is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await _postgreSql.DisposeAsync();
        }

        if (_ownsData)
        {
            Data.Delete(recursive: true);
        }
    }
}
