using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Profiles;
using Cx.Understanding.Domain.Segments;
using Cx.Understanding.Segments;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Profiles;

/// <summary>
/// Profiles keyed by the tenant's own customer ids: their identities (each held by one profile of
/// the tenant), attributes and consent. Nothing here merges two profiles: only MergesApi does, when asked.
/// </summary>
internal sealed partial class ProfilesApi(UnderstandingDb db, SegmentUpkeep segments, TimeProvider clock)
{
    public const string ResourceType = "customer";

    public async Task<V1.Profile> CreateAsync(V1.Profile? profile, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (profile is null)
        {
            validator.Add("profile", "Required.").ThrowIfInvalid();
        }

        var draft = Read(profile!, "profile.", validator);
        validator.ThrowIfInvalid();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Profiles.AnyAsync(p => p.CustomerId == draft.CustomerId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, draft.CustomerId);
        }

        await RefuseMergedIdAsync(draft.CustomerId, cancellationToken);
        await RefuseIdentitiesHeldElsewhereAsync(draft.CustomerId, draft.Identities, cancellationToken);
        var record = new ProfileRecord
        {
            CustomerId = draft.CustomerId,
            AttributesJson = StoredJson.Of(draft.Attributes),
            ConsentsJson = StoredJson.Of(draft.Consents.Select(c => c with { ChangedAtUtc = now }).ToList()),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Profiles.Add(record);
        db.Identities.AddRange(draft.Identities.Select(i => new IdentityRecord { Kind = (int)i.Kind, Value = i.Value, CustomerId = draft.CustomerId }));
        return await segments.InTransactionAsync(async () =>
        {
            await SaveAsync(draft.CustomerId, cancellationToken, draft.Identities);
            await segments.CustomerChangedAsync(draft.CustomerId, draft.Attributes.Keys.Select(SegmentDependencies.Attribute), cancellationToken);
            return await ToContractAsync(record, cancellationToken);
        }, cancellationToken);
    }

    public async Task<V1.Profile> GetAsync(string customerId, CancellationToken cancellationToken) =>
        await ToContractAsync(await FindAsync(customerId, cancellationToken), cancellationToken);

    public async Task<V1.ListProfilesResponse> ListAsync(V1.ListProfilesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        string? identity = null;
        var byIdentity = request.IdentityKind != V1.IdentityKind.Unspecified || request.IdentityValue.Length > 0;
        var kind = ContractMapping.ToDomain(request.IdentityKind);
        if (byIdentity)
        {
            if (kind is null)
            {
                validator.Add("identity_kind", "Required with identity_value: EMAIL, PHONE, ACCOUNT or DEVICE.");
            }
            else if (!Identities.TryNormalise(kind.Value, request.IdentityValue, out identity, out var problem))
            {
                validator.Add("identity_value", problem);
            }
        }

        validator.ThrowIfInvalid();
        var profiles = db.Profiles.AsQueryable();
        if (identity is not null)
        {
            var holder = db.Identities.Where(i => i.Kind == (int)kind!.Value && i.Value == identity).Select(i => i.CustomerId);
            profiles = profiles.Where(p => holder.Contains(p.CustomerId));
        }

        if (page.AfterKey is { } after)
        {
            profiles = profiles.Where(p => string.Compare(p.CustomerId, after) > 0);
        }

        var window = await profiles.OrderBy(p => p.CustomerId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var shown = window.Take(page.Size).ToList();
        var response = new V1.ListProfilesResponse { Profiles = { await ToContractAsync(shown, cancellationToken) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(shown[^1].CustomerId);
        }

        return response;
    }

    public async Task<V1.Profile> UpdateAttributesAsync(V1.UpdateAttributesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        ReadAttributes(request.Set, "set", validator);
        validator.Require(request.Remove.All(ProfileRules.IsAttributeKey), "remove", ProfileRules.KeyRule);
        validator.ThrowIfInvalid();
        var record = await FindAsync(request.CustomerId, cancellationToken);
        var attributes = StoredJson.Read<Dictionary<string, string>>(record.AttributesJson);
        foreach (var key in request.Remove)
        {
            attributes.Remove(key);
        }

        foreach (var (key, value) in request.Set)
        {
            attributes[key] = value;
        }

        if (attributes.Count > ProfileRules.MaxAttributes)
        {
            new Validator().Add("set", $"A profile holds at most {ProfileRules.MaxAttributes} attributes; this would make {attributes.Count}.").ThrowIfInvalid();
        }

        record.AttributesJson = StoredJson.Of(attributes);
        Touch(record);
        return await segments.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await segments.CustomerChangedAsync(record.CustomerId, request.Set.Keys.Concat(request.Remove).Select(SegmentDependencies.Attribute), cancellationToken);
            return await ToContractAsync(record, cancellationToken);
        }, cancellationToken);
    }

