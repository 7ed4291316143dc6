using Cx.Persistence.Tenancy;

namespace Cx.Understanding.Names;

/// <summary>One version of a tenant's name list: who set it and when. The names themselves are the rows of <c>names</c>, the current list only.</summary>
public sealed class NameListRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public long Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;
}
