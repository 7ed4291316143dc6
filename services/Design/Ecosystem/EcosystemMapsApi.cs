using Cx.Design.Data;
using Cx.Design.Domain.Ecosystem;
using Cx.Design.Journeys;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using V1 = Cx.Design.V1;

namespace Cx.Design.Ecosystem;

/// <summary>
/// Ecosystem maps: who stands behind a journey's touchpoints and how they relate, drawn here and
/// weighed live by what the other disciplines' events say happened to them.
/// </summary>
internal sealed class EcosystemMapsApi(DesignDb db, JourneysApi journeys, ActorContext actor, TimeProvider clock)
{
    public const string ResourceType = "ecosystem map";
    public const int MaxTitle = 200;
    public const int MaxDescription = 2_000;
    public const int MaxActors = 100;
    public const int MaxRelationships = 300;
    public const int MaxReferences = 20;
    public const int MaxTouchpoints = 50;
    public const int MaxRelationshipDescription = 500;
    public const int DefaultWindowDays = 90;

    public async Task<V1.EcosystemMap> CreateAsync(V1.EcosystemMap? map, CancellationToken cancellationToken)
    {
        var content = Read(map);
        await RequireJourneyAsync(content.JourneyId, cancellationToken);
        if (await db.EcosystemMaps.AnyAsync(m => m.MapId == content.MapId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, content.MapId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new EcosystemMapRecord
        {
            MapId = content.MapId,
            JourneyId = content.JourneyId,
            DocumentJson = StoredJson.Message(content),
            CreatedAtUtc = now,
            CreatedBy = actor.Actor,
            UpdatedAtUtc = now,
            UpdatedBy = actor.Actor,
        };
        db.EcosystemMaps.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, content.MapId);
        }

        return ToContract(record);
    }

    public async Task<V1.EcosystemMap> GetAsync(string mapId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(mapId, tracked: false, cancellationToken));

    public async Task<V1.ListEcosystemMapsResponse> ListAsync(V1.ListEcosystemMapsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.JourneyId.Length == 0 || Identifier.IsValid(request.JourneyId), "journey_id", "Empty, or a journey id: " + Identifier.Rule);
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var maps = db.EcosystemMaps.AsNoTracking();
        if (request.JourneyId.Length > 0)
        {
            maps = maps.Where(m => m.JourneyId == request.JourneyId);
        }

        if (page.AfterKey is { } after)
        {
            maps = maps.Where(m => string.Compare(m.MapId, after) > 0);
        }

