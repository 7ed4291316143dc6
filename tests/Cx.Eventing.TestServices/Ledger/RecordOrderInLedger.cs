using Cx.Eventing.Subscribing;
using Cx.Testing.Events.V1;

namespace Cx.Eventing.TestServices.Ledger;

/// <summary>Makes the handler fail on purpose: transiently for a number of attempts, or for good.</summary>
public sealed class FailureSwitch
{
    private int _transientFailuresLeft;

    public bool FailForGood { get; set; }

    /// <summary>An order amount whose booking always fails: one bad event among good ones.</summary>
    public long? FailAmount { get; set; }

    /// <summary>Time each booking takes, to keep a batch in flight long enough to be interrupted.</summary>
    public TimeSpan HandlerDelay { get; set; }

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
    public async Task HandleAsync(OrderPlaced message, EventContext context, CancellationToken cancellationToken)
    {
        failures.ThrowIfSwitchedOn();
        if (message.AmountCents == failures.FailAmount)
        {
            throw new InvalidOperationException($"order amount {message.AmountCents} cannot be booked");
        }

        if (failures.HandlerDelay > TimeSpan.Zero)
        {
            await Task.Delay(failures.HandlerDelay, cancellationToken);
        }

        ledger.Entries.Add(new LedgerEntry { OrderId = message.OrderId, AmountCents = message.AmountCents, CorrelationId = context.CorrelationId });
    }
}
