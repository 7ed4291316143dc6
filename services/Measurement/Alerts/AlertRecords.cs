using Cx.Persistence.Tenancy;

namespace Cx.Measurement.Alerts;

/// <summary>A closed bucket of a metric that was evaluated for alerts: each is evaluated once.</summary>
public sealed class EvaluatedBucketRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public string Bucket { get; set; } = string.Empty;

    /// <summary>What was evaluated: "" for the metric over every context, "3:buy/delivery" (the journey's length, journey, step) for one journey step.</summary>
    public string Scope { get; set; } = string.Empty;

    public DateTime EvaluatedAtUtc { get; set; }
}
