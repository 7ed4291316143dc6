using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Understanding.Data;
using Cx.Understanding.Feedback;
using Cx.Understanding.Segments;

namespace Cx.Understanding.Timeline;

/// <summary>
/// A survey response about a customer joins their history, with its scores, and its comments are
/// enriched. One handler for both, so the entry, the feedback rows and their events commit in the
/// delivery's one transaction (a subscription per event type is the kit's unit of delivery).
/// </summary>
internal sealed class FoldResponse(TimelineApi timeline, FeedbackEnrichment feedback, SegmentUpkeep segments, UnderstandingDb db) : IHandleEvent<ResponseRecorded>
{
    public async Task HandleAsync(ResponseRecorded message, EventContext context, CancellationToken cancellationToken)
    {
        await timeline.FoldResponseAsync(message, context, cancellationToken);
        await feedback.EnrichAsync(message, message.Context?.OccurredAt?.ToDateTime() ?? context.OccurredAt.UtcDateTime, cancellationToken);
        await segments.ResponseFoldedAsync(message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>A case about a customer joins their history.</summary>
internal sealed class FoldCaseOpened(TimelineApi timeline) : IHandleEvent<CaseOpened>
{
    public Task HandleAsync(CaseOpened message, EventContext context, CancellationToken cancellationToken) =>
        timeline.FoldCaseOpenedAsync(message, context, cancellationToken);
}

/// <summary>The customer's case closed: its entry says so, even when this arrives before the open.</summary>
internal sealed class FoldCaseClosed(TimelineApi timeline) : IHandleEvent<CaseClosed>
{
    public Task HandleAsync(CaseClosed message, EventContext context, CancellationToken cancellationToken) =>
        timeline.FoldCaseClosedAsync(message, context, cancellationToken);
}
