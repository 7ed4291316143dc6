using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Strategy.Data;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.Maturity;

/// <summary>
/// Keeps what the other disciplines announce as maturity signals, each at the moment it happened
/// there (a case's closing, an experiment's conclusion, a comment's answer), one row per subject: an
/// announcement repeated or redelivered changes nothing.
/// </summary>
internal sealed class Signals(StrategyDb db)
{
    /// <param name="first">For what accumulates (a journey published, a standard): the first announcement's moment stays, so a new version does not move it later.</param>
    public async Task KeepAsync(SignalKind kind, string subjectId, DateTimeOffset at, double value = 1, string detail = "", bool first = false, CancellationToken cancellationToken = default)
    {
        if (subjectId.Length is 0 or > 100)
        {
            return;
        }

        var kindValue = (int)kind;
        var signal = await db.Signals.FirstOrDefaultAsync(s => s.Kind == kindValue && s.SubjectId == subjectId, cancellationToken);
        if (signal is null)
        {
            db.Signals.Add(signal = new SignalRecord { Kind = kindValue, SubjectId = subjectId });
        }

        var kept = signal.OccurredAtUtc;
        (signal.OccurredAtUtc, signal.Value, signal.Detail) = (at.UtcDateTime, value, detail.Length <= 100 ? detail : detail[..100]);
        if (first && kept != default && kept < signal.OccurredAtUtc)
        {
            signal.OccurredAtUtc = kept;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

internal sealed class SignalCaseClosed(Signals signals) : IHandleEvent<CaseClosed>
{
    public Task HandleAsync(CaseClosed message, EventContext context, CancellationToken cancellationToken) =>
        signals.KeepAsync(SignalKind.CaseClosed, message.CaseId, message.ClosedAt?.ToDateTimeOffset() ?? context.OccurredAt, message.SlaBreached ? 0 : 1, message.Owner, cancellationToken: cancellationToken);
}

internal sealed class SignalRecognitionAwarded(Signals signals) : IHandleEvent<RecognitionAwarded>
{
    public Task HandleAsync(RecognitionAwarded message, EventContext context, CancellationToken cancellationToken) =>
        signals.KeepAsync(SignalKind.RecognitionAwarded, message.RecognitionId, message.AwardedAt?.ToDateTimeOffset() ?? context.OccurredAt, 1, message.EmployeeId, cancellationToken: cancellationToken);
}

internal sealed class SignalSuggestionAdopted(Signals signals) : IHandleEvent<SuggestionAccepted>
{
    public Task HandleAsync(SuggestionAccepted message, EventContext context, CancellationToken cancellationToken) =>
        signals.KeepAsync(SignalKind.SuggestionAdopted, message.SuggestionId, message.AcceptedAt?.ToDateTimeOffset() ?? context.OccurredAt, cancellationToken: cancellationToken);
}

/// <summary>A comment read, at the moment the customer answered: enriched again (a new taxonomy), it still counts once.</summary>
internal sealed class SignalCommentEnriched(Signals signals) : IHandleEvent<FeedbackEnriched>
{
    public Task HandleAsync(FeedbackEnriched message, EventContext context, CancellationToken cancellationToken) =>
        signals.KeepAsync(SignalKind.CommentsEnriched, message.FeedbackId, message.Context?.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt, cancellationToken: cancellationToken);
}

internal sealed class SignalJourneyPublished(Signals signals) : IHandleEvent<JourneyPublished>
{
    public Task HandleAsync(JourneyPublished message, EventContext context, CancellationToken cancellationToken) =>
        signals.KeepAsync(SignalKind.JourneyPublished, message.JourneyId, message.PublishedAt?.ToDateTimeOffset() ?? context.OccurredAt, first: true, cancellationToken: cancellationToken);
}

internal sealed class SignalStandardPublished(Signals signals) : IHandleEvent<StandardPublished>
{
    public Task HandleAsync(StandardPublished message, EventContext context, CancellationToken cancellationToken) =>
        signals.KeepAsync(SignalKind.StandardPublished, message.StandardId, context.OccurredAt, first: true, cancellationToken: cancellationToken);
}
