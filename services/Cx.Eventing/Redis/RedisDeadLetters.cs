using Cx.Eventing.Envelope;
using Cx.Eventing.Subscribing;
using StackExchange.Redis;

namespace Cx.Eventing.Redis;

/// <summary>
/// The dead-letter stream of the Redis transport. A replay moves the entry to the replay stream of
/// its subscription, which delivers it before new events; if it fails again it is dead-lettered anew.
/// </summary>
public sealed class RedisDeadLetters(IConnectionMultiplexer redis) : IDeadLetters
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(RedisKeys.DeadLetters);
        return entries.Select(ToDeadLetter).ToArray();
    }

    public async Task<bool> RequestReplayAsync(string id, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var found = await database.StreamRangeAsync(RedisKeys.DeadLetters, id, id);
        if (found.Length == 0)
        {
            return false;
        }

        var entry = found[0];
        await database.StreamAddAsync(RedisKeys.Replays((string?)entry["subscription"] ?? string.Empty), [
            new NameValueEntry("event_id", entry["event_id"]),
            new NameValueEntry("envelope", entry["envelope"]),
        ]);
        await database.StreamDeleteAsync(RedisKeys.DeadLetters, [entry.Id]);
        return true;
    }

    private static DeadLetter ToDeadLetter(StreamEntry entry)
    {
        var envelope = (string?)entry["envelope"] ?? string.Empty;
        string type;
        try
        {
            type = EventEnvelope.FromJson(envelope).Type;
        }
        catch (FormatException)
        {
            type = "(unparseable)";
        }

        return new DeadLetter(
            entry.Id.ToString(),
            (string?)entry["subscription"] ?? string.Empty,
            (string?)entry["event_id"] ?? string.Empty,
            type,
            (string?)entry["reason"] ?? string.Empty,
            (int)entry["attempts"],
            DateTimeOffset.Parse((string?)entry["dead_at"] ?? "0001-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            ReplayRequested: false);
    }
}
