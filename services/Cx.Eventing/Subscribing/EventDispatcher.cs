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
public sealed partial class EventDispatcher<TContext>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EventDispatcher<TContext>> logger, EventingSpans spans)
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

    /// <summary>
    /// Delivers a batch in order, each run of consecutive events of one tenant in one transaction:
    /// one inbox query and one commit for the run instead of one per event. If anything in a run
    /// fails, the run is rolled back and delivered one event at a time, so only the failing event
    /// is retried or dropped.
    /// </summary>
    /// <returns>One outcome per envelope, in the batch's order.</returns>
    public async Task<IReadOnlyList<DeliveryOutcome>> DispatchBatchAsync(EventSubscription subscription, IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(envelopes);
        var outcomes = Enumerable.Repeat(DeliveryOutcome.NotAttempted, envelopes.Count).ToArray();
        var run = new List<(int Index, EventEnvelope Envelope, IMessage Message)>();
        for (var i = 0; i < envelopes.Count; i++)
        {
            var envelope = envelopes[i];
            IMessage? message = null;
            var valid = envelope.Type == subscription.EventType && TenantId.IsValid(envelope.Tenant) && TryParse(subscription, envelope, out message);
            if (run.Count > 0 && (!valid || run[0].Envelope.Tenant != envelope.Tenant))
            {
                if (!await DispatchRunAsync(subscription, run, outcomes, cancellationToken))
                {
                    return outcomes;
                }

                run.Clear();
            }

            if (valid)
            {
                run.Add((i, envelope, message!));
            }
            else
            {
                // Rejected alone, with its reason; the events around it are unaffected.
                outcomes[i] = await DispatchAsync(subscription, envelope, 1, cancellationToken);
            }
        }

        if (run.Count > 0)
        {
            await DispatchRunAsync(subscription, run, outcomes, cancellationToken);
        }

        return outcomes;
    }

    /// <returns>False when an event of the run must be retried: nothing after it may be delivered before it.</returns>
    private async Task<bool> DispatchRunAsync(EventSubscription subscription, List<(int Index, EventEnvelope Envelope, IMessage Message)> run, DeliveryOutcome[] outcomes, CancellationToken cancellationToken)
    {
        try
        {
            await HandleRunAsync(subscription, run, cancellationToken);
            foreach (var (index, _, _) in run)
            {
                outcomes[index] = DeliveryOutcome.Success;
            }

            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRunFellBack(e, subscription.Name, run.Count);
            foreach (var (index, envelope, _) in run)
            {
                outcomes[index] = await DispatchAsync(subscription, envelope, 1, cancellationToken);
                if (outcomes[index].Verdict == DeliveryVerdict.Retry)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private async Task HandleRunAsync(EventSubscription subscription, List<(int Index, EventEnvelope Envelope, IMessage Message)> run, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(run[0].Envelope.Tenant);
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var ids = run.Select(r => r.Envelope.Id).ToArray();
        var handled = (await database.Inbox
            .Where(i => i.Subscription == subscription.Name && ids.Contains(i.EventId))
            .Select(i => i.EventId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var entries = new List<InboxMessage>(run.Count);
        foreach (var (_, envelope, message) in run)
        {
            // A redelivered event, or the same event twice in one batch: one effect.
            if (!handled.Add(envelope.Id))
            {
                continue;
            }

            using var span = StartConsumerSpan(subscription, envelope);
            var context = new EventContext(envelope.Id, envelope.Type, envelope.Subject, envelope.Tenant, envelope.CorrelationId, envelope.Time, 1);
            await subscription.Invoke(scope.ServiceProvider, message, context, cancellationToken);
            entries.Add(new InboxMessage { Subscription = subscription.Name, EventId = envelope.Id, HandledAt = clock.GetUtcNow() });
        }

        await database.SaveChangesAsync(cancellationToken);

        // In the same transaction as the handlers' changes, but without change tracking: a run's
        // inbox rows cost about as much through SaveChanges as the effects they guard.
        await database.InsertRowsAsync(entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static bool TryParse(EventSubscription subscription, EventEnvelope envelope, out IMessage message)
    {
        try
        {
            message = Parser.Parse(envelope.Data, subscription.Message);
            return true;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            message = null!;
            return false;
        }
    }

    private async Task<DeliveryOutcome> HandleOnceAsync(EventSubscription subscription, EventEnvelope envelope, IMessage message, int attempt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(envelope.Tenant);
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

    private Activity? StartConsumerSpan(EventSubscription subscription, EventEnvelope envelope)
    {
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var producer);
        var span = EventingTelemetry.Source.StartActivity(
            "process " + envelope.Type,
            ActivityKind.Consumer,
            producer,
            links: producer == default ? null : [new ActivityLink(producer)]);
        EventingTelemetry.Tag(span, "process", envelope.Type, envelope.Id, spans.MessagingSystem, spans.Service);
        span?.SetTag("messaging.consumer.group.name", subscription.Name);
        if (envelope.CorrelationId.Length > 0)
        {
            span?.SetBaggage(EventRaising.CorrelationBaggage, envelope.CorrelationId);
        }

        return span;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Subscription} delivers a run of {Count} events one by one after a failure")]
    private partial void LogRunFellBack(Exception exception, string subscription, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Subscription} failed on event {EventId} (attempt {Attempt})")]
    private partial void LogHandlerFailed(Exception exception, string subscription, string eventId, int attempt);
}
