using Cx.Measurement.Domain.Statistics;

namespace Cx.Measurement.Domain.Metrics;

/// <summary>One component of an index in a group: its score and interval in the metric's own unit.</summary>
public sealed record ComponentFigure(MetricKind Kind, MetricScale Scale, double Weight, double? Score, Interval? Interval);

/// <summary>
/// A composite index: each component rescaled to 0–100 (NPS from −100..100, means from their
/// scale, percentages as they are), weighted by its normalised weight. The interval treats the
/// components as independent: SE = √Σ(wᵢ·SEᵢ)², each SEᵢ read from its interval.
/// </summary>
public static class CompositeIndexScoring
{
    public const string Method = "Σ wᵢ·scoreᵢ with each score rescaled to 0–100 and weights summing to 1; SE = √Σ(wᵢ·SEᵢ)² (components taken as independent)";

    public static double Normalise(MetricKind kind, MetricScale scale, double score) => kind switch
    {
        MetricKind.Nps => (score + 100) / 2,
        MetricKind.Csat => score,
        _ => 100 * (score - scale.Min) / (scale.Max - scale.Min),
    };

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
            score += weight * Normalise(component.Kind, component.Scale, component.Score!.Value);
            if (component.Interval is { } interval)
            {
                // The interval's half-width on the 0–100 scale, divided by z, is the component's SE.
                var lower = Normalise(component.Kind, component.Scale, interval.Lower);
                var upper = Normalise(component.Kind, component.Scale, interval.Upper);
                var se = (upper - lower) / (2 * z);
                variance += weight * weight * se * se;
            }
        }

        var half = z * Math.Sqrt(variance);
        return (score, new Interval(score - half, score + half, confidence));
    }
}
