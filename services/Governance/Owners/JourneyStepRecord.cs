using Cx.Persistence.Tenancy;

namespace Cx.Governance.Owners;

/// <summary>
/// A step of a journey as Design last published it: its touchpoints, front stage first, so a case
/// at the step with no touchpoint of its own goes to whoever owns the step's touchpoints.
/// </summary>
public sealed class JourneyStepRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string StepId { get; set; } = string.Empty;

    /// <summary>The touchpoint ids, front stage first, each in the order drawn, as JSON.</summary>
    public string TouchpointsJson { get; set; } = "[]";

    /// <summary>The journey version it comes from: an older publication arriving late changes nothing.</summary>
    public int JourneyVersion { get; set; }
}
