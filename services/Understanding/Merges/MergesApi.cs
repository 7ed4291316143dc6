using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Merges;
using Cx.Understanding.Domain.Profiles;
using Cx.Understanding.Profiles;
using Cx.Understanding.Segments;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Merges;

/// <summary>
/// Explicit merges, and their undo. Nothing merges two profiles on its own: two people sharing a
/// device, a phone or an account stay two people until someone who knows says otherwise, with a
/// reason, recorded with who and when. The merge keeps what both profiles were, so the undo gives
/// each back its identities, attributes, consent and history.
/// </summary>
internal sealed class MergesApi(UnderstandingDb db, ProfilesApi profiles, SegmentUpkeep segments, ActorContext actor, TimeProvider clock)
{
    public const int MaxReason = 500;

    public async Task<V1.Merge> MergeAsync(V1.MergeProfilesRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(Identifier.IsReference(request.IntoCustomerId), "into_customer_id", "Required, at most 100 characters.")
            .Require(Identifier.IsReference(request.FromCustomerId), "from_customer_id", "Required, at most 100 characters.")
            .Require(request.IntoCustomerId != request.FromCustomerId, "from_customer_id", "Another customer than into_customer_id.")
            .Require(request.Reason.Trim().Length is > 0 and <= MaxReason, "reason", $"Required: why they are one customer, at most {MaxReason} characters.")
            .ThrowIfInvalid();
        var into = await profiles.FindAsync(request.IntoCustomerId, cancellationToken);
        var from = await profiles.FindAsync(request.FromCustomerId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var fromIdentities = await db.Identities.Where(i => i.CustomerId == from.CustomerId).ToListAsync(cancellationToken);
        var record = new MergeRecord
        {
            MergeId = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
            IntoCustomerId = into.CustomerId,
            FromCustomerId = from.CustomerId,
            Reason = request.Reason.Trim(),
            MergedBy = actor.Actor,
            MergedAtUtc = now,
            Active = true,
            IntoBeforeJson = StoredJson.Of(new ProfileBefore(into, [])),
            FromBeforeJson = StoredJson.Of(new ProfileBefore(from, fromIdentities.Select(i => new StoredIdentity(i.Kind, i.Value)).ToList())),
        };
        db.Merges.Add(record);

        foreach (var identity in fromIdentities)
        {
            identity.CustomerId = into.CustomerId;
        }

        into.AttributesJson = StoredJson.Of(ProfileMerge.Attributes(StoredJson.Read<Dictionary<string, string>>(into.AttributesJson), StoredJson.Read<Dictionary<string, string>>(from.AttributesJson)));
        into.ConsentsJson = StoredJson.Of(ProfileMerge.Consents(StoredJson.Read<List<ConsentDecision>>(into.ConsentsJson), StoredJson.Read<List<ConsentDecision>>(from.ConsentsJson)));
        into.Minimal &= from.Minimal;
        into.UpdatedAtUtc = now;
        var moved = await db.Timeline.Where(e => e.CustomerId == from.CustomerId).ToListAsync(cancellationToken);
        foreach (var entry in moved)
        {
            entry.CustomerId = into.CustomerId;
            db.MergeMoves.Add(new MergeMoveRecord { MergeId = record.MergeId, EntryId = entry.EntryId });
        }

        // The comments move with the history, each remembered so the undo gives it back.
        foreach (var feedback in await db.Feedback.Where(f => f.CustomerId == from.CustomerId).ToListAsync(cancellationToken))
        {
            feedback.CustomerId = into.CustomerId;
            db.MergeFeedbackMoves.Add(new MergeFeedbackMoveRecord { MergeId = record.MergeId, FeedbackId = feedback.FeedbackId });
        }

        await segments.MoveScoresAsync(moved.Select(e => e.EntryId).ToList(), into.CustomerId, cancellationToken);
        db.Profiles.Remove(from);
        await segments.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);

            // The merged customer is nobody now; the one who stayed has their facts too.
            return await segments.LeaveAllAsync(from.CustomerId, V1.MembershipReason.Merged, cancellationToken)
                + await segments.CustomerReplacedAsync(into.CustomerId, MembershipReasons.Merged, cancellationToken);
        }, cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.Merge> UnmergeAsync(V1.UnmergeProfilesRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(request.MergeId.Length is > 0 and <= 40, "merge_id", "Required.")
            .Require(request.Reason.Trim().Length is > 0 and <= MaxReason, "reason", $"Required: why they are two customers, at most {MaxReason} characters.")
            .ThrowIfInvalid();
        var merge = await db.Merges.FirstOrDefaultAsync(m => m.MergeId == request.MergeId, cancellationToken) ?? throw new NotFoundException("merge", request.MergeId);
        if (!merge.Active)
        {
            throw new PreconditionFailedException("ALREADY_UNMERGED", "merge/" + merge.MergeId, $"Merge {merge.MergeId} was undone on {merge.UnmergedAtUtc:u} by {merge.UnmergedBy}.");
        }

        var into = await db.Profiles.FirstOrDefaultAsync(p => p.CustomerId == merge.IntoCustomerId, cancellationToken);
        if (into is null)
        {
            // Undo in reverse order: the profile this one was merged into has been merged on since.
            var later = await db.Merges.FirstOrDefaultAsync(m => m.Active && m.FromCustomerId == merge.IntoCustomerId, cancellationToken);
            throw new PreconditionFailedException("MERGED_SINCE", "merge/" + merge.MergeId,
                $"Customer {merge.IntoCustomerId} has since been merged into {later?.IntoCustomerId} (merge {later?.MergeId}): undo that merge first.");
        }

        var intoBefore = StoredJson.Read<ProfileBefore>(merge.IntoBeforeJson);
        var fromBefore = StoredJson.Read<ProfileBefore>(merge.FromBeforeJson);
        var now = clock.GetUtcNow().UtcDateTime;
        var currentConsents = StoredJson.Read<List<ConsentDecision>>(into.ConsentsJson);

        // Identities back to their owner; one someone else holds now cannot be, and nothing changes.
        foreach (var identity in fromBefore.Identities)
        {
            var held = await db.Identities.FirstOrDefaultAsync(i => i.Kind == identity.Kind && i.Value == identity.Value, cancellationToken);
            if (held is not null && held.CustomerId != into.CustomerId)
            {
                throw new PreconditionFailedException("IDENTITY_TAKEN", "merge/" + merge.MergeId,
                    $"{ContractMapping.Name((IdentityKind)identity.Kind)}:{identity.Value} of customer {merge.FromCustomerId} is now held by customer {held.CustomerId}.");
            }

            if (held is null)
            {
                db.Identities.Add(new IdentityRecord { Kind = identity.Kind, Value = identity.Value, CustomerId = merge.FromCustomerId });
            }
            else
            {
                held.CustomerId = merge.FromCustomerId;
            }
        }

        db.Profiles.Add(new ProfileRecord
        {
            CustomerId = merge.FromCustomerId,
            AttributesJson = fromBefore.AttributesJson,
            ConsentsJson = StoredJson.Of(ProfileMerge.ConsentsAfterUndo(StoredJson.Read<List<ConsentDecision>>(fromBefore.ConsentsJson), currentConsents, merge.MergedAtUtc)),
            Minimal = fromBefore.Minimal,
            CreatedAtUtc = fromBefore.CreatedAtUtc,
            UpdatedAtUtc = now,
        });
        into.AttributesJson = intoBefore.AttributesJson;
        into.ConsentsJson = StoredJson.Of(ProfileMerge.ConsentsAfterUndo(StoredJson.Read<List<ConsentDecision>>(intoBefore.ConsentsJson), currentConsents, merge.MergedAtUtc));
        into.Minimal = intoBefore.Minimal;
        into.UpdatedAtUtc = now;

        // What the merge moved, and what arrived for the merged customer since, goes back to them.
        var movedIds = db.MergeMoves.Where(m => m.MergeId == merge.MergeId).Select(m => m.EntryId);
        var entries = await db.Timeline.Where(e => movedIds.Contains(e.EntryId) || e.ViaMergeId == merge.MergeId).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            entry.CustomerId = merge.FromCustomerId;

            // An entry that came to the merged customer through an earlier merge keeps that mark, so
            // undoing the earlier merge still gives it back to its first owner.
            if (entry.ViaMergeId == merge.MergeId)
            {
                entry.ViaMergeId = null;
            }
        }

