using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cx.Persistence;

/// <summary>
/// Writes many new rows with plain parameterized INSERTs, for the hot paths where change tracking
/// costs more than the write itself (ingestion). The rows go through the model's own column names
/// and type mappings, so they are stored exactly as a SaveChanges would store them; the tenant
/// rules of <see cref="ServiceDbContext"/> hold the same way. Integer keys are left to the database.
/// </summary>
public static class RowInserts
{
    // PostgreSQL takes many rows per statement: one round trip for hundreds of rows. SQLite runs
    // in process, and binds parameters by name with a linear search, so there one prepared
    // single-row statement executed per row is fastest.
    private const int MaxParametersPerStatement = 4_000;

    private static readonly ConditionalWeakTable<IEntityType, ConcurrentDictionary<string, InsertTable>> Tables = new();

    /// <summary>
    /// Inserts <paramref name="rows"/> in the current transaction (or in one of their own, so they
    /// land together or not at all). A database error (e.g. a unique key) is a <see cref="DbUpdateException"/>,
    /// as from SaveChanges.
    /// </summary>
    public static Task InsertRowsAsync<T>(this ServiceDbContext database, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class =>
        WriteRowsAsync(database, rows, totals: null, cancellationToken);

    /// <summary>
    /// Inserts <paramref name="rows"/>, except where a row with the same primary key exists: there
    /// the new row's <paramref name="totals"/> are added to the stored ones. Counters and sums stay
    /// right with many concurrent writers and no read before the write. Rows sharing a key within
    /// <paramref name="rows"/> must be merged by the caller first.
    /// </summary>
    /// <param name="totals">The names of the properties to add up, e.g. a count or a sum.</param>
    public static Task AddToRowsAsync<T>(this ServiceDbContext database, IReadOnlyList<T> rows, IReadOnlyCollection<string> totals, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(totals);
        return WriteRowsAsync(database, rows, totals, cancellationToken);
    }

    private static async Task WriteRowsAsync<T>(ServiceDbContext database, IReadOnlyList<T> rows, IReadOnlyCollection<string>? totals, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var table = TableOf<T>(database, totals);
        StampTenant(database, rows);
        StampFirstVersion(rows);
        var rowsPerStatement = database.Database.IsSqlite() ? 1 : Math.Max(1, MaxParametersPerStatement / table.Columns.Length);

        await using var ownTransaction = database.Database.CurrentTransaction is null
            ? await database.Database.BeginTransactionAsync(cancellationToken)
            : null;
        var connection = database.Database.GetDbConnection();
        var transaction = database.Database.CurrentTransaction!.GetDbTransaction();
        DbCommand? command = null;
        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                var sql = table.InsertSql(count);
                if (!ReferenceEquals(command?.CommandText, sql))
                {
                    // The same text runs again as the same prepared statement; only the values change.
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }

                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = sql;
                }

                command.Parameters.Clear();
                for (var i = 0; i < count; i++)
                {
                    var row = rows[start + i];
                    for (var c = 0; c < table.Columns.Length; c++)
                    {
                        var column = table.Columns[c];
                        command.Parameters.Add(column.Mapping.CreateParameter(command, $"@p{(i * table.Columns.Length) + c}", column.Property.GetGetter().GetClrValue(row), column.Property.IsNullable));
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Inserting {rows.Count} {typeof(T).Name} rows failed: {e.Message}", e);
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }

        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }
    }

    private static void StampTenant<T>(ServiceDbContext database, IReadOnlyList<T> rows)
    {
        if (!typeof(ITenantOwned).IsAssignableFrom(typeof(T)))
        {
            return;
        }

        var current = database.CurrentTenantId;
        foreach (ITenantOwned owned in rows.Cast<ITenantOwned>())
        {
            if (owned.TenantId.Length == 0)
            {
                owned.TenantId = current;
            }
            else if (owned.TenantId != current)
            {
                // A programming error, as in SaveChanges: services never choose the tenant of a row.
                throw new InvalidOperationException($"A {typeof(T).Name} of tenant '{owned.TenantId}' cannot be written in a call for tenant '{current}'.");
            }
        }
    }

    /// <summary>New versioned rows start at version 1, as with SaveChanges.</summary>
    private static void StampFirstVersion<T>(IReadOnlyList<T> rows)
    {
        if (typeof(IVersioned).IsAssignableFrom(typeof(T)))
        {
            foreach (IVersioned versioned in rows.Cast<IVersioned>())
            {
                versioned.Version = 1;
            }
        }
    }

    private static InsertTable TableOf<T>(ServiceDbContext database, IReadOnlyCollection<string>? totals)
    {
        var entity = database.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of {database.GetType().Name}'s model.");

        // Built once per model, entity and totals: ingestion calls this for every commit.
        return Tables.GetOrCreateValue(entity).GetOrAdd(totals is null ? string.Empty : string.Join(",", totals), _ => Describe(database, entity, totals));
    }

    private static InsertTable Describe(ServiceDbContext database, IEntityType entity, IReadOnlyCollection<string>? totals)
    {
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = database.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Where(p => !IsDatabaseGeneratedKey(p))
            .Select(p => new InsertColumn(p, p.GetColumnName(store)!, (RelationalTypeMapping)p.GetTypeMapping()))
            .ToArray();
        var name = sql.DelimitIdentifier(store.Name, store.Schema);
        return new InsertTable(name, columns.Select(c => sql.DelimitIdentifier(c.Name)).ToArray(), columns, totals is null ? string.Empty : AddOnConflict(entity, store, name, totals, sql));
    }

    private static string AddOnConflict(IEntityType entity, StoreObjectIdentifier store, string table, IReadOnlyCollection<string> totals, ISqlGenerationHelper sql)
    {
        var key = entity.FindPrimaryKey()!.Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!));
        var additions = totals.Select(total =>
        {
            var property = entity.FindProperty(total) ?? throw new ArgumentException($"{entity.DisplayName()} has no property '{total}'.", nameof(totals));
            var column = sql.DelimitIdentifier(property.GetColumnName(store)!);
            return $"{column} = {table}.{column} + excluded.{column}";
        });
        return $" ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {string.Join(", ", additions)}";
    }

    private static bool IsDatabaseGeneratedKey(IProperty property) =>
        property.IsPrimaryKey() && property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && (property.ClrType == typeof(long) || property.ClrType == typeof(int));

    private sealed record InsertColumn(IProperty Property, string Name, RelationalTypeMapping Mapping);

    /// <param name="OnConflict">Empty for a plain insert.</param>
    private sealed record InsertTable(string Name, string[] QuotedColumns, InsertColumn[] Columns, string OnConflict)
    {
        private readonly ConcurrentDictionary<int, string> _sqlByRowCount = new();

        public string InsertSql(int rowCount)
        {
            if (_sqlByRowCount.TryGetValue(rowCount, out var known))
            {
                return known;
            }

            var sql = new StringBuilder("INSERT INTO ").Append(Name).Append(" (").AppendJoin(", ", QuotedColumns).Append(") VALUES ");
            for (var i = 0; i < rowCount; i++)
            {
                sql.Append(i == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Length; c++)
                {
                    sql.Append(c == 0 ? "@p" : ", @p").Append((i * Columns.Length) + c);
                }

                sql.Append(')');
            }

            return _sqlByRowCount[rowCount] = sql.Append(OnConflict).ToString();
        }
    }
}
