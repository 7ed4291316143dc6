using Cx.Domain.Errors;

namespace Cx.Measurement.Domain.Metrics;

/// <summary>The scale of a metric: fixed for the standard kinds, chosen for a custom rating.</summary>
public readonly record struct MetricScale(int Min, int Max)
{
    public int Points => Max - Min + 1;

    public bool Contains(int score) => score >= Min && score <= Max;

    /// <summary>
    /// The scale a definition must use: NPS 0–10, CSAT 1–5, CES 1–7 (a different scale would make
    /// the score incomparable with every published benchmark), a rating any 2 to 101 points.
    /// </summary>
    public static MetricScale For(MetricKind kind, int min, int max, Validator validator, string path)
    {
        ArgumentNullException.ThrowIfNull(validator);
        MetricScale? standard = kind switch
        {
            MetricKind.Nps => new MetricScale(0, 10),
            MetricKind.Csat => new MetricScale(1, 5),
            MetricKind.Ces => new MetricScale(1, 7),
            _ => null,
        };
        if (standard is { } fixedScale)
        {
            validator.Require((min, max) == (0, 0) || (min, max) == (fixedScale.Min, fixedScale.Max), path + ".scale_max",
                $"A {kind} metric is on {fixedScale.Min}-{fixedScale.Max}; leave the scale unset or give exactly that.");
            return fixedScale;
        }

        validator.Require(max > min && max - min <= 100, path + ".scale_max", "A rating's scale has 2 to 101 points, scale_max above scale_min.");
        return new MetricScale(min, max);
    }
}
