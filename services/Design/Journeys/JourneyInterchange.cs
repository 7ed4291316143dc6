using Cx.Design.Data;
using Cx.Design.Domain.Journeys;
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
    public const int MaxImport = 50;

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
        new Validator()
            .Require(request.Journeys.Count is > 0 and <= MaxImport, "journeys", $"1 to {MaxImport}.")
            .Require(request.Journeys.Select(j => j.JourneyId).Distinct().Count() == request.Journeys.Count, "journeys", "Each journey id at most once.")
            .ThrowIfInvalid();
        var response = new V1.ImportJourneysResponse();
        foreach (var journey in request.Journeys)
        {
            response.Results.Add(await ImportOneAsync(journey, cancellationToken));
            db.ChangeTracker.Clear();
        }

        return response;
    }

    private async Task<V1.JourneyImportResult> ImportOneAsync(V1.Journey journey, CancellationToken cancellationToken)
    {
        var result = new V1.JourneyImportResult { JourneyId = journey.JourneyId };
        try
        {
            var content = JourneysApi.Read(journey);
            var existing = await db.Journeys.AsNoTracking().FirstOrDefaultAsync(j => j.JourneyId == content.JourneyId, cancellationToken);
            if (existing is null)
            {
                (result.Outcome, result.Version) = (V1.JourneyImportOutcome.Created, (await journeys.CreateAsync(content, cancellationToken)).Version);
                return result;
            }

            var latest = await db.JourneyVersions.AsNoTracking().FirstAsync(v => v.JourneyId == existing.JourneyId && v.Version == existing.LatestVersion, cancellationToken);
            if (StoredJson.Message<V1.Journey>(latest.DocumentJson).Equals(content))
            {
                (result.Outcome, result.Version) = (V1.JourneyImportOutcome.Unchanged, latest.Version);
                return result;
            }

            var updated = await journeys.UpdateAsync(new V1.UpdateJourneyRequest { Journey = content, ExpectedRevision = existing.Version }, cancellationToken);
            (result.Outcome, result.Version) = (V1.JourneyImportOutcome.Updated, updated.Version);
        }
        catch (ValidationFailedException e)
        {
            var first = e.Violations[0];
            (result.Outcome, result.Field, result.Error) = (V1.JourneyImportOutcome.Rejected, first.Field, first.Description);
        }

        return result;
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
