using System.Globalization;
using Cx.Measurement.V1;
using Microsoft.Data.Sqlite;

namespace Cx.Bench.Measurement;

/// <summary>
/// The batch baseline: the same response and answer rows inserted bare (prepared statements, one
/// transaction per batch, no validation, events or rollups) into tables of the same shape and
/// indexes, in the service's own database file, with the service's durability settings.
/// Writers take turns, as SQLite's single writer makes them anyway.
/// </summary>
internal sealed class BareBulkInsert : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SqliteCommand _response;
    private readonly SqliteCommand _answer;

    private BareBulkInsert(SqliteConnection connection)
    {
        _connection = connection;
        _response = Prepare("INSERT INTO bare_responses (\"Id\", \"TenantId\", \"SubmissionId\", \"Channel\", \"JourneyId\", \"JourneyStepId\", \"Touchpoint\", \"Segment\", \"Region\", \"EmployeeId\", \"TeamId\", \"CustomerId\", \"OccurredAtUtc\", \"Day\", \"Week\", \"Month\", \"RecordedAtUtc\") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16)", 17);
        _answer = Prepare("INSERT INTO bare_answers (\"TenantId\", \"ResponseId\", \"MetricId\", \"MetricVersion\", \"Score\") VALUES (@p0, @p1, @p2, @p3, @p4)", 5);
    }

    /// <summary>Opens <paramref name="databaseFile"/> and creates the bare tables as copies of the service's.</summary>
    public static async Task<BareBulkInsert> OpenAsync(string databaseFile)
    {
        var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA synchronous = NORMAL; SELECT sql FROM sqlite_master WHERE tbl_name IN ('responses', 'answers') AND sql IS NOT NULL ORDER BY type DESC";
            var ddl = new List<string>();
            await using (var reader = await setup.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    ddl.Add(reader.GetString(0).Replace("\"responses\"", "\"bare_responses\"", StringComparison.Ordinal).Replace("\"answers\"", "\"bare_answers\"", StringComparison.Ordinal)
                        .Replace("\"IX_responses_", "\"IX_bare_responses_", StringComparison.Ordinal).Replace("\"IX_answers_", "\"IX_bare_answers_", StringComparison.Ordinal)
                        .Replace("\"PK_", "\"PK_bare_", StringComparison.Ordinal).Replace("\"FK_", "\"FK_bare_", StringComparison.Ordinal));
                }
            }

            setup.CommandText = "DROP TABLE IF EXISTS bare_answers; DROP TABLE IF EXISTS bare_responses; " + string.Join("; ", ddl);
            await setup.ExecuteNonQueryAsync();
        }

        return new BareBulkInsert(connection);
    }

    public async Task InsertAsync(string tenant, IReadOnlyList<Response> responses)
    {
        await _writer.WaitAsync();
        try
        {
            await using var transaction = _connection.BeginTransaction();
            _response.Transaction = transaction;
            _answer.Transaction = transaction;
            var now = DateTime.UtcNow;
            foreach (var response in responses)
            {
                var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
                var context = response.Context;
                var occurred = context.OccurredAt.ToDateTime();
                Bind(_response, id, tenant, response.SubmissionId, context.Channel, context.JourneyId, context.JourneyStepId, context.Touchpoint, context.Segment, context.Region,
                    context.EmployeeId, context.TeamId, context.CustomerId, Text(occurred), occurred.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    occurred.AddDays(-(((int)occurred.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), occurred.ToString("yyyy-MM", CultureInfo.InvariantCulture), Text(now));
                await _response.ExecuteNonQueryAsync();
                foreach (var answer in response.Answers)
                {
                    Bind(_answer, tenant, id, answer.MetricId, 1, answer.HasScore ? answer.Score : DBNull.Value);
                    await _answer.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }
        finally
        {
            _writer.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _response.DisposeAsync();
        await _answer.DisposeAsync();
        await _connection.DisposeAsync();
        _writer.Dispose();
    }

    private SqliteCommand Prepare(string sql, int parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("@p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }

        return command;
    }

    private static void Bind(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    private static string Text(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
