using Cx.Persistence.Tenancy;

namespace Cx.Understanding.Merges;

/// <summary>A merge of one profile into another: who, when, why, and what both were before it, to undo it exactly.</summary>
public sealed class MergeRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string MergeId { get; set; } = string.Empty;

    public string IntoCustomerId { get; set; } = string.Empty;

    public string FromCustomerId { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public string MergedBy { get; set; } = string.Empty;

    public DateTime MergedAtUtc { get; set; }

    /// <summary>Until undone: events naming the merged customer go to the profile it was merged into.</summary>
    public bool Active { get; set; }

    public string UnmergedBy { get; set; } = string.Empty;

    public DateTime? UnmergedAtUtc { get; set; }

    public string UnmergeReason { get; set; } = string.Empty;

    /// <summary>The profile that stayed, as it was before: attributes, consents, minimal (JSON).</summary>
    public string IntoBeforeJson { get; set; } = "{}";

    /// <summary>The merged profile as it was: identities, attributes, consents, created, minimal (JSON).</summary>
    public string FromBeforeJson { get; set; } = "{}";
}

/// <summary>A history entry a merge moved, so the undo gives it back to its owner.</summary>
public sealed class MergeMoveRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string MergeId { get; set; } = string.Empty;

    public string EntryId { get; set; } = string.Empty;
}

/// <summary>A comment a merge moved, so the undo gives it back to its owner.</summary>
public sealed class MergeFeedbackMoveRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string MergeId { get; set; } = string.Empty;

    public string FeedbackId { get; set; } = string.Empty;
}
