using Cx.Eventing.Subscribing;
using Cx.Testing.Events.V1;

namespace Cx.Eventing.Tests.Ledger;

/// <summary>Makes the handler fail on purpose: transiently for a number of attempts, or for good.</summary>
public sealed class FailureSwitch
{
    private int _transientFailuresLeft;

    public bool FailForGood { get; set; }

    public int TransientFailuresLeft
    {
        get => Volatile.Read(ref _transientFailuresLeft);
        set => Volatile.Write(ref _transientFailuresLeft, value);
    }

    public void ThrowIfSwitchedOn()
    {
        if (FailForGood)
        {
            throw new InvalidOperationException("the ledger is switched off");
        }

        if (Interlocked.Decrement(ref _transientFailuresLeft) >= 0)
        {
            throw new TimeoutException("the ledger timed out");
        }
    }
}

/// <summary>The subscriber: books each placed order once.</summary>
public sealed class RecordOrderInLedger(LedgerDb ledger, FailureSwitch failures) : IHandleEvent<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced message, EventContext context, CancellationToken cancellationToken)
    {
        failures.ThrowIfSwitchedOn();
        ledger.Entries.Add(new LedgerEntry { OrderId = message.OrderId, AmountCents = message.AmountCents, CorrelationId = context.CorrelationId });
        return Task.CompletedTask;
    }
}
