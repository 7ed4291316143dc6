using Cx.Persistence.Tenancy;

namespace Cx.Governance.Owners;

/// <summary>Who owns a journey, or one touchpoint of it (empty touchpoint: the whole journey).</summary>
public sealed class OwnershipRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string Touchpoint { get; set; } = string.Empty;

    public string Accountable { get; set; } = string.Empty;

    public string ResponsibleJson { get; set; } = "[]";

    public string ConsultedJson { get; set; } = "[]";

    public string InformedJson { get; set; } = "[]";

    public DateTime UpdatedAtUtc { get; set; }
}
