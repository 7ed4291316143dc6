using System.Threading.RateLimiting;
using Cx.Gateway.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Cx.Gateway.Protection;

/// <summary>
/// Token buckets per credential and per tenant, chained: a call passes only if both have a token.
/// A refusal says when to come back (Retry-After), as 429 or RESOURCE_EXHAUSTED. Buckets live in
/// each gateway replica, so with N replicas a tenant's ceiling is N times the configured rate.
/// </summary>
internal static class RateLimits
{
    public static void Configure(RateLimiterOptions options, RateLimitSettings settings)
    {
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
                CallerIdentity.Credential(context.User) is { } credential
                    ? RateLimitPartition.GetTokenBucketLimiter(credential, _ => Bucket(settings.PerKeyPerSecond, settings.PerKeyBurst))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
                CallerIdentity.Tenant(context.User) is { } tenant
                    ? RateLimitPartition.GetTokenBucketLimiter(tenant, _ => Bucket(settings.PerTenantPerSecond, settings.PerTenantBurst))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
        options.OnRejected = (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            return new ValueTask(CallerErrors.WriteAsync(
                rejected.HttpContext,
                StatusCode.ResourceExhausted,
                StatusCodes.Status429TooManyRequests,
                "Rate limit reached for this credential or tenant; retry after the time given in Retry-After.",
                retryAfter));
        };
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst)
    {
        // Refill ten times a second where the rate allows it, so a bucket drains and fills smoothly.
        var (tokens, period) = perSecond >= 10
            ? ((perSecond + 9) / 10, TimeSpan.FromMilliseconds(100))
            : (perSecond, TimeSpan.FromSeconds(1));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
