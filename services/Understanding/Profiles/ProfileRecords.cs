using Cx.Persistence.Tenancy;

namespace Cx.Understanding.Profiles;

public sealed class ProfileRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The tenant's own id of the customer.</summary>
    public string CustomerId { get; set; } = string.Empty;

    /// <summary>A JSON object of string values.</summary>
    public string AttributesJson { get; set; } = "{}";

    /// <summary>A JSON array of consent decisions.</summary>
    public string ConsentsJson { get; set; } = "[]";

    /// <summary>Made from an event about a customer not known yet: an id and a history, nothing else.</summary>
    public bool Minimal { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>An identity and the one profile of the tenant that holds it (its key makes it one).</summary>
public sealed class IdentityRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The domain's <c>IdentityKind</c>.</summary>
    public int Kind { get; set; }

    /// <summary>Normalised (Domain/Profiles/Identities).</summary>
    public string Value { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;
}

/// <summary>
/// A customer erased, kept as a one-way hash of tenant and id only: events about them that arrive
/// later are ignored, and nothing in the database names them.
/// </summary>
public sealed class ErasureRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string CustomerHash { get; set; } = string.Empty;

    public DateTime ErasedAtUtc { get; set; }
}
