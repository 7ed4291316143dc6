using Cx.Measurement.Domain.Metrics;
using Cx.Persistence.Tenancy;

namespace Cx.Measurement.Metrics;

/// <summary>One version of a metric definition; a change adds a version, so past results keep their meaning.</summary>
public sealed class MetricDefinitionRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public int Version { get; set; }

    public MetricKind Kind { get; set; }

    public string Name { get; set; } = string.Empty;

    public int ScaleMin { get; set; }

    public int ScaleMax { get; set; }

    public bool HigherIsBetter { get; set; }

    public double? Target { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public MetricScale Scale => new(ScaleMin, ScaleMax);
}

/// <summary>A composite index; its components (metric and normalised weight) are kept as the contract's JSON.</summary>
public sealed class CompositeIndexRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string IndexId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string ComponentsJson { get; set; } = "[]";

    public string WeightsFromOutcomeMetricId { get; set; } = string.Empty;
}
