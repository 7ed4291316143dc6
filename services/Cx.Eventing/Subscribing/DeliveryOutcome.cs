namespace Cx.Eventing.Subscribing;

public enum DeliveryVerdict
{
    /// <summary>Handled now, or already handled before (a redelivery).</summary>
    Success,

    /// <summary>A transient failure: deliver again later.</summary>
    Retry,

    /// <summary>Delivering again cannot succeed: dead-letter it with the reason.</summary>
    Drop,
}

/// <summary>What a subscriber answers for one delivery: explicit, never by accident.</summary>
public sealed record DeliveryOutcome(DeliveryVerdict Verdict, string? Reason = null)
{
    public static DeliveryOutcome Success { get; } = new(DeliveryVerdict.Success);

    public static DeliveryOutcome Retry(string reason) => new(DeliveryVerdict.Retry, reason);

    public static DeliveryOutcome Drop(string reason) => new(DeliveryVerdict.Drop, reason);

    /// <summary>
    /// Not delivered yet because an earlier event of the batch must be retried first: delivering it
    /// now would overtake that event.
    /// </summary>
    public static DeliveryOutcome NotAttempted { get; } = new(DeliveryVerdict.Retry, "not attempted: an earlier event of the batch is being retried");
}
