using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Governance.Audit;
using Cx.Governance.Data;
using Cx.Governance.Domain.Cases;
using Cx.Governance.Owners;
using Cx.Governance.Patterns;
using Cx.Governance.Sla;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Cases;

/// <summary>
/// The inner loop: cases opened from detractors and threshold breaches (by the tenant's rules) or
/// by hand, one active case per customer and journey and one per metric and scope (later signals
/// and buckets join it), an accountable owner, an SLA due time in service hours, and a lifecycle
/// that refuses illegal moves. Closing publishes case_closed.
/// </summary>
internal sealed partial class CasesApi(GovernanceDb db, CaseRulesApi rules, OwnershipsApi owners, PoliciesApi policies, PatternsApi patterns, AuditLog audit, TimeProvider clock)
{
    public const string SubjectType = "case";

    public async Task<V1.Case> GetAsync(string caseId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(caseId, cancellationToken));

    public async Task<V1.ListCasesResponse> ListAsync(V1.ListCasesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.Statuses.All(s => ContractMapping.ToDomain(s) is not null), "statuses", "Known statuses only: OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var cases = db.Cases.AsQueryable();
        if (request.Statuses.Count > 0)
        {
            var statuses = request.Statuses.Select(s => ContractMapping.ToDomain(s)!.Value.ToString()).ToArray();
            cases = cases.Where(c => statuses.Contains(c.Status));
        }

        if (request.Owner.Length > 0)
        {
            cases = cases.Where(c => c.Owner == request.Owner);
        }

        if (request.CustomerId.Length > 0)
        {
            cases = cases.Where(c => c.CustomerId == request.CustomerId);
        }

        if (request.JourneyId.Length > 0)
        {
            cases = cases.Where(c => c.JourneyId == request.JourneyId);
        }

        if (request.JourneyStepId.Length > 0)
        {
            cases = cases.Where(c => c.JourneyStepId == request.JourneyStepId);
        }

        if (request.MetricId.Length > 0)
        {
            cases = cases.Where(c => c.MetricId == request.MetricId);
        }

        // Case ids are time-ordered: descending id is newest first, and a stable key to page on.
        if (page.AfterKey is { } after)
        {
            cases = cases.Where(c => string.Compare(c.CaseId, after) < 0);
        }

        var window = await cases.OrderByDescending(c => c.CaseId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListCasesResponse { Cases = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].CaseId);
        }