        db.MergeMoves.RemoveRange(await db.MergeMoves.Where(m => m.MergeId == merge.MergeId).ToListAsync(cancellationToken));

        // The comments likewise, with the same marks.
        var movedFeedbackIds = db.MergeFeedbackMoves.Where(m => m.MergeId == merge.MergeId).Select(m => m.FeedbackId);
        foreach (var feedback in await db.Feedback.Where(f => movedFeedbackIds.Contains(f.FeedbackId) || f.ViaMergeId == merge.MergeId).ToListAsync(cancellationToken))
        {
            feedback.CustomerId = merge.FromCustomerId;
            if (feedback.ViaMergeId == merge.MergeId)
            {
                feedback.ViaMergeId = null;
            }
        }

        db.MergeFeedbackMoves.RemoveRange(await db.MergeFeedbackMoves.Where(m => m.MergeId == merge.MergeId).ToListAsync(cancellationToken));
        merge.Active = false;
        (merge.UnmergedBy, merge.UnmergedAtUtc, merge.UnmergeReason) = (actor.Actor, now, request.Reason.Trim());
        await segments.MoveScoresAsync(entries.Select(e => e.EntryId).ToList(), merge.FromCustomerId, cancellationToken);
        await segments.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            return await segments.CustomerReplacedAsync(merge.FromCustomerId, MembershipReasons.Unmerged, cancellationToken)
                + await segments.CustomerReplacedAsync(merge.IntoCustomerId, MembershipReasons.Unmerged, cancellationToken);
        }, cancellationToken);
        return ToContract(merge);
    }

    public async Task<V1.ListMergesResponse> ListAsync(V1.ListMergesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var merges = db.Merges.AsQueryable();
        if (request.CustomerId.Length > 0)
        {
            merges = merges.Where(m => m.IntoCustomerId == request.CustomerId || m.FromCustomerId == request.CustomerId);
        }

        // Merge ids are time-ordered: descending id is newest first.
        if (page.AfterKey is { } after)
        {
            merges = merges.Where(m => string.Compare(m.MergeId, after) < 0);
        }

        var window = await merges.OrderByDescending(m => m.MergeId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListMergesResponse { Merges = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].MergeId);
        }

        return response;
    }

    private static V1.Merge ToContract(MergeRecord record) => new()
    {
        MergeId = record.MergeId,
        IntoCustomerId = record.IntoCustomerId,
        FromCustomerId = record.FromCustomerId,
        Reason = record.Reason,
        MergedBy = record.MergedBy,
        MergedAt = ContractMapping.ToTimestamp(record.MergedAtUtc),
        UnmergedBy = record.UnmergedBy,
        UnmergedAt = ContractMapping.ToTimestamp(record.UnmergedAtUtc),
        UnmergeReason = record.UnmergeReason,
    };
}

/// <summary>An identity as a merge keeps it.</summary>
internal sealed record StoredIdentity(int Kind, string Value);

/// <summary>A profile as it was before a merge.</summary>
internal sealed record ProfileBefore(string AttributesJson, string ConsentsJson, bool Minimal, DateTime CreatedAtUtc, List<StoredIdentity> Identities)
{
    public ProfileBefore()
        : this("{}", "[]", false, default, [])
    {
    }

    public ProfileBefore(ProfileRecord profile, List<StoredIdentity> identities)
        : this(profile.AttributesJson, profile.ConsentsJson, profile.Minimal, profile.CreatedAtUtc, identities)
    {
    }
}
