using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;

namespace Cx.Governance.Patterns;

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
