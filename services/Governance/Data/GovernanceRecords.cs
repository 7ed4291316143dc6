using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;

namespace Cx.Governance.Data;

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
}

/// <summary>A tenant's policy (the SLA policy, the pattern policy), kept as the contract's JSON.</summary>
public sealed class PolicyRecord : ITenantOwned
{
    public const string Sla = "sla";
    public const string Patterns = "patterns";

    public string TenantId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Json { get; set; } = "{}";
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

    /// <summary>customer|journey while the case is active, null after: unique, so a customer has one active case per journey.</summary>
    public string? ActiveKey { get; set; }

    public long Version { get; set; }
}

public sealed class PatternRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string PatternId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string RootCauseCategory { get; set; } = string.Empty;

    public long Occurrences { get; set; }

    public DateTime FirstSeenUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }

    public DateTime RegisteredAtUtc { get; set; }

    public string CaseIdsJson { get; set; } = "[]";

    public string RootCausesJson { get; set; } = "[]";

    public long Version { get; set; }
}

public sealed class ActionPlanRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string PlanId { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public int PercentComplete { get; set; }

    public DateTime? DueAtUtc { get; set; }

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string PatternId { get; set; } = string.Empty;

    public string MetricIdsJson { get; set; } = "[]";

    public string SubActionsJson { get; set; } = "[]";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    public long Version { get; set; }
}

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
