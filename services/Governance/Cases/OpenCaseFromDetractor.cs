using Cx.Eventing.Subscribing;
using Cx.Events.V1;

namespace Cx.Governance.Cases;

/// <summary>
/// A detractor was recorded: the tenant's case rules decide whether it opens a case; a customer's
/// active case on the same journey takes the signal instead. A redelivered event has no second
/// effect (the inbox), and the same response never joins a case twice.
/// </summary>
internal sealed class OpenCaseFromDetractor(CasesApi cases) : IHandleEvent<DetractorDetected>
{
    public Task HandleAsync(DetractorDetected message, EventContext context, CancellationToken cancellationToken) =>
        cases.OpenFromDetractorAsync(message, cancellationToken);
}
