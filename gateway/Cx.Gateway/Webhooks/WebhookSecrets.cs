using Cx.Gateway.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Cx.Gateway.Webhooks;

/// <summary>
/// Signing secrets as the database keeps them: encrypted with ASP.NET Core Data Protection under the
/// gateway's key ring, so a copy of the database (a backup, a dump, a stolen volume) cannot sign
/// deliveries without the ring. A stored secret is <see cref="ProtectedPrefix"/> and the protected
/// payload. Rows written by an earlier version hold the secret itself (<c>whsec_…</c>): they still
/// sign as they are, and <see cref="ProtectPlaintextAsync"/> encrypts them when a gateway starts
/// and every hour after.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string ProtectedPrefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Cx.Gateway.Webhooks.SigningSecret.v1");

    public static bool IsProtected(string stored) => stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal);

    /// <summary>The stored form of a secret (empty stays empty: no previous secret).</summary>
    public string Protect(string secret) =>
        secret.Length == 0 || IsProtected(secret) ? secret : ProtectedPrefix + _protector.Protect(secret);

    /// <summary>The secret itself, from its stored form, encrypted or (an earlier version's row) not.</summary>
    public string Reveal(string stored) =>
        IsProtected(stored) ? _protector.Unprotect(stored[ProtectedPrefix.Length..]) : stored;

    /// <summary>Encrypts every secret still kept in clear, every tenant's.</summary>
    /// <returns>How many subscriptions were encrypted.</returns>
    public async Task<int> ProtectPlaintextAsync(GatewayDb db, CancellationToken cancellationToken)
    {
        var plain = await db.WebhookSubscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => (s.Secret != string.Empty && !s.Secret.StartsWith(ProtectedPrefix))
                || (s.PreviousSecret != string.Empty && !s.PreviousSecret.StartsWith(ProtectedPrefix)))
            .Select(s => new { s.TenantId, s.SubscriptionId, s.Secret, s.PreviousSecret })
            .ToListAsync(cancellationToken);
        var encrypted = 0;
        foreach (var row in plain)
        {
            var secret = Protect(row.Secret);
            var previous = Protect(row.PreviousSecret);

            // Only if the row still holds what was read: a rotation meanwhile has written its own, encrypted.
            encrypted += await db.WebhookSubscriptions.IgnoreQueryFilters()
                .Where(s => s.TenantId == row.TenantId && s.SubscriptionId == row.SubscriptionId && s.Secret == row.Secret && s.PreviousSecret == row.PreviousSecret)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.Secret, secret).SetProperty(s => s.PreviousSecret, previous), cancellationToken);
        }

        return encrypted;
    }
}
