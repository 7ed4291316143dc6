using Cx.Design.Data;
using Cx.Design.Domain.Ecosystem;
using Cx.Design.Interchange;
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
        DocumentImport.RequireBatch(request.Maps, m => m.MapId, "maps");
        return new V1.ImportEcosystemMapsResponse
        {
            Results = { await DocumentImport.EachAsync(db, request.Maps, map => ImportOneAsync(map, cancellationToken)) },
        };
    }

    private async Task<V1.EcosystemMapImportResult> ImportOneAsync(V1.EcosystemMap map, CancellationToken cancellationToken)
    {
        var outcome = await DocumentImport.UpsertAsync(
            map,
            EcosystemMapsApi.Read,
            async content => await db.EcosystemMaps.AsNoTracking().FirstOrDefaultAsync(m => m.MapId == content.MapId, cancellationToken) is { } existing
                ? new StoredDocument<V1.EcosystemMap>(StoredJson.Message<V1.EcosystemMap>(existing.DocumentJson), existing.Version, existing.Version)
                : null,
            async content => (await maps.CreateAsync(content, cancellationToken)).Revision,
            async (content, revision) => (await maps.UpdateAsync(new V1.UpdateEcosystemMapRequest { Map = content, ExpectedRevision = revision }, cancellationToken)).Revision,
            journeyField: "map.journey_id");
        return new V1.EcosystemMapImportResult { MapId = map.MapId, Outcome = outcome.Outcome, Revision = outcome.At, Field = outcome.Field, Error = outcome.Error };
    }

    private static string Mermaid(V1.EcosystemMap map) => MermaidEcosystem.Render(
        map.Title,
        map.Actors.Select(a => new MermaidActor(a.ActorId, (ActorKind)(int)a.Kind, a.Name)).ToList(),
        map.Relationships.Select(r => new MermaidRelationship(r.FromActorId, r.ToActorId, (RelationshipKind)(int)r.Kind, r.Description)).ToList());
}
