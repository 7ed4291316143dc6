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
/// The inner loop: cases opened from detractors (by the tenant's rules) or by hand, one active case
/// per customer and journey (later signals join it), an accountable owner, an SLA due time in service
/// hours, and a lifecycle that refuses illegal moves. Closing publishes case_closed.
/// </summary>
internal sealed class CasesApi(GovernanceDb db, CaseRulesApi rules, OwnershipsApi owners, PoliciesApi policies, PatternsApi patterns, AuditLog audit, TimeProvider clock)
{
    public const string SubjectType = "case";

    /// <summary>Opens a case for a detractor when a rule matches; a customer's active case on the journey takes the signal instead.</summary>
    /// <returns>The case the signal opened or joined; null when no rule matched.</returns>
    public async Task<CaseRecord?> OpenFromDetractorAsync(DetractorDetected detractor, CancellationToken cancellationToken)
    {
        var context = detractor.Context ?? new Cx.Common.V1.ResponseContext();

        // Without a customer there is no one to recover: the score still counts in Measurement.
        if (context.CustomerId.Length == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var occurredAt = context.OccurredAt?.ToDateTimeOffset() ?? now;
        var signal = new V1.CaseSignal { ResponseId = detractor.ResponseId, MetricId = detractor.MetricId, Score = detractor.Score, OccurredAt = ContractMapping.ToTimestamp(occurredAt) };
        var active = await ActiveCaseAsync(context.CustomerId, context.JourneyId, cancellationToken);
        if (active is not null)
        {
            var signals = StoredJson.Messages<V1.CaseSignal>(active.SignalsJson);
            if (signals.All(s => s.ResponseId != signal.ResponseId))
            {
                signals.Add(signal);
                active.SignalsJson = StoredJson.Of(signals);
                audit.Append("case.signal_merged", SubjectType, active.CaseId, new { responseId = detractor.ResponseId, detractor.Score });
                await db.SaveChangesAsync(cancellationToken);
            }

            return active;
        }

        var match = (await rules.LoadAsync(cancellationToken))
            .FirstOrDefault(r => r.Rule.Matches(new DetractorSignal(detractor.MetricId, detractor.Score, context.Segment, context.JourneyId, occurredAt), now));
        if (match.Rule is null)
        {
            return null;
        }

        var journeyOwner = await owners.AccountableAsync(context.JourneyId, context.Touchpoint, cancellationToken);
        var owner = match.Rule.PickOwner(journeyOwner, context.TeamId, match.Record.Assigned);
        if (match.Rule.Assignment == AssignmentStrategy.RoundRobin)
        {
            match.Record.Assigned++;
        }

        var record = new CaseRecord
        {
            CaseId = NewCaseId(),
            Priority = (int)match.Rule.Priority,
            Owner = owner,
            Title = $"Detractor ({detractor.MetricId} {detractor.Score}) on {Describe(context.JourneyId, context.JourneyStepId)}",
            CustomerId = context.CustomerId,
            JourneyId = context.JourneyId,
            JourneyStepId = context.JourneyStepId,
            Touchpoint = context.Touchpoint,
            Channel = context.Channel,
            Segment = context.Segment,
            Region = context.Region,
            TeamId = context.TeamId,
            EmployeeId = context.EmployeeId,
            RuleId = match.Rule.RuleId,
            SignalsJson = StoredJson.Of([signal]),
        };
        await OpenAsync(record, detractor.ResponseId, now, cancellationToken);
        return record;
    }

    public async Task<V1.Case> OpenByHandAsync(V1.OpenCaseRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.Title.Trim().Length is > 0 and <= 300, "title", "Required, at most 300 characters.")
            .Require(Identifier.IsReference(request.CustomerId), "customer_id", "Required: the customer to recover, at most 100 characters.")
            .Require(Identifier.IsReference(request.JourneyId), "journey_id", "Required, at most 100 characters.")
            .Require(request.JourneyStepId.Length <= 100, "journey_step_id", "At most 100 characters.")
            .Require(request.Touchpoint.Length <= 100, "touchpoint", "At most 100 characters.")
            .Require(ContractMapping.IsPriority(request.Priority), "priority", "Required: URGENT, HIGH, NORMAL or LOW.")
            .Require(request.Owner.Length == 0 || Identifier.IsReference(request.Owner, 200), "owner", "At most 200 characters.");
        validator.ThrowIfInvalid();
        var owner = request.Owner.Length > 0 ? request.Owner : await owners.AccountableAsync(request.JourneyId, request.Touchpoint, cancellationToken);
        new Validator().Require(!string.IsNullOrEmpty(owner), "owner", $"Required: journey '{request.JourneyId}' has no accountable owner to default to.").ThrowIfInvalid();
        if (await ActiveCaseAsync(request.CustomerId, request.JourneyId, cancellationToken) is { } active)
        {
            throw new AlreadyExistsException("active case for this customer on this journey", active.CaseId);
        }

        var record = new CaseRecord
        {
            CaseId = NewCaseId(),
            Priority = (int)request.Priority,
            Owner = owner!,
            Title = request.Title.Trim(),
            CustomerId = request.CustomerId,
            JourneyId = request.JourneyId,
            JourneyStepId = request.JourneyStepId,
            Touchpoint = request.Touchpoint,
        };
        await OpenAsync(record, string.Empty, clock.GetUtcNow(), cancellationToken);
        return ToContract(record);
    }

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
                .Require(resolution is null || resolution.FollowUpLanguage.Length <= 35, "resolution.follow_up_language", "At most 35 characters.");
        }

        validator.ThrowIfInvalid();
        var record = await FindAsync(request.CaseId, cancellationToken);
        ExpectVersion(record, request.ExpectedVersion);
        var from = Enum.Parse<CaseState>(record.Status);
        CaseLifecycle.Move(record.CaseId, from, to!.Value);
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
                }, record.CaseId);
                break;
            case CaseState.Open:
                if (await ActiveCaseAsync(record.CustomerId, record.JourneyId, cancellationToken) is { } other)
                {
                    throw new PreconditionFailedException("ACTIVE_CASE_EXISTS", "case/" + record.CaseId,
                        $"Case {record.CaseId} cannot be reopened: the customer's case {other.CaseId} is active on the same journey.");
                }

                // A reopened case starts a fresh SLA and may be escalated again.
                (record.ResolvedAtUtc, record.ClosedAtUtc, record.Escalated, record.EscalatedAtUtc, record.EscalatedTo) = (null, null, false, null, string.Empty);
                record.DueAtUtc = sla.DueAt(priority, now).UtcDateTime;
                record.ActiveKey = ActiveKey(record.CustomerId, record.JourneyId);
                break;
        }

        record.Status = to.Value.ToString();
        audit.Append("case.moved", SubjectType, record.CaseId, new { from = from.ToString(), to = to.Value.ToString(), note = request.Note });
        await SaveAsync(record, cancellationToken);
        return ToContract(record);
    }

    /// <summary>Escalates every active case of the current tenant whose SLA is breached at <paramref name="now"/>: once per breach.</summary>
    public async Task<int> EscalateOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        var overdue = await db.Cases.Where(c => !c.Escalated && c.DueAtUtc != null && c.DueAtUtc <= nowUtc).ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var sla = await policies.SlaAsync(cancellationToken);
        foreach (var record in overdue)
        {
            var target = sla.For((Priority)record.Priority);
            (record.Escalated, record.EscalatedAtUtc, record.EscalatedTo) = (true, nowUtc, target.EscalateTo);
            db.Raise(new CaseEscalated
            {
                CaseId = record.CaseId,
                Owner = record.Owner,
                EscalatedTo = target.EscalateTo,
                Priority = (CommonV1.CasePriority)record.Priority,
                DueAt = ContractMapping.ToTimestamp(record.DueAtUtc),
                JourneyId = record.JourneyId,
                JourneyStepId = record.JourneyStepId,
            }, record.CaseId);
            audit.Append("case.escalated", SubjectType, record.CaseId, new { dueAt = record.DueAtUtc, escalatedTo = target.EscalateTo });
        }

        await db.SaveChangesAsync(cancellationToken);
        return overdue.Count;
    }

    private async Task OpenAsync(CaseRecord record, string responseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sla = await policies.SlaAsync(cancellationToken);
        record.Status = nameof(CaseState.Open);
        record.OpenedAtUtc = now.UtcDateTime;
        record.DueAtUtc = sla.DueAt((Priority)record.Priority, now).UtcDateTime;
        record.ActiveKey = ActiveKey(record.CustomerId, record.JourneyId);
        db.Cases.Add(record);
        db.Raise(new CaseOpened
        {
            CaseId = record.CaseId,
            CustomerId = record.CustomerId,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            Priority = (CommonV1.CasePriority)record.Priority,
            Owner = record.Owner,
            DueAt = ContractMapping.ToTimestamp(record.DueAtUtc),
            RuleId = record.RuleId,
            ResponseId = responseId,
        }, record.CaseId);
        audit.Append("case.opened", SubjectType, record.CaseId, new { record.CustomerId, record.JourneyId, record.JourneyStepId, record.Owner, record.RuleId, responseId });

        // A concurrent signal for the same customer and journey hits the unique active key: the
        // event delivery retries, and the retry joins the case the other one opened.
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SaveAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new PreconditionFailedException("ACTIVE_CASE_EXISTS", "case/" + record.CaseId, $"The customer has another active case on journey '{record.JourneyId}'.");
        }
    }

    private void ExpectVersion(CaseRecord record, long expectedVersion)
    {
        if (expectedVersion != 0)
        {
            db.ExpectVersion(record, expectedVersion);
        }
    }

    private Task<CaseRecord?> ActiveCaseAsync(string customerId, string journeyId, CancellationToken cancellationToken)
    {
        var key = ActiveKey(customerId, journeyId);
        return db.Cases.FirstOrDefaultAsync(c => c.ActiveKey == key, cancellationToken);
    }

    private async Task<CaseRecord> FindAsync(string caseId, CancellationToken cancellationToken)
    {
        Validator.RequireId(caseId, "case_id");
        return await db.Cases.FirstOrDefaultAsync(c => c.CaseId == caseId, cancellationToken) ?? throw new NotFoundException("case", caseId);
    }

    private static string ActiveKey(string customerId, string journeyId) => customerId + "|" + journeyId;

    private static string NewCaseId() => Guid.CreateVersion7().ToString("N");

    private static string Describe(string journeyId, string stepId) =>
        journeyId.Length == 0 ? "an unnamed journey" : stepId.Length == 0 ? journeyId : journeyId + " / " + stepId;

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
