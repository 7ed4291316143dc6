using Cx.Eventing.Subscribing;
using Cx.Events.V1;

namespace Cx.Understanding.PainPoints;

/// <summary>
/// A driver analysis finished: kept as the latest of its outcome and journey scope, it confirms the
/// pain points of the steps it read whose metrics it finds drivers that matter (or no longer does).
/// A redelivery finds the same analysis kept and changes nothing.
/// </summary>
internal sealed class ConfirmPainPoints(PainPointsApi painPoints) : IHandleEvent<DriverAnalysisCompleted>
{
    public Task HandleAsync(DriverAnalysisCompleted message, EventContext context, CancellationToken cancellationToken) =>
        message.Analysis is null
            ? Task.CompletedTask
            : painPoints.RecordAnalysisAsync(message.Analysis, message.Filter ?? new Cx.Common.V1.ResultFilter(), context.OccurredAt.UtcDateTime, cancellationToken);
}
