using System.Globalization;
using Cx.Measurement.Data;
using Cx.Measurement.Responses;
using Cx.Persistence;

namespace Cx.Measurement.Results;

/// <summary>
/// Adds recorded answers to the rollups, at three grains: per day and context, per day over every
/// context (totals), and per month and context; and adds each response with two or more scores to
/// the monthly score combinations that driver analyses read. Each is an upsert that adds the counts
/// (INSERT … ON CONFLICT DO UPDATE, the same on SQLite and PostgreSQL), inside the caller's transaction.
/// </summary>
internal static class ScoreRollups
{
    /// <summary>The increments for these responses' scored answers, one per distinct key, at every grain.</summary>
    public static RollupIncrements Increments(IEnumerable<ResponseRecord> responses, string tenantId)
    {
        var daily = responses
            .SelectMany(r => r.Answers.Where(a => a.Score is not null).Select(a => new ScoreRollupRecord
            {
                TenantId = tenantId,
                MetricId = a.MetricId,
                Day = r.Day,
                Channel = r.Channel,
                JourneyId = r.JourneyId,
                JourneyStepId = r.JourneyStepId,
                Touchpoint = r.Touchpoint,
                Segment = r.Segment,
                Region = r.Region,
                TeamId = r.TeamId,
                Score = a.Score!.Value,
                Count = 1,
            }))
            .GroupBy(r => (r.MetricId, r.Day, r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.TeamId, r.Score))
            .Select(g => { var first = g.First(); first.Count = g.Count(); return first; })
            .ToList();
        var totals = daily
            .GroupBy(r => (r.MetricId, r.Day, r.Score))
            .Select(g => new ScoreTotalRecord { TenantId = tenantId, MetricId = g.Key.MetricId, Day = g.Key.Day, Score = g.Key.Score, Count = g.Sum(r => r.Count) })
            .ToList();
        var monthly = daily
            .GroupBy(r => (r.MetricId, Month: MonthOf(r.Day), r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.TeamId, r.Score))
            .Select(g => new MonthlyScoreRollupRecord
            {
                TenantId = tenantId,
                MetricId = g.Key.MetricId,
                Month = g.Key.Month,
                Channel = g.Key.Channel,
                JourneyId = g.Key.JourneyId,
                JourneyStepId = g.Key.JourneyStepId,
                Touchpoint = g.Key.Touchpoint,
                Segment = g.Key.Segment,
                Region = g.Key.Region,
                TeamId = g.Key.TeamId,
                Score = g.Key.Score,
                Count = g.Sum(r => r.Count),
            })
            .ToList();
        var combinations = responses
            .Select(r => (Response: r, Scores: CombinationOf(r.Answers)))
            .Where(x => x.Scores is not null)
            .GroupBy(x => (Month: MonthOf(x.Response.Day), x.Response.Channel, x.Response.JourneyId, x.Response.JourneyStepId, x.Response.Touchpoint, x.Response.Segment, x.Response.Region, x.Response.TeamId, Scores: x.Scores!))
            .Select(g => new ScoreCombinationRollupRecord
            {
                TenantId = tenantId,
                Month = g.Key.Month,
                Channel = g.Key.Channel,
                JourneyId = g.Key.JourneyId,
                JourneyStepId = g.Key.JourneyStepId,
                Touchpoint = g.Key.Touchpoint,
                Segment = g.Key.Segment,
                Region = g.Key.Region,
                TeamId = g.Key.TeamId,
                CombinationKey = ContentKeys.Sha256Hex(g.Key.Scores),
                Scores = g.Key.Scores,
                Count = g.Count(),
            })
            .ToList();
        return new RollupIncrements(daily, totals, monthly, combinations);
    }

    /// <summary>
    /// A response's scored answers as ";ease=4;nps=9;" (metric ids in ordinal order, as the
    /// migration that filled the table orders them); null with fewer than two scores.
    /// </summary>
    public static string? CombinationOf(IEnumerable<AnswerRecord> answers)
    {
        var scored = answers.Where(a => a.Score is not null).OrderBy(a => a.MetricId, StringComparer.Ordinal).ToList();
        return scored.Count < 2 ? null : ";" + string.Join(";", scored.Select(a => $"{a.MetricId}={a.Score!.Value.ToString(CultureInfo.InvariantCulture)}")) + ";";
    }

    /// <summary>The scores of a combination written by <see cref="CombinationOf"/>, by metric id.</summary>
    public static Dictionary<string, int> ScoresOf(string combination) =>
        combination.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>"2026-11-24" gives "2026-11": days are ISO dates, so the month is their first seven characters.</summary>
    public static string MonthOf(string day) => day[..7];

    public static async Task AddAsync(MeasurementDb db, RollupIncrements increments, CancellationToken cancellationToken)
    {
        await db.AddToRowsAsync(increments.Daily, [nameof(ScoreRollupRecord.Count)], cancellationToken);
        await db.AddToRowsAsync(increments.Totals, [nameof(ScoreTotalRecord.Count)], cancellationToken);
        await db.AddToRowsAsync(increments.Monthly, [nameof(MonthlyScoreRollupRecord.Count)], cancellationToken);
        await db.AddToRowsAsync(increments.Combinations, [nameof(ScoreCombinationRollupRecord.Count)], cancellationToken);
    }
}

/// <summary>What a set of responses adds to each rollup.</summary>
internal sealed record RollupIncrements(
    IReadOnlyList<ScoreRollupRecord> Daily,
    IReadOnlyList<ScoreTotalRecord> Totals,
    IReadOnlyList<MonthlyScoreRollupRecord> Monthly,
    IReadOnlyList<ScoreCombinationRollupRecord> Combinations);
