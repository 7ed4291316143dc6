using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Cx.Measurement.Data;

/// <summary>
/// Adds recorded answers to the rollups with one upsert per chunk of keys. The same SQL runs on
/// SQLite and PostgreSQL (INSERT … ON CONFLICT DO UPDATE), inside the caller's transaction.
/// </summary>
internal static class ScoreRollups
{
    private const int RowsPerStatement = 200;

    private static readonly string[] Key =
    [
        nameof(ScoreRollupRecord.TenantId), nameof(ScoreRollupRecord.MetricId), nameof(ScoreRollupRecord.Day), nameof(ScoreRollupRecord.Channel),
        nameof(ScoreRollupRecord.JourneyId), nameof(ScoreRollupRecord.JourneyStepId), nameof(ScoreRollupRecord.Touchpoint), nameof(ScoreRollupRecord.Segment),
        nameof(ScoreRollupRecord.Region), nameof(ScoreRollupRecord.TeamId), nameof(ScoreRollupRecord.Score),
    ];

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

    public static async Task AddAsync(MeasurementDb db, IReadOnlyList<ScoreRollupRecord> increments, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(ScoreRollupRecord))!;
        var schema = entity.GetSchema();
        var table = (schema is null ? string.Empty : $"\"{schema}\".") + $"\"{entity.GetTableName()}\"";
        var columns = Key.Append(nameof(ScoreRollupRecord.Count)).Select(c => $"\"{c}\"").ToArray();
        foreach (var chunk in increments.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            var parameters = new List<object>();
            for (var i = 0; i < chunk.Length; i++)
            {
                var r = chunk[i];
                var values = new object[] { r.TenantId, r.MetricId, r.Day, r.Channel, r.JourneyId, r.JourneyStepId, r.Touchpoint, r.Segment, r.Region, r.TeamId, r.Score, r.Count };
                sql.Append(i == 0 ? "(" : ", (")
                    .Append(string.Join(", ", values.Select((_, j) => "{" + (parameters.Count + j) + "}")))
                    .Append(')');
                parameters.AddRange(values);
            }

            sql.Append($" ON CONFLICT ({string.Join(", ", Key.Select(c => $"\"{c}\""))}) DO UPDATE SET \"Count\" = {table}.\"Count\" + excluded.\"Count\"");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }
    }
}
