using Cx.Persistence.Tenancy;

namespace Cx.Understanding.Timeline;

public sealed class TimelineEntryRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Time-ordered, so it breaks ties between entries of the same moment.</summary>
    public string EntryId { get; set; } = string.Empty;

    /// <summary>The profile it belongs to now (a merge moves it).</summary>
    public string CustomerId { get; set; } = string.Empty;

    /// <summary>The contract's <c>EntryKind</c>.</summary>
    public int Kind { get; set; }

    public string Channel { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public DateTime OccurredAtUtc { get; set; }

    public string Summary { get; set; } = string.Empty;

    /// <summary>The interaction's external id, the response id or the case id.</summary>
    public string SourceId { get; set; } = string.Empty;

    /// <summary>Kind and source id, unique per tenant, so a source is in the history once; null for an interaction without external id.</summary>
    public string? SourceKey { get; set; }

    /// <summary>The survey's answers or the case's state (JSON of the contract's SurveyEntry or CaseEntry).</summary>
    public string DetailJson { get; set; } = string.Empty;

    /// <summary>Set when it arrived for a customer merged into another: the undo of that merge gives it back.</summary>
    public string? ViaMergeId { get; set; }
}
