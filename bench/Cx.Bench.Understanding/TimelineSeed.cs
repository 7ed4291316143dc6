using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cx.Bench.Understanding;

/// <summary>
/// A tenant's history written straight into the service's migrated <c>timeline_entries</c> table
/// (prepared statements, 50,000 rows a transaction), in the service's own database file: rows as
/// RecordInteraction writes them, without the API's checks and events, so a million take seconds.
/// </summary>
internal static class TimelineSeed
{
    public static readonly string[] Channels = ["phone", "email", "chat", "self_service"];

    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Parameters = ["@tenant", "@entry", "@customer", "@channel", "@at", "@source", "@key"];

    /// <summary>
    /// <paramref name="total"/> interactions for <paramref name="tenant"/>: <paramref name="ownEntries"/>
    /// of them the measured customer's, the rest other customers' (50 each), all spread over the same
    /// 300 days and four channels, so the measured customer's history is the same at every size.
    /// </summary>
    public static async Task SeedAsync(string databaseFile, string tenant, string customer, int total, int ownEntries)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO timeline_entries (\"TenantId\", \"EntryId\", \"CustomerId\", \"Kind\", \"Channel\", \"JourneyId\", \"JourneyStepId\", \"OccurredAtUtc\", \"Summary\", \"SourceId\", \"SourceKey\", \"DetailJson\", \"ViaMergeId\") "
            + "VALUES (@tenant, @entry, @customer, 1, @channel, 'online-purchase', 'delivery', @at, 'Asked where the parcel is.', @source, @key, '', NULL)";
        var parameters = Parameters.Select(name => insert.Parameters.Add(new SqliteParameter(name, DBNull.Value))).ToArray();
        insert.Prepare();
        var random = new Random(total);
        SqliteTransaction? transaction = null;
        for (var n = 0; n < total; n++)
        {
            if (n % 50_000 == 0)
            {
                if (transaction is not null)
                {
                    await transaction.CommitAsync();
                    await transaction.DisposeAsync();
                }

                transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
            }

            var owner = n < ownEntries ? customer : "other-" + ((n - ownEntries) / 50).ToString(CultureInfo.InvariantCulture);
            var at = Start.AddMinutes(random.Next(0, 60 * 24 * 300));
            var source = tenant + "-" + n.ToString(CultureInfo.InvariantCulture);
            parameters[0].Value = tenant;

            // Time-ordered ids, as the service's (version 7, no dashes).
            parameters[1].Value = Guid.CreateVersion7(new DateTimeOffset(at)).ToString("N");
            parameters[2].Value = owner;
            parameters[3].Value = Channels[random.Next(Channels.Length)];
            parameters[4].Value = at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            parameters[5].Value = source;
            parameters[6].Value = "interaction:" + source;
            await insert.ExecuteNonQueryAsync();
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
        }
    }

    /// <summary>The plan SQLite picks for the timeline's filtered page, written as the service's query is.</summary>
    public static async Task<string> PlanAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN SELECT * FROM timeline_entries AS t WHERE t.\"TenantId\" = 'x' AND t.\"CustomerId\" = 'measured' AND t.\"Channel\" IN ('chat') "
            + "AND t.\"OccurredAtUtc\" >= '2026-03-02 00:00:00' AND t.\"OccurredAtUtc\" < '2026-08-29 00:00:00' ORDER BY t.\"OccurredAtUtc\" DESC, t.\"EntryId\" DESC LIMIT 26";
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join("; ", plan);
    }
}
