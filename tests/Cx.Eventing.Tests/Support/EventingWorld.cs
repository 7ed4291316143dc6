using Cx.Eventing.Embedded;
using Cx.Eventing.Outbox;
using Cx.Eventing.Tests.Ledger;
using Cx.Eventing.Tests.Shop;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.Events.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Eventing.Tests.Support;

/// <summary>
/// Two services on the embedded backend, as `cx up` runs them: a shop that raises OrderPlaced and a
/// ledger that books it, each with its own SQLite database, sharing one event log.
/// </summary>
public sealed class EventingWorld : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cx-eventing-").FullName;
    private IHost? _shop;
    private IHost? _ledger;

    public EventingWorld()
    {
        Log = new EmbeddedEventLog(Path.Combine(_directory, "events.db"));
    }

    public EmbeddedEventLog Log { get; }

    public FailureSwitch Failures { get; } = new();

    public IHost Ledger => _ledger ?? throw new InvalidOperationException("The ledger is not running.");

    public static async Task<EventingWorld> StartAsync()
    {
        var world = new EventingWorld();
        await world.StartShopAsync();
        await world.StartLedgerAsync();
        return world;
    }

    public async Task StartShopAsync()
    {
        _shop = Build("shop", services => services.AddCxEventing<ShopDb>("shop", Configuration("shop")));
        await _shop.StartAsync();
    }

    public async Task StartLedgerAsync()
    {
        _ledger = Build("ledger", services => services.AddCxEventing<LedgerDb>("ledger", Configuration("ledger"), s => s.On<OrderPlaced, RecordOrderInLedger>()));
        await _ledger.StartAsync();
    }

    public async Task StopLedgerAsync()
    {
        await _ledger!.StopAsync();
        _ledger.Dispose();
        _ledger = null;
    }

    public async Task StopShopAsync()
    {
        await _shop!.StopAsync();
        _shop.Dispose();
        _shop = null;
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

    public Task<Order> PlaceOrderAsync(string tenant, long amountCents) =>
        PlaceOrderAsync(_shop ?? throw new InvalidOperationException("The shop is not running."), tenant, amountCents);

    /// <summary>A call's scope in the running shop, for the tenant.</summary>
    public AsyncServiceScope ShopScope(string tenant)
    {
        var scope = (_shop ?? throw new InvalidOperationException("The shop is not running.")).Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return scope;
    }

    /// <summary>The orders a tenant's ledger booked, in booking order.</summary>
    public async Task<List<LedgerEntry>> EntriesAsync(string tenant)
    {
        using var reader = Build("ledger", _ => { });
        await using var scope = reader.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        return await scope.ServiceProvider.GetRequiredService<LedgerDb>().Entries.OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ledger is not null)
        {
            await StopLedgerAsync();
        }

        if (_shop is not null)
        {
            await StopShopAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<Order> PlaceOrderAsync(IHost shop, string tenant, long amountCents)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var order = new Order { Id = Guid.NewGuid(), CustomerId = "c-" + amountCents, AmountCents = amountCents };
        db.Orders.Add(order);
        db.Raise(new OrderPlaced { OrderId = order.Id.ToString(), CustomerId = order.CustomerId, AmountCents = amountCents }, order.Id.ToString());
        await db.SaveChangesAsync();
        return order;
    }

    private IConfiguration Configuration(string service) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cx:DataDirectory"] = Path.Combine(_directory, service),
            ["Cx:Eventing:LogPath"] = Log.Path,
        })
        .Build();

    private IHost Build(string service, Action<IServiceCollection> eventing)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddConfiguration(Configuration(service));

        // One log object for both services, as in `cx up`: an append wakes the other service at once.
        builder.Services.AddSingleton(Log);
        builder.Services.AddSingleton(Failures);
        builder.Services.AddSingleton(new EmbeddedDeliveryOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(10), MaxAttempts = 3, SafetyPoll = TimeSpan.FromMilliseconds(200) });
        builder.Services.AddSingleton(new OutboxRelayOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(20), SafetyPoll = TimeSpan.FromMilliseconds(200) });
        builder.Services.AddCxTenancy();
        if (service == "shop")
        {
            builder.Services.AddCxDatabase<ShopDb, ShopDbSqlite, ShopDbPostgreSql>("shop", builder.Configuration);
        }
        else
        {
            builder.Services.AddCxDatabase<LedgerDb, LedgerDbSqlite, LedgerDbPostgreSql>("ledger", builder.Configuration);
        }

        eventing(builder.Services);
        return builder.Build();
    }
}
