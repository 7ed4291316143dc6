using Cx.Domain.Errors;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Profiles;
using Cx.Understanding.Domain.Segments;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Profiles;

internal sealed partial class ProfilesApi
{
    public const int MaxImport = 1_000;

    /// <summary>
    /// Creates or updates each profile by its customer id, in one transaction, each with its own
    /// outcome: identities are added, attributes set, consent recorded where it differs; a profile
    /// already so is UNCHANGED, so a batch imported twice changes nothing the second time. A profile
    /// that cannot be taken (bad field, an identity another customer holds) is REJECTED alone.
    /// </summary>
    public async Task<V1.ImportProfilesResponse> ImportAsync(V1.ImportProfilesRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(request.Profiles.Count is > 0 and <= MaxImport, "profiles", $"Between 1 and {MaxImport:N0} profiles a call.")
            .ThrowIfInvalid();
        var results = await ImportAsync(request.Profiles, cancellationToken);
        return new V1.ImportProfilesResponse { Results = { results } };
    }

    /// <param name="seen">The customer ids of the import so far, when it spans several calls (a stream): each customer once in all of it.</param>
    public async Task<List<V1.ImportResult>> ImportAsync(IReadOnlyList<V1.Profile> profiles, CancellationToken cancellationToken, HashSet<string>? seen = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = profiles.Select(p => p.CustomerId).Distinct().ToArray();
        var existing = await db.Profiles.Where(p => ids.Contains(p.CustomerId)).ToDictionaryAsync(p => p.CustomerId, cancellationToken);
        var mergedAway = (await db.Merges.Where(m => m.Active && ids.Contains(m.FromCustomerId)).ToListAsync(cancellationToken)).ToDictionary(m => m.FromCustomerId, m => m.IntoCustomerId);
        var values = profiles.SelectMany(p => p.Identities)
            .Select(i => ContractMapping.ToDomain(i.Kind) is { } kind && Identities.TryNormalise(kind, i.Value, out var value, out _) ? value : null)
            .OfType<string>().Distinct().ToArray();
        var holders = (await db.Identities.Where(i => values.Contains(i.Value) || ids.Contains(i.CustomerId)).ToListAsync(cancellationToken))
            .ToDictionary(i => new DraftIdentity((IdentityKind)i.Kind, i.Value), i => i.CustomerId);
        var within = seen is null ? "batch" : "import";
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        var changedKeys = new List<(string CustomerId, IEnumerable<string> Keys)>();
        var results = new List<V1.ImportResult>(profiles.Count);
        foreach (var profile in profiles)
        {
            var result = new V1.ImportResult { CustomerId = profile.CustomerId };
            results.Add(result);
            var validator = new Validator();
            var draft = Read(profile, string.Empty, validator);
            if (!validator.IsValid)
            {
                var first = Violations(validator)[0];
                Reject(result, first.Field, first.Description);
                continue;
            }

            if (!seen.Add(draft.CustomerId))
            {
                Reject(result, "customer_id", $"Given more than once in this {within}: each customer once.");
                continue;
            }

            if (mergedAway.TryGetValue(draft.CustomerId, out var into))
            {
                Reject(result, "customer_id", $"Merged into customer {into}: import into that profile, or undo the merge.");
                continue;
            }

            var taken = draft.Identities.Select((identity, index) => (identity, index))
                .FirstOrDefault(x => holders.TryGetValue(x.identity, out var holder) && holder != draft.CustomerId);
            if (taken.identity is not null)
            {
                Reject(result, $"identities[{taken.index}].value", $"{ContractMapping.Name(taken.identity.Kind)}:{taken.identity.Value} is held by customer {holders[taken.identity]}.");
                continue;
            }

            if (!existing.TryGetValue(draft.CustomerId, out var record))
            {
                record = new ProfileRecord
                {
                    CustomerId = draft.CustomerId,
                    AttributesJson = StoredJson.Of(draft.Attributes),
                    ConsentsJson = StoredJson.Of(draft.Consents.Select(c => c with { ChangedAtUtc = now }).ToList()),
                    CreatedAtUtc = now,
                    UpdatedAtUtc = now,
                };
                db.Profiles.Add(record);
                existing[record.CustomerId] = record;
                AddIdentities(record, draft.Identities, holders);
                changedKeys.Add((record.CustomerId, draft.Attributes.Keys));
                result.Outcome = V1.ImportOutcome.Created;
                continue;
            }

            var newIdentities = draft.Identities.Where(i => !holders.ContainsKey(i)).ToList();
            var heldCount = holders.Count(h => h.Value == record.CustomerId);
            var attributes = StoredJson.Read<Dictionary<string, string>>(record.AttributesJson);
            var changedAttributes = draft.Attributes.Where(a => !attributes.TryGetValue(a.Key, out var v) || v != a.Value).ToList();
            foreach (var (key, value) in changedAttributes)
            {
                attributes[key] = value;
            }

            var consents = StoredJson.Read<List<ConsentDecision>>(record.ConsentsJson);
            var changedConsents = draft.Consents.Where(c => consents.FirstOrDefault(k => k.Purpose == c.Purpose) is not { } k || k.Granted != c.Granted).ToList();
            consents.RemoveAll(k => changedConsents.Any(c => c.Purpose == k.Purpose));
            consents.AddRange(changedConsents.Select(c => c with { ChangedAtUtc = now }));
            if (heldCount + newIdentities.Count > Identities.MaxPerProfile || attributes.Count > ProfileRules.MaxAttributes || consents.Count > ProfileRules.MaxConsents)
            {
                Reject(result, "customer_id", $"The profile would hold more than {Identities.MaxPerProfile} identities, {ProfileRules.MaxAttributes} attributes or {ProfileRules.MaxConsents} purposes.");
                continue;
            }

            if (newIdentities.Count == 0 && changedAttributes.Count == 0 && changedConsents.Count == 0)
            {
                result.Outcome = V1.ImportOutcome.Unchanged;
                continue;
            }

            AddIdentities(record, newIdentities, holders);
            record.AttributesJson = StoredJson.Of(attributes);
            record.ConsentsJson = StoredJson.Of(consents.OrderBy(c => c.Purpose, StringComparer.Ordinal).ToList());
            record.Minimal &= newIdentities.Count == 0 && changedAttributes.Count == 0;
            record.UpdatedAtUtc = now;
            changedKeys.Add((record.CustomerId, changedAttributes.Select(a => a.Key)));
            result.Outcome = V1.ImportOutcome.Updated;
        }

        return await segments.InTransactionAsync(async () =>
        {
            await SaveAsync("(one of this batch, imported meanwhile by another call)", cancellationToken, profiles.SelectMany(p => ReadIdentities(p.Identities, "identities", new Validator())).ToList());
            foreach (var (customerId, keys) in changedKeys)
            {
                await segments.CustomerChangedAsync(customerId, keys.Select(SegmentDependencies.Attribute), cancellationToken);
            }

            return results;
        }, cancellationToken);
    }

    private void AddIdentities(ProfileRecord record, IEnumerable<DraftIdentity> identities, Dictionary<DraftIdentity, string> holders)
    {
        foreach (var identity in identities)
        {
            db.Identities.Add(new IdentityRecord { Kind = (int)identity.Kind, Value = identity.Value, CustomerId = record.CustomerId });
            holders[identity] = record.CustomerId;
        }
    }

    private static void Reject(V1.ImportResult result, string field, string error) =>
        (result.Outcome, result.Field, result.Error) = (V1.ImportOutcome.Rejected, field, error);

    private static IReadOnlyList<FieldViolation> Violations(Validator validator)
    {
        try
        {
            validator.ThrowIfInvalid();
            return [];
        }
        catch (ValidationFailedException e)
        {
            return e.Violations;
        }
    }
}
