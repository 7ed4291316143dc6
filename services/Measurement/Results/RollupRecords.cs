using Cx.Measurement.Data;
using Cx.Persistence.Tenancy;

namespace Cx.Measurement.Results;

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
