using Cx.Culture.Data;
using Cx.Culture.Domain.People;
using Cx.Culture.Domain.Recognition;
using Cx.Culture.Settings;
using Cx.Eventing.Outbox;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using CommonV1 = Cx.Common.V1;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Recognition;

/// <summary>A customer's comment praises an employee or a team: propose recognising them, quoting the customer only with their consent.</summary>
internal sealed class ProposeFromPraise(CustomerProposals proposals) : IHandleEvent<PraiseDetected>
{
    public Task HandleAsync(PraiseDetected message, EventContext context, CancellationToken cancellationToken)
    {
        var where = message.Context ?? new CommonV1.ResponseContext();
        var evidence = new V1.CustomerEvidence
        {
            ResponseId = message.ResponseId,
            FeedbackId = message.FeedbackId,
            Quote = message.Quote,
            QuoteRedacted = message.QuoteRedacted,
        };
        return message.FeedbackId.Length == 0
            ? Task.CompletedTask
            : proposals.ProposeAsync(new($"praise:{message.FeedbackId}:{message.EmployeeId}:{message.TeamId}", CommonV1.RecognitionSource.CustomerPraise, message.EmployeeId, message.TeamId, where, evidence), context, cancellationToken);
    }
}

/// <summary>A response names the employee who served the customer and rates them at or above the tenant's rule: propose recognising them.</summary>
internal sealed class ProposeFromHighRating(CustomerProposals proposals, SettingsApi settings) : IHandleEvent<ResponseRecorded>
{
    public async Task HandleAsync(ResponseRecorded message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.Context is not { EmployeeId.Length: > 0 } where || message.ResponseId.Length == 0)
        {
            return;
        }

        var rules = (await settings.GetAsync(cancellationToken)).RatingRules.ToDictionary(r => r.MetricId, r => r.MinScore, StringComparer.Ordinal);
        var rated = message.Answers.FirstOrDefault(a => a.HasScore && rules.TryGetValue(a.MetricId, out var least) && a.Score >= least);
        if (rated is null)
        {
            return;
        }

        var evidence = new V1.CustomerEvidence { ResponseId = message.ResponseId, MetricId = rated.MetricId, Score = rated.Score };
        await proposals.ProposeAsync(new("rating:" + message.ResponseId, CommonV1.RecognitionSource.HighRating, where.EmployeeId, where.TeamId, where, evidence), context, cancellationToken);
    }
}

/// <summary>A case closed with the customer recovered: propose recognising its owner, a person or a team.</summary>
internal sealed class ProposeFromRecoveredCase(CustomerProposals proposals) : IHandleEvent<CaseClosed>
{
    public Task HandleAsync(CaseClosed message, EventContext context, CancellationToken cancellationToken)
    {
        if (!message.Recovered || message.Owner.Length == 0 || message.CaseId.Length == 0)
        {
            return Task.CompletedTask;
        }

        var where = new CommonV1.ResponseContext { JourneyId = message.JourneyId, JourneyStepId = message.JourneyStepId, OccurredAt = message.ClosedAt };
        var evidence = new V1.CustomerEvidence { CaseId = message.CaseId };

        // Governance names an owner without saying whether it is a person or a team: the employee wins when both exist.
        return proposals.ProposeAsync(new("case:" + message.CaseId, CommonV1.RecognitionSource.RecoveredCustomer, message.Owner, message.Owner, where, evidence), context, cancellationToken);
    }
}

/// <summary>What a customer signal proposes: whom (an employee, else a team), where, and on what evidence.</summary>
internal sealed record Proposal(string SourceKey, CommonV1.RecognitionSource Source, string EmployeeId, string TeamId, CommonV1.ResponseContext Where, V1.CustomerEvidence Evidence);

/// <summary>
/// Turns customer signals into recognition proposals, one per signal: a redelivered event, or the
/// same signal announced twice, finds the proposal already made. Only the tenant's employees and
/// teams are recognised, for experiences within the tenant's signal age; any other signal is
/// passed over.
/// </summary>
internal sealed class CustomerProposals(CultureDb db, Approvers approvers, SettingsApi settings, RecognitionsApi recognitions, TimeProvider clock, ILogger<CustomerProposals> logger)
{
    public const int MaxBounded = 100;

