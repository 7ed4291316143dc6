using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cx.Persistence;

/// <summary>Reads provider errors the same way on SQLite and PostgreSQL.</summary>
public static class DatabaseErrors
{
    /// <summary>True when a save failed because a unique key already holds the value: someone else wrote it first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception?.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