        return response;
    }

    public async Task<V1.Case> AssignAsync(V1.AssignCaseRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsReference(request.Owner, 200), "owner", "Required, at most 200 characters.").ThrowIfInvalid();
        var record = await FindAsync(request.CaseId, cancellationToken);
        ExpectVersion(record, request.ExpectedVersion);
        audit.Append("case.assigned", SubjectType, record.CaseId, new { from = record.Owner, to = request.Owner });
        record.Owner = request.Owner;
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.Case> MoveAsync(V1.MoveCaseRequest request, CancellationToken cancellationToken)
    {
        var to = ContractMapping.ToDomain(request.To);
        var validator = new Validator()
            .Require(to is not null, "to", "Required: IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED or OPEN (to reopen).")
            .Require(request.Note.Length <= 2000, "note", "At most 2,000 characters.");
        if (to == CaseState.Resolved)
        {
            var resolution = request.Resolution;
            validator
                .Require(resolution is not null && Identifier.IsReference(resolution.RootCauseCategory), "resolution.root_cause_category", "Required to resolve: what caused the problem, at most 100 characters.")
                .Require(resolution is null || resolution.Notes.Length <= 4000, "resolution.notes", "At most 4,000 characters.")
                .Require(resolution is null || resolution.FollowUpChannel.Length <= 50, "resolution.follow_up_channel", "At most 50 characters.")
                .Require(resolution is null || resolution.FollowUpLanguage.Length == 0 || LanguageTag.IsWellFormed(resolution.FollowUpLanguage), "resolution.follow_up_language", LanguageTag.Rule);
        }

        validator.ThrowIfInvalid();
        var record = await FindAsync(request.CaseId, cancellationToken);
        ExpectVersion(record, request.ExpectedVersion);
        var from = Enum.Parse<CaseState>(record.Status);
        CaseLifecycle.Move(record.CaseId, from, to!.Value, hasCustomer: record.CustomerId.Length > 0);
        var now = clock.GetUtcNow();
        var sla = await policies.SlaAsync(cancellationToken);
        var priority = (Priority)record.Priority;
        switch (to.Value)
        {
            case CaseState.WaitingOnCustomer:
                // The clock stops: keep the service time left, to resume with it.
                record.SlaRemainingSeconds = record.DueAtUtc is { } due ? sla.Remaining(now, ContractMapping.AsUtc(due)).TotalSeconds : record.SlaRemainingSeconds;
                record.DueAtUtc = null;
                break;
            case CaseState.InProgress when from == CaseState.WaitingOnCustomer:
                record.DueAtUtc = sla.DueAt(priority, now, TimeSpan.FromSeconds(record.SlaRemainingSeconds ?? 0)).UtcDateTime;
                record.SlaRemainingSeconds = null;
                break;
            case CaseState.Resolved:
                var resolution = request.Resolution!;
                (record.RootCauseCategory, record.ResolutionNotes, record.Recovered) = (resolution.RootCauseCategory, resolution.Notes, resolution.Recovered);
                (record.FollowUpChannel, record.FollowUpLanguage) = (resolution.FollowUpChannel, resolution.FollowUpLanguage);
                record.ResolvedAtUtc = now.UtcDateTime;
                (record.DueAtUtc, record.SlaRemainingSeconds, record.ActiveKey) = (null, null, null);
                await patterns.CountResolvedCaseAsync(record, now, cancellationToken);
                break;
            case CaseState.Closed:
                record.ClosedAtUtc = now.UtcDateTime;
                db.Raise(new CaseClosed
                {
                    CaseId = record.CaseId,
                    CustomerId = record.CustomerId,
                    JourneyId = record.JourneyId,
                    JourneyStepId = record.JourneyStepId,
                    Recovered = record.Recovered,
                    RootCauseCategory = record.RootCauseCategory,
                    ContactChannel = record.FollowUpChannel,
                    ContactLanguage = record.FollowUpLanguage,
                    ClosedAt = ContractMapping.ToTimestamp(now),
                    Owner = record.Owner,
                    SlaBreached = record.Escalated,
                }, record.CaseId);
                break;
            case CaseState.Open:
                var activeKey = ActiveKeyOf(record);
                if (await db.Cases.FirstOrDefaultAsync(c => c.ActiveKey == activeKey, cancellationToken) is { } other)
                {
                    throw new PreconditionFailedException("ACTIVE_CASE_EXISTS", "case/" + record.CaseId,
                        $"Case {record.CaseId} cannot be reopened: case {other.CaseId} is active for {ActiveFor(record)}.");
                }

                // A reopened case starts a fresh SLA and may be escalated again.
                (record.ResolvedAtUtc, record.ClosedAtUtc, record.Escalated, record.EscalatedAtUtc, record.EscalatedTo) = (null, null, false, null, string.Empty);
                record.DueAtUtc = sla.DueAt(priority, now).UtcDateTime;
                record.ActiveKey = activeKey;
                break;
        }

        record.Status = to.Value.ToString();
        audit.Append("case.moved", SubjectType, record.CaseId, new { from = from.ToString(), to = to.Value.ToString(), note = request.Note });
        await SaveAsync(record, cancellationToken);
        return ToContract(record);
    }

    private async Task SaveAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new PreconditionFailedException("ACTIVE_CASE_EXISTS", "case/" + record.CaseId, $"Case {record.CaseId} cannot be reopened: another case is active for {ActiveFor(record)}.");
        }
    }

    private static string ActiveFor(CaseRecord record) =>
        record.ScopeKey is null ? "the same customer and journey" : $"metric '{record.MetricId}' at the same scope";

    private void ExpectVersion(CaseRecord record, long expectedVersion)
    {
        if (expectedVersion != 0)
        {
            db.ExpectVersion(record, expectedVersion);
        }
    }

    private Task<CaseRecord?> ActiveCaseAsync(string customerId, string journeyId, CancellationToken cancellationToken)
    {
        var key = ActiveCase.Key(customerId, journeyId);
        return db.Cases.FirstOrDefaultAsync(c => c.ActiveKey == key, cancellationToken);
    }

    private async Task<CaseRecord> FindAsync(string caseId, CancellationToken cancellationToken)
    {
        Validator.RequireId(caseId, "case_id");
        return await db.Cases.FirstOrDefaultAsync(c => c.CaseId == caseId, cancellationToken) ?? throw new NotFoundException("case", caseId);
    }

    internal static V1.Case ToContract(CaseRecord record)
    {
        var contract = new V1.Case
        {
            CaseId = record.CaseId,
            Status = ContractMapping.ToContract(Enum.Parse<CaseState>(record.Status)),
            Priority = (CommonV1.CasePriority)record.Priority,
            Owner = record.Owner,
            Title = record.Title,
            CustomerId = record.CustomerId,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            Touchpoint = record.Touchpoint,
            Channel = record.Channel,
            Segment = record.Segment,
            Region = record.Region,
            TeamId = record.TeamId,
            EmployeeId = record.EmployeeId,
            RuleId = record.RuleId,
            Signals = { StoredJson.Messages<V1.CaseSignal>(record.SignalsJson) },
            OpenedAt = ContractMapping.ToTimestamp(record.OpenedAtUtc),
            DueAt = ContractMapping.ToTimestamp(record.DueAtUtc),
            Escalated = record.Escalated,
            EscalatedAt = ContractMapping.ToTimestamp(record.EscalatedAtUtc),
            EscalatedTo = record.EscalatedTo,
            ClosedAt = ContractMapping.ToTimestamp(record.ClosedAtUtc),
            Version = record.Version,
            MetricId = record.MetricId,
            Breaches = { StoredJson.Messages<V1.CaseBreach>(record.BreachesJson) },
            PainPoint = record.PainPointJson is { } painPoint ? StoredJson.Message<V1.CasePainPoint>(painPoint) : null,
        };
        if (record.ResolvedAtUtc is not null)
        {
            contract.Resolution = new V1.CaseResolution
            {
                RootCauseCategory = record.RootCauseCategory,
                Notes = record.ResolutionNotes,
                Recovered = record.Recovered,
                FollowUpChannel = record.FollowUpChannel,
                FollowUpLanguage = record.FollowUpLanguage,
                ResolvedAt = ContractMapping.ToTimestamp(record.ResolvedAtUtc),
            };
        }

        return contract;
    }
}
