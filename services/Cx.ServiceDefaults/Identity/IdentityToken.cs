using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cx.ServiceDefaults.Tenancy;

namespace Cx.ServiceDefaults.Identity;

/// <summary>
/// The identity one hop hands the next: a compact JWS (a JWT signed with ES256, RFC 7515/7519), so
/// any JWT tool can read it. The header names the issuer as its key id; the claims are the issuer,
/// the audience (the one service it is for), the tenant, the actor, the permissions and a short life.
/// Reading is strict: one algorithm, a known issuer, this audience, a bounded life, exact claim
/// types; every refusal is the same to the caller, and its reason is for the log.
/// </summary>
public static class IdentityToken
{
    /// <summary>The gRPC metadata key (and HTTP header) that carries the token.</summary>
    public const string MetadataKey = "x-cx-identity";

    /// <summary>Longer is never a token of ours: refused before any parsing.</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>Clocks of two hosts disagree a little; no more than this is forgiven.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>No token lives longer than this, whatever its issuer wrote.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    private const string Algorithm = "ES256";

    public static string Create(ECDsa key, string issuer, string audience, string tenant, string actor, IEnumerable<string> permissions, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!TenantId.IsValid(tenant))
        {
            throw new ArgumentException($"'{tenant}' is not a tenant id: {TenantId.Rule}.", nameof(tenant));
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A token lives more than nothing and at most {MaxLifetime}.");
        }

        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = Algorithm, ["typ"] = "JWT", ["kid"] = issuer });
        using var payload = new MemoryStream();
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("iss", issuer);
            json.WriteString("aud", audience);
            json.WriteString("sub", actor);
            json.WriteString("cx_tenant", tenant);
            json.WriteStartArray("cx_permissions");
            foreach (var permission in permissions)
            {
                json.WriteStringValue(permission);
            }

            json.WriteEndArray();
            json.WriteNumber("iat", now.ToUnixTimeSeconds());
            json.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload.ToArray());
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// The caller the token vouches for, when it is well formed, signed by one of <paramref name="trusted"/>,
    /// meant for <paramref name="audience"/> and alive at <paramref name="now"/>; otherwise null and why.
    /// </summary>
    public static VerifiedCaller? Read(string? token, IReadOnlyDictionary<string, ECDsa> trusted, string audience, DateTimeOffset now, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        refusal = Check(token, trusted, audience, now, out var caller);
        return caller;
    }

    private static string? Check(string? token, IReadOnlyDictionary<string, ECDsa> trusted, string audience, DateTimeOffset now, out VerifiedCaller? caller)
    {
        caller = null;
        if (string.IsNullOrEmpty(token))
        {
            return "no token";
        }

        if (token.Length > MaxLength)
        {
            return $"a token of {token.Length} characters";
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || !TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payloadBytes) || !TryDecode(parts[2], out var signature))
        {
            return "not a compact JWS";
        }

        string? issuer;
        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || StringClaim(header.RootElement, "alg") != Algorithm
                || (issuer = StringClaim(header.RootElement, "kid")) is null)
            {
                return "a header without alg ES256 and a kid";
            }
        }
        catch (JsonException)
        {
            return "a header that is not JSON";
        }

        if (!trusted.TryGetValue(issuer, out var key))
        {
            return $"an issuer this service does not trust ('{Bounded(issuer)}')";
        }

        var signed = Encoding.ASCII.GetBytes(token.AsSpan(0, parts[0].Length + 1 + parts[1].Length).ToString());
        if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return $"a signature that {issuer}'s key does not verify";
        }

        try
        {
            using var payload = JsonDocument.Parse(payloadBytes);
            var claims = payload.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                return "claims that are not an object";
            }

            if (StringClaim(claims, "iss") != issuer)
            {
                return "an iss that is not the key's issuer";
            }

            if (StringClaim(claims, "aud") != audience)
            {
                return $"a token for another audience ('{Bounded(StringClaim(claims, "aud") ?? "")}')";
            }

            if (!TryTime(claims, "iat", out var issuedAt) || !TryTime(claims, "exp", out var expiresAt))
            {
                return "no iat or exp";
            }

            if (issuedAt > now + ClockSkew || expiresAt <= now - ClockSkew || expiresAt - issuedAt > MaxLifetime)
            {
                return $"a token alive from {issuedAt:O} to {expiresAt:O}, not at {now:O}";
            }

            var tenant = StringClaim(claims, "cx_tenant");
            var actor = StringClaim(claims, "sub");
            if (!TenantId.IsValid(tenant) || string.IsNullOrWhiteSpace(actor) || actor.Length > ActorContext.MaxLength)
            {
                return "no valid tenant or actor";
            }

            if (!claims.TryGetProperty("cx_permissions", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return "no permission list";
            }

            var permissions = new List<string>(list.GetArrayLength());
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return "a permission that is not a string";
                }

                permissions.Add(item.GetString()!);
            }

            caller = new VerifiedCaller(issuer, tenant!, actor, permissions, expiresAt);
            return null;
        }
        catch (JsonException)
        {
            return "claims that are not JSON";
        }
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = [];
        if (part.Length == 0 || !Base64Url.IsValid(part))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }

    private static string? StringClaim(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryTime(JsonElement claims, string name, out DateTimeOffset time)
    {
        time = default;
        if (!claims.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static string Bounded(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
