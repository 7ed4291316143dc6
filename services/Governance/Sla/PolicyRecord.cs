using Cx.Persistence.Tenancy;

namespace Cx.Governance.Sla;

/// <summary>A tenant's policy (the SLA policy, the pattern policy), kept as the contract's JSON.</summary>
public sealed class PolicyRecord : ITenantOwned
{
    public const string Sla = "sla";
    public const string Patterns = "patterns";

    public string TenantId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Json { get; set; } = "{}";
}
