using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;

namespace Cx.Understanding.PainPoints;

/// <summary>A pain point, entered or found, with the figures of its last detection and what confirms it.</summary>
public sealed class PainPointRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string PainPointId { get; set; } = string.Empty;

    /// <summary>The contract's PainPointSource.</summary>
    public int Source { get; set; }

    public string Title { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string TopicId { get; set; } = string.Empty;

    /// <summary>A JSON array of metric ids.</summary>
    public string MetricIdsJson { get; set; } = "[]";

    /// <summary>The contract's PainPointState.</summary>
    public int State { get; set; }

    /// <summary>A JSON array of feedback ids: the comments that show it.</summary>
    public string FeedbackIdsJson { get; set; } = "[]";

    public string DismissedReason { get; set; } = string.Empty;

    /// <summary>The contract's PainPointConfirmation as JSON while confirmed.</summary>
    public string? ConfirmationJson { get; set; }

    public long Mentions { get; set; }

    public long Comments { get; set; }

    public double Share { get; set; }

    public double ShareLower { get; set; }

    public double ShareUpper { get; set; }

    public double ShareElsewhere { get; set; }

    public int WindowDays { get; set; }

    public DateTime? DetectedAtUtc { get; set; }

    public bool DetectedNow { get; set; }

    public long Version { get; set; }

    public DateTime IdentifiedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;
}

/// <summary>
/// The latest driver analysis of an outcome over one journey scope, as driver_analysis_completed
/// announced it: what confirms pain points, whichever arrives first.
/// </summary>
public sealed class DriverAnalysisRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the outcome and the journey and step ids read: one row per scope, the latest analysis.</summary>
    public string ScopeKey { get; set; } = string.Empty;

    public string OutcomeMetricId { get; set; } = string.Empty;

    public string JourneyIdsJson { get; set; } = "[]";

    public string JourneyStepIdsJson { get; set; } = "[]";

    /// <summary>A JSON array of the drivers: metric id, importance, the raw weight's interval.</summary>
    public string DriversJson { get; set; } = "[]";

    public long N { get; set; }

    public DateTime AnalysedAtUtc { get; set; }
}
