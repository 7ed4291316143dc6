using System.Collections.Concurrent;
using System.Diagnostics;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.Subscribing;
using Cx.Eventing.TestServices.Ledger;
using Cx.Eventing.TestServices.Shop;
using Cx.Eventing.Tests.Support;
using Cx.Testing.Events.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Eventing.Tests;

/// <summary>
/// The eventing promises, one suite for every backend that runs here: each test starts two real
/// services and checks effects by counting them in the consumer's database.
/// </summary>
public abstract class EventDeliveryBehaviour
{
    protected const string Tenant = "acme";

    /// <summary>The servers of the backend under test; null for the embedded backend.</summary>
    protected abstract RedisBackendServers? Servers { get; }

    private Task<EventingWorld> StartWorldAsync() => EventingWorld.StartAsync(Servers);

    private static EventEnvelope Envelope(string id, string data) =>
        new(id, EventingWorld.OrderPlacedType, "/cx/shop", "o-" + id, DateTimeOffset.UtcNow, Tenant, "corr-" + id, null, null, data);

    [Fact]
    public async Task PlaceOrder_Committed_IsBookedOnceWithTenantAndCorrelation()
    {
        await using var world = await StartWorldAsync();

        var order = await world.PlaceOrderAsync(Tenant, 1250);

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 1, "the booking");
        var entry = Assert.Single(await world.EntriesAsync(Tenant));
        Assert.Equal((order.Id.ToString(), 1250L, Tenant), (entry.OrderId, entry.AmountCents, entry.TenantId));
        Assert.NotEmpty(entry.CorrelationId);
        Assert.Empty(await world.EntriesAsync("globex"));
    }

    [Fact]
    public async Task RaiseThenRollBack_PublishesNothing()
    {
        await using var world = await StartWorldAsync();
        await using (var scope = world.ShopScope(Tenant))
        {
            var shop = scope.ServiceProvider.GetRequiredService<ShopDb>();
            await using var transaction = await shop.Database.BeginTransactionAsync();
            shop.Raise(new OrderPlaced { OrderId = "rolled-back", AmountCents = 1 }, "rolled-back");
            await shop.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await world.PlaceOrderAsync(Tenant, 2);

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 1, "the committed booking");
        Assert.Equal(2, Assert.Single(await world.EntriesAsync(Tenant)).AmountCents);
        var published = Assert.Single(await world.PublishedAsync());
        Assert.DoesNotContain("rolled-back", published, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_SameEventTwice_HasOneEffect()
    {
        await using var world = await StartWorldAsync();
        var dispatcher = world.Ledger.Services.GetRequiredService<EventDispatcher<LedgerDb>>();
        var subscription = Assert.Single(world.Ledger.Services.GetRequiredService<EventSubscriptions>().All);
        var envelope = Envelope("twice", "{\"orderId\":\"o-1\",\"amountCents\":\"500\"}");

        var first = await dispatcher.DispatchAsync(subscription, envelope, 1, CancellationToken.None);
        var second = await dispatcher.DispatchAsync(subscription, envelope, 1, CancellationToken.None);

        Assert.Equal((DeliveryVerdict.Success, DeliveryVerdict.Success), (first.Verdict, second.Verdict));
        var entry = Assert.Single(await world.EntriesAsync(Tenant));
        Assert.Equal(("o-1", 500L, "corr-twice"), (entry.OrderId, entry.AmountCents, entry.CorrelationId));
    }

    [Fact]
    public async Task PublishSameEventTwice_IsDeliveredOnce()
    {
        await using var world = await StartWorldAsync();
        var envelope = Envelope("republished", "{\"orderId\":\"o-r\",\"amountCents\":\"9\"}");

        await world.PublishAsync(envelope);
        await world.PublishAsync(envelope);

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 1, "the booking");
        Assert.Single(await world.PublishedAsync());
    }

    [Fact]
    public async Task CommittedButNeverRelayed_IsDeliveredWhenTheShopRestarts()
    {
        await using var world = await EventingWorld.CreateAsync(Servers);
        await world.StartLedgerAsync();
        await world.PlaceOrdersWithoutRelayAsync(Tenant, 5);
        Assert.Empty(await world.PublishedAsync());

        await world.StartShopAsync();

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 5, "five bookings");
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).ToArray();
        Assert.Equal(new long[] { 100, 101, 102, 103, 104 }, booked);
    }

    [Fact]
    public async Task LedgerStoppedAndRestarted_ResumesWithoutLossOrDuplicates()
    {
        await using var world = await StartWorldAsync();
        for (var i = 0; i < 30; i++)
        {
            await world.PlaceOrderAsync(Tenant, i);
        }

        await world.StopLedgersAsync();
        for (var i = 30; i < 60; i++)
        {
            await world.PlaceOrderAsync(Tenant, i);
        }

        await world.StartLedgerAsync();

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count >= 60, "sixty bookings");

        // Each order is its own aggregate: what is promised is every one booked exactly once.
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i).ToArray(), booked);
    }

    [Fact]
    public async Task LedgerProcessKilledMidBatch_Restarted_BooksEveryEventExactlyOnce()
    {
        await using var world = await EventingWorld.CreateAsync(Servers);
        await world.StartShopAsync();
        const int orders = 3_000;
        await world.PlaceOrdersAsync(Tenant, 0, orders);
        var directory = Directory.CreateTempSubdirectory("cx-ledger-process-");
        try
        {
            using (var first = await LedgerProcess.StartAsync(world, directory.FullName))
            {
                await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= 300, "the first bookings", seconds: 120);
                first.Kill();
                await first.WaitForExitAsync();
            }

            var bookedBeforeTheKill = await world.CountEntriesAsync(Tenant);
            Assert.InRange(bookedBeforeTheKill, 300, orders - 1);

            using var second = await LedgerProcess.StartAsync(world, directory.FullName);
            await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= orders, "every booking", seconds: 180);
            second.Kill();
            await second.WaitForExitAsync();
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, orders).Select(i => (long)i).ToArray(), booked);
    }

    [Fact]
    public async Task TransientHandlerFailures_AreRetriedAndBookOnce()
    {
        await using var world = await StartWorldAsync();
        world.Failures.TransientFailuresLeft = 2;

        await world.PlaceOrderAsync(Tenant, 77);

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 1, "the booking after two failures");
        Assert.Empty(await world.DeadLetters.ListAsync(CancellationToken.None));
        Assert.Single(await world.EntriesAsync(Tenant));
    }

    [Fact]
    public async Task PersistentFailure_IsDeadLetteredWithItsReason_OthersFlow_AndReplayBooksIt()
    {
        await using var world = await StartWorldAsync();
        world.Failures.FailForGood = true;
        await world.PlaceOrderAsync(Tenant, 13);
        await EventingWorld.WaitForAsync(async () => (await world.DeadLetters.ListAsync(CancellationToken.None)).Count == 1, "the dead letter");
        var letter = Assert.Single(await world.DeadLetters.ListAsync(CancellationToken.None));
        Assert.Equal(("ledger.RecordOrderInLedger", 3, EventingWorld.OrderPlacedType), (letter.Subscription, letter.Attempts, letter.EventType));
        Assert.Contains("switched off", letter.Reason, StringComparison.Ordinal);

        world.Failures.FailForGood = false;
        await world.PlaceOrderAsync(Tenant, 14);
        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 1, "the next booking");
        Assert.True(await world.DeadLetters.RequestReplayAsync(letter.Id, CancellationToken.None));

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 2, "the replayed booking");
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).ToArray();
        Assert.Equal(new long[] { 14, 13 }, booked);
        await EventingWorld.WaitForAsync(async () => (await world.DeadLetters.ListAsync(CancellationToken.None)).Count == 0, "no dead letters");
        Assert.False(await world.DeadLetters.RequestReplayAsync(letter.Id, CancellationToken.None));
    }

    [Fact]
    public async Task OneBadEventInABatch_OnlyItIsDeadLettered_TheOthersBookedInOrder()
    {
        await using var world = await StartWorldAsync();
        world.Failures.FailAmount = 13;

        await world.PlaceOrdersAsync(Tenant, 10, 17);

        await EventingWorld.WaitForAsync(async () => (await world.DeadLetters.ListAsync(CancellationToken.None)).Count == 1, "the dead letter");
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) == 6, "six bookings");
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).ToArray();
        Assert.Equal(new long[] { 10, 11, 12, 14, 15, 16 }, booked.Order().ToArray());
        Assert.Contains("cannot be booked", Assert.Single(await world.DeadLetters.ListAsync(CancellationToken.None)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanUp_PastRetention_DeletesPublishedOutboxRowsAndInboxEntries_KeepsTheRest()
    {
        await using var world = await StartWorldAsync();
        await world.PlaceOrdersAsync(Tenant, 0, 10);
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) == 10, "ten bookings");
        var expireAll = new OutboxRelayOptions { OutboxRetention = TimeSpan.Zero, InboxRetention = TimeSpan.Zero };

        await ActivatorUtilities.CreateInstance<OutboxRelay<ShopDb>>(world.Shop.Services, expireAll).CleanUpAsync(CancellationToken.None);
        await ActivatorUtilities.CreateInstance<OutboxRelay<LedgerDb>>(world.Ledger.Services, expireAll).CleanUpAsync(CancellationToken.None);

        await using (var scope = world.ShopScope(Tenant))
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<ShopDb>().Outbox.ToListAsync());
            Assert.Equal(10, await scope.ServiceProvider.GetRequiredService<ShopDb>().Orders.CountAsync());
        }

        await using var ledger = world.Ledger.Services.CreateAsyncScope();
        Assert.Empty(await ledger.ServiceProvider.GetRequiredService<LedgerDb>().Inbox.ToListAsync());
        Assert.Equal(10, await world.CountEntriesAsync(Tenant));
    }

    [Fact]
    public async Task CleanUp_WithinRetention_KeepsEverything()
    {
        await using var world = await StartWorldAsync();
        await world.PlaceOrdersAsync(Tenant, 0, 3);
        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) == 3, "three bookings");

        await ActivatorUtilities.CreateInstance<OutboxRelay<LedgerDb>>(world.Ledger.Services, new OutboxRelayOptions()).CleanUpAsync(CancellationToken.None);

        await using var ledger = world.Ledger.Services.CreateAsyncScope();
        Assert.Equal(3, await ledger.ServiceProvider.GetRequiredService<LedgerDb>().Inbox.CountAsync());
    }

    [Fact]
    public async Task UnparseablePayload_IsDeadLetteredAtOnce()
    {
        await using var world = await StartWorldAsync();

        await world.PublishAsync(Envelope("poison", "{\"amountCents\":\"not a number\"}"));

        await EventingWorld.WaitForAsync(async () => (await world.DeadLetters.ListAsync(CancellationToken.None)).Count == 1, "the dead letter");
        var letter = Assert.Single(await world.DeadLetters.ListAsync(CancellationToken.None));
        Assert.Equal(("poison", 1), (letter.EventId, letter.Attempts));
        Assert.StartsWith("Unparseable", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventHop_ConsumerSpanContinuesTheProducersTrace()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Cx.Eventing" or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var requestSource = new ActivitySource("test");
        await using var world = await StartWorldAsync();

        Order order;
        ActivityTraceId traceId;
        using (var request = requestSource.StartActivity("place order", ActivityKind.Server))
        {
            traceId = request!.TraceId;
            order = await world.PlaceOrderAsync(Tenant, 5);
        }

        // Either span may end first: a transport can hand the event over before the publish returns.
        await EventingWorld.WaitForAsync(
            () => Task.FromResult(spans.Any(s => s.Kind == ActivityKind.Consumer && s.TraceId == traceId) && spans.Any(s => s.Kind == ActivityKind.Producer && s.TraceId == traceId)),
            "the producer and consumer spans");
        var producer = Assert.Single(spans, s => s.Kind == ActivityKind.Producer && s.TraceId == traceId);
        var consumer = Assert.Single(spans, s => s.Kind == ActivityKind.Consumer && s.TraceId == traceId);
        Assert.Equal(producer.SpanId, consumer.ParentSpanId);
        Assert.Contains(consumer.Links, l => l.Context.SpanId == producer.SpanId);
        Assert.Equal("process " + EventingWorld.OrderPlacedType, consumer.DisplayName);
        Assert.Equal(EventingWorld.OrderPlacedType, consumer.GetTagItem("messaging.destination.name"));
        Assert.Equal(producer.GetTagItem("messaging.message.id"), consumer.GetTagItem("messaging.message.id"));
        Assert.Equal((Servers is null ? "cx" : "redis", "process", "ledger"), (consumer.GetTagItem("messaging.system"), consumer.GetTagItem("messaging.operation.name"), consumer.GetTagItem("cx.service")));
        Assert.Equal(("cx", "create"), (producer.GetTagItem("messaging.system"), producer.GetTagItem("messaging.operation.name")));

        // The consumer span ends with the handler, before the delivery's transaction commits.
        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count > 0, "the ledger entry");
        Assert.Equal(order.Id.ToString(), Assert.Single(await world.EntriesAsync(Tenant)).OrderId);
    }
}

