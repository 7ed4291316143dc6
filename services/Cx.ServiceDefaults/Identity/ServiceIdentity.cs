using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Cx.ServiceDefaults.Identity;

/// <summary>
/// This service's side of the identity model: it checks the tokens it receives (issuer trusted,
/// audience itself) and signs the ones it sends to its peers. Keys are read once, at start; both
/// directions keep what they computed until the token expires, so a hot path pays one dictionary
/// lookup instead of a signature.
/// </summary>
public sealed class ServiceIdentity : IDisposable
{
    // Bounds the memory a caller sending many distinct valid tokens can take; emptied when full.
    private const int MaxCachedTokens = 10_000;

    private readonly IdentitySettings _settings;
    private readonly TimeProvider _clock;
    private readonly Lazy<Dictionary<string, ECDsa>> _trusted;
    private readonly Lazy<ECDsa> _signingKey;
    private readonly ConcurrentDictionary<string, VerifiedCaller> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Audience, string Tenant, string Actor, string Permissions), (string Token, DateTimeOffset RenewAt)> _issued = new();

    /// <param name="clock">Tokens live in wall-clock time, as every host sees it: never a test's or a replay's clock.</param>
    public ServiceIdentity(string name, IdentitySettings settings, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _trusted = new(LoadTrusted);
        _signingKey = new(() => IdentityKeyFiles.LoadPrivateKey(RequireDirectory(), Name));
    }

    /// <summary>This service's name: the audience its tokens must name, the issuer of those it signs.</summary>
    public string Name { get; }

    public IdentitySettings Settings => _settings;

    /// <summary>Loads every key this service needs, so a missing or wrong key stops the start with its name.</summary>
    public void LoadKeys(bool signs)
    {
        _ = _trusted.Value;
        if (signs)
        {
            _ = _signingKey.Value;
        }
    }

    /// <summary>The caller <paramref name="token"/> vouches for, or null and why (for the log, never for the caller).</summary>
    public VerifiedCaller? Verify(string? token, out string? refusal)
    {
        var now = _clock.GetUtcNow();
        if (token is not null && _verified.TryGetValue(token, out var known))
        {
            if (known.ExpiresAt > now - IdentityToken.ClockSkew)
            {
                refusal = null;
                return known;
            }

            _verified.TryRemove(token, out _);
        }

        var caller = IdentityToken.Read(token, _trusted.Value, Name, now, out refusal);
        if (caller is not null)
        {
            if (_verified.Count >= MaxCachedTokens)
            {
                _verified.Clear();
            }

            _verified[token!] = caller;
        }

        return caller;
    }

    /// <summary>A token that lets <paramref name="audience"/> trust this service acting for <paramref name="tenant"/>.</summary>
    public string Issue(string audience, string tenant, string actor, IReadOnlyCollection<string> permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var now = _clock.GetUtcNow();
        var key = (audience, tenant, actor, string.Join(' ', permissions));
        if (_issued.TryGetValue(key, out var cached) && cached.RenewAt > now)
        {
            return cached.Token;
        }

        var token = IdentityToken.Create(_signingKey.Value, Name, audience, tenant, actor, permissions, now, _settings.TokenLifetime);

        // Renewed well before it expires, so a token is never sent with too little life left to cross a hop.
        if (_issued.Count >= MaxCachedTokens)
        {
            _issued.Clear();
        }

        _issued[key] = (token, now + (_settings.TokenLifetime / 2));
        return token;
    }

    public void Dispose()
    {
        if (_trusted.IsValueCreated)
        {
            foreach (var key in _trusted.Value.Values)
            {
                key.Dispose();
            }
        }

        if (_signingKey.IsValueCreated)
        {
            _signingKey.Value.Dispose();
        }
    }

    private Dictionary<string, ECDsa> LoadTrusted()
    {
        var directory = RequireDirectory();
        return _settings.TrustedIssuers.ToDictionary(issuer => issuer, issuer => IdentityKeyFiles.LoadPublicKey(directory, issuer), StringComparer.Ordinal);
    }

    private string RequireDirectory() =>
        _settings.KeyDirectory ?? throw new InvalidOperationException(
            $"{Name} accepts only calls with a signed identity, and Cx:Identity:KeyDirectory is not set: give it the directory of the identity keys (cx up and cx run make one in the data directory; the chart mounts one).");
}

/// <summary>Registered by whatever makes a service sign tokens (a peer client, the gateway): its private key must load at start.</summary>
public sealed class SignsIdentityTokens;

/// <summary>Loads the identity keys as the service starts, so a missing key stops it with a message naming the setting.</summary>
internal sealed class IdentityKeysCheck(ServiceIdentity identity, IEnumerable<SignsIdentityTokens> signs) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        identity.LoadKeys(signs.Any());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
