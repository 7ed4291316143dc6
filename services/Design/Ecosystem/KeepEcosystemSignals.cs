using Cx.Design.Data;
using Cx.Design.Domain.Ecosystem;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;

namespace Cx.Design.Ecosystem;

/// <summary>A comment Understanding labelled negative, at a journey step: it weighs on the actors it concerns.</summary>
internal sealed class KeepNegativeFeedback(EcosystemSignals signals) : IHandleEvent<FeedbackEnriched>
{
    public Task HandleAsync(FeedbackEnriched message, EventContext context, CancellationToken cancellationToken) =>
        message.Label == CommonV1.SentimentLabel.Negative && message.FeedbackId.Length > 0
            ? signals.KeepAsync("negative:" + message.FeedbackId, SignalKind.NegativeFeedback, message.Context, message.Context?.TeamId, message.Context?.EmployeeId, context, cancellationToken, message.TopicIds)
            : Task.CompletedTask;
}

/// <summary>A comment praising an employee or a team, at a journey step: it weighs on them and on whom they serve there.</summary>
internal sealed class KeepPraise(EcosystemSignals signals) : IHandleEvent<PraiseDetected>
{
    public Task HandleAsync(PraiseDetected message, EventContext context, CancellationToken cancellationToken) =>
        message.FeedbackId.Length > 0
            ? signals.KeepAsync($"praise:{message.FeedbackId}:{message.EmployeeId}:{message.TeamId}", SignalKind.Praise, message.Context, message.TeamId, message.EmployeeId, context, cancellationToken)
            : Task.CompletedTask;
}

/// <summary>
/// The signals ecosystem maps are weighed by, one row each: a redelivered event, or the same
/// comment announced twice, is kept once. A signal at no journey step weighs on no map.
/// </summary>
internal sealed class EcosystemSignals(DesignDb db)
{
    public const int MaxTopics = 20;

    public async Task KeepAsync(string signalId, SignalKind kind, CommonV1.ResponseContext? where, string? teamId, string? employeeId, EventContext context, CancellationToken cancellationToken, IEnumerable<string>? topicIds = null)
    {
        if (where is null || where.JourneyId.Length == 0 || where.JourneyStepId.Length == 0 || signalId.Length > 400
            || await db.EcosystemSignals.AnyAsync(s => s.SignalId == signalId, cancellationToken))
        {
            return;
        }

        db.EcosystemSignals.Add(new EcosystemSignalRecord
        {
            SignalId = signalId,
            Kind = (int)kind,
            JourneyId = Bounded(where.JourneyId),
            JourneyStepId = Bounded(where.JourneyStepId),
            Touchpoint = Bounded(where.Touchpoint),
            TeamId = Bounded(teamId ?? string.Empty),
            EmployeeId = Bounded(employeeId ?? string.Empty),
            OccurredAtUtc = (where.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt).UtcDateTime,
            TopicIdsKey = TopicIdsKey(topicIds),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Bounded(string value) => value.Length <= 100 ? value : value[..100];

    /// <summary>"|a|b|" for topics a and b (the first <see cref="MaxTopics"/>, each at most 63 characters, no bars); empty for none.</summary>
    private static string TopicIdsKey(IEnumerable<string>? topicIds)
    {
        var topics = (topicIds ?? []).Where(t => t.Length is > 0 and <= 63 && !t.Contains('|', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Take(MaxTopics).ToList();
        return topics.Count == 0 ? string.Empty : "|" + string.Concat(topics.Select(t => t + "|"));
    }
}
