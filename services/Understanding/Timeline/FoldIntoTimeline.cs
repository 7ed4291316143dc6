using Cx.Eventing.Subscribing;
using Cx.Events.V1;

namespace Cx.Understanding.Timeline;

/// <summary>A survey response about a customer joins their history, with its scores.</summary>
internal sealed class FoldResponse(TimelineApi timeline) : IHandleEvent<ResponseRecorded>
{
    public Task HandleAsync(ResponseRecorded message, EventContext context, CancellationToken cancellationToken) =>
        timeline.FoldResponseAsync(message, context, cancellationToken);
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
