using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Gateway.Protection;

/// <summary>
/// Failed authentications per client address: a token bucket per address holds
/// <c>RateLimits:FailedAuthentications</c> and gains them back over
/// <c>RateLimits:FailedAuthenticationWindowSeconds</c>. Each call answered 401 for a credential it
/// presented takes a token; once the bucket is empty, every call from that address is answered
/// 429 / RESOURCE_EXHAUSTED with Retry-After before its credential is looked up, so guessing keys
/// or tokens costs time and not database reads. Other addresses, and valid callers elsewhere, are
/// not touched. With <c>RateLimits:Redis</c> the buckets are shared by every replica, as the
/// credentials' are; while Redis does not answer, each replica counts on its own.
/// </summary>
/// <remarks>
/// The address is the connection's peer, or, from a trusted proxy only (<c>Cx:Gateway:TrustedProxies</c>),
/// the one its X-Forwarded-For names. An IPv6 address counts as its /64, the share one subscriber
/// usually gets: counting single addresses there would give a guesser 2^64 buckets.
/// </remarks>
internal sealed class FailedAuthentications(GatewaySettings settings, IServiceProvider services)
{
    public const string RefusalMessage = "Too many failed authentications from this address; retry after the time given in Retry-After.";

    private readonly RateLimitSettings _limits = settings.RateLimits;

    private readonly SharedRateLimiter? _shared = services.GetService<SharedRateLimiter>();

    private readonly LocalBuckets _local = new(PerSecond(settings.RateLimits), settings.RateLimits.FailedAuthentications);

    /// <summary>How long the caller's address must wait, or null when it may try.</summary>
    public async ValueTask<TimeSpan?> RefusalAsync(HttpContext context) =>
        AddressOf(context) is { } address ? await TakeAsync(address, 0) : null;

    /// <summary>Counts a failed authentication against the caller's address.</summary>
    public async ValueTask CountAsync(HttpContext context)
    {
        if (AddressOf(context) is { } address)
        {
            await TakeAsync(address, 1);
        }
    }

    /// <summary>The bucket a caller's address counts in: the IPv4 address, or the IPv6 /64.</summary>
    public static string? AddressOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private async ValueTask<TimeSpan?> TakeAsync(string address, int count)
    {
        if (_shared is not null && await _shared.TakeFailedAuthenticationsAsync(address, count, PerSecond(_limits), _limits.FailedAuthentications) is { } shared)
        {
            return shared == TimeSpan.Zero ? null : shared;
        }

        var wait = _local.Take(address, count);
        return wait == TimeSpan.Zero ? null : wait;
    }

    private static double PerSecond(RateLimitSettings limits) => limits.FailedAuthentications / limits.FailedAuthenticationWindow.TotalSeconds;

    /// <summary>
    /// This replica's own buckets, with the shared script's arithmetic: tokens come back continuously,
    /// so Retry-After says when exactly the next one is there. Full buckets are forgotten now and
    /// then: only addresses that failed within the window take memory.
    /// </summary>
    private sealed class LocalBuckets(double perSecond, int burst)
    {
        private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

        private long _sweptAt = Environment.TickCount64;

        public TimeSpan Take(string address, int count)
        {
            var now = Environment.TickCount64;
            Bucket? bucket;
            if (count == 0)
            {
                if (!_buckets.TryGetValue(address, out bucket))
                {
                    return TimeSpan.Zero;
                }
            }
            else
            {
                bucket = _buckets.GetOrAdd(address, _ => new Bucket(burst, now));
                SweepNowAndThen(now);
            }

            lock (bucket)
            {
                bucket.Tokens = Level(bucket, now);
                bucket.At = now;
                bucket.Tokens = Math.Max(0, bucket.Tokens - count);
                return bucket.Tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling((1 - bucket.Tokens) * 1000 / perSecond));
            }
        }

        private double Level(Bucket bucket, long now) => Math.Min(burst, bucket.Tokens + (Math.Max(0, now - bucket.At) * perSecond / 1000));

        private void SweepNowAndThen(long now)
        {
            var last = Interlocked.Read(ref _sweptAt);
            if (now - last < 60_000 || Interlocked.CompareExchange(ref _sweptAt, now, last) != last)
            {
                return;
            }

            foreach (var (address, bucket) in _buckets)
            {
                lock (bucket)
                {
                    if (Level(bucket, now) >= burst)
                    {
                        _buckets.TryRemove(address, out _);
                    }
                }
            }
        }

        private sealed class Bucket(double tokens, long at)
        {
            public double Tokens { get; set; } = tokens;

            public long At { get; set; } = at;
        }
    }
}

internal static class FailedAuthenticationLimits
{
    /// <summary>
    /// The client's address from X-Forwarded-For, believed only from <paramref name="trustedProxies"/>
    /// (the framework's default would believe any loopback peer); from anyone else the peer's own.
    /// </summary>
    public static IApplicationBuilder UseTrustedForwardedFor(this IApplicationBuilder app, IReadOnlyList<System.Net.IPNetwork> trustedProxies)
    {
        ArgumentNullException.ThrowIfNull(trustedProxies);
        if (trustedProxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor,

            // Every hop that is a trusted proxy is unwound, and the first address that is not one is the client.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var network in trustedProxies)
        {
            options.KnownIPNetworks.Add(network);
        }

        return app.UseForwardedHeaders(options);
    }

    /// <summary>Refuses, before authentication, every call from an address whose failed authentications are spent.</summary>
    public static IApplicationBuilder UseFailedAuthenticationLimits(this IApplicationBuilder app)
    {
        var failures = app.ApplicationServices.GetRequiredService<FailedAuthentications>();
        return app.Use(async (context, next) =>
        {
            if (await failures.RefusalAsync(context) is { } wait)
            {
                await CallerErrors.WriteAsync(
                    context, StatusCode.ResourceExhausted, StatusCodes.Status429TooManyRequests, FailedAuthentications.RefusalMessage, wait,
                    new Google.Rpc.ErrorInfo { Reason = "TOO_MANY_FAILED_AUTHENTICATIONS" });
                return;
            }

            await next(context);
        });
    }
}
