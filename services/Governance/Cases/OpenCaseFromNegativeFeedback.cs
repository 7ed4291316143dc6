using Cx.Eventing.Subscribing;
using Cx.Events.V1;

namespace Cx.Governance.Cases;

/// <summary>
/// A comment was enriched: the tenant's negative-feedback rules decide whether its sentiment,
/// topics and effort cues open a case; a customer's active case on the same journey takes the
/// comment instead. A redelivered event has no second effect (the inbox), and the same comment
/// never joins a case twice.
/// </summary>
internal sealed class OpenCaseFromNegativeFeedback(CasesApi cases) : IHandleEvent<FeedbackEnriched>
{
    public Task HandleAsync(FeedbackEnriched message, EventContext context, CancellationToken cancellationToken) =>
        cases.OpenFromFeedbackAsync(message, cancellationToken);
}
