namespace Cx.Persistence.Tenancy;

/// <summary>
/// A row that belongs to one tenant. The service database stamps it on insert, filters every query
/// by it, and refuses to write it for another tenant: services never write a tenant condition by hand.
/// </summary>
public interface ITenantOwned
{
    string TenantId { get; set; }
}
