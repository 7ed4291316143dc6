using Cx.Eventing.Subscribing;
using Cx.Eventing.TestServices.Ledger;
using Cx.Testing.Events.V1;

namespace Cx.Bench.Eventing;

/// <summary>The ledger's booking, plus the time from the event's commit to its handling.</summary>
internal sealed class MeasuredBooking(LedgerDb ledger, Measurements measurements, TimeProvider clock) : IHandleEvent<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced message, EventContext context, CancellationToken cancellationToken)
    {
        ledger.Entries.Add(new LedgerEntry { OrderId = message.OrderId, AmountCents = message.AmountCents, CorrelationId = context.CorrelationId });
        measurements.Record(clock.GetUtcNow() - context.OccurredAt);
        return Task.CompletedTask;
    }
}
