using Cx.Eventing.Subscribing;
using Cx.Events.V1;

namespace Cx.Governance.Cases;

/// <summary>
/// A metric's closed bucket breached its target: the tenant's breach rules decide whether it opens
/// a case for the breached scope; the scope's active case takes a later bucket instead. A
/// redelivered event has no second effect (the inbox), and a bucket raised again finds itself on
/// a case of the scope and changes nothing.
/// </summary>
internal sealed class OpenCaseFromThresholdBreach(CasesApi cases) : IHandleEvent<MetricThresholdBreached>
{
    public Task HandleAsync(MetricThresholdBreached message, EventContext context, CancellationToken cancellationToken) =>
        cases.OpenFromBreachAsync(message, cancellationToken);
}
