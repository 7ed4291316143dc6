using Cx.Design.Data;
using Cx.Design.Interchange;
using Cx.Persistence;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Design.V1;

namespace Cx.Design.Briefs;

/// <summary>Briefs in and out as the contract's JSON, which imports back to the same brief (upsert by brief id, nothing changed when nothing differs).</summary>
internal sealed class BriefInterchange(DesignDb db, BriefsApi briefs)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation());

    public async Task<V1.ExportedBrief> ExportAsync(V1.ExportBriefRequest request, CancellationToken cancellationToken)
    {
        var brief = await briefs.GetAsync(request.BriefId, cancellationToken);
        return new V1.ExportedBrief { BriefId = brief.BriefId, Revision = brief.Revision, ContentType = "application/json", Content = Json.Format(BriefsApi.Read(brief)) };
    }

    public async Task<V1.ImportBriefsResponse> ImportAsync(V1.ImportBriefsRequest request, CancellationToken cancellationToken)
    {
        DocumentImport.RequireBatch(request.Briefs, b => b.BriefId, "briefs");
        return new V1.ImportBriefsResponse
        {
            Results = { await DocumentImport.EachAsync(db, request.Briefs, brief => ImportOneAsync(brief, cancellationToken)) },
        };
    }

    private async Task<V1.BriefImportResult> ImportOneAsync(V1.DesignBrief brief, CancellationToken cancellationToken)
    {
        var outcome = await DocumentImport.UpsertAsync(
            brief,
            BriefsApi.Read,
            async content => await db.Briefs.AsNoTracking().FirstOrDefaultAsync(b => b.BriefId == content.BriefId, cancellationToken) is { } existing
                ? new StoredDocument<V1.DesignBrief>(StoredJson.Message<V1.DesignBrief>(existing.DocumentJson), existing.Version, existing.Version)
                : null,
            async content => (await briefs.CreateAsync(content, cancellationToken)).Revision,
            async (content, revision) => (await briefs.UpdateAsync(new V1.UpdateBriefRequest { Brief = content, ExpectedRevision = revision }, cancellationToken)).Revision,
            journeyField: "brief.journey_id");
        return new V1.BriefImportResult { BriefId = brief.BriefId, Outcome = outcome.Outcome, Revision = outcome.At, Field = outcome.Field, Error = outcome.Error };
    }
}
