using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;

namespace Cx.Measurement.Data;

/// <summary>A survey instrument; its questions are kept as the contract's JSON, read and written whole.</summary>
public sealed class InstrumentRecord : ITenantOwned, IVersioned
{
    public string TenantId { get; set; } = string.Empty;

    public string InstrumentId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string QuestionsJson { get; set; } = "[]";

    public DateTime? OpensAtUtc { get; set; }

    public DateTime? ClosesAtUtc { get; set; }

    /// <summary>When the instrument was closed, if it has been.</summary>
    public DateTime? ClosedAtUtc { get; set; }

    public double SamplingRate { get; set; }

    public bool FollowUpRecoveredCases { get; set; }

    /// <summary>The journey and step the instrument asks about ("" for none).</summary>
    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public long Version { get; set; }
}

public sealed class FrequencyRuleRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string RuleId { get; set; } = string.Empty;

    public int MinDaysBetween { get; set; }

    public string Channel { get; set; } = string.Empty;

    public string AttributeKey { get; set; } = string.Empty;

    public string AttributeValue { get; set; } = string.Empty;
}

public sealed class InvitationRecord : ITenantOwned
{
    public Guid Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string InstrumentId { get; set; } = string.Empty;

    public string ContactId { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string Language { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string SuppressedBy { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    public DateTime? OpenedAtUtc { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    public int RemindersSent { get; set; }

    public DateTime? LastRemindedAtUtc { get; set; }
}

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

/// <summary>A business outcome of one customer, as the caller supplied it last.</summary>
public sealed class CustomerOutcomeRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public string Outcome { get; set; } = string.Empty;

    public double Value { get; set; }

    public DateTime MeasuredAtUtc { get; set; }
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
