using Cx.Persistence;

namespace Cx.Measurement.Data;

/// <summary>
/// Adds recorded answers to the rollups: an upsert that adds the counts (INSERT … ON CONFLICT DO
/// UPDATE, the same on SQLite and PostgreSQL), inside the caller's transaction.
/// </summary>
internal static class ScoreRollups
{
    /// <summary>The increments for these responses' scored answers, one per distinct key.</summary>
    public static List<ScoreRollupRecord> Increments(IEnumerable<ResponseRecord> responses, string tenantId) =>
        responses
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

    public static Task AddAsync(MeasurementDb db, IReadOnlyList<ScoreRollupRecord> increments, CancellationToken cancellationToken) =>
        db.AddToRowsAsync(increments, [nameof(ScoreRollupRecord.Count)], cancellationToken);
}
