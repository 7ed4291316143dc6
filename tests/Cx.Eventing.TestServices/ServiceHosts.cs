using Cx.Eventing.Outbox;
using Cx.Eventing.Subscribing;
using Cx.Eventing.TestServices.Ledger;
using Cx.Eventing.TestServices.Shop;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.Events.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Eventing.TestServices;

/// <summary>How the shop and the ledger are put together, in this process or in a process of their own.</summary>
public static class ServiceHosts
{
    public static IHost Build(string service, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> shared, Action<IServiceCollection> eventing)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        shared(builder.Services);
        builder.Services.AddSingleton(new DeliveryOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(10), MaxAttempts = 3, SafetyPoll = TimeSpan.FromMilliseconds(200) });
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

    /// <summary>The ledger with its subscription, configured from <paramref name="settings"/> alone.</summary>
    public static IHost BuildLedger(IReadOnlyDictionary<string, string?> settings, FailureSwitch failures) => Build(
        "ledger",
        settings,
        services => services.AddSingleton(failures),
        services => services.AddCxEventing<LedgerDb>("ledger", new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), s => s.On<OrderPlaced, RecordOrderInLedger>()));
}
