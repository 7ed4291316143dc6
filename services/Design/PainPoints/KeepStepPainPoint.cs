using Cx.Design.Data;
using Cx.Design.Opportunities;
using Cx.Eventing.Subscribing;
using Cx.Persistence;
using Cx.Events.V1;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.PainPoints;

/// <summary>
/// Understanding announced a pain point: the step it sits at shows it, as it is now (confirmed,
/// with its figures), until it is dismissed, and each version not dismissed is announced as the
/// opportunity it makes. Announcements apply in version order: a late, older one changes nothing,
/// and a redelivered one has no second effect (the inbox).
/// </summary>
internal sealed class KeepStepPainPoint(DesignDb db, OpportunitiesApi opportunities) : IHandleEvent<PainPointIdentified>
{
    public async Task HandleAsync(PainPointIdentified message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.PainPointId.Length == 0 || message.JourneyId.Length == 0 || message.JourneyStepId.Length == 0)
        {
            // A pain point at no step has no place on a map.
            return;
        }

        var record = await db.StepPainPoints.FirstOrDefaultAsync(p => p.PainPointId == message.PainPointId, cancellationToken);
        if (record is null)
        {
            record = new StepPainPointRecord { PainPointId = message.PainPointId };
            db.StepPainPoints.Add(record);
        }
        else if (record.AnnouncedVersion >= message.Version)
        {
            return;
        }

        record.JourneyId = message.JourneyId;
        record.JourneyStepId = message.JourneyStepId;
        record.Title = message.Title.Length <= 200 ? message.Title : message.Title[..200];
        record.FoundInComments = message.Origin == PainPointOrigin.BottomUp;
        record.Confirmed = message.Confirmed;
        record.Dismissed = message.Dismissed;
        record.Mentions = message.Mentions;
        record.Share = message.Share;
        record.MetricIdsJson = StoredJson.Of(message.MetricIds.Where(m => m.Length is > 0 and <= 63).Distinct(StringComparer.Ordinal).Take(20).ToList());
        record.AnnouncedVersion = message.Version;
        await db.SaveChangesAsync(cancellationToken);
        if (!record.Dismissed)
        {
            await opportunities.AnnounceAsync(record.JourneyId, OpportunitiesApi.PainPointKey + record.PainPointId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
