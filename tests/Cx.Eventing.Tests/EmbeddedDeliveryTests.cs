using System.Collections.Concurrent;
using System.Diagnostics;
using Cx.Eventing.Embedded;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.Subscribing;
using Cx.Eventing.Tests.Ledger;
using Cx.Eventing.Tests.Shop;
using Cx.Eventing.Tests.Support;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.Events.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Eventing.Tests;

/// <summary>The eventing promises on the embedded backend, between two real services.</summary>
public sealed class EmbeddedDeliveryTests
{
    private const string Tenant = "acme";

    [Fact]
    public async Task PlaceOrder_Committed_IsBookedOnceWithTenantAndCorrelation()
    {
        await using var world = await EventingWorld.StartAsync();

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
        await using var world = await EventingWorld.StartAsync();
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
        Assert.DoesNotContain(await ReadLogAsync(world), e => e.Contains("rolled-back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_SameEventTwice_HasOneEffect()
    {
        await using var world = await EventingWorld.StartAsync();
        var dispatcher = world.Ledger.Services.GetRequiredService<EventDispatcher<LedgerDb>>();
        var subscription = Assert.Single(world.Ledger.Services.GetRequiredService<EventSubscriptions>().All);
        var envelope = new EventEnvelope(
            Guid.NewGuid().ToString("N"), "cx.testing.order_placed.v1", "/cx/shop", "o-1", DateTimeOffset.UtcNow, Tenant, "corr-1", null, null,
            "{\"orderId\":\"o-1\",\"amountCents\":\"500\"}");

        var first = await dispatcher.DispatchAsync(subscription, envelope, 1, CancellationToken.None);
        var second = await dispatcher.DispatchAsync(subscription, envelope, 1, CancellationToken.None);

        Assert.Equal((DeliveryVerdict.Success, DeliveryVerdict.Success), (first.Verdict, second.Verdict));
        var entry = Assert.Single(await world.EntriesAsync(Tenant));
        Assert.Equal(("o-1", 500L, "corr-1"), (entry.OrderId, entry.AmountCents, entry.CorrelationId));
    }

    [Fact]
    public async Task CommittedButNeverRelayed_IsDeliveredWhenTheShopRestarts()
    {
        await using var world = new EventingWorld();
        await world.StartLedgerAsync();
        await world.PlaceOrdersWithoutRelayAsync(Tenant, 5);
        Assert.Empty(await ReadLogAsync(world));

        await world.StartShopAsync();

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 5, "five bookings");
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).ToArray();
        Assert.Equal(new long[] { 100, 101, 102, 103, 104 }, booked);
    }

    [Fact]
    public async Task LedgerStoppedAndRestarted_ResumesWithoutLossOrDuplicates()
    {
        await using var world = await EventingWorld.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await world.PlaceOrderAsync(Tenant, i);
        }

        await world.StopLedgerAsync();
        for (var i = 30; i < 60; i++)
        {
            await world.PlaceOrderAsync(Tenant, i);
        }

        await world.StartLedgerAsync();

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count >= 60, "sixty bookings");
        var entries = await world.EntriesAsync(Tenant);
        Assert.Equal(60, entries.Count);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i).ToArray(), entries.Select(e => e.AmountCents).ToArray());
    }

    [Fact]
    public async Task TransientHandlerFailures_AreRetriedAndBookOnce()
    {
        await using var world = await EventingWorld.StartAsync();
        world.Failures.TransientFailuresLeft = 2;

        await world.PlaceOrderAsync(Tenant, 77);

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 1, "the booking after two failures");
        Assert.Empty(await world.Log.DeadLettersAsync(CancellationToken.None));
        Assert.Single(await world.EntriesAsync(Tenant));
    }

    [Fact]
    public async Task PersistentFailure_IsDeadLetteredWithItsReason_OthersFlow_AndReplayBooksIt()
    {
        await using var world = await EventingWorld.StartAsync();
        world.Failures.FailForGood = true;
        await world.PlaceOrderAsync(Tenant, 13);
        await EventingWorld.WaitForAsync(async () => (await world.Log.DeadLettersAsync(CancellationToken.None)).Count == 1, "the dead letter");
        var letter = Assert.Single(await world.Log.DeadLettersAsync(CancellationToken.None));
        Assert.Equal(("ledger.RecordOrderInLedger", 3), (letter.Subscription, letter.Attempts));
        Assert.Contains("switched off", letter.Reason, StringComparison.Ordinal);

        world.Failures.FailForGood = false;
        await world.PlaceOrderAsync(Tenant, 14);
        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 1, "the next booking");
        Assert.True(await world.Log.RequestReplayAsync(letter.Id, CancellationToken.None));

        await EventingWorld.WaitForAsync(async () => (await world.EntriesAsync(Tenant)).Count == 2, "the replayed booking");
        var booked = (await world.EntriesAsync(Tenant)).Select(e => e.AmountCents).ToArray();
        Assert.Equal(new long[] { 14, 13 }, booked);
        Assert.Empty(await world.Log.DeadLettersAsync(CancellationToken.None));
        Assert.False(await world.Log.RequestReplayAsync(letter.Id, CancellationToken.None));
    }

    [Fact]
    public async Task UnparseablePayload_IsDeadLetteredAtOnce()
    {
        await using var world = await EventingWorld.StartAsync();
        var poison = new EventEnvelope(
            "poison-1", "cx.testing.order_placed.v1", "/cx/shop", "o-x", DateTimeOffset.UtcNow, Tenant, "c", null, null,
            "{\"amountCents\":\"not a number\"}");

        await world.Log.AppendAsync([poison], CancellationToken.None);

        await EventingWorld.WaitForAsync(async () => (await world.Log.DeadLettersAsync(CancellationToken.None)).Count == 1, "the dead letter");
        var letter = Assert.Single(await world.Log.DeadLettersAsync(CancellationToken.None));
        Assert.Equal(("poison-1", 1), (letter.EventId, letter.Attempts));
        Assert.StartsWith("Unparseable", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishSameBatchTwice_AppendsEachEventOnce()
    {
        await using var world = new EventingWorld();
        var envelope = new EventEnvelope("dup-1", "cx.testing.order_placed.v1", "/cx/shop", "o", DateTimeOffset.UtcNow, Tenant, "c", null, null, "{}");

        await world.Log.AppendAsync([envelope], CancellationToken.None);
        await world.Log.AppendAsync([envelope], CancellationToken.None);

        Assert.Single(await world.Log.ReadAfterAsync(0, "cx.testing.order_placed.v1", 10, CancellationToken.None));
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
        await using var world = await EventingWorld.StartAsync();

        Order order;
        ActivityTraceId traceId;
        using (var request = requestSource.StartActivity("place order", ActivityKind.Server))
        {
            traceId = request!.TraceId;
            order = await world.PlaceOrderAsync(Tenant, 5);
        }

        await EventingWorld.WaitForAsync(() => Task.FromResult(spans.Any(s => s.Kind == ActivityKind.Consumer && (string?)s.GetTagItem("messaging.message.id") is not null && s.TraceId == traceId)), "the consumer span");
        var producer = Assert.Single(spans, s => s.Kind == ActivityKind.Producer && s.TraceId == traceId);
        var consumer = Assert.Single(spans, s => s.Kind == ActivityKind.Consumer && s.TraceId == traceId);
        Assert.Equal(producer.SpanId, consumer.ParentSpanId);
        Assert.Contains(consumer.Links, l => l.Context.SpanId == producer.SpanId);
        Assert.Equal("process cx.testing.order_placed.v1", consumer.DisplayName);
        Assert.Equal("cx.testing.order_placed.v1", consumer.GetTagItem("messaging.destination.name"));
        Assert.Equal(producer.GetTagItem("messaging.message.id"), consumer.GetTagItem("messaging.message.id"));
        Assert.Equal("cx", consumer.GetTagItem("messaging.system"));
        Assert.Equal(order.Id.ToString(), Assert.Single(await world.EntriesAsync(Tenant)).OrderId);
    }

    private static async Task<List<string>> ReadLogAsync(EventingWorld world) =>
        (await world.Log.ReadAfterAsync(0, "cx.testing.order_placed.v1", 1000, CancellationToken.None)).Select(e => e.Envelope).ToList();
}
