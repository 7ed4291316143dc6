namespace Cx.Persistence.Messaging;

/// <summary>
/// Proof that a subscription handled an event, written in the same transaction as the handler's
/// effect: a redelivery finds it and has no second effect.
/// </summary>
public sealed class InboxMessage
{
    public string Subscription { get; set; } = string.Empty;

    public string EventId { get; set; } = string.Empty;

    public DateTimeOffset HandledAt { get; set; }
}
