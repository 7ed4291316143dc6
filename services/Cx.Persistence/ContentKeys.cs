using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Cx.Persistence;

/// <summary>
/// Keys of bounded length for values that may be long (e.g. a combination of many answers), so they
/// fit a primary key on every provider. PostgreSQL computes the same key in SQL with
/// <c>encode(sha256(convert_to(value, 'UTF8')), 'hex')</c>; SQLite has no hash function, so
/// migrations call <see cref="SqliteFunction"/>, which the migrator registers.
/// </summary>
public static class ContentKeys
{
    /// <summary>The SQL function migrations on SQLite call to compute <see cref="Sha256Hex"/>.</summary>
    public const string SqliteFunction = "cx_sha256_hex";

    /// <summary>The SHA-256 of the UTF-8 text, as 64 lower-case hex digits.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Makes <see cref="SqliteFunction"/> available on an open SQLite connection.</summary>
    public static void RegisterOn(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.CreateFunction<string, string>(SqliteFunction, Sha256Hex, isDeterministic: true);
    }
}
