using Cx.Eventing.Subscribing;
using Cx.Events.V1;

namespace Cx.Governance.Cases;

/// <summary>
/// Understanding announced a pain point: once confirmed by a driver analysis, the tenant's
/// pain-point rules decide whether it opens a case for the owner of its journey. A redelivered
/// event has no second effect (the inbox), and an announcement no later than the one a case holds
/// changes nothing.
/// </summary>
internal sealed class OpenCaseFromPainPoint(CasesApi cases) : IHandleEvent<PainPointIdentified>
{
    public Task HandleAsync(PainPointIdentified message, EventContext context, CancellationToken cancellationToken) =>
        cases.OpenFromPainPointAsync(message, cancellationToken);
}
