using Cx.Persistence.Tenancy;

namespace Cx.Governance.Audit;

/// <summary>One line of the audit log; never changed or removed once written.</summary>
public sealed class AuditEntryRecord : ITenantOwned
{
    public long Sequence { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public DateTime AtUtc { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string SubjectType { get; set; } = string.Empty;

    public string SubjectId { get; set; } = string.Empty;

    public string Details { get; set; } = "{}";
}
