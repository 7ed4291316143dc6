using Cx.Measurement.Domain.Statistics;

namespace Cx.Measurement.Domain.Metrics;

/// <summary>One component of an index in a group: its score and interval in the metric's own unit.</summary>
/// <param name="HigherIsBetter">False for a rating where a low score is good (e.g. minutes waited): it then counts reversed.</param>
public sealed record ComponentFigure(MetricKind Kind, MetricScale Scale, double Weight, double? Score, Interval? Interval, bool HigherIsBetter = true);

/// <summary>
/// A composite index: each component rescaled to 0–100 (NPS from −100..100, means from their
/// scale, percentages as they are; reversed where lower is better, so 100 is always the best),
/// weighted by its normalised weight. The interval treats the
/// components as independent: SE = √Σ(wᵢ·SEᵢ)², each SEᵢ read from its interval.
/// </summary>
public static class CompositeIndexScoring
{
    public const string Method = "Σ wᵢ·scoreᵢ with each score rescaled to 0–100 (100 the best end, reversed where lower is better) and weights summing to 1; SE = √Σ(wᵢ·SEᵢ)² (components taken as independent)";

    public static double Normalise(MetricKind kind, MetricScale scale, double score, bool higherIsBetter = true)
    {
        var normalised = kind switch
        {
            MetricKind.Nps => (score + 100) / 2,
            MetricKind.Csat => score,
            _ => 100 * (score - scale.Min) / (scale.Max - scale.Min),
        };
        return higherIsBetter ? normalised : 100 - normalised;
    }

    /// <returns>Null when a component has no score (the index is undefined there).</returns>
    public static (double Score, Interval Interval)? Combine(IReadOnlyList<ComponentFigure> components, double confidence)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0 || components.Any(c => c.Score is null))
        {
            return null;
        }

        var total = components.Sum(c => c.Weight);
        var z = Confidence.Z(confidence);
        double score = 0, variance = 0;
        foreach (var component in components)
        {
            var weight = component.Weight / total;
            score += weight * Normalise(component.Kind, component.Scale, component.Score!.Value, component.HigherIsBetter);
            if (component.Interval is { } interval)
            {
                // The interval's half-width on the 0–100 scale, divided by z, is the component's SE.
                var lower = Normalise(component.Kind, component.Scale, interval.Lower, component.HigherIsBetter);
                var upper = Normalise(component.Kind, component.Scale, interval.Upper, component.HigherIsBetter);
                var se = Math.Abs(upper - lower) / (2 * z);
                variance += weight * weight * se * se;
            }
        }

        var half = z * Math.Sqrt(variance);
        return (score, new Interval(score - half, score + half, confidence));
    }
}
