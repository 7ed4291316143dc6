using Cx.Persistence.Tenancy;

namespace Cx.Gateway.Data;

/// <summary>An API key: only the SHA-256 of its secret is kept.</summary>
public sealed class ApiKeyRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string KeyId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Space-separated permissions, e.g. "measurement:write governance:read".</summary>
    public string Permissions { get; set; } = string.Empty;

    public byte[] SecretHash { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ExpiresAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;
}
