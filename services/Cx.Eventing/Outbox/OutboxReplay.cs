using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Eventing.Outbox;

/// <summary>An operator's replay of a service's published events (`cx events replay --service`).</summary>
public interface IOutboxReplay
{
    /// <summary>How many published events the outbox still holds from <paramref name="since"/> on.</summary>
    Task<int> CountPublishedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes again, in commit order and a batch at a time, every event the relay published at or
    /// after <paramref name="since"/> that the outbox still keeps, even where the transport remembers
    /// it; subscribers' inboxes absorb what they had handled. Reports the running total after each batch.
    /// </summary>
    Task<int> RepublishSinceAsync(DateTimeOffset since, Action<int>? progress, CancellationToken cancellationToken);
}

internal sealed class OutboxReplay<TContext>(IServiceScopeFactory scopes, IEventTransport transport, OutboxRelayOptions options, EventSource source) : IOutboxReplay
    where TContext : ServiceDbContext
{
    public async Task<int> CountPublishedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        return await database.Outbox.CountAsync(m => m.PublishedAt != null && m.PublishedAt >= since, cancellationToken);
    }

    public async Task<int> RepublishSinceAsync(DateTimeOffset since, Action<int>? progress, CancellationToken cancellationToken)
    {
        var total = 0;
        var after = long.MinValue;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<TContext>();
            var last = after;
            var batch = await database.Outbox.AsNoTracking()
                .Where(m => m.Sequence > last && m.PublishedAt != null && m.PublishedAt >= since)
                .OrderBy(m => m.Sequence)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            await transport.RepublishAsync(batch.Select(m => OutboxRelay<TContext>.ToEnvelope(m, source.Name)).ToArray(), cancellationToken);
            total += batch.Count;
            after = batch[^1].Sequence;
            progress?.Invoke(total);
        }
    }
}
