using System.Collections.Concurrent;
using Cx.Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Gateway.Keys;

/// <summary>
/// Finds presented keys, trusting a lookup for <see cref="GatewaySettings.KeyCacheDuration"/> so a
/// call costs no database read. A revocation through the gateway's API is forgotten at once; one made
/// elsewhere (`cx keys revoke`, another replica) takes effect within the cache duration.
/// </summary>
internal sealed class ApiKeyDirectory(IServiceScopeFactory scopes, GatewaySettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (ApiKeyGrant Grant, long ExpiresAt)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<ApiKeyGrant?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (_cache.TryGetValue(keyId, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Grant;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();

        // Before the key is found there is no tenant yet: this is the one lookup across tenants.
        var record = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.KeyId == keyId, cancellationToken);
        if (record is null)
        {
            // Unknown ids are not cached: guessing ids must not fill memory.
            return null;
        }

        var grant = ApiKeyGrant.From(record);
        var ttl = (long)(settings.KeyCacheDuration.TotalSeconds * clock.TimestampFrequency);
        _cache[keyId] = (grant, now + ttl);
        return grant;
    }

    public void Forget(string keyId) => _cache.TryRemove(keyId, out _);
}
