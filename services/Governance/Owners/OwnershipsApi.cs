using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Governance.Audit;
using Cx.Governance.Data;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Governance.V1;

namespace Cx.Governance.Owners;

/// <summary>Journey and touchpoint owners: a RACI each, with one accountable person.</summary>
internal sealed class OwnershipsApi(GovernanceDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<V1.Ownership> SetAsync(V1.Ownership? ownership, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (ownership is null)
        {
            validator.Add("ownership", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsReference(ownership!.JourneyId), "ownership.journey_id", "Required, at most 100 characters.")
            .Require(ownership.Touchpoint.Length == 0 || Identifier.IsReference(ownership.Touchpoint), "ownership.touchpoint", "At most 100 characters, or empty for the whole journey.")
            .Require(Identifier.IsReference(ownership.Accountable, 200), "ownership.accountable", "Required: the one person accountable, at most 200 characters.");
        foreach (var (field, people) in new[] { ("responsible", ownership.Responsible), ("consulted", ownership.Consulted), ("informed", ownership.Informed) })
        {
            validator.Require(people.Count <= 50 && people.All(p => Identifier.IsReference(p, 200)), "ownership." + field, "At most 50 people, each at most 200 characters.");
        }

        validator.ThrowIfInvalid();
        var record = await db.Ownerships.FirstOrDefaultAsync(o => o.JourneyId == ownership.JourneyId && o.Touchpoint == ownership.Touchpoint, cancellationToken);
        if (record is null)
        {
            record = new OwnershipRecord { JourneyId = ownership.JourneyId, Touchpoint = ownership.Touchpoint };
            db.Ownerships.Add(record);
        }

        record.Accountable = ownership.Accountable;
        record.ResponsibleJson = StoredJson.Of(ownership.Responsible);
        record.ConsultedJson = StoredJson.Of(ownership.Consulted);
        record.InformedJson = StoredJson.Of(ownership.Informed);
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Append("ownership.set", "journey", ownership.JourneyId, new { touchpoint = ownership.Touchpoint, accountable = ownership.Accountable });
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.ListOwnershipsResponse> ListAsync(V1.ListOwnershipsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var query = db.Ownerships.AsQueryable();
        if (request.JourneyId.Length > 0)
        {
            query = query.Where(o => o.JourneyId == request.JourneyId);
        }

        // Ownerships per tenant are few (journeys × touchpoints): paging in memory keeps the key simple.
        var all = (await query.ToListAsync(cancellationToken)).OrderBy(Key, StringComparer.Ordinal);
        var (items, next) = page.Apply(all, Key);
        return new V1.ListOwnershipsResponse { Ownerships = { items.Select(ToContract) }, NextPageToken = next };
    }

    /// <summary>
    /// The accountable owner of the touchpoint, else of the journey; null when neither has one.
    /// Without a touchpoint, the step's touchpoints stand in (front stage first, as Design
    /// published them): the first of them with an owner.
    /// </summary>
    public async Task<string?> AccountableAsync(string journeyId, string stepId, string touchpoint, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> touchpoints = touchpoint.Length > 0 ? [touchpoint]
            : stepId.Length > 0 && await db.JourneySteps.FirstOrDefaultAsync(s => s.JourneyId == journeyId && s.StepId == stepId, cancellationToken) is { } step ? StoredJson.Strings(step.TouchpointsJson)
            : [];
        var owners = await db.Ownerships.Where(o => o.JourneyId == journeyId && (o.Touchpoint == string.Empty || touchpoints.Contains(o.Touchpoint))).ToListAsync(cancellationToken);
        var byTouchpoint = owners.Where(o => o.Touchpoint.Length > 0).ToDictionary(o => o.Touchpoint, StringComparer.Ordinal);
        return (touchpoints.Select(t => byTouchpoint.GetValueOrDefault(t)).FirstOrDefault(o => o is not null) ?? owners.FirstOrDefault(o => o.Touchpoint.Length == 0))?.Accountable;
    }

    private static string Key(OwnershipRecord o) => o.JourneyId + "\u0001" + o.Touchpoint;

    private static V1.Ownership ToContract(OwnershipRecord record) => new()
    {
        JourneyId = record.JourneyId,
        Touchpoint = record.Touchpoint,
        Accountable = record.Accountable,
        Responsible = { StoredJson.Strings(record.ResponsibleJson) },
        Consulted = { StoredJson.Strings(record.ConsultedJson) },
        Informed = { StoredJson.Strings(record.InformedJson) },
        UpdatedAt = ContractMapping.ToTimestamp(record.UpdatedAtUtc),
    };
}
