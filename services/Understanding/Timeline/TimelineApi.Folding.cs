using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.Understanding.Data;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Timeline;

/// <summary>
/// Responses and cases folded into the history from other disciplines' events. A case is one entry,
/// whichever of its events comes first: a close that overtakes its open records the case closed,
/// and the open that follows only adds when it was opened, so the entry ends the same either way.
/// </summary>
internal sealed partial class TimelineApi
{
    public async Task FoldResponseAsync(ResponseRecorded response, EventContext context, CancellationToken cancellationToken)
    {
        var key = "response:" + response.ResponseId;
        if (response.Context?.CustomerId is not { Length: > 0 } customerId || response.ResponseId.Length == 0
            || await db.Timeline.AnyAsync(e => e.SourceKey == key, cancellationToken)
            || await profiles.OwnerForEventAsync(customerId, cancellationToken) is not { } owner)
        {
            return;
        }

        var record = NewEntry(owner.CustomerId, V1.EntryKind.Survey, response.Context.OccurredAt?.ToDateTime() ?? context.OccurredAt.UtcDateTime);
        (record.Channel, record.JourneyId, record.JourneyStepId) = (response.Context.Channel, response.Context.JourneyId, response.Context.JourneyStepId);
        (record.SourceId, record.SourceKey, record.ViaMergeId) = (response.ResponseId, key, owner.ViaMergeId);
        record.DetailJson = StoredJson.Message(new V1.SurveyEntry { ResponseId = response.ResponseId, InstrumentId = response.InstrumentId, Answers = { response.Answers } });
        db.Timeline.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task FoldCaseOpenedAsync(CaseOpened opened, EventContext context, CancellationToken cancellationToken)
    {
        if (opened.CustomerId.Length == 0 || opened.CaseId.Length == 0)
        {
            // A case about a metric's scope is nobody's history.
            return;
        }

        var openedAt = context.OccurredAt.UtcDateTime;
        await FoldCaseAsync(opened.CaseId, opened.CustomerId, opened.JourneyId, opened.JourneyStepId, openedAt, detail =>
        {
            detail.OpenedAt = ContractMapping.ToTimestamp(openedAt);
            if (detail.Status.Length == 0)
            {
                detail.Status = "open";
            }
        }, cancellationToken);
    }

    public async Task FoldCaseClosedAsync(CaseClosed closed, EventContext context, CancellationToken cancellationToken)
    {
        if (closed.CustomerId.Length == 0 || closed.CaseId.Length == 0)
        {
            return;
        }

        var closedAt = closed.ClosedAt?.ToDateTime() ?? context.OccurredAt.UtcDateTime;
        await FoldCaseAsync(closed.CaseId, closed.CustomerId, closed.JourneyId, closed.JourneyStepId, closedAt, detail =>
        {
            detail.Status = "closed";
            detail.ClosedAt = ContractMapping.ToTimestamp(closedAt);
            detail.Recovered = closed.Recovered;
            detail.RootCauseCategory = closed.RootCauseCategory;
        }, cancellationToken);
    }

    private async Task FoldCaseAsync(string caseId, string customerId, string journeyId, string journeyStepId, DateTime at, Action<V1.CaseEntry> change, CancellationToken cancellationToken)
    {
        var key = "case:" + caseId;
        var record = await db.Timeline.FirstOrDefaultAsync(e => e.SourceKey == key, cancellationToken);
        if (record is null)
        {
            if (await profiles.OwnerForEventAsync(customerId, cancellationToken) is not { } owner)
            {
                return;
            }

            record = NewEntry(owner.CustomerId, V1.EntryKind.Case, at);
            (record.JourneyId, record.JourneyStepId, record.SourceId, record.SourceKey, record.ViaMergeId) = (journeyId, journeyStepId, caseId, key, owner.ViaMergeId);
            record.DetailJson = StoredJson.Message(new V1.CaseEntry { CaseId = caseId });
            db.Timeline.Add(record);
        }

        var detail = StoredJson.Message<V1.CaseEntry>(record.DetailJson);
        change(detail);

        // The case sits in the history where it began: when it was opened, once that is known.
        record.OccurredAtUtc = DateTime.SpecifyKind(detail.OpenedAt?.ToDateTime() ?? detail.ClosedAt.ToDateTime(), DateTimeKind.Utc);
        record.Summary = detail.Status == "closed"
            ? $"Case {caseId} closed" + (detail.RootCauseCategory.Length > 0 ? $" ({detail.RootCauseCategory}, {(detail.Recovered ? "recovered" : "not recovered")})" : string.Empty)
            : $"Case {caseId} opened";
        record.DetailJson = StoredJson.Message(detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
