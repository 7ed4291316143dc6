using Cx.Design.Data;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Opportunities;

/// <summary>
/// Culture accepted a front-line suggestion: it is an opportunity at its step from now on, and
/// announced as one. A redelivered acceptance changes nothing; one out of shape is passed over.
/// </summary>
internal sealed class KeepAcceptedSuggestion(DesignDb db, OpportunitiesApi opportunities) : IHandleEvent<SuggestionAccepted>
{
    public async Task HandleAsync(SuggestionAccepted message, EventContext context, CancellationToken cancellationToken)
    {
        if (new[] { message.SuggestionId, message.JourneyId, message.JourneyStepId }.Any(id => id.Length is 0 or > 63) || message.MetricId.Length > 63
            || await db.Suggestions.AnyAsync(s => s.SuggestionId == message.SuggestionId, cancellationToken))
        {
            return;
        }

        db.Suggestions.Add(new SuggestionRecord
        {
            SuggestionId = message.SuggestionId,
            JourneyId = message.JourneyId,
            JourneyStepId = message.JourneyStepId,
            MetricId = message.MetricId,
            Title = message.Title.Length <= 200 ? message.Title : message.Title[..200],
            SubmittedBy = message.SubmittedBy.Length <= 64 ? message.SubmittedBy : message.SubmittedBy[..64],
            Votes = message.Votes,
            AcceptedAtUtc = (message.AcceptedAt?.ToDateTimeOffset() ?? context.OccurredAt).UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await opportunities.AnnounceAsync(message.JourneyId, OpportunitiesApi.SuggestionKey + message.SuggestionId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