public sealed class EmbeddedEventDeliveryTests : EventDeliveryBehaviour
{
    protected override RedisBackendServers? Servers => null;

    [Fact]
    public async Task TransientFailureInABatch_LaterEventsWaitForIt_CommitOrderKept()
    {
        await using var world = await EventingWorld.StartAsync(null);
        await world.StopLedgersAsync();
        await world.PlaceOrdersAsync(Tenant, 0, 8);
        world.Failures.TransientFailuresLeft = 2;

        await world.StartLedgerAsync();

        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) == 8, "eight bookings");
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).ToArray();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i).ToArray(), booked);
    }

    [Fact]
    public async Task Subscription_AcrossARestart_SeesEventsInCommitOrder()
    {
        await using var world = await EventingWorld.StartAsync(null);
        for (var i = 0; i < 20; i++)
        {
            await world.PlaceOrderAsync(Tenant, i);
        }

        await world.StopLedgersAsync();
        for (var i = 20; i < 40; i++)
        {
            await world.PlaceOrderAsync(Tenant, i);
        }

        await world.StartLedgerAsync();

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count >= 40, "forty bookings");
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).ToArray();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i).ToArray(), booked);
    }
}

[Collection(RedisBackendGroup.Name)]
public sealed class RedisEventDeliveryTests(RedisBackendServers servers) : EventDeliveryBehaviour
{
    protected override RedisBackendServers? Servers => servers;

    [Fact]
    public async Task CompetingLedgers_TenThousandEvents_EachBookedExactlyOnce()
    {
        await using var world = await EventingWorld.CreateAsync(servers);
        await world.StartShopAsync();
        await world.StartLedgerAsync();
        await world.StartLedgerAsync();
        await world.StartLedgerAsync();
        const int orders = 10_000;

        await world.PlaceOrdersAsync(Tenant, 0, orders);

        await EventingWorld.WaitForAsync(async () => await world.CountEntriesAsync(Tenant) >= orders, $"{orders} bookings", seconds: 240);
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, orders).Select(i => (long)i).ToArray(), booked);
    }
}
