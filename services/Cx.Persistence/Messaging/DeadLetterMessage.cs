namespace Cx.Persistence.Messaging;

/// <summary>
/// An event one of the service's subscriptions gave up on, kept where the broker does not keep it
/// readable (Dapr's dead-letter topic): listed, and delivered again to its subscription.
/// </summary>
public sealed class DeadLetterMessage
{
    public long Id { get; set; }

    public string Subscription { get; set; } = string.Empty;

    public string EventId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    /// <summary>The CloudEvent as the broker delivered it.</summary>
    public string Envelope { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public DateTimeOffset DeadAt { get; set; }
}
