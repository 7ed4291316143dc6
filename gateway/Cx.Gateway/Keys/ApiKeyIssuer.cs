using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Cx.Gateway.Keys;

/// <summary>What a key looks like to the code that checks it: who it acts for and what it may do.</summary>
internal sealed record ApiKeyGrant(string KeyId, string Tenant, string Name, IReadOnlyList<string> Permissions, byte[] SecretHash, DateTime? ExpiresAtUtc, DateTime? RevokedAtUtc)
{
    public static ApiKeyGrant From(ApiKeyRecord record) => new(
        record.KeyId,
        record.TenantId,
        record.Name,
        PermissionList.Split(record.Permissions),
        record.SecretHash,
        record.ExpiresAtUtc,
        record.RevokedAtUtc);
}

internal static class PermissionList
{
    public static string[] Split(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> permissions) => string.Join(' ', permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}

/// <summary>
/// Creates, lists and revokes keys in the current tenant's database. The gRPC API and `cx keys`
/// both call it, so a key made from the command line is the same as one made over the API.
/// </summary>
internal sealed class ApiKeyIssuer(GatewayDb db, TimeProvider clock)
{
    public async Task<(ApiKeyRecord Key, string Secret)> CreateAsync(string name, IReadOnlyList<string> permissions, DateTime? expiresAtUtc, string createdBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var validator = new Validator()
            .Require(name.Length is > 0 and <= 100 && name.Trim().Length == name.Length, "name", "Required: 1 to 100 characters, without leading or trailing spaces.")
            .Require(permissions.Count > 0, "permissions", "At least one permission, e.g. \"measurement:read\".")
            .Require(expiresAtUtc is null || expiresAtUtc > now, "expires_at", "Must be in the future.");
        for (var i = 0; i < permissions.Count; i++)
        {
            validator.Require(Permissions.TryParse(permissions[i], out _, out _), $"permissions[{i}]", $"'{permissions[i]}' is not a permission: <discipline>:<read|write|admin> with a known discipline, or *:<level>.");
        }

        validator.ThrowIfInvalid();
        var (keyId, key, hash) = ApiKeySecret.Generate();
        var record = new ApiKeyRecord
        {
            KeyId = keyId,
            Name = name,
            Permissions = PermissionList.Join(permissions),
            SecretHash = hash,
            CreatedAtUtc = now,
            ExpiresAtUtc = expiresAtUtc,
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (record, key);
    }

    /// <summary>Newest first. A tenant has few keys, so they are ordered and paged in memory.</summary>
    public async Task<(IReadOnlyList<ApiKeyRecord> Keys, string NextPageToken)> ListAsync(int pageSize, string pageToken, bool includeInactive, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(pageSize, pageToken, validator);
        validator.ThrowIfInvalid();
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        var listed = keys.Where(k => includeInactive || (k.RevokedAtUtc is null && (k.ExpiresAtUtc is null || k.ExpiresAtUtc > now)));
        return page.Apply(listed.OrderBy(NewestFirst, StringComparer.Ordinal), NewestFirst);
    }

    /// <summary>A key that sorts newest first, ordinally: the creation time counted down, then the id.</summary>
    private static string NewestFirst(ApiKeyRecord key) =>
        (DateTime.MaxValue.Ticks - key.CreatedAtUtc.Ticks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + key.KeyId;

    public async Task<ApiKeyRecord> RevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        Validator.RequireId(keyId, "key_id");
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyId == keyId, cancellationToken)
            ?? throw new NotFoundException("api key", keyId);
        if (key.RevokedAtUtc is null)
        {
            key.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return key;
    }
}
