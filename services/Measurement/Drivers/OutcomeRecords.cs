using Cx.Persistence.Tenancy;

namespace Cx.Measurement.Drivers;

/// <summary>A business outcome of one customer, as the caller supplied it last.</summary>
public sealed class CustomerOutcomeRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public string Outcome { get; set; } = string.Empty;

    public double Value { get; set; }

    public DateTime MeasuredAtUtc { get; set; }
}
