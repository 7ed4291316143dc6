namespace Cx.Persistence.Messaging;

/// <summary>
/// An event raised by a domain change, stored in the same transaction as the change. The relay
/// publishes it afterwards, so a committed change never loses its event and a rolled-back one
/// never publishes one.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Commit order within this service; the relay publishes in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The CloudEvent id: stable across every retry of the publish.</summary>
    public string EventId { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    /// <summary>The aggregate the event is about; transports that order by key use it.</summary>
    public string Subject { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    public string CorrelationId { get; set; } = string.Empty;

    /// <summary>W3C trace context of the change that raised the event.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    /// <summary>The event message in its proto3 JSON form.</summary>
    public string Data { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public int PublishAttempts { get; set; }

    public string? LastError { get; set; }
}
