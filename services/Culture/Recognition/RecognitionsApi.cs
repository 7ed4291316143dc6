using Cx.Culture.Data;
using Cx.Culture.Domain.Recognition;
using Cx.Culture.People;
using Cx.Culture.Settings;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Recognition;

/// <summary>
/// Recognitions as people see and move them: listed and read, accepted or declined by the
/// employee, approved by their manager, moderated by the tenant's admins.
/// </summary>
internal sealed class RecognitionsApi(CultureDb db, Callers callers, Approvers approvers, SettingsApi settings, TimeProvider clock)
{
    public const string ResourceType = "recognition";
    public const int MaxReason = 500;

    public async Task<V1.Recognition> GetAsync(string recognitionId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(recognitionId, tracked: false, cancellationToken));

    /// <summary>Newest first: pages are keyed by when it was proposed, then by id.</summary>
    public async Task<V1.ListRecognitionsResponse> ListAsync(V1.ListRecognitionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.EmployeeId.Length == 0 || Domain.People.PersonId.IsValid(request.EmployeeId), "employee_id", "Empty, or an employee id: " + Domain.People.PersonId.Rule)
            .Require(request.TeamId.Length == 0 || Domain.People.PersonId.IsValid(request.TeamId), "team_id", "Empty, or a team id: " + Domain.People.PersonId.Rule)
            .Require(Enum.IsDefined(request.State), "state", "A RecognitionState, or unspecified for every state.")
            .Require(Enum.IsDefined(request.Source), "source", "A RecognitionSource, or unspecified for every source.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var recognitions = db.Recognitions.AsNoTracking();
        if (request.EmployeeId.Length > 0)
        {
            recognitions = recognitions.Where(r => r.EmployeeId == request.EmployeeId);
        }

        if (request.TeamId.Length > 0)
        {
            recognitions = recognitions.Where(r => r.TeamId == request.TeamId);
        }

        if (request.State != V1.RecognitionState.Unspecified)
        {
            var status = (int)request.State;
            recognitions = recognitions.Where(r => r.Status == status);
        }

        if (request.Source != CommonV1.RecognitionSource.Unspecified)
        {
            var source = (int)request.Source;
            recognitions = recognitions.Where(r => r.Source == source);
        }

        var (items, next) = await NewestFirst.PageAsync(recognitions, r => r.ProposedAtUtc, r => r.RecognitionId, page, cancellationToken);
        return new V1.ListRecognitionsResponse { Recognitions = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.Recognition> AcceptAsync(string recognitionId, CancellationToken cancellationToken)
    {
        var record = await FindAsync(recognitionId, tracked: true, cancellationToken);
        await RequireRecipientAsync(record, "accept", cancellationToken);
        return await MoveAsync(record, Progress(record).Accept(), cancellationToken);
    }

    public async Task<V1.Recognition> DeclineAsync(string recognitionId, CancellationToken cancellationToken)
    {
        var record = await FindAsync(recognitionId, tracked: true, cancellationToken);
        await RequireRecipientAsync(record, "decline", cancellationToken);
        return await MoveAsync(record, Progress(record).Decline(), cancellationToken);
    }

    public async Task<V1.Recognition> ApproveAsync(string recognitionId, CancellationToken cancellationToken)
    {
        var record = await FindAsync(recognitionId, tracked: true, cancellationToken);
        var approver = await approvers.ApproverOfAsync(record.EmployeeId, record.TeamId, cancellationToken);
        if (approver.Length == 0)
        {
            throw new PreconditionFailedException("NO_MANAGER", "recognition/" + record.RecognitionId,
                $"Nobody manages {Recipient(record)}: set their manager (or their team's), or let the tenant's rule approve (auto_approve).");
        }

        await callers.RequireAsync(approver, "approve a recognition of " + Recipient(record), cancellationToken);
        var change = Progress(record).Approve();
        if (change.After is not null && !record.Approved)
        {
            record.ApprovedBy = approver;
        }

        return await MoveAsync(record, change, cancellationToken);
    }

    public async Task<V1.Recognition> ModerateAsync(V1.ModerateRecognitionRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.Reason.Trim().Length is > 0 and <= MaxReason, "reason", $"Required, at most {MaxReason} characters.").ThrowIfInvalid();
        var record = await FindAsync(request.RecognitionId, tracked: true, cancellationToken);
        (record.Hidden, record.ModerationReason) = (true, request.Reason.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    /// <summary>
    /// Awards <paramref name="record"/> now: a recognition from customers gets the tenant's points
    /// for one, and the award is announced.
    /// </summary>
    public async Task AwardAsync(RecognitionRecord record, CancellationToken cancellationToken)
    {
        if (IsFromCustomers(record.Source))
        {
            record.Points = (await settings.GetAsync(cancellationToken)).CustomerRecognitionPoints;
        }

        record.AwardedAtUtc = clock.GetUtcNow().UtcDateTime;
        db.Raise(new RecognitionAwarded
        {
            RecognitionId = record.RecognitionId,
            Source = (CommonV1.RecognitionSource)record.Source,
            EmployeeId = record.EmployeeId,
            TeamId = record.TeamId,
            GiverId = record.GiverId,
            ValueIds = { ValueIds(record) },
            Points = record.Points,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            OccurredAt = Utc(record.OccurredAtUtc),
            AwardedAt = Utc(record.AwardedAtUtc.Value),
        }, record.RecognitionId);
    }

    private async Task<V1.Recognition> MoveAsync(RecognitionRecord record, RecognitionChange change, CancellationToken cancellationToken)
    {
        if (change.After is not { } after)
        {
            throw new PreconditionFailedException(change.RefusalType!, "recognition/" + record.RecognitionId, $"Recognition {record.RecognitionId} cannot change: {change.Refusal}.");
        }

        (record.Status, record.Accepted, record.Approved) = ((int)after.Status, after.Accepted, after.Approved);
        if (change.AwardedNow)
        {
            await AwardAsync(record, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    /// <summary>Only the recognised employee accepts or declines; a team's recognition needs nobody's acceptance.</summary>
    private async Task RequireRecipientAsync(RecognitionRecord record, string toDo, CancellationToken cancellationToken)
    {
        if (record.EmployeeId.Length == 0)
        {
            throw new PreconditionFailedException("TEAM_RECOGNITION", "recognition/" + record.RecognitionId,
                $"Recognition {record.RecognitionId} is team {record.TeamId}'s: nobody {toDo}s it for the team; its manager approves it.");
        }

        await callers.RequireAsync(record.EmployeeId, toDo + " their recognition", cancellationToken);
    }

    private async Task<RecognitionRecord> FindAsync(string recognitionId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Guid.TryParse(recognitionId, out _), "recognition_id", "A recognition id, as the service gave it.").ThrowIfInvalid();
        var recognitions = tracked ? db.Recognitions : db.Recognitions.AsNoTracking();
        return await recognitions.FirstOrDefaultAsync(r => r.RecognitionId == recognitionId, cancellationToken)
            ?? throw new NotFoundException(ResourceType, recognitionId);
    }

    private static RecognitionProgress Progress(RecognitionRecord record) => new((RecognitionStatus)record.Status, record.Accepted, record.Approved);

    private static string Recipient(RecognitionRecord record) => record.EmployeeId.Length > 0 ? record.EmployeeId : "team " + record.TeamId;

    internal static bool IsFromCustomers(int source) => source is (int)CommonV1.RecognitionSource.CustomerPraise or (int)CommonV1.RecognitionSource.HighRating or (int)CommonV1.RecognitionSource.RecoveredCustomer;

    internal static IEnumerable<string> ValueIds(RecognitionRecord record) => record.ValueIdsKey.Split('|', StringSplitOptions.RemoveEmptyEntries);

    internal static string ValueIdsKey(IEnumerable<string> valueIds) => "|" + string.Concat(valueIds.Select(v => v + "|"));

    internal static Timestamp Utc(DateTime at) => Timestamp.FromDateTime(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    internal static V1.Recognition ToContract(RecognitionRecord record)
    {
        var recognition = new V1.Recognition
        {
            RecognitionId = record.RecognitionId,
            Source = (CommonV1.RecognitionSource)record.Source,
            EmployeeId = record.EmployeeId,
            TeamId = record.TeamId,
            GiverId = record.GiverId,
            ValueIds = { ValueIds(record) },
            Message = record.Message,
            Link = record.Link,
            AwardLevelId = record.AwardLevelId,
            Points = record.Points,
            BoostedPoints = record.BoostedPoints,
            State = (V1.RecognitionState)record.Status,
            Accepted = record.Accepted,
            Approved = record.Approved,
            ApprovedBy = record.ApprovedBy,
            ProposedAt = Utc(record.ProposedAtUtc),
            AwardedAt = record.AwardedAtUtc is { } awarded ? Utc(awarded) : null,
            Hidden = record.Hidden,
            ModerationReason = record.ModerationReason,
        };
        if (IsFromCustomers(record.Source))
        {
            recognition.Evidence = StoredJson.Message<V1.CustomerEvidence>(record.EvidenceJson);
        }

        return recognition;
    }

}

/// <summary>Who approves a recognition: the employee's manager, or else their team's; a team's manager for a team.</summary>
internal sealed class Approvers(CultureDb db)
{
    public async Task<string> ApproverOfAsync(string employeeId, string teamId, CancellationToken cancellationToken)
    {
        if (employeeId.Length > 0)
        {
            var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.EmployeeId == employeeId, cancellationToken);
            if (employee is null)
            {
                return string.Empty;
            }

            if (employee.ManagerId.Length > 0)
            {
                return employee.ManagerId;
            }

            teamId = employee.TeamId;
        }

        var manager = teamId.Length == 0 ? null : await db.Teams.AsNoTracking().Where(t => t.TeamId == teamId).Select(t => t.ManagerId).FirstOrDefaultAsync(cancellationToken);
        return manager is null || manager == employeeId ? string.Empty : manager;
    }

    /// <summary>
    /// Everyone above a recipient: the line of managers from the employee's own (or the team's
    /// manager, for a team) upwards, and the manager of the employee's team.
    /// </summary>
    public async Task<IReadOnlySet<string>> ManagersAboveAsync(string employeeId, string teamId, CancellationToken cancellationToken)
    {
        var above = new HashSet<string>(StringComparer.Ordinal);
        if (employeeId.Length > 0 && await db.Employees.AsNoTracking().Where(e => e.EmployeeId == employeeId).Select(e => new { e.ManagerId, e.TeamId }).FirstOrDefaultAsync(cancellationToken) is { } employee)
        {
            teamId = employee.TeamId;
            above.UnionWith((await LineFromAsync(employee.ManagerId, cancellationToken)).Where(m => m != employeeId));
        }

        var teamManager = teamId.Length == 0 ? null : await db.Teams.AsNoTracking().Where(t => t.TeamId == teamId).Select(t => t.ManagerId).FirstOrDefaultAsync(cancellationToken);
        if (!string.IsNullOrEmpty(teamManager) && teamManager != employeeId)
        {
            above.UnionWith((await LineFromAsync(teamManager, cancellationToken)).Where(m => m != employeeId));
        }

        return above;
    }

    /// <summary>
    /// <paramref name="managerId"/> and the managers above them, nearest first: one row read per
    /// step, ending at the top, at an employee not defined here, or where the line comes back on
    /// itself.
    /// </summary>
    public async Task<IReadOnlyList<string>> LineFromAsync(string managerId, CancellationToken cancellationToken)
    {
        var line = new List<string>();
        for (var current = managerId; current.Length > 0 && !line.Contains(current);)
        {
            line.Add(current);
            current = await db.Employees.AsNoTracking().Where(e => e.EmployeeId == current).Select(e => e.ManagerId).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;
        }

        return line;
    }
}
