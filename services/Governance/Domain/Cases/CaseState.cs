using Cx.Domain.Errors;

namespace Cx.Governance.Domain.Cases;

public enum CaseState
{
    Open,
    InProgress,
    WaitingOnCustomer,
    Resolved,
    Closed,
}

/// <summary>
/// The moves a case may make: open → in progress → waiting on customer → resolved → closed, with
/// reopening from resolved or closed. Everything else is refused, so a case's history reads true.
/// </summary>
public static class CaseLifecycle
{
    private static readonly Dictionary<CaseState, CaseState[]> Allowed = new()
    {
        [CaseState.Open] = [CaseState.InProgress, CaseState.WaitingOnCustomer, CaseState.Resolved],
        [CaseState.InProgress] = [CaseState.WaitingOnCustomer, CaseState.Resolved],
        [CaseState.WaitingOnCustomer] = [CaseState.InProgress, CaseState.Resolved],
        [CaseState.Resolved] = [CaseState.Closed, CaseState.Open],
        [CaseState.Closed] = [CaseState.Open],
    };

    public static bool CanMove(CaseState from, CaseState to) => Allowed[from].Contains(to);

    /// <exception cref="PreconditionFailedException">The move is not allowed from <paramref name="from"/>.</exception>
    public static void Move(string caseId, CaseState from, CaseState to)
    {
        if (!CanMove(from, to))
        {
            var allowed = string.Join(", ", Allowed[from]);
            throw new PreconditionFailedException("ILLEGAL_CASE_TRANSITION", "case/" + caseId,
                $"Case {caseId} is {from}; it cannot move to {to}. From {from} it can move to: {allowed}.");
        }
    }

    /// <summary>As <see cref="Move(string, CaseState, CaseState)"/>, for a case with or without a customer.</summary>
    /// <exception cref="PreconditionFailedException">
    /// The move is not allowed, or it waits on the customer of a case that has none (a scope's case):
    /// its SLA clock never stops for a customer.
    /// </exception>
    public static void Move(string caseId, CaseState from, CaseState to, bool hasCustomer)
    {
        if (to == CaseState.WaitingOnCustomer && !hasCustomer)
        {
            throw new PreconditionFailedException("NO_CUSTOMER", "case/" + caseId,
                $"Case {caseId} has no customer to wait on: it is about a metric's scope. Move it to InProgress or Resolved.");
        }

        Move(caseId, from, to);
    }

    /// <summary>Whether the SLA clock runs in this state: not while waiting on the customer, not once resolved.</summary>
    public static bool SlaClockRuns(CaseState state) => state is CaseState.Open or CaseState.InProgress;

    /// <summary>Whether a case in this state counts as the customer's open case on its journey.</summary>
    public static bool IsActive(CaseState state) => state is not (CaseState.Resolved or CaseState.Closed);
}
