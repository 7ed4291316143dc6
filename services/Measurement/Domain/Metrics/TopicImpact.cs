using Cx.Measurement.Domain.Statistics;

namespace Cx.Measurement.Domain.Metrics;

/// <summary>A topic's weight on a metric: its score among the answers that mention it, without them, and the move.</summary>
public sealed record TopicImpact(Score Mentioning, Score Without, double Share, double? Move, Interval? Interval);

/// <summary>
/// How much a metric would move without the responses whose comments mention a topic. Every
/// figure the kinds report (NPS, a top-two share, a mean) is the answer-weighted average of its
/// groups', so the score over all answers is share · mentioning + (1 − share) · without, and the
/// move to "without" is share · (without − mentioning): the gap between the two groups, weighted by
/// how many mention the topic. Its interval is the gap's (the two groups are independent answers)
/// scaled by the share, taken as observed.
/// </summary>
public static class TopicImpacts
{
    public static TopicImpact Of(MetricKind kind, MetricScale scale, long[] all, long[] mentioning, double confidence)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(mentioning);
        if (all.Length != mentioning.Length || all.Zip(mentioning).Any(p => p.Second < 0 || p.Second > p.First))
        {
            throw new ArgumentException("The mentioning answers must be a part of all answers, point by point.", nameof(mentioning));
        }

        var without = all.Zip(mentioning, (a, m) => a - m).ToArray();
        var withTopic = MetricScoring.Compute(kind, scale, mentioning, confidence);
        var withoutTopic = MetricScoring.Compute(kind, scale, without, confidence);
        var n = all.Sum();
        var share = n == 0 ? 0 : (double)withTopic.N / n;
        if (withTopic.Value is not { } with || withoutTopic.Value is not { } rest)
        {
            return new TopicImpact(withTopic, withoutTopic, share, null, null);
        }

        // The move is the figures' own gap; its interval is the one Measurement gives any change of
        // the kind (for NPS the adjusted Wald, which pulls small groups towards the middle).
        var gap = MetricScoring.ChangeBetween(withoutTopic, withTopic, confidence);
        Interval? interval = gap?.Interval is { } i ? new Interval(share * i.Lower, share * i.Upper, i.Confidence) : null;
        return new TopicImpact(withTopic, withoutTopic, share, share * (rest - with), interval);
    }
}
