using System.Threading.RateLimiting;
using Cx.Gateway.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Cx.Gateway.Protection;

/// <summary>
/// The credential's and the tenant's token buckets kept in Redis, so every gateway replica draws
/// from the same ones: N replicas still give a tenant the configured rate, not N times it. One
/// script checks both buckets and takes a token from each only if both have one, on Redis's own
/// clock, so replicas never disagree about time. Both keys share the tenant as hash tag, so the
/// script also runs on a Redis Cluster. While Redis cannot answer, the replica's own buckets
/// stand in: limits hold per replica rather than not at all, and no call waits for Redis.
/// </summary>
internal sealed partial class SharedRateLimiter(RateLimitSettings settings, ILogger<SharedRateLimiter> logger) : IDisposable
{
    // KEYS: the buckets. ARGV: rate per second and burst of each, in order. Returns 0 when a token was
    // taken from every bucket, else the milliseconds until the emptiest one has a token again.
    private const string TakeTokens = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local levels = {}
        local wait = 0
        for i = 1, #KEYS do
          local rate = tonumber(ARGV[2 * i - 1])
          local burst = tonumber(ARGV[2 * i])
          local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
          local tokens = tonumber(state[1])
          if tokens == nil then
            tokens = burst
          else
            tokens = math.min(burst, tokens + math.max(0, now - tonumber(state[2])) * rate / 1000)
          end
          levels[i] = tokens
          if tokens < 1 then
            wait = math.max(wait, math.ceil((1 - tokens) * 1000 / rate))
          end
        end
        for i = 1, #KEYS do
          local rate = tonumber(ARGV[2 * i - 1])
          local burst = tonumber(ARGV[2 * i])
          if wait == 0 then
            levels[i] = levels[i] - 1
          end
          redis.call('HSET', KEYS[i], 'tokens', tostring(levels[i]), 'at', now)
          redis.call('PEXPIRE', KEYS[i], math.ceil(burst * 1000 / rate) + 1000)
        end
        return wait
        """;

    // KEYS: one address's failed-authentication bucket. ARGV: rate per second, burst, tokens to take
    // (0 only asks). Returns 0 while the bucket has a token, else the milliseconds until it has one.
    private const string TakeFailures = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local rate = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local take = tonumber(ARGV[3])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1])
        if tokens == nil then
          tokens = burst
        else
          tokens = math.min(burst, tokens + math.max(0, now - tonumber(state[2])) * rate / 1000)
        end
        if take > 0 then
          tokens = math.max(0, tokens - take)
          redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
          redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
        end
        if tokens < 1 then
          return math.ceil((1 - tokens) * 1000 / rate)
        end
        return 0
        """;

    private readonly Lazy<ConnectionMultiplexer> _redis = new(() =>
    {
        var options = ConfigurationOptions.Parse(settings.Redis!);

        // Start while Redis is down, and never hold a call long for it: the local buckets stand in.
        options.AbortOnConnectFail = false;
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 500);
        return ConnectionMultiplexer.Connect(options);
    });

    private readonly PartitionedRateLimiter<HttpContext> _standIn = RateLimits.Local(settings);

    private long _lastReport;

    /// <summary>Takes a token from the caller's credential and tenant buckets.</summary>
    /// <returns>Null when the call may go on; otherwise how long to wait.</returns>
    public async Task<TimeSpan?> TakeAsync(HttpContext context)
    {
        var tenant = CallerIdentity.Tenant(context.User) ?? throw new InvalidOperationException("Only a tenant's calls are rate-limited.");
        if (_redis.Value.IsConnected)
        {
            try
            {
                return await TakeSharedAsync(tenant, CallerIdentity.Credential(context.User));
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                ReportUnavailable(e);
            }
        }
        else
        {
            ReportUnavailable(null);
        }

        using var lease = _standIn.AttemptAcquire(context);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    private async Task<TimeSpan?> TakeSharedAsync(string tenant, string? credential)
    {
        RedisKey[] keys;
        RedisValue[] limits;
        var tenantKey = (RedisKey)$"cx:gateway:rate:{{{tenant}}}:tenant";
        var tenantLimits = new RedisValue[] { settings.PerTenantPerSecond, settings.PerTenantBurst };
        if (credential is null)
        {
            (keys, limits) = ([tenantKey], tenantLimits);
        }
        else
        {
            keys = [$"cx:gateway:rate:{{{tenant}}}:credential:{credential}", tenantKey];
            limits = [settings.PerKeyPerSecond, settings.PerKeyBurst, .. tenantLimits];
        }

        var wait = (long)await _redis.Value.GetDatabase().ScriptEvaluateAsync(TakeTokens, keys, limits);
        return wait == 0 ? null : TimeSpan.FromMilliseconds(wait);
    }

    /// <summary>Takes <paramref name="count"/> tokens (0: only asks) from an address's failed-authentication bucket, shared by every replica.</summary>
    /// <returns>Zero while the address may try, how long it must wait otherwise, or null when Redis did not answer (the replica's own buckets stand in).</returns>
    public async Task<TimeSpan?> TakeFailedAuthenticationsAsync(string address, int count, double perSecond, int burst)
    {
        if (!_redis.Value.IsConnected)
        {
            ReportUnavailable(null);
            return null;
        }

        try
        {
            var wait = (long)await _redis.Value.GetDatabase().ScriptEvaluateAsync(
                TakeFailures, [$"cx:gateway:failed-auth:{address}"], [perSecond, burst, count]);
            return TimeSpan.FromMilliseconds(wait);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            ReportUnavailable(e);
            return null;
        }
    }

    /// <summary>Logs that Redis is unavailable, at most every 30 s: every call would otherwise log it.</summary>
    private void ReportUnavailable(Exception? exception)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastReport);
        if ((last == 0 || now - last >= 30_000) && Interlocked.CompareExchange(ref _lastReport, now, last) == last)
        {
            LogUnavailable(exception);
        }
    }

    public void Dispose()
    {
        _standIn.Dispose();
        if (_redis.IsValueCreated)
        {
            _redis.Value.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared rate limits unavailable (Redis did not answer); this replica's own buckets apply meanwhile")]
    private partial void LogUnavailable(Exception? exception);
}