    public async Task<V1.Profile> UpdateIdentitiesAsync(V1.UpdateIdentitiesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var add = ReadIdentities(request.Add, "add", validator);
        var remove = ReadIdentities(request.Remove, "remove", validator);
        validator.ThrowIfInvalid();
        var record = await FindAsync(request.CustomerId, cancellationToken);
        var held = await db.Identities.Where(i => i.CustomerId == record.CustomerId).ToListAsync(cancellationToken);
        foreach (var gone in remove)
        {
            if (held.FirstOrDefault(i => i.Kind == (int)gone.Kind && i.Value == gone.Value) is { } row)
            {
                db.Identities.Remove(row);
                held.Remove(row);
            }
        }

        var added = add.Where(a => !held.Any(i => i.Kind == (int)a.Kind && i.Value == a.Value)).ToList();
        if (held.Count + added.Count > Identities.MaxPerProfile)
        {
            new Validator().Add("add", $"A profile holds at most {Identities.MaxPerProfile} identities; this would make {held.Count + added.Count}.").ThrowIfInvalid();
        }

        await RefuseIdentitiesHeldElsewhereAsync(record.CustomerId, added, cancellationToken);
        db.Identities.AddRange(added.Select(i => new IdentityRecord { Kind = (int)i.Kind, Value = i.Value, CustomerId = record.CustomerId }));
        if (added.Count > 0)
        {
            record.Minimal = false;
        }

        Touch(record);
        await SaveAsync(record.CustomerId, cancellationToken, added);
        return await ToContractAsync(record, cancellationToken);
    }

    public async Task<V1.Profile> SetConsentAsync(V1.SetConsentRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(ProfileRules.IsPurpose(request.Purpose), "purpose", ProfileRules.PurposeRule).ThrowIfInvalid();
        var record = await FindAsync(request.CustomerId, cancellationToken);
        var consents = StoredJson.Read<List<ConsentDecision>>(record.ConsentsJson);
        consents.RemoveAll(c => c.Purpose == request.Purpose);
        if (consents.Count >= ProfileRules.MaxConsents)
        {
            new Validator().Add("purpose", $"A profile holds at most {ProfileRules.MaxConsents} purposes.").ThrowIfInvalid();
        }

        consents.Add(new ConsentDecision(request.Purpose, request.Granted, clock.GetUtcNow().UtcDateTime));
        record.ConsentsJson = StoredJson.Of(consents.OrderBy(c => c.Purpose, StringComparer.Ordinal).ToList());
        Touch(record);
        await db.SaveChangesAsync(cancellationToken);
        return await ToContractAsync(record, cancellationToken);
    }

