using Cx.Domain.Errors;
using Cx.Understanding.Data;
using Cx.Understanding.Segments;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Profiles;

/// <summary>
/// Erasure: the customer and everything about them go, in one transaction. That is the profile,
/// its identities, attributes and consent, its history, the profiles merged into it (the same
/// person), every merge that names any of them, and this service's events about them still in
/// its outbox or dead letters. What stays is a one-way hash of the id, so an event about them that
/// arrives later does not bring them back.
/// </summary>
internal sealed class ErasureApi(UnderstandingDb db, SegmentUpkeep segments, TimeProvider clock)
{
    public async Task<V1.EraseCustomerResponse> EraseAsync(string customerId, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsReference(customerId), "customer_id", "Required, at most 100 characters.").ThrowIfInvalid();

        // An id merged into another profile is that profile's person now: erase the profile that holds it.
        var holder = customerId;
        for (var hop = 0; hop < 32 && await db.Merges.FirstOrDefaultAsync(m => m.Active && m.FromCustomerId == holder, cancellationToken) is { } merge; hop++)
        {
            holder = merge.IntoCustomerId;
        }

        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.CustomerId == holder, cancellationToken) ?? throw new NotFoundException(ProfilesApi.ResourceType, customerId);
        var ids = new HashSet<string>(StringComparer.Ordinal) { profile.CustomerId };
        for (var grown = true; grown;)
        {
            var known = ids.ToArray();
            var absorbed = await db.Merges.Where(m => m.Active && known.Contains(m.IntoCustomerId)).Select(m => m.FromCustomerId).ToListAsync(cancellationToken);
            grown = absorbed.Any(ids.Add);
        }

        var all = ids.ToArray();
        var identities = await db.Identities.Where(i => i.CustomerId == profile.CustomerId).ToListAsync(cancellationToken);
        var entries = await db.Timeline.Where(e => e.CustomerId == profile.CustomerId).ToListAsync(cancellationToken);
        var merges = await db.Merges.Where(m => all.Contains(m.IntoCustomerId) || all.Contains(m.FromCustomerId)).ToListAsync(cancellationToken);
        var mergeIds = merges.Select(m => m.MergeId).ToArray();
        db.Identities.RemoveRange(identities);
        db.Timeline.RemoveRange(entries);
        db.Feedback.RemoveRange(await db.Feedback.Where(f => all.Contains(f.CustomerId)).ToListAsync(cancellationToken));
        db.MergeMoves.RemoveRange(await db.MergeMoves.Where(m => mergeIds.Contains(m.MergeId)).ToListAsync(cancellationToken));
        db.MergeFeedbackMoves.RemoveRange(await db.MergeFeedbackMoves.Where(m => mergeIds.Contains(m.MergeId)).ToListAsync(cancellationToken));
        db.Merges.RemoveRange(merges);
        db.Profiles.Remove(profile);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in all)
        {
            var hash = ProfilesApi.ErasureHash(db.CurrentTenantId, id);
            if (!await db.Erasures.AnyAsync(e => e.CustomerHash == hash, cancellationToken))
            {
                db.Erasures.Add(new ErasureRecord { CustomerHash = hash, ErasedAtUtc = now });
            }
        }

        var tenant = db.CurrentTenantId;
        db.Outbox.RemoveRange(await db.Outbox.Where(m => m.TenantId == tenant && m.Type.StartsWith("cx.understanding.") && all.Contains(m.Subject)).ToListAsync(cancellationToken));
        foreach (var mention in all.Concat(identities.Select(i => i.Value)))
        {
            db.DeadLetters.RemoveRange(await db.DeadLetters.Where(d => d.Envelope.Contains(mention) && d.Envelope.Contains(tenant)).ToListAsync(cancellationToken));
        }

        await segments.InTransactionAsync(async () =>
        {
            await segments.EraseAsync(all, cancellationToken);
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return new V1.EraseCustomerResponse { TimelineEntries = entries.Count, Merges = merges.Count };
    }
}
