using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;

namespace Cx.Understanding.Segments;

/// <summary>A segment: its rule (the contract's SegmentRule as JSON), its version, and how far the evaluation of every customer has come.</summary>
public sealed class SegmentRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string SegmentId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string RuleJson { get; set; } = "{}";

    public long Version { get; set; }

    /// <summary>The contract's SegmentState.</summary>
    public int State { get; set; }

    /// <summary>While building: the last customer id evaluated against this version (customers go in id order).</summary>
    public string? BuiltThrough { get; set; }

    public long CustomersEvaluated { get; set; }

    /// <summary>Changed only by atomic increments (never through change tracking), so concurrent upkeep never loses one.</summary>
    public long MemberCount { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A key a segment's rule reads (Domain/Segments/SegmentDependencies): the index from a change to the segments it can affect.</summary>
public sealed class SegmentDependencyRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string Dependency { get; set; } = string.Empty;

    public string SegmentId { get; set; } = string.Empty;
}

/// <summary>A customer who is a member of a segment now.</summary>
public sealed class SegmentMemberRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string SegmentId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public DateTime SinceUtc { get; set; }

    /// <summary>When the membership ends by time alone (a window's facts age out); the lapse watch evaluates it again then.</summary>
    public DateTime? LapsesAtUtc { get; set; }
}

/// <summary>A join or a leave, with why and under which version of the segment.</summary>
public sealed class SegmentHistoryRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Given by the database in the order changes are written: newest first is descending id.</summary>
    public long ChangeId { get; set; }

    public string SegmentId { get; set; } = string.Empty;

    public long SegmentVersion { get; set; }

    public string CustomerId { get; set; } = string.Empty;

    public bool Joined { get; set; }

    /// <summary>The contract's MembershipReason.</summary>
    public int Reason { get; set; }

    /// <summary>This customer's changes in this segment, counted from 1 (the events carry it, so consumers apply them in order).</summary>
    public long Sequence { get; set; }

    public DateTime AtUtc { get; set; }
}

/// <summary>
/// A score a customer gave, one row per response and metric: the compact table score conditions
/// read (the timeline keeps whole responses). It follows its timeline entry through merges and undos.
/// </summary>
public sealed class ScoreFactRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string ResponseId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public int Score { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>The survey entry of the timeline the score came with.</summary>
    public string EntryId { get; set; } = string.Empty;
}
