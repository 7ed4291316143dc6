namespace Cx.ServiceDefaults.Tenancy;

/// <summary>The tenant of the current call; set before any service code runs.</summary>
public interface ITenantContext
{
    /// <exception cref="InvalidOperationException">Outside a tenant-scoped call.</exception>
    string TenantId { get; }
}

/// <summary>
/// The scoped holder behind <see cref="ITenantContext"/>. Only the edges set it: the caller
/// interceptor from the verified identity token, the event dispatcher from the event's tenant attribute.
/// </summary>
public sealed class TenantContext : ITenantContext
{
    private string? _tenantId;

    public string TenantId => _tenantId ?? throw new InvalidOperationException("No tenant is set for this call.");

    /// <exception cref="ArgumentException">The id is not a valid tenant id.</exception>
    /// <exception cref="InvalidOperationException">A different tenant is already set in this scope.</exception>
    public void Set(string tenantId)
    {
        if (!Tenancy.TenantId.IsValid(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a tenant id: {Tenancy.TenantId.Rule}.", nameof(tenantId));
        }

        if (_tenantId is not null && _tenantId != tenantId)
        {
            throw new InvalidOperationException("A scope serves one tenant; it cannot change.");
        }

        _tenantId = tenantId;
    }
}
