using System.Security.Cryptography;
using System.Text;

namespace Cx.Gateway.Keys;

/// <summary>
/// The shape of an API key, <c>cxk_&lt;key id&gt;_&lt;secret&gt;</c>: the key id finds the stored key without
/// a scan, the secret (256 random bits) is checked against its SHA-256. A fast hash is right here:
/// the secret is random, not a password, so there is nothing for a slow hash to protect.
/// </summary>
internal static class ApiKeySecret
{
    public const string Prefix = "cxk_";
    private const string KeyIdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int KeyIdLength = 16;

    public static (string KeyId, string Key, byte[] Hash) Generate()
    {
        var keyId = string.Create(KeyIdLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = KeyIdAlphabet[RandomNumberGenerator.GetInt32(KeyIdAlphabet.Length)];
            }
        });
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (keyId, Prefix + keyId + "_" + secret, Hash(secret));
    }

    /// <summary>Splits a presented key; false when it does not have the key shape at all.</summary>
    public static bool TryParse(string? presented, out string keyId, out string secret)
    {
        keyId = string.Empty;
        secret = string.Empty;
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length != Prefix.Length + KeyIdLength + 1 + 43)
        {
            return false;
        }

        keyId = presented.Substring(Prefix.Length, KeyIdLength);
        secret = presented[(Prefix.Length + KeyIdLength + 1)..];
        return presented[Prefix.Length + KeyIdLength] == '_' && keyId.All(c => KeyIdAlphabet.Contains(c, StringComparison.Ordinal));
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
