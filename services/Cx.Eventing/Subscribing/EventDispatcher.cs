using System.Diagnostics;
using Cx.Domain.Errors;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using Cx.Eventing.Telemetry;
using Cx.Persistence;
using Cx.Persistence.Messaging;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cx.Eventing.Subscribing;

/// <summary>
/// Delivers one event to one subscription of a service, exactly once in effect: the inbox entry
/// and the handler's changes commit in one transaction of the service's database, so a
/// redelivery finds the entry and changes nothing.
/// </summary>
public sealed partial class EventDispatcher<TContext>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EventDispatcher<TContext>> logger)
    where TContext : ServiceDbContext
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public async Task<DeliveryOutcome> DispatchAsync(EventSubscription subscription, EventEnvelope envelope, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Type != subscription.EventType)
        {
            return DeliveryOutcome.Drop($"{subscription.Name} does not handle {envelope.Type}.");
        }

        IMessage message;
        try
        {
            message = Parser.Parse(envelope.Data, subscription.Message);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return DeliveryOutcome.Drop($"Unparseable {envelope.Type} payload: {e.Message}");
        }

        if (!TenantId.IsValid(envelope.Tenant))
        {
            return DeliveryOutcome.Drop($"The event's tenant '{envelope.Tenant}' is not a tenant id.");
        }

        using var span = StartConsumerSpan(subscription, envelope);
        try
        {
            var outcome = await HandleOnceAsync(subscription, envelope, message, attempt, cancellationToken);
            span?.SetTag("cx.delivery.outcome", outcome.Verdict.ToString());
            return outcome;
        }
        catch (DomainException e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            return DeliveryOutcome.Drop($"{subscription.Name} refused the event: {e.Message}");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogHandlerFailed(e, subscription.Name, envelope.Id, attempt);
            return DeliveryOutcome.Retry($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<DeliveryOutcome> HandleOnceAsync(EventSubscription subscription, EventEnvelope envelope, IMessage message, int attempt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(envelope.Tenant);
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        if (await database.Inbox.AnyAsync(i => i.Subscription == subscription.Name && i.EventId == envelope.Id, cancellationToken))
        {
            return DeliveryOutcome.Success;
        }

        var context = new EventContext(envelope.Id, envelope.Type, envelope.Subject, envelope.Tenant, envelope.CorrelationId, envelope.Time, attempt);
        await subscription.Invoke(scope.ServiceProvider, message, context, cancellationToken);
        database.Inbox.Add(new InboxMessage { Subscription = subscription.Name, EventId = envelope.Id, HandledAt = clock.GetUtcNow() });

        // A concurrent delivery of the same event loses here on the inbox key and is retried, finding it handled.
        await database.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DeliveryOutcome.Success;
    }

    private static Activity? StartConsumerSpan(EventSubscription subscription, EventEnvelope envelope)
    {
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var producer);
        var span = EventingTelemetry.Source.StartActivity(
            "process " + envelope.Type,
            ActivityKind.Consumer,
            producer,
            links: producer == default ? null : [new ActivityLink(producer)]);
        EventingTelemetry.Tag(span, "process", envelope.Type, envelope.Id);
        span?.SetTag("messaging.consumer.group.name", subscription.Name);
        if (envelope.CorrelationId.Length > 0)
        {
            span?.SetBaggage(EventRaising.CorrelationBaggage, envelope.CorrelationId);
        }

        return span;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscription} failed on event {EventId} (attempt {Attempt})")]
    private partial void LogHandlerFailed(Exception exception, string subscription, string eventId, int attempt);
}
