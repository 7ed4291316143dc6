using System.Text.Json;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Governance.Data;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Governance.V1;

namespace Cx.Governance.Audit;

/// <summary>
/// Who did what and when. Every change of this service appends its entry in the same transaction as
/// the change, so the log never claims a change that did not commit, nor misses one that did.
/// </summary>
internal sealed class AuditLog(GovernanceDb db, ActorContext actor, TimeProvider clock)
{
    public string Actor => actor.Actor;

    public void Append(string action, string subjectType, string subjectId, object details) =>
        db.AuditEntries.Add(new AuditEntryRecord
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Actor = actor.Actor,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Details = JsonSerializer.Serialize(details),
        });

    public async Task<V1.ListAuditEntriesResponse> ListAsync(V1.ListAuditEntriesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.SubjectId.Length == 0 || request.SubjectType.Length > 0, "subject_type", "Required with subject_id.")
            .Require(request.From is null || request.To is null || request.From.ToDateTimeOffset() < request.To.ToDateTimeOffset(), "to", "Must be after from.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        long after = 0;
        validator.Require(page.AfterKey is null || long.TryParse(page.AfterKey, System.Globalization.CultureInfo.InvariantCulture, out after), "page_token", "Not a token this API issued.");
        validator.ThrowIfInvalid();

        var entries = db.AuditEntries.Where(e => e.Sequence > after);
        if (request.SubjectType.Length > 0)
        {
            entries = entries.Where(e => e.SubjectType == request.SubjectType);
        }

        if (request.SubjectId.Length > 0)
        {
            entries = entries.Where(e => e.SubjectId == request.SubjectId);
        }

        if (request.From is { } from)
        {
            var fromUtc = from.ToDateTime();
            entries = entries.Where(e => e.AtUtc >= fromUtc);
        }

        if (request.To is { } to)
        {
            var toUtc = to.ToDateTime();
            entries = entries.Where(e => e.AtUtc < toUtc);
        }

        var window = await entries.OrderBy(e => e.Sequence).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListAuditEntriesResponse();
        response.Entries.AddRange(window.Take(page.Size).Select(e => new V1.AuditEntry
        {
            Sequence = e.Sequence,
            At = ContractMapping.ToTimestamp(e.AtUtc),
            Actor = e.Actor,
            Action = e.Action,
            SubjectType = e.SubjectType,
            SubjectId = e.SubjectId,
            Details = e.Details,
        }));
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }
}
