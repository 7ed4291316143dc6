using Cx.Domain.Errors;

namespace Cx.Measurement.Domain.Statistics;

/// <summary>
/// NPS on the 0–10 scale: promoters 9–10, passives 7–8, detractors 0–6, over answered items only.
/// The interval is the adjusted Wald interval (add 3 answers: ¾ promoter, ¾ detractor, 1½ passive),
/// which holds its coverage at the small n and extreme scores where the plain interval does not.
/// </summary>
public sealed record NetPromoterScore(int Promoters, int Passives, int Detractors, Interval? Interval, double? AdjustedScore, double? AdjustedStandardError)
{
    public int N => Promoters + Passives + Detractors;

    /// <summary>100·(P − D)/n; null when nobody answered (undefined, not 0).</summary>
    public double? Score => N == 0 ? null : 100.0 * (Promoters - Detractors) / N;

    /// <summary>The plain variance of the score, in points²: 100²·((p + d) − (p − d)²)/n.</summary>
    public double? Variance
    {
        get
        {
            if (N == 0)
            {
                return null;
            }

            var p = (double)Promoters / N;
            var d = (double)Detractors / N;
            return 100 * 100 * ((p + d) - ((p - d) * (p - d))) / N;
        }
    }

    /// <summary>Scores the answers; null entries are skipped items and are not counted.</summary>
    /// <exception cref="ValidationFailedException">An answer outside 0–10.</exception>
    public static NetPromoterScore Of(IEnumerable<int?> answers, double confidence = Confidence.Default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        int promoters = 0, passives = 0, detractors = 0;
        foreach (var answer in answers)
        {
            switch (answer)
            {
                case null:
                    continue;
                case < NpsBands.Lowest or > NpsBands.Highest:
                    throw new ValidationFailedException([new FieldViolation("answers", $"An NPS answer is 0 to 10 (was {answer}).")]);
                case >= NpsBands.PromoterMin:
                    promoters++;
                    break;
                case > NpsBands.DetractorMax:
                    passives++;
                    break;
                default:
                    detractors++;
                    break;
            }
        }

        return FromCounts(promoters, passives, detractors, confidence);
    }

    public static NetPromoterScore FromCounts(int promoters, int passives, int detractors, double confidence = Confidence.Default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promoters);
        ArgumentOutOfRangeException.ThrowIfNegative(passives);
        ArgumentOutOfRangeException.ThrowIfNegative(detractors);
        var n = promoters + passives + detractors;
        if (n == 0)
        {
            return new NetPromoterScore(0, 0, 0, null, null, null);
        }

        var adjustedN = n + 3.0;
        var p = (promoters + 0.75) / adjustedN;
        var d = (detractors + 0.75) / adjustedN;
        var adjusted = p - d;
        var se = Math.Sqrt((p + d - (adjusted * adjusted)) / adjustedN);
        var z = Confidence.Z(confidence);
        return new NetPromoterScore(promoters, passives, detractors, new Interval(100 * (adjusted - (z * se)), 100 * (adjusted + (z * se)), confidence), adjusted, se);
    }
}
