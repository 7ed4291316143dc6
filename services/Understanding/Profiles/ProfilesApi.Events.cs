using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Cx.Understanding.Profiles;

/// <summary>Whose history an event about a customer goes to.</summary>
internal sealed record EventOwner(string CustomerId, string? ViaMergeId);

internal sealed partial class ProfilesApi
{
    /// <summary>
    /// The profile an event naming <paramref name="customerId"/> belongs to: the customer's own;
    /// the one it was merged into (following merges, and remembering the first, so an undo gives
    /// the entry back); or a minimal profile made for a customer not known yet. Null for a customer
    /// who was erased: nothing about them is kept again.
    /// </summary>
    public async Task<EventOwner?> OwnerForEventAsync(string customerId, CancellationToken cancellationToken)
    {
        if (await db.Profiles.AnyAsync(p => p.CustomerId == customerId, cancellationToken))
        {
            return new EventOwner(customerId, null);
        }

        string? via = null;
        var current = customerId;
        for (var hop = 0; hop < 32 && await db.Merges.FirstOrDefaultAsync(m => m.Active && m.FromCustomerId == current, cancellationToken) is { } merge; hop++)
        {
            via ??= merge.MergeId;
            current = merge.IntoCustomerId;
        }

        if (via is not null)
        {
            return new EventOwner(current, via);
        }

        var hash = ErasureHash(db.CurrentTenantId, customerId);
        if (await db.Erasures.AnyAsync(e => e.CustomerHash == hash, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Profiles.Add(new ProfileRecord { CustomerId = customerId, Minimal = true, CreatedAtUtc = now, UpdatedAtUtc = now });
        return new EventOwner(customerId, null);
    }

    /// <summary>One-way: the erasure list can be checked against an id, and never read back as ids.</summary>
    public static string ErasureHash(string tenant, string customerId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant + "\n" + customerId)));
}
