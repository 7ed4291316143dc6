using Cx.Persistence.Tenancy;

namespace Cx.Governance.Standards;

/// <summary>One published version of a standard; publishing again adds a version.</summary>
public sealed class StandardRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string StandardId { get; set; } = string.Empty;

    public long Version { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public int Comparison { get; set; }

    public double Threshold { get; set; }

    public string JourneyIdsJson { get; set; } = "[]";

    public DateTime PublishedAtUtc { get; set; }
}

public sealed class ReviewRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string ChangeId { get; set; } = string.Empty;

    public int Revision { get; set; }

    public string ReviewId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public bool Passed { get; set; }

    /// <summary>The checks, as the contract's JSON.</summary>
    public string ChecksJson { get; set; } = "[]";

    public string Reviewer { get; set; } = string.Empty;

    public DateTime ReviewedAtUtc { get; set; }
}
