using System.Diagnostics;
using Cx.Eventing.Envelope;
using Cx.Eventing.Telemetry;
using Cx.Persistence;
using Cx.Persistence.Messaging;
using Google.Protobuf;

namespace Cx.Eventing.Outbox;

public static class EventRaising
{
    /// <summary>Baggage key that carries a flow's correlation id across calls and events.</summary>
    public const string CorrelationBaggage = "cx.correlation_id";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    /// <summary>
    /// Records <paramref name="event"/> in the outbox of <paramref name="database"/>. It is committed by
    /// the same SaveChanges as the change that raised it, and published by the relay afterwards.
    /// </summary>
    /// <param name="subject">The aggregate the event is about (its id); transports order by it where they can.</param>
    public static OutboxMessage Raise(this ServiceDbContext database, IMessage @event, string subject)
    {
        var message = database.PrepareEvent(@event, subject);
        database.Outbox.Add(message);
        return message;
    }

    /// <summary>
    /// The outbox row <see cref="Raise"/> would add, left to the caller to store in the change's
    /// transaction, e.g. with <see cref="RowInserts.InsertRowsAsync{T}"/> on an ingestion path.
    /// </summary>
    public static OutboxMessage PrepareEvent(this ServiceDbContext database, IMessage @event, string subject)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var type = EventTypes.Of(@event.Descriptor);
        var id = Guid.CreateVersion7().ToString("N");

        // A producer span of its own, child of the change's span: the consumer links back to it.
        using var span = EventingTelemetry.Source.StartActivity("create " + type, ActivityKind.Producer);
        EventingTelemetry.Tag(span, "create", type, id);
        var context = span ?? Activity.Current;

        return new OutboxMessage
        {
            EventId = id,
            Type = type,
            Subject = subject,
            TenantId = database.CurrentTenantId,
            CorrelationId = Activity.Current?.GetBaggageItem(CorrelationBaggage) ?? context?.TraceId.ToHexString() ?? id,
            TraceParent = context?.Id,
            TraceState = context?.TraceStateString,
            Data = Json.Format(@event),
            OccurredAt = database.Clock.GetUtcNow(),
        };
    }
}
