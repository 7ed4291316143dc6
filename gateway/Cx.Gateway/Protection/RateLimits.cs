using System.Threading.RateLimiting;
using Cx.Gateway.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Gateway.Protection;

/// <summary>
/// Token buckets per credential and per tenant: a call passes only if both have a token. A refusal
/// says when to come back (Retry-After), as 429 or RESOURCE_EXHAUSTED. With
/// <c>Cx:Gateway:RateLimits:Redis</c> the buckets are shared by every replica
/// (<see cref="SharedRateLimiter"/>); without it each replica keeps its own, so with N replicas a
/// tenant's ceiling is N times the configured rate.
/// </summary>
internal static class RateLimits
{
    private const string RefusalMessage = "Rate limit reached for this credential or tenant; retry after the time given in Retry-After.";

    public static void Configure(RateLimiterOptions options, RateLimitSettings settings)
    {
        options.GlobalLimiter = Local(settings);
        options.OnRejected = (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            return new ValueTask(Refuse(rejected.HttpContext, retryAfter));
        };
    }

    /// <summary>The limits in the pipeline: shared through Redis when configured, this replica's own otherwise.</summary>
    public static IApplicationBuilder UseCxRateLimits(this IApplicationBuilder app, RateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Redis is null)
        {
            return app.UseRateLimiter();
        }

        var shared = app.ApplicationServices.GetRequiredService<SharedRateLimiter>();
        return app.Use(async (context, next) =>
        {
            // Anonymous calls reach only the public endpoints (health, documents): no bucket to draw from.
            if (CallerIdentity.Tenant(context.User) is not null && await shared.TakeAsync(context) is { } wait)
            {
                await Refuse(context, wait);
                return;
            }

            await next(context);
        });
    }

    private static Task Refuse(HttpContext context, TimeSpan retryAfter) =>
        CallerErrors.WriteAsync(context, StatusCode.ResourceExhausted, StatusCodes.Status429TooManyRequests, RefusalMessage, retryAfter, new Google.Rpc.ErrorInfo { Reason = "RATE_LIMITED" });

    /// <summary>This replica's own buckets, chained: the credential's, then the tenant's.</summary>
    public static PartitionedRateLimiter<HttpContext> Local(RateLimitSettings settings) =>
        PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
                CallerIdentity.Credential(context.User) is { } credential
                    ? RateLimitPartition.GetTokenBucketLimiter(credential, _ => Bucket(settings.PerKeyPerSecond, settings.PerKeyBurst))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
                CallerIdentity.Tenant(context.User) is { } tenant
                    ? RateLimitPartition.GetTokenBucketLimiter(tenant, _ => Bucket(settings.PerTenantPerSecond, settings.PerTenantBurst))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));

    private static TokenBucketRateLimiterOptions Bucket(double perSecond, int burst)
    {
        // Refill ten times a second where the rate allows it, so a bucket drains and fills smoothly;
        // a rate below one a second adds one token each 1/rate seconds.
        var (tokens, period) = perSecond switch
        {
            >= 10 => ((int)Math.Ceiling(perSecond / 10), TimeSpan.FromMilliseconds(100)),
            >= 1 => ((int)Math.Round(perSecond), TimeSpan.FromSeconds(1)),
            _ => (1, TimeSpan.FromSeconds(1 / perSecond)),
        };
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
