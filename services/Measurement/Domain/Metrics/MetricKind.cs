namespace Cx.Measurement.Domain.Metrics;

/// <summary>What a metric measures, and so how its answers are scored.</summary>
public enum MetricKind
{
    /// <summary>Net Promoter Score, 0–10.</summary>
    Nps,

    /// <summary>Customer satisfaction, 1–5, reported as the top-two-box share.</summary>
    Csat,

    /// <summary>Customer effort (CES 2.0), 1–7, reported as the mean and the share of 5–7.</summary>
    Ces,

    /// <summary>Any other rating on the definition's own scale, reported as the mean.</summary>
    Rating,
}