    /// <summary>The profile of <paramref name="customerId"/>, NOT_FOUND when the tenant has none.</summary>
    public async Task<ProfileRecord> FindAsync(string customerId, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsReference(customerId), "customer_id", "Required, at most 100 characters.").ThrowIfInvalid();
        return await db.Profiles.FirstOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken) ?? throw new NotFoundException(ResourceType, customerId);
    }

    public async Task<V1.Profile> ToContractAsync(ProfileRecord record, CancellationToken cancellationToken) =>
        (await ToContractAsync([record], cancellationToken))[0];

    public async Task<List<V1.Profile>> ToContractAsync(IReadOnlyList<ProfileRecord> records, CancellationToken cancellationToken)
    {
        var ids = records.Select(r => r.CustomerId).ToArray();
        var identities = (await db.Identities.Where(i => ids.Contains(i.CustomerId)).ToListAsync(cancellationToken)).ToLookup(i => i.CustomerId);
        var merged = (await db.Merges.Where(m => m.Active && ids.Contains(m.IntoCustomerId)).ToListAsync(cancellationToken)).ToLookup(m => m.IntoCustomerId);
        return records.Select(r => new V1.Profile
        {
            CustomerId = r.CustomerId,
            Identities =
            {
                identities[r.CustomerId].OrderBy(i => i.Kind).ThenBy(i => i.Value, StringComparer.Ordinal)
                    .Select(i => new V1.Identity { Kind = ContractMapping.ToContract((IdentityKind)i.Kind), Value = i.Value }),
            },
            Attributes = { StoredJson.Read<Dictionary<string, string>>(r.AttributesJson) },
            Consents = { StoredJson.Read<List<ConsentDecision>>(r.ConsentsJson).Select(ContractMapping.ToContract) },
            CreatedAt = ContractMapping.ToTimestamp(r.CreatedAtUtc),
            UpdatedAt = ContractMapping.ToTimestamp(r.UpdatedAtUtc),
            MergedCustomerIds = { merged[r.CustomerId].OrderBy(m => m.MergedAtUtc).Select(m => m.FromCustomerId) },
            Minimal = r.Minimal,
        }).ToList();
    }

    private void Touch(ProfileRecord record) => record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;

    /// <summary>A customer id merged into another stays taken until the merge is undone: the undo gives it back.</summary>
    private async Task RefuseMergedIdAsync(string customerId, CancellationToken cancellationToken)
    {
        if (await db.Merges.FirstOrDefaultAsync(m => m.Active && m.FromCustomerId == customerId, cancellationToken) is { } merge)
        {
            throw new AlreadyExistsException(ResourceType, $"{customerId} (merged into {merge.IntoCustomerId} by merge {merge.MergeId})");
        }
    }

    private async Task RefuseIdentitiesHeldElsewhereAsync(string customerId, IReadOnlyList<DraftIdentity> identities, CancellationToken cancellationToken)
    {
        foreach (var identity in identities)
        {
            var holder = await db.Identities.Where(i => i.Kind == (int)identity.Kind && i.Value == identity.Value).Select(i => i.CustomerId).FirstOrDefaultAsync(cancellationToken);
            if (holder is not null && holder != customerId)
            {
                throw HeldBy(identity, holder);
            }
        }
    }

    internal static AlreadyExistsException HeldBy(DraftIdentity identity, string holder) =>
        new("customer identity", $"{ContractMapping.Name(identity.Kind)}:{identity.Value}, held by customer {holder}");

    private async Task SaveAsync(string customerId, CancellationToken cancellationToken, IReadOnlyList<DraftIdentity>? identities = null)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another call took the customer id or one of the identities between the check and the
            // write: name what was taken, as the check would have.
            db.ChangeTracker.Clear();
            foreach (var identity in identities ?? [])
            {
                var holder = await db.Identities.Where(i => i.Kind == (int)identity.Kind && i.Value == identity.Value).Select(i => i.CustomerId).FirstOrDefaultAsync(cancellationToken);
                if (holder is not null && holder != customerId)
                {
                    throw HeldBy(identity, holder);
                }
            }

            throw new AlreadyExistsException(ResourceType, customerId);
        }
    }
}
