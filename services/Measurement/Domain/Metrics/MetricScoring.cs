using Cx.Measurement.Domain.Statistics;

namespace Cx.Measurement.Domain.Metrics;

/// <summary>A metric's figure for one set of answers, computed as its kind prescribes.</summary>
public sealed record Score(long N, double? Value, Interval? Interval, long[] Distribution, Proportion? TopShare, NetPromoterScore? Nps, Proportion? Share, Mean? Mean)
{
    /// <summary>Below this n a figure is shown but never acted on, and no change is called.</summary>
    public const int LowN = Change.MinimumN;

    public bool IsLowN => N < LowN;
}

/// <summary>Scores a distribution of answers (count per scale point) by the metric's kind.</summary>
public static class MetricScoring
{
    public static string Method(MetricKind kind) => kind switch
    {
        MetricKind.Nps => "NPS = 100·(promoters − detractors)/n over answered items; adjusted Wald interval",
        MetricKind.Csat => "CSAT = percent of answers in the top two points; Wilson interval",
        MetricKind.Ces => "CES = mean with Student t interval; top share = percent of 5–7 with Wilson interval",
        _ => "mean with Student t interval",
    };

    public static Score Compute(MetricKind kind, MetricScale scale, long[] distribution, double confidence)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var n = distribution.Sum();
        switch (kind)
        {
            case MetricKind.Nps:
            {
                var nps = NetPromoterScore.FromCounts(
                    Count(distribution, scale, NpsBands.PromoterMin, NpsBands.Highest),
                    Count(distribution, scale, NpsBands.DetractorMax + 1, NpsBands.PromoterMin - 1),
                    Count(distribution, scale, NpsBands.Lowest, NpsBands.DetractorMax),
                    confidence);
                return new Score(n, nps.Score, nps.Interval, distribution, null, nps, null, null);
            }

            case MetricKind.Csat:
            {
                var share = Proportion.Of(Count(distribution, scale, scale.Max - 1, scale.Max), (int)n, confidence);
                return new Score(n, share.Percent, share.Interval, distribution, null, null, share, null);
            }

            default:
            {
                var mean = Mean.OfCounts(distribution.Select((count, i) => ((double)(scale.Min + i), count)).ToList(), confidence);
                var top = kind == MetricKind.Ces ? Proportion.Of(Count(distribution, scale, 5, 7), (int)n, confidence) : null;
                return new Score(n, mean.Value, mean.Interval, distribution, top, null, null, mean);
            }
        }
    }

    /// <summary>
    /// The move from <paramref name="before"/> to <paramref name="now"/>, on the figure the kind reports
    /// (CES on its mean); null when either is empty. Below <see cref="Score.LowN"/> it carries no call.
    /// </summary>
    public static Change? ChangeBetween(Score now, Score before, double confidence)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        if (now.Nps is { } npsNow && before.Nps is { } npsBefore)
        {
            return Change.Between(npsNow, npsBefore, confidence);
        }

        if (now.Share is { } shareNow && before.Share is { } shareBefore)
        {
            return Change.Between(shareNow, shareBefore, confidence);
        }

        return now.Mean is { } meanNow && before.Mean is { } meanBefore ? Change.Between(meanNow, meanBefore, confidence) : null;
    }

    private static int Count(long[] distribution, MetricScale scale, int from, int to)
    {
        long count = 0;
        for (var score = Math.Max(from, scale.Min); score <= Math.Min(to, scale.Max); score++)
        {
            count += distribution[score - scale.Min];
        }

        return (int)count;
    }
}
