using System.Security.Cryptography;
using System.Text;

namespace Cx.Gateway.Webhooks;

/// <summary>
/// Standard Webhooks signing: the secret is "whsec_" + base64 of a random key, and a delivery's
/// webhook-signature is "v1," + base64 HMAC-SHA256 over "&lt;webhook-id&gt;.&lt;webhook-timestamp&gt;.&lt;body&gt;".
/// Any Standard Webhooks library verifies it; the timestamp lets receivers refuse replays.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>How long a rotated-out secret still signs, beside the new one.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The webhook-signature header: one signature per secret in force, space-separated, as Standard
    /// Webhooks allows; a receiver accepts the delivery if any of them verifies with its secret.
    /// </summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, messageId, timestamp, body)));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