    public async Task ProposeAsync(Proposal proposal, EventContext context, CancellationToken cancellationToken)
    {
        if (proposal.SourceKey.Length > 300 || await db.Recognitions.AnyAsync(r => r.SourceKey == proposal.SourceKey, cancellationToken))
        {
            return;
        }

        var (employeeId, teamId, acceptsAutomatically) = await RecipientAsync(proposal, cancellationToken);
        if (employeeId.Length + teamId.Length == 0)
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("A {Source} names nobody defined here ({Employee}, {Team}); no recognition is proposed", proposal.Source, proposal.EmployeeId, proposal.TeamId);
            }
            return;
        }

        var tenantSettings = await settings.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var occurredAt = proposal.Where.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt;
        if (now - occurredAt > SettingsApi.MaxSignalAge(tenantSettings))
        {
            return;
        }

        var progress = RecognitionProgress.Proposed(acceptedAlready: employeeId.Length == 0 || acceptsAutomatically, tenantSettings.AutoApprove);
        var approver = tenantSettings.AutoApprove ? string.Empty : await approvers.ApproverOfAsync(employeeId, teamId, cancellationToken);
        var evidence = proposal.Evidence.Clone();
        (evidence.Channel, evidence.JourneyId, evidence.JourneyStepId, evidence.OccurredAt) = (Bounded(proposal.Where.Channel), Bounded(proposal.Where.JourneyId), Bounded(proposal.Where.JourneyStepId), RecognitionsApi.Utc(occurredAt.UtcDateTime));

        var record = new RecognitionRecord
        {
            RecognitionId = Guid.CreateVersion7(now).ToString(),
            SourceKey = proposal.SourceKey,
            Source = (int)proposal.Source,
            EmployeeId = employeeId,
            TeamId = teamId,
            EvidenceJson = StoredJson.Message(evidence),
            JourneyId = evidence.JourneyId,
            JourneyStepId = evidence.JourneyStepId,
            Status = (int)progress.Status,
            Accepted = progress.Accepted,
            Approved = progress.Approved,
            ApproverId = approver,
            ApprovedBy = progress.Approved ? "auto" : string.Empty,
            OccurredAtUtc = occurredAt.UtcDateTime,
            ProposedAtUtc = now.UtcDateTime,
        };
        db.Recognitions.Add(record);
        db.Raise(new RecognitionProposed
        {
            RecognitionId = record.RecognitionId,
            Source = proposal.Source,
            EmployeeId = employeeId,
            TeamId = teamId,
            ApproverId = approver,
            AutoApproved = progress.Approved,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            OccurredAt = evidence.OccurredAt,
            ProposedAt = RecognitionsApi.Utc(record.ProposedAtUtc),
        }, record.RecognitionId);
        if (progress.Status == RecognitionStatus.Awarded)
        {
            await recognitions.AwardAsync(record, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same signal, delivered twice at once: the other delivery made the proposal.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The employee named, when defined here (with their team); else the team, when defined here; else nobody.</summary>
    private async Task<(string EmployeeId, string TeamId, bool AcceptsAutomatically)> RecipientAsync(Proposal proposal, CancellationToken cancellationToken)
    {
        if (PersonId.IsValid(proposal.EmployeeId)
            && await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.EmployeeId == proposal.EmployeeId, cancellationToken) is { } employee)
        {
            return (employee.EmployeeId, employee.TeamId.Length > 0 ? employee.TeamId : await KnownTeamAsync(proposal.TeamId, cancellationToken), employee.AcceptsAutomatically);
        }

        return (string.Empty, await KnownTeamAsync(proposal.TeamId, cancellationToken), false);
    }

    private async Task<string> KnownTeamAsync(string teamId, CancellationToken cancellationToken) =>
        PersonId.IsValid(teamId) && await db.Teams.AnyAsync(t => t.TeamId == teamId, cancellationToken) ? teamId : string.Empty;

    private static string Bounded(string value) => value.Length <= MaxBounded ? value : value[..MaxBounded];
}
