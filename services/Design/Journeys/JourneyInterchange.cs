using Cx.Design.Data;
using Cx.Design.Domain.Journeys;
using Cx.Design.Interchange;
using Cx.Domain.Errors;
using Cx.Persistence;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Design.V1;

namespace Cx.Design.Journeys;

/// <summary>
/// Journeys in and out as documents: the contract's JSON, which imports back to the same journey
/// (upsert by journey id, nothing changed when nothing differs), and Mermaid diagrams to draw them.
/// </summary>
internal sealed class JourneyInterchange(DesignDb db, JourneysApi journeys)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation());

    public async Task<V1.ExportedJourney> ExportAsync(V1.ExportJourneyRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(Enum.IsDefined(request.Format), "format", "Not an ExportFormat.").ThrowIfInvalid();
        var journey = await journeys.GetAsync(new V1.GetJourneyRequest { JourneyId = request.JourneyId, Version = request.Version }, cancellationToken);
        var exported = new V1.ExportedJourney { JourneyId = journey.JourneyId, Version = journey.Version };
        if (request.Format == V1.ExportFormat.Mermaid)
        {
            (exported.ContentType, exported.Content) = ("text/vnd.mermaid", Mermaid(journey));
        }
        else
        {
            (exported.ContentType, exported.Content) = ("application/json", Json.Format(JourneysApi.Read(journey)));
        }

        return exported;
    }

    public async Task<V1.ImportJourneysResponse> ImportAsync(V1.ImportJourneysRequest request, CancellationToken cancellationToken)
    {
        DocumentImport.RequireBatch(request.Journeys, j => j.JourneyId, "journeys");
        return new V1.ImportJourneysResponse
        {
            Results = { await DocumentImport.EachAsync(db, request.Journeys, journey => ImportOneAsync(journey, cancellationToken)) },
        };
    }

    private async Task<V1.JourneyImportResult> ImportOneAsync(V1.Journey journey, CancellationToken cancellationToken)
    {
        var outcome = await DocumentImport.UpsertAsync(
            journey,
            JourneysApi.Read,
            async content =>
            {
                var existing = await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.JourneyId == content.JourneyId, cancellationToken);
                if (existing is null)
                {
                    return null;
                }

                var latest = await db.JourneyVersions.AsNoTracking().FirstAsync(v => v.JourneyId == existing.JourneyId && v.Version == existing.LatestVersion, cancellationToken);
                return new StoredDocument<V1.Journey>(StoredJson.Message<V1.Journey>(latest.DocumentJson), existing.Version, latest.Version);
            },
            async content => (await journeys.CreateAsync(content, cancellationToken)).Version,
            async (content, revision) => (await journeys.UpdateAsync(new V1.UpdateJourneyRequest { Journey = content, ExpectedRevision = revision }, cancellationToken)).Version);
        return new V1.JourneyImportResult { JourneyId = journey.JourneyId, Outcome = outcome.Outcome, Version = (int)outcome.At, Field = outcome.Field, Error = outcome.Error };
    }

    private static string Mermaid(V1.Journey journey)
    {
        var stages = journey.Stages.Select(s => new OutlineStage(s.StageId, s.ParentStageId)).ToList();
        var sections = journey.Stages.Where(s => s.ParentStageId.Length == 0).Select(top => new MermaidSection(
            top.Title,
            journey.Steps
                .Where(step => JourneyOutline.Ancestry(step.StageId, stages)[0] == top.StageId)
                .Select(step => new MermaidTask(step.Title, step.Emotions.Select(e => e.Value).ToList(), step.Emotions.Select(e => e.PersonaId).ToList()))
                .ToList())).ToList();
        return MermaidJourney.Render(journey.Title, sections);
    }
}
