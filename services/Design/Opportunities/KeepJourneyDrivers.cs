using Cx.Design.Data;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Opportunities;

/// <summary>
/// Measurement finished a driver analysis: for each journey it covered (or all, when it named
/// none), it replaces the one kept for its outcome unless that one is later. A redelivered or late
/// analysis changes nothing.
/// </summary>
internal sealed class KeepJourneyDrivers(DesignDb db) : IHandleEvent<DriverAnalysisCompleted>
{
    public async Task HandleAsync(DriverAnalysisCompleted message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.Analysis is not { } analysis || analysis.OutcomeMetricId.Length is 0 or > 63)
        {
            return;
        }

        var journeys = message.Filter?.JourneyIds.Where(j => j.Length is > 0 and <= 100).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var analysedAt = context.OccurredAt.UtcDateTime;
        foreach (var journeyId in journeys.Count > 0 ? journeys : [string.Empty])
        {
            var record = await db.JourneyDrivers.FirstOrDefaultAsync(d => d.JourneyId == journeyId && d.OutcomeMetricId == analysis.OutcomeMetricId, cancellationToken);
            if (record is null)
            {
                record = new JourneyDriversRecord { JourneyId = journeyId, OutcomeMetricId = analysis.OutcomeMetricId };
                db.JourneyDrivers.Add(record);
            }
            else if (record.AnalysedAtUtc >= analysedAt)
            {
                continue;
            }

            record.DriversJson = StoredJson.Messages(analysis.Drivers);
            record.N = analysis.N;
            record.AnalysedAtUtc = analysedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
