using Cx.Measurement.Domain.Metrics;
using Cx.Persistence.Tenancy;

namespace Cx.Measurement.Data;

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

/// <summary>The context tags kept on responses and on rollups alike, so one filter reads both.</summary>
public interface IContextTags
{
    string Channel { get; }

    string JourneyId { get; }

    string JourneyStepId { get; }

    string Touchpoint { get; }

    string Segment { get; }

    string Region { get; }

    string TeamId { get; }
}

/// <summary>A recorded response with the context every filter and grouping reads.</summary>
public sealed class ResponseRecord : ITenantOwned, IContextTags
{
    public Guid Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string SubmissionId { get; set; } = string.Empty;

    /// <summary>The instrument the response answers ("" for none): the one it named, or its invitation's.</summary>
    public string InstrumentId { get; set; } = string.Empty;

    /// <summary>The invitation the response answers ("" for none).</summary>
    public string InvitationId { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Touchpoint { get; set; } = string.Empty;

    public string Segment { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string EmployeeId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>Calendar buckets, kept at recording so time groupings are plain GROUP BYs on every provider.</summary>
    public string Day { get; set; } = string.Empty;

    public string Week { get; set; } = string.Empty;

    public string Month { get; set; } = string.Empty;

    public DateTime RecordedAtUtc { get; set; }

    public List<AnswerRecord> Answers { get; set; } = [];
}

/// <summary>One answer of a response, scored against the definition version current when it was recorded.</summary>
public sealed class AnswerRecord : ITenantOwned
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public Guid ResponseId { get; set; }

    public ResponseRecord? Response { get; set; }

    public string MetricId { get; set; } = string.Empty;

    public int MetricVersion { get; set; }

    /// <summary>Null: the item was skipped (kept, never counted in n).</summary>
    public int? Score { get; set; }
}

/// <summary>
/// How many answers of a metric had each score, per day and context combination: kept up to date
/// in the transaction that records the answers, so results cost the same at any number of responses.
/// Employee and customer are left out (too many distinct values); filters on them read the answers.
/// </summary>
public sealed class ScoreRollupRecord : ITenantOwned, IContextTags
{
    public string TenantId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public string Day { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Touchpoint { get; set; } = string.Empty;

    public string Segment { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public int Score { get; set; }

    public long Count { get; set; }
}

/// <summary>
/// Counts per metric, UTC day and score over every context: what a query with no context filter or
/// grouping reads. Its size is bounded by days × scale points, so such a query costs the same
/// whether a day holds ten answers or a million.
/// </summary>
public sealed class ScoreTotalRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public string Day { get; set; } = string.Empty;

    public int Score { get; set; }

    public long Count { get; set; }
}

/// <summary>
/// Counts per metric, UTC month ("2026-11"), context tags and score: what a query over whole
/// months reads, a thirtieth of the daily rollups.
/// </summary>
public sealed class MonthlyScoreRollupRecord : ITenantOwned, IContextTags
{
    public string TenantId { get; set; } = string.Empty;

    public string MetricId { get; set; } = string.Empty;

    public string Month { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Touchpoint { get; set; } = string.Empty;

    public string Segment { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public int Score { get; set; }

    public long Count { get; set; }
}

/// <summary>
/// How many responses gave each combination of scores, per UTC month and context tags: what a key
/// driver analysis over whole months reads instead of the answers. Rating scales repeat a few
/// combinations, so the rows grow with the combinations given, not with the responses. Only
/// responses with two or more scored answers are counted (an analysis needs an outcome and a driver).
/// </summary>
public sealed class ScoreCombinationRollupRecord : ITenantOwned, IContextTags
{
    public string TenantId { get; set; } = string.Empty;

    public string Month { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string JourneyId { get; set; } = string.Empty;

    public string JourneyStepId { get; set; } = string.Empty;

    public string Touchpoint { get; set; } = string.Empty;

    public string Segment { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    /// <summary>The SHA-256 of <see cref="Scores"/> (lower-case hex): a key of bounded length, however many answers.</summary>
    public string CombinationKey { get; set; } = string.Empty;

    /// <summary>The scored answers by metric id in ordinal order: ";ease=4;nps=9;speed=3;".</summary>
    public string Scores { get; set; } = string.Empty;

    public long Count { get; set; }
}
