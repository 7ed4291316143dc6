using System.Collections.Concurrent;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.TestServices;
using Cx.Eventing.TestServices.Shop;
using Cx.Eventing.Tests.Support;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.Events.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cx.Eventing.Tests;

/// <summary>Replicas of a service share its PostgreSQL outbox: their relays must not publish an event twice.</summary>
[Collection(RedisBackendGroup.Name)]
public sealed class CompetingRelayTests(RedisBackendServers servers)
{
    [Fact]
    public async Task ThreeShopReplicas_RelayOneOutbox_EachEventPublishedOnce()
    {
        var connectionString = await servers.PostgreSql.CreateDatabaseAsync("relay_" + Guid.NewGuid().ToString("N")[..10]);
        var settings = new Dictionary<string, string?>
        {
            ["Cx:Backend"] = "redis",
            ["Cx:Database:MigrateOnStartup"] = "true",
            ["ConnectionStrings:shop"] = connectionString,
            ["Cx:Eventing:Redis:Configuration"] = servers.Redis.Configuration,
        };
        var transport = new Recording();
        var replicas = Enumerable.Range(0, 3).Select(replica => ServiceHosts.Build("shop", settings, _ => { }, services =>
        {
            services.AddCxEventing<ShopDb>("shop", new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            services.AddSingleton<IEventTransport>(new RecordingTransport(replica, transport));
            services.AddSingleton(new OutboxRelayOptions { BatchSize = 20, SafetyPoll = TimeSpan.FromMilliseconds(50) });
        })).ToArray();
        foreach (var replica in replicas)
        {
            await replica.StartAsync();
        }

        try
        {
            const int orders = 600;
            for (var start = 0; start < orders; start += 50)
            {
                await using var scope = replicas[start % 3].Services.CreateTenantScope("acme");
                var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
                for (var i = start; i < start + 50; i++)
                {
                    var order = new Order { Id = Guid.NewGuid(), AmountCents = i };
                    db.Orders.Add(order);
                    db.Raise(new OrderPlaced { OrderId = order.Id.ToString(), AmountCents = i }, order.Id.ToString());
                }

                await db.SaveChangesAsync();
            }

            await EventingWorld.WaitForAsync(() => Task.FromResult(transport.Published.Count >= orders), "every event published", seconds: 60);
            await using (var check = replicas[0].Services.CreateAsyncScope())
            {
                await EventingWorld.WaitForAsync(async () => !await check.ServiceProvider.GetRequiredService<ShopDb>().Outbox.AnyAsync(m => m.PublishedAt == null), "the outbox marked published");
            }

            Assert.Equal(orders, transport.Published.Count);
            Assert.Equal(orders, transport.Published.Distinct().Count());
            Assert.True(transport.Publishers.Count > 1, "more than one replica relayed");
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.StopAsync();
                replica.Dispose();
            }

            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>What every replica published, and which replicas did.</summary>
    private sealed class Recording
    {
        public ConcurrentQueue<string> Published { get; } = new();

        public ConcurrentDictionary<int, bool> Publishers { get; } = new();
    }

    /// <summary>Records each publish of one replica, slowly enough that the replicas' relays overlap.</summary>
    private sealed class RecordingTransport(int replica, Recording recording) : IEventTransport
    {
        public async Task PublishAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
        {
            recording.Publishers[replica] = true;
            await Task.Delay(20, cancellationToken);
            foreach (var envelope in batch)
            {
                recording.Published.Enqueue(envelope.Id);
            }
        }
    }
}
