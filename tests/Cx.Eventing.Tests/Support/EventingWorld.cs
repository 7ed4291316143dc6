using Cx.Eventing.Embedded;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.Redis;
using Cx.Eventing.Subscribing;
using Cx.Eventing.TestServices.Ledger;
using Cx.Eventing.TestServices.Shop;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.Events.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Order = Cx.Eventing.TestServices.Shop.Order;

using Cx.Eventing.TestServices;

namespace Cx.Eventing.Tests.Support;

/// <summary>
/// Two services on one backend: a shop that raises OrderPlaced and a ledger (one replica or
/// several) that books it, each with its own database. Embedded: SQLite files and one shared event
/// log, as `cx up` runs them. Redis: PostgreSQL databases and Redis Streams, as separate processes would.
/// </summary>
public sealed class EventingWorld : IAsyncDisposable
{
    public const string OrderPlacedType = "cx.testing.order_placed.v1";

    private readonly string _directory = Directory.CreateTempSubdirectory("cx-eventing-").FullName;
    private readonly RedisServer? _redis;
    private readonly Dictionary<string, string> _settings = [];
    private readonly List<IHost> _ledgers = [];
    private IHost? _shop;

    private EventingWorld(RedisServer? redis)
    {
        _redis = redis;
        Log = new EmbeddedEventLog(Path.Combine(_directory, "events.db"));
        if (redis is not null)
        {
            Redis = ConnectionMultiplexer.Connect(redis.Configuration + ",abortConnect=false");
        }
    }

    public EmbeddedEventLog Log { get; }

    public IConnectionMultiplexer? Redis { get; }

    public FailureSwitch Failures { get; } = new();

    public IDeadLetters DeadLetters => Redis is null ? Log : new RedisDeadLetters(Redis);

    public IHost Shop => _shop ?? throw new InvalidOperationException("The shop is not running.");

    public IHost Ledger => _ledgers.Count > 0 ? _ledgers[0] : throw new InvalidOperationException("No ledger is running.");

    /// <summary>A world whose services are not started yet.</summary>
    public static Task<EventingWorld> CreateAsync(RedisBackendServers? servers) => CreateAsync(servers?.Redis, servers?.PostgreSql);

    /// <summary>A world on the redis backend with these servers, or on the embedded backend when both are null.</summary>
    public static async Task<EventingWorld> CreateAsync(RedisServer? redis, PostgreSqlServer? postgreSql)
    {
        var world = new EventingWorld(redis);
        if (redis is not null && postgreSql is not null)
        {
            await redis.FlushAsync();
            var suffix = Guid.NewGuid().ToString("N")[..10];
            world._settings["Cx:Backend"] = "redis";
            world._settings["Cx:Database:MigrateOnStartup"] = "true";
            world._settings["ConnectionStrings:shop"] = await postgreSql.CreateDatabaseAsync("shop_" + suffix);
            world._settings["ConnectionStrings:ledger"] = await postgreSql.CreateDatabaseAsync("ledger_" + suffix);
        }

        return world;
    }

