using Cx.Design.Data;
using Cx.Design.Domain.Ecosystem;
using Cx.Domain.Errors;
using Cx.Persistence;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Design.V1;

namespace Cx.Design.Ecosystem;

/// <summary>
/// Ecosystem maps in and out as documents: the contract's JSON, which imports back to the same map
/// (upsert by map id, nothing changed when nothing differs), and Mermaid flowcharts to draw them.
/// </summary>
internal sealed class EcosystemInterchange(DesignDb db, EcosystemMapsApi maps)
{
    public const int MaxImport = 50;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation());

    public async Task<V1.ExportedEcosystemMap> ExportAsync(V1.ExportEcosystemMapRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(Enum.IsDefined(request.Format), "format", "Not an ExportFormat.").ThrowIfInvalid();
        var map = await maps.GetAsync(request.MapId, cancellationToken);
        var exported = new V1.ExportedEcosystemMap { MapId = map.MapId, Revision = map.Revision };
        (exported.ContentType, exported.Content) = request.Format == V1.ExportFormat.Mermaid
            ? ("text/vnd.mermaid", Mermaid(map))
            : ("application/json", Json.Format(EcosystemMapsApi.Read(map)));
        return exported;
    }

    public async Task<V1.ImportEcosystemMapsResponse> ImportAsync(V1.ImportEcosystemMapsRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(request.Maps.Count is > 0 and <= MaxImport, "maps", $"1 to {MaxImport}.")
            .Require(request.Maps.Select(m => m.MapId).Distinct().Count() == request.Maps.Count, "maps", "Each map id at most once.")
            .ThrowIfInvalid();
        var response = new V1.ImportEcosystemMapsResponse();
        foreach (var map in request.Maps)
        {
            response.Results.Add(await ImportOneAsync(map, cancellationToken));
            db.ChangeTracker.Clear();
        }

        return response;
    }

    private async Task<V1.EcosystemMapImportResult> ImportOneAsync(V1.EcosystemMap map, CancellationToken cancellationToken)
    {
        var result = new V1.EcosystemMapImportResult { MapId = map.MapId };
        try
        {
            var content = EcosystemMapsApi.Read(map);
            var existing = await db.EcosystemMaps.AsNoTracking().FirstOrDefaultAsync(m => m.MapId == content.MapId, cancellationToken);
            if (existing is null)
            {
                (result.Outcome, result.Revision) = (V1.JourneyImportOutcome.Created, (await maps.CreateAsync(content, cancellationToken)).Revision);
            }
            else if (StoredJson.Message<V1.EcosystemMap>(existing.DocumentJson).Equals(content))
            {
                (result.Outcome, result.Revision) = (V1.JourneyImportOutcome.Unchanged, existing.Version);
            }
            else
            {
                var updated = await maps.UpdateAsync(new V1.UpdateEcosystemMapRequest { Map = content, ExpectedRevision = existing.Version }, cancellationToken);
                (result.Outcome, result.Revision) = (V1.JourneyImportOutcome.Updated, updated.Revision);
            }
        }
        catch (ValidationFailedException e)
        {
            var first = e.Violations[0];
            (result.Outcome, result.Field, result.Error) = (V1.JourneyImportOutcome.Rejected, first.Field, first.Description);
        }
        catch (NotFoundException e)
        {
            (result.Outcome, result.Field, result.Error) = (V1.JourneyImportOutcome.Rejected, "map.journey_id", e.Message);
        }

        return result;
    }

    private static string Mermaid(V1.EcosystemMap map) => MermaidEcosystem.Render(
        map.Title,
        map.Actors.Select(a => new MermaidActor(a.ActorId, (ActorKind)(int)a.Kind, a.Name)).ToList(),
        map.Relationships.Select(r => new MermaidRelationship(r.FromActorId, r.ToActorId, (RelationshipKind)(int)r.Kind, r.Description)).ToList());
}
