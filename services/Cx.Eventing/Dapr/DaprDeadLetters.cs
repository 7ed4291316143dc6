using System.Globalization;
using Cx.Eventing.Envelope;
using Cx.Eventing.Subscribing;
using Cx.Persistence;
using Cx.Persistence.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Eventing.Dapr;

/// <summary>
/// Dead letters on the dapr backend. Dapr publishes what a subscription of this service gave up on
/// to the service's own dead-letter topic (<see cref="DaprEventingOptions.DeadLetterTopicOf"/>),
/// which no API reads back; so the service subscribes to that topic itself and keeps each dead
/// letter in its database (<c>cx_dead_letters</c>). There it is listed, and a replay delivers it to
/// its subscription again, through the inbox like any delivery: at most one effect.
/// </summary>
public sealed class DaprDeadLetters<TContext>(IServiceScopeFactory scopes, EventSubscriptions subscriptions, EventDispatcher<TContext> dispatcher, DaprEventingOptions options, TimeProvider clock) : IDeadLetters, IReplaysNow
    where TContext : ServiceDbContext
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<TContext>().DeadLetters.AsNoTracking().OrderBy(d => d.Id).ToListAsync(cancellationToken);

        // Dapr does not say how often it tried: its Resiliency policy counted.
        return rows.Select(r => new DeadLetter(r.Id.ToString(CultureInfo.InvariantCulture), r.Subscription, r.EventId, r.EventType, r.Reason, 0, r.DeadAt, ReplayRequested: false)).ToArray();
    }

    public async Task<bool> RequestReplayAsync(string id, CancellationToken cancellationToken) =>
        await ReplayAsync(id, cancellationToken) is not null;

    /// <summary>
    /// Delivers the dead letter to its subscription now. On success it is removed; otherwise it stays,
    /// with the new reason. Null when there is no such dead letter.
    /// </summary>
    public async Task<DeliveryOutcome?> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        var row = await database.DeadLetters.SingleOrDefaultAsync(d => d.Id == key, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var outcome = await DeliverAsync(row, cancellationToken);
        if (outcome.Verdict == DeliveryVerdict.Success)
        {
            database.DeadLetters.Remove(row);
        }
        else
        {
            row.Reason = Bounded("replayed, and failed again: " + outcome.Reason);
            row.DeadAt = clock.GetUtcNow();
        }

        await database.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Keeps a dead letter Dapr delivered from the service's dead-letter topic. One the subscription
    /// has handled since (its inbox has it), or already keeps, is acknowledged and not kept again.
    /// </summary>
    internal async Task<DeliveryOutcome> RecordAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        // Within one app Dapr has one subscription per topic, so the type names the subscription.
        var subscription = subscriptions.All.FirstOrDefault(s => s.EventType == envelope.Type);
        if (subscription is null)
        {
            return DeliveryOutcome.Success;
        }

        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        if (await database.Inbox.AnyAsync(i => i.Subscription == subscription.Name && i.EventId == envelope.Id, cancellationToken)
            || await database.DeadLetters.AnyAsync(d => d.Subscription == subscription.Name && d.EventId == envelope.Id, cancellationToken))
        {
            return DeliveryOutcome.Success;
        }

        database.DeadLetters.Add(new DeadLetterMessage
        {
            Subscription = subscription.Name,
            EventId = envelope.Id,
            EventType = envelope.Type,
            Envelope = envelope.ToJson(),
            Reason = $"Dapr gave up delivering it and published it to {options.DeadLetterTopicOf(subscriptions.ServiceName)}",
            DeadAt = clock.GetUtcNow(),
        });
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same dead letter may have kept it first; otherwise the
            // failure is the database's, and the caller answers RETRY.
            if (!await KeptAsync(subscription.Name, envelope.Id, cancellationToken))
            {
                throw;
            }
        }

        return DeliveryOutcome.Success;
    }

    private async Task<bool> KeptAsync(string subscription, string eventId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().DeadLetters.AnyAsync(d => d.Subscription == subscription && d.EventId == eventId, cancellationToken);
    }

    private async Task<DeliveryOutcome> DeliverAsync(DeadLetterMessage row, CancellationToken cancellationToken)
    {
        var subscription = subscriptions.All.FirstOrDefault(s => s.Name == row.Subscription);
        if (subscription is null)
        {
            return DeliveryOutcome.Drop($"the service has no subscription {row.Subscription} any more");
        }

        try
        {
            return await dispatcher.DispatchAsync(subscription, EventEnvelope.FromJson(row.Envelope), 1, cancellationToken);
        }
        catch (FormatException e)
        {
            return DeliveryOutcome.Drop("Unparseable envelope: " + e.Message);
        }
    }

    private static string Bounded(string reason) => reason.Length <= 2000 ? reason : reason[..2000];
}