    /// <summary>
    /// Runs <paramref name="test"/> on a world whose Redis is its own (to be killed, restarted or
    /// emptied without disturbing other tests): with an append-only file synced on every write, or
    /// with no persistence at all.
    /// </summary>
    public static async Task OnRedisOfItsOwnAsync(bool appendOnly, PostgreSqlServer postgreSql, Func<RedisServer, EventingWorld, Task> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var redis = new RedisServer(appendOnly);
        await redis.InitializeAsync();
        try
        {
            await using var world = await CreateAsync(redis, postgreSql);
            await test(redis, world);
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    public static async Task<EventingWorld> StartAsync(RedisBackendServers? servers)
    {
        var world = await CreateAsync(servers);
        await world.StartShopAsync();
        await world.StartLedgerAsync();
        return world;
    }

    public async Task StartShopAsync()
    {
        _shop = Build("shop", services => services.AddCxEventing<ShopDb>("shop", Configuration("shop")));
        await _shop.StartAsync();
    }

    /// <summary>Starts one more replica of the ledger; replicas compete for the subscription's events.</summary>
    public async Task StartLedgerAsync()
    {
        var ledger = Build("ledger", services => services.AddCxEventing<LedgerDb>("ledger", Configuration("ledger"), s => s.On<OrderPlaced, RecordOrderInLedger>()));
        await ledger.StartAsync();
        _ledgers.Add(ledger);
    }

    public async Task StopLedgersAsync()
    {
        foreach (var ledger in _ledgers)
        {
            await ledger.StopAsync();
            ledger.Dispose();
        }

        _ledgers.Clear();
    }

    /// <summary>
    /// Commits orders with the shop's relay never running, then drops that shop: what is left
    /// when a publisher dies between its commit and its relay.
    /// </summary>
    public async Task PlaceOrdersWithoutRelayAsync(string tenant, int count)
    {
        using var crashed = Build("shop", services => services.AddCxEventing<ShopDb>("shop", Configuration("shop")));
        await using (var scope = crashed.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ShopDb>().Database.MigrateAsync();
        }

        for (var i = 0; i < count; i++)
        {
            await PlaceOrderAsync(crashed, tenant, 100 + i);
        }
    }

    /// <summary>Places orders <paramref name="from"/>..<paramref name="to"/> (exclusive) as amounts, a hundred per transaction.</summary>
    public async Task PlaceOrdersAsync(string tenant, int from, int to)
    {
        for (var start = from; start < to; start += 100)
        {
            await using var scope = ShopScope(tenant);
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            for (var amount = start; amount < Math.Min(start + 100, to); amount++)
            {
                var order = new Order { Id = Guid.NewGuid(), AmountCents = amount };
                db.Orders.Add(order);
                db.Raise(new OrderPlaced { OrderId = order.Id.ToString(), AmountCents = amount }, order.Id.ToString());
            }

            await db.SaveChangesAsync();
        }
    }

    /// <summary>How many bookings a tenant's ledger holds.</summary>
    public async Task<int> CountEntriesAsync(string tenant)
    {
        using var reader = Build("ledger", _ => { });
        await using var scope = reader.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<LedgerDb>().Entries.CountAsync();
    }

    public Task<Order> PlaceOrderAsync(string tenant, long amountCents) =>
        PlaceOrderAsync(_shop ?? throw new InvalidOperationException("The shop is not running."), tenant, amountCents);

    /// <summary>A call's scope in the running shop, for the tenant.</summary>
    public AsyncServiceScope ShopScope(string tenant)
    {
        return (_shop ?? throw new InvalidOperationException("The shop is not running.")).Services.CreateTenantScope(tenant);
    }

    /// <summary>Publishes envelopes straight through the backend's transport, as a relay would.</summary>
    public Task PublishAsync(params EventEnvelope[] envelopes) => Transport().PublishAsync(envelopes, CancellationToken.None);

    /// <summary>What the transport holds for OrderPlaced, as raw CloudEvent JSON.</summary>
    public async Task<List<string>> PublishedAsync()
    {
        if (Redis is null)
        {
            return (await Log.ReadAfterAsync(0, OrderPlacedType, 100_000, CancellationToken.None)).Select(e => e.Envelope).ToList();
        }

        var entries = await Redis.GetDatabase().StreamRangeAsync(RedisKeys.Stream(OrderPlacedType));
        return entries.Select(e => (string)e["envelope"]!).ToList();
    }

    /// <summary>The orders a tenant's ledger booked, in booking order.</summary>
    public async Task<List<LedgerEntry>> EntriesAsync(string tenant)
    {
        using var reader = Build("ledger", _ => { });
        await using var scope = reader.Services.CreateTenantScope(tenant);
        return await scope.ServiceProvider.GetRequiredService<LedgerDb>().Entries.OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopLedgersAsync();
        if (_shop is not null)
        {
            await _shop.StopAsync();
            _shop.Dispose();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private IEventTransport Transport() => Redis is null
        ? new EmbeddedTransport(Log)
        : new RedisTransport(Redis, RedisEventingOptions.From(Configuration("shop")), new EventSource("/cx/shop"), TimeProvider.System);

    private static async Task<Order> PlaceOrderAsync(IHost shop, string tenant, long amountCents)
    {
        await using var scope = shop.Services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var order = new Order { Id = Guid.NewGuid(), CustomerId = "c-" + amountCents, AmountCents = amountCents };
        db.Orders.Add(order);
        db.Raise(new OrderPlaced { OrderId = order.Id.ToString(), CustomerId = order.CustomerId, AmountCents = amountCents }, order.Id.ToString());
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>The settings a service of this world runs with, as a separate process would get them.</summary>
    public Dictionary<string, string?> Settings(string service)
    {
        var settings = new Dictionary<string, string?>(_settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
        {
            ["Cx:DataDirectory"] = Path.Combine(_directory, service),
            ["Cx:Eventing:LogPath"] = Log.Path,
        };
        if (_redis is not null)
        {
            settings["Cx:Eventing:Redis:Configuration"] = _redis.Configuration;
            settings["Cx:Eventing:Redis:VisibilityTimeoutSeconds"] = "1";
            settings["Cx:Eventing:Redis:ConsumerExpirySeconds"] = "1";
        }

        return settings;
    }

    private IConfiguration Configuration(string service) => new ConfigurationBuilder().AddInMemoryCollection(Settings(service)).Build();

    private IHost Build(string service, Action<IServiceCollection> eventing) => ServiceHosts.Build(
        service,
        Settings(service),
        services =>
        {
            // Shared as `cx up` shares them: an append wakes the other service at once.
            services.AddSingleton(Log);
            if (Redis is not null)
            {
                services.AddSingleton(Redis);
            }

            services.AddSingleton(Failures);
        },
        eventing);
}
