using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;

namespace Cx.Measurement.Instruments;

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
