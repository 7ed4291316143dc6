using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using StackExchange.Redis;

namespace Cx.Eventing.Redis;

/// <summary>
/// Publishing to Redis Streams: one XADD per event onto its type's stream, skipped when the event
/// id was published before (a republished batch after a relay crash adds nothing).
/// </summary>
internal sealed class RedisTransport(IConnectionMultiplexer redis, RedisEventingOptions options) : IEventTransport
{
    // Remember-then-append in one script, so the check and the append cannot be separated by a crash.
    private const string AppendOnce = """
        if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
          redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'id', ARGV[4], 'envelope', ARGV[1])
          return 1
        end
        return 0
        """;

    public async Task PublishAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var database = redis.GetDatabase();
        var retention = (long)options.PublishedIdRetention.TotalMilliseconds;

        // Sent back to back on one connection, so they are applied in batch order.
        var appends = batch.Select(e => database.ScriptEvaluateAsync(
            AppendOnce,
            [RedisKeys.Stream(e.Type), RedisKeys.Published(e.Id)],
            [e.ToJson(), options.StreamMaxLength, retention, e.Id])).ToArray();
        await Task.WhenAll(appends).WaitAsync(cancellationToken);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.NotifyChannel), string.Join(' ', batch.Select(e => e.Type).Distinct()));
    }
}
