using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;

namespace Cx.Governance.Cases;

public sealed class CaseRuleRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string RuleId { get; set; } = string.Empty;

    public int Precedence { get; set; }

    public string MetricIdsJson { get; set; } = "[]";

    public int MaxScore { get; set; }

    public string SegmentsJson { get; set; } = "[]";

    public string JourneyIdsJson { get; set; } = "[]";

    public int Priority { get; set; }

    public int Assignment { get; set; }

    public string AssigneesJson { get; set; } = "[]";

    public int MaxSignalAgeDays { get; set; }

    public string FallbackOwner { get; set; } = string.Empty;

    /// <summary>How many cases this rule has assigned: the round robin's position.</summary>
    public long Assigned { get; set; }

    /// <summary>The domain's <c>CaseTrigger</c>; 0 (a rule stored before triggers existed) reads as a detractor rule.</summary>
    public int Trigger { get; set; }

    public string JourneyStepIdsJson { get; set; } = "[]";

    /// <summary>Negative-feedback rules: the sentiment ceiling; null means the domain's default.</summary>
    public double? MaxSentiment { get; set; }

    public string TopicIdsJson { get; set; } = "[]";

    /// <summary>The effort cues, by the domain's names (e.g. "Waiting").</summary>
    public string EffortCuesJson { get; set; } = "[]";
}

public sealed class CaseRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string CaseId { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public int Priority { get; set; }

    public string Owner { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Touchpoint { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string Segment { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string EmployeeId { get; set; } = string.Empty;

    public string RuleId { get; set; } = string.Empty;

    /// <summary>The signals that opened or joined the case, as the contract's JSON.</summary>
    public string SignalsJson { get; set; } = "[]";

    public DateTime OpenedAtUtc { get; set; }

    /// <summary>When the SLA is breached; null while the clock is stopped. The SLA watch reads it, so it survives restarts.</summary>
    public DateTime? DueAtUtc { get; set; }

    /// <summary>Service time left while the clock is stopped (waiting on the customer).</summary>
    public double? SlaRemainingSeconds { get; set; }

    public bool Escalated { get; set; }

    public DateTime? EscalatedAtUtc { get; set; }

    public string EscalatedTo { get; set; } = string.Empty;

    public string RootCauseCategory { get; set; } = string.Empty;

    public string ResolutionNotes { get; set; } = string.Empty;

    public bool Recovered { get; set; }

    public string FollowUpChannel { get; set; } = string.Empty;

    public string FollowUpLanguage { get; set; } = string.Empty;

    public DateTime? ResolvedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>customer|journey (or the scope's key) while the case is active, null after: unique, so a customer has one active case per journey, and a metric's scope one.</summary>
    public string? ActiveKey { get; set; }

    /// <summary>For a case opened by a threshold breach: the metric breached; empty for a customer's case.</summary>
    public string MetricId { get; set; } = string.Empty;

    /// <summary>For a case opened by a threshold breach: its metric's and scope's key, kept after the case is resolved (a bucket is on one case ever); null for a customer's case.</summary>
    public string? ScopeKey { get; set; }

    /// <summary>The breaches that opened or joined the case, as the contract's JSON.</summary>
    public string BreachesJson { get; set; } = "[]";

    /// <summary>For a case opened by a confirmed pain point: the contract's CasePainPoint as JSON, the latest announced.</summary>
    public string? PainPointJson { get; set; }

    public long Version { get; set; }
}
