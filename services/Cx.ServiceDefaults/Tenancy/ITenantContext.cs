namespace Cx.ServiceDefaults.Tenancy;

/// <summary>The tenant of the current call; set before any service code runs.</summary>
public interface ITenantContext
{
    /// <exception cref="InvalidOperationException">Outside a tenant-scoped call.</exception>
    string TenantId { get; }
}

internal sealed class TenantContext : ITenantContext
{
    private string? _tenantId;

    public string TenantId => _tenantId ?? throw new InvalidOperationException("No tenant is set for this call.");

    public void Set(string tenantId) => _tenantId = tenantId;
}
