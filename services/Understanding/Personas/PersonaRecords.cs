using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;

namespace Cx.Understanding.Personas;

/// <summary>A persona: its description (lists as JSON arrays), the metrics to score it on, and its version. No customer is named here.</summary>
public sealed class PersonaRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string PersonaId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Narrative { get; set; } = string.Empty;

    public string GoalsJson { get; set; } = "[]";

    public string MotivationsJson { get; set; } = "[]";

    public string BehavioursJson { get; set; } = "[]";

    public string NeedsJson { get; set; } = "[]";

    public string ExpectationsJson { get; set; } = "[]";

    public string MetricIdsJson { get; set; } = "[]";

    public long Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One of a persona's segments: rows rather than a list, so deleting a segment can find the personas that name it.</summary>
public sealed class PersonaSegmentRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string PersonaId { get; set; } = string.Empty;

    public string SegmentId { get; set; } = string.Empty;

    /// <summary>Where the caller put it in the list: the list reads back in their order.</summary>
    public int Ordinal { get; set; }
}
