using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Cx.Bench.Understanding;

/// <summary>
/// A tenant's data written straight into the service's migrated tables (prepared statements, 50,000
/// rows a transaction), in the service's own database file: rows as the service writes them,
/// without the API's checks and events, so a million take seconds.
/// </summary>
internal static class TenantSeed
{
    public static readonly string[] Channels = ["phone", "email", "chat", "self_service"];

    /// <summary>Where the timeline mode's history starts: fixed, so its data is the same in every run.</summary>
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const int RowsPerTransaction = 50_000;

    /// <summary>
    /// <paramref name="total"/> interactions for <paramref name="tenant"/>: <paramref name="ownEntries"/>
    /// of them the measured customer's, the rest other customers' (50 each), all spread over the same
    /// 300 days and four channels, so the measured customer's history is the same at every size.
    /// </summary>
    public static Task TimelineAsync(string databaseFile, string tenant, string customer, int total, int ownEntries) =>
        InteractionsAsync(databaseFile, tenant, total, n => n < ownEntries ? customer : "other-" + ((n - ownEntries) / 50).ToString(CultureInfo.InvariantCulture), Start, 300);

    /// <summary>
    /// <paramref name="total"/> interactions in <paramref name="tenant"/>'s <c>timeline_entries</c>
    /// as RecordInteraction writes them, the n-th <paramref name="owner"/>(n)'s, each at a random
    /// minute of the <paramref name="days"/> days from <paramref name="start"/> on one of four
    /// channels. Seeded by the total, so a size gets the same history in every run.
    /// </summary>
    public static async Task InteractionsAsync(string databaseFile, string tenant, int total, Func<int, string> owner, DateTime start, int days)
    {
        var random = new Random(total);
        await InsertAsync(
            databaseFile,
            "INSERT INTO timeline_entries (\"TenantId\", \"EntryId\", \"CustomerId\", \"Kind\", \"Channel\", \"JourneyId\", \"JourneyStepId\", \"OccurredAtUtc\", \"Summary\", \"SourceId\", \"SourceKey\", \"DetailJson\", \"ViaMergeId\") "
                + "VALUES (@tenant, @entry, @customer, 1, @channel, 'online-purchase', 'delivery', @at, 'Asked where the parcel is.', @source, @key, '', NULL)",
            ["@tenant", "@entry", "@customer", "@channel", "@at", "@source", "@key"],
            total,
            (n, parameters) =>
            {
                var at = start.AddMinutes(random.Next(0, 60 * 24 * days));
                var source = tenant + "-" + n.ToString(CultureInfo.InvariantCulture);
                parameters[0].Value = tenant;

                // Time-ordered ids, as the service's (version 7, no dashes).
                parameters[1].Value = Guid.CreateVersion7(new DateTimeOffset(at)).ToString("N");
                parameters[2].Value = owner(n);
                parameters[3].Value = Channels[random.Next(Channels.Length)];
                parameters[4].Value = Text(at);
                parameters[5].Value = source;
                parameters[6].Value = "interaction:" + source;
            });
    }

    /// <summary>
    /// <paramref name="count"/> profiles in <paramref name="tenant"/>'s <c>profiles</c> as
    /// ImportProfiles creates them (attributes as a JSON object of strings, no consent decisions,
    /// not minimal), the n-th with id <paramref name="customer"/>(n) and <paramref name="attributes"/>(n).
    /// </summary>
    public static Task ProfilesAsync(string databaseFile, string tenant, int count, Func<int, string> customer, Func<int, Dictionary<string, string>> attributes, DateTime createdAtUtc) =>
        InsertAsync(
            databaseFile,
            "INSERT INTO profiles (\"TenantId\", \"CustomerId\", \"AttributesJson\", \"ConsentsJson\", \"Minimal\", \"CreatedAtUtc\", \"UpdatedAtUtc\") "
                + "VALUES (@tenant, @customer, @attributes, '[]', 0, @at, @at)",
            ["@tenant", "@customer", "@attributes", "@at"],
            count,
            (n, parameters) =>
            {
                parameters[0].Value = tenant;
                parameters[1].Value = customer(n);
                parameters[2].Value = JsonSerializer.Serialize(attributes(n));
                parameters[3].Value = Text(createdAtUtc);
            });

    /// <summary>The plan SQLite picks for <paramref name="query"/>, its steps joined by "; ".</summary>
    public static async Task<string> PlanAsync(string databaseFile, string query)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + query;
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join("; ", plan);
    }

    /// <summary>A number the query asks SQLite for, read-only while the service runs.</summary>
    public static async Task<long> CountAsync(string databaseFile, string query)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = query;
        return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A time as the service's SQLite columns hold it (whole seconds, so no fraction).</summary>
    private static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task InsertAsync(string databaseFile, string sql, string[] names, int rows, Action<int, SqliteParameter[]> fill)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = sql;
        var parameters = names.Select(name => insert.Parameters.Add(new SqliteParameter(name, DBNull.Value))).ToArray();
        insert.Prepare();
        SqliteTransaction? transaction = null;
        for (var n = 0; n < rows; n++)
        {
            if (n % RowsPerTransaction == 0)
            {
                if (transaction is not null)
                {
                    await transaction.CommitAsync();
                    await transaction.DisposeAsync();
                }

                transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
            }

            fill(n, parameters);
            await insert.ExecuteNonQueryAsync();
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
        }
    }
}
