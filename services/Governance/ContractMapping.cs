using Cx.Governance.Domain.Cases;
using Cx.Governance.Domain.Patterns;
using Google.Protobuf.WellKnownTypes;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance;

/// <summary>Between the contract's enums and timestamps and the domain's.</summary>
internal static class ContractMapping
{
    public static V1.CaseStatus ToContract(CaseState state) => state switch
    {
        CaseState.Open => V1.CaseStatus.Open,
        CaseState.InProgress => V1.CaseStatus.InProgress,
        CaseState.WaitingOnCustomer => V1.CaseStatus.WaitingOnCustomer,
        CaseState.Resolved => V1.CaseStatus.Resolved,
        _ => V1.CaseStatus.Closed,
    };

    public static CaseState? ToDomain(V1.CaseStatus status) => status switch
    {
        V1.CaseStatus.Open => CaseState.Open,
        V1.CaseStatus.InProgress => CaseState.InProgress,
        V1.CaseStatus.WaitingOnCustomer => CaseState.WaitingOnCustomer,
        V1.CaseStatus.Resolved => CaseState.Resolved,
        V1.CaseStatus.Closed => CaseState.Closed,
        _ => null,
    };

    public static PlanState? ToDomain(V1.ActionPlanStatus status) => status switch
    {
        V1.ActionPlanStatus.Planned => PlanState.Planned,
        V1.ActionPlanStatus.InProgress => PlanState.InProgress,
        V1.ActionPlanStatus.Completed => PlanState.Completed,
        V1.ActionPlanStatus.Cancelled => PlanState.Cancelled,
        _ => null,
    };

    public static V1.ActionPlanStatus ToContract(PlanState state) => (V1.ActionPlanStatus)(int)state;

    /// <summary>An effort cue as the domain names it: "Waiting", "Repeating", "Transferred".</summary>
    public static string EffortCueName(CommonV1.EffortCue cue) => cue.ToString();

    public static CommonV1.EffortCue ToContractEffortCue(string name) => System.Enum.TryParse<CommonV1.EffortCue>(name, out var cue) ? cue : CommonV1.EffortCue.Unspecified;

    public static bool IsPriority(CommonV1.CasePriority priority) => priority is CommonV1.CasePriority.Urgent or CommonV1.CasePriority.High or CommonV1.CasePriority.Normal or CommonV1.CasePriority.Low;

    public static Priority ToDomain(CommonV1.CasePriority priority) => (Priority)(int)priority;

    public static CommonV1.CasePriority ToContract(Priority priority) => (CommonV1.CasePriority)(int)priority;

    public static Timestamp? ToTimestamp(DateTime? utc) => utc is { } value ? Timestamp.FromDateTime(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;

    public static Timestamp ToTimestamp(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static Timestamp ToTimestamp(DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    public static DateTimeOffset AsUtc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeSpan.Zero);
}
