using System.Globalization;
using Cx.Eventing.Envelope;
using Cx.Eventing.Outbox;
using StackExchange.Redis;

namespace Cx.Eventing.Redis;

/// <summary>
/// Publishing to Redis Streams: one XADD per event onto its type's stream, skipped when the event
/// id was published before (a republished batch after a relay crash adds nothing). It also tells
/// the relay when Redis lost what it had accepted: the relay's marker is gone (Redis restarted
/// empty, or was flushed), or the connection dropped (Redis restarted from a file that may lack
/// its last writes).
/// </summary>
internal sealed class RedisTransport : IEventTransport, IDetectsEventLoss, IDisposable
{
    // Remember-then-append in one script, so the check and the append cannot be separated by a
    // crash, nor survive one apart: Redis persists and replicates a script's writes as one.
    private const string AppendOnce = """
        if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
          redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'id', ARGV[4], 'envelope', ARGV[1])
          return 1
        end
        return 0
        """;

    private const string AppendAgain = """
        redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
        redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'id', ARGV[4], 'envelope', ARGV[1])
        return 1
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisEventingOptions _options;
    private readonly TimeProvider _clock;
    private readonly RedisKey _marker;
    private readonly Lock _gate = new();
    private DateTimeOffset? _disconnectedAt;
    private DateTimeOffset? _recheckSince;

    public RedisTransport(IConnectionMultiplexer redis, RedisEventingOptions options, EventSource source, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(source);
        (_redis, _options, _clock) = (redis, options, clock);
        _marker = RedisKeys.RelayMarker(source.Name);
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
    }

    public Task PublishAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken) =>
        AppendAsync(AppendOnce, batch, cancellationToken);

    public Task RepublishAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken) =>
        AppendAsync(AppendAgain, batch, cancellationToken);

    public async Task<DateTimeOffset?> LostSinceAsync(CancellationToken cancellationToken)
    {
        // The marker is written only after a loss was recovered, so its absence means either a
        // first start or a Redis that lost (or never had) what this relay published: both are
        // answered by republishing the window, where Redis skips what it still has.
        if (!await _redis.GetDatabase().KeyExistsAsync(_marker).WaitAsync(cancellationToken))
        {
            return DateTimeOffset.MinValue;
        }

        lock (_gate)
        {
            return _recheckSince;
        }
    }

    public async Task LossRecoveredAsync(CancellationToken cancellationToken)
    {
        await _redis.GetDatabase().StringSetAsync(_marker, _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)).WaitAsync(cancellationToken);
        lock (_gate)
        {
            _recheckSince = null;
        }
    }

    public void Dispose()
    {
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
    }

    private async Task AppendAsync(string script, IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var database = _redis.GetDatabase();
        var retention = (long)_options.PublishedIdRetention.TotalMilliseconds;

        // Sent back to back on one connection, so they are applied in batch order.
        var appends = batch.Select(e => database.ScriptEvaluateAsync(
            script,
            [RedisKeys.Stream(e.Type), RedisKeys.Published(e.Id)],
            [e.ToJson(), _options.StreamMaxLength, retention, e.Id])).ToArray();
        await Task.WhenAll(appends).WaitAsync(cancellationToken);
        await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.NotifyChannel), string.Join(' ', batch.Select(e => e.Type).Distinct()));
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        lock (_gate)
        {
            _disconnectedAt ??= _clock.GetUtcNow();
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        lock (_gate)
        {
            // What was published shortly before the drop may not have reached the file Redis
            // restarted from (appendfsync everysec loses up to a second on a host crash).
            if (_disconnectedAt is { } dropped)
            {
                var since = dropped - _options.ReconnectRecheck;
                _recheckSince = _recheckSince is { } earlier && earlier < since ? earlier : since;
                _disconnectedAt = null;
            }
        }
    }
}