        var window = await maps.OrderBy(m => m.MapId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListEcosystemMapsResponse { Maps = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].MapId);
        }

        return response;
    }

    public async Task<V1.EcosystemMap> UpdateAsync(V1.UpdateEcosystemMapRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.ExpectedRevision >= 0, "expected_revision", "Zero (any revision) or the revision read.").ThrowIfInvalid();
        var content = Read(request.Map);
        var record = await FindAsync(content.MapId, tracked: true, cancellationToken);
        ReadBeforeWrite.RequireRevision(request.ExpectedRevision, record.Version, "Ecosystem map " + record.MapId, "ecosystem-map/" + record.MapId);

        await RequireJourneyAsync(content.JourneyId, cancellationToken);
        record.JourneyId = content.JourneyId;
        record.DocumentJson = StoredJson.Message(content);
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        record.UpdatedBy = actor.Actor;
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.EcosystemWeights> WeighAsync(V1.GetEcosystemWeightsRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(request.JourneyStepId.Length == 0 || Identifier.IsValid(request.JourneyStepId), "journey_step_id", "Empty, or a step of the map's journey: " + Identifier.Rule)
            .Require(request.WindowDays is >= 0 and <= 365, "window_days", $"1 to 365 days; 0 means {DefaultWindowDays}.")
            .ThrowIfInvalid();
        var record = await FindAsync(request.MapId, tracked: false, cancellationToken);
        var map = StoredJson.Message<V1.EcosystemMap>(record.DocumentJson);
        var journey = await journeys.GetPublishedAsync(map.JourneyId, 0, cancellationToken);
        var stepTouchpoints = journey.Steps.ToDictionary(s => s.StepId, s => (IReadOnlySet<string>)s.Touchpoints.Select(t => t.TouchpointId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        if (request.JourneyStepId.Length > 0 && !stepTouchpoints.ContainsKey(request.JourneyStepId))
        {
            throw new NotFoundException("journey step", $"{map.JourneyId}/{request.JourneyStepId}");
        }

        var to = clock.GetUtcNow();
        var from = to.AddDays(-(request.WindowDays == 0 ? DefaultWindowDays : request.WindowDays));
        var (fromUtc, toUtc) = (from.UtcDateTime, to.UtcDateTime);
        var feedback = await db.EcosystemSignals.AsNoTracking()
            .Where(s => s.JourneyId == map.JourneyId && s.OccurredAtUtc >= fromUtc && s.OccurredAtUtc < toUtc)
            .Select(s => new Signal((SignalKind)s.Kind, s.JourneyStepId, s.Touchpoint, s.TeamId, s.EmployeeId))
            .ToListAsync(cancellationToken);
        var cases = await db.StepCases.AsNoTracking()
            .Where(c => c.JourneyId == map.JourneyId && c.Opened && !c.Closed)
            .Select(c => new Signal(SignalKind.OpenCase, c.JourneyStepId, string.Empty, string.Empty, c.Owner))
            .ToListAsync(cancellationToken);

        var weights = EcosystemWeighing.Weigh(
            map.Actors.Select(a => new Actor(a.ActorId, (ActorKind)(int)a.Kind, a.References, a.TouchpointIds)).ToList(),
            map.Relationships.Select(r => new Relationship(r.RelationshipId, r.FromActorId, r.ToActorId, r.TouchpointIds)).ToList(),
            cases.Concat(feedback),
            stepTouchpoints,
            request.JourneyStepId.Length > 0 ? request.JourneyStepId : null);
        return new V1.EcosystemWeights
        {
            MapId = map.MapId,
            JourneyId = map.JourneyId,
            JourneyStepId = request.JourneyStepId,
            From = Timestamp.FromDateTimeOffset(from),
            To = Timestamp.FromDateTimeOffset(to),
            Actors = { weights.Actors.Select(a => new V1.ActorWeight { ActorId = a.Actor.ActorId, Signals = ToContract(a.Tally) }) },
            Relationships = { weights.Relationships.Select(r => new V1.RelationshipWeight { RelationshipId = r.Relationship.RelationshipId, Signals = ToContract(r.Tally), Weight = r.Tally.Total }) },
        };
    }

    /// <summary>The map as given, checked whole: every field that is wrong is named, and only the content is kept.</summary>
    internal static V1.EcosystemMap Read(V1.EcosystemMap? map)
    {
        var validator = new Validator();
        if (map is null)
        {
            validator.Add("map", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(map!.MapId), "map.map_id", Identifier.Rule)
            .Require(map.Title.Trim().Length is > 0 and <= MaxTitle, "map.title", $"Required, at most {MaxTitle} characters.")
            .Require(map.Description.Length <= MaxDescription, "map.description", $"At most {MaxDescription:N0} characters.")
            .Require(Identifier.IsValid(map.JourneyId), "map.journey_id", "Required, a journey defined here: " + Identifier.Rule)
            .Require(map.Actors.Count is > 0 and <= MaxActors, "map.actors", $"1 to {MaxActors}.")
            .Require(map.Relationships.Count <= MaxRelationships, "map.relationships", $"At most {MaxRelationships}.");
        var actors = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(map.Actors.Count, MaxActors); i++)
        {
            var a = map.Actors[i];
            var at = $"map.actors[{i}]";
            var named = a.Kind is V1.ActorKind.Employee or V1.ActorKind.Team;
            validator
                .Require(Identifier.IsValid(a.ActorId), at + ".actor_id", Identifier.Rule)
                .Require(!Identifier.IsValid(a.ActorId) || actors.Add(a.ActorId), at + ".actor_id", $"Actor '{a.ActorId}' appears twice.")
                .Require(a.Kind != V1.ActorKind.Unspecified && Enum.IsDefined(a.Kind), at + ".kind", "Required: CUSTOMER, PERSONA, EMPLOYEE, TEAM, PARTNER or SYSTEM.")
                .Require(a.Name.Trim().Length is > 0 and <= MaxTitle, at + ".name", $"Required, at most {MaxTitle} characters.")
                .Require(a.References.Count <= MaxReferences && a.References.All(r => Identifier.IsReference(r)), at + ".references", $"At most {MaxReferences}, each 1 to 100 characters, no surrounding spaces.")
                .Require(!named || a.References.Count > 0, at + ".references", "Required for an employee or a team: the ids responses and cases name them by.")
                .Require(a.TouchpointIds.Count <= MaxTouchpoints && a.TouchpointIds.All(Identifier.IsValid), at + ".touchpoint_ids", $"At most {MaxTouchpoints}, each a touchpoint id ({Identifier.Rule})");
        }

        var relationships = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(map.Relationships.Count, MaxRelationships); i++)
        {
            var r = map.Relationships[i];
            var at = $"map.relationships[{i}]";
            validator
                .Require(Identifier.IsValid(r.RelationshipId), at + ".relationship_id", Identifier.Rule)
                .Require(!Identifier.IsValid(r.RelationshipId) || relationships.Add(r.RelationshipId), at + ".relationship_id", $"Relationship '{r.RelationshipId}' appears twice.")
                .Require(actors.Contains(r.FromActorId), at + ".from_actor_id", "Required: an actor of this map.")
                .Require(actors.Contains(r.ToActorId), at + ".to_actor_id", "Required: an actor of this map.")
                .Require(r.FromActorId != r.ToActorId || !actors.Contains(r.ToActorId), at + ".to_actor_id", "Another actor than from_actor_id.")
                .Require(r.Kind != V1.RelationshipKind.Unspecified && Enum.IsDefined(r.Kind), at + ".kind", "Required: INTERACTION, DEPENDENCY or VALUE_FLOW.")
                .Require(r.Description.Length <= MaxRelationshipDescription, at + ".description", $"At most {MaxRelationshipDescription} characters.")
                .Require(r.TouchpointIds.Count <= MaxTouchpoints && r.TouchpointIds.All(Identifier.IsValid), at + ".touchpoint_ids", $"At most {MaxTouchpoints}, each a touchpoint id ({Identifier.Rule})");
        }

        validator.ThrowIfInvalid();
        var content = map.Clone();
        content.Title = content.Title.Trim();
        foreach (var a in content.Actors)
        {
            a.Name = a.Name.Trim();
        }

        content.Revision = 0;
        content.CreatedAt = null;
        content.CreatedBy = string.Empty;
        content.UpdatedAt = null;
        content.UpdatedBy = string.Empty;
        return content;
    }

    private async Task RequireJourneyAsync(string journeyId, CancellationToken cancellationToken)
    {
        if (!await db.Journeys.AnyAsync(j => j.JourneyId == journeyId, cancellationToken))
        {
            throw new NotFoundException(JourneysApi.ResourceType, journeyId);
        }
    }

    private async Task<EcosystemMapRecord> FindAsync(string mapId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(mapId), "map_id", Identifier.Rule).ThrowIfInvalid();
        var maps = tracked ? db.EcosystemMaps : db.EcosystemMaps.AsNoTracking();
        return await maps.FirstOrDefaultAsync(m => m.MapId == mapId, cancellationToken) ?? throw new NotFoundException(ResourceType, mapId);
    }

    private static V1.EcosystemSignals ToContract(Tally tally) => new() { OpenCases = tally.OpenCases, NegativeFeedback = tally.NegativeFeedback, Praise = tally.Praise };

    private static V1.EcosystemMap ToContract(EcosystemMapRecord record)
    {
        var map = StoredJson.Message<V1.EcosystemMap>(record.DocumentJson);
        map.Revision = record.Version;
        map.CreatedAt = Stamp(record.CreatedAtUtc);
        map.CreatedBy = record.CreatedBy;
        map.UpdatedAt = Stamp(record.UpdatedAtUtc);
        map.UpdatedBy = record.UpdatedBy;
        return map;
    }

    private static Timestamp Stamp(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
