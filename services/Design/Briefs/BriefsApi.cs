using Cx.Design.Data;
using Cx.Design.Journeys;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using V1 = Cx.Design.V1;

namespace Cx.Design.Briefs;

/// <summary>
/// Design briefs by the five steps: positioning, scenarios, core concerns, innovation, the four
/// senses. A brief is for a to-be journey, and what it names of the journey (personas, steps) is
/// checked against the journey's latest version.
/// </summary>
internal sealed class BriefsApi(DesignDb db, JourneysApi journeys, ActorContext actor, TimeProvider clock)
{
    public const string ResourceType = "brief";
    public const int MaxTitle = 200;
    public const int MaxText = 2_000;
    public const int MaxStatement = 1_000;
    public const int MaxSense = 1_000;
    public const int MaxEntries = 20;
    public const int MaxConcern = 500;

    public async Task<V1.DesignBrief> CreateAsync(V1.DesignBrief? brief, CancellationToken cancellationToken)
    {
        var content = await ReadAsync(brief, cancellationToken);
        if (await db.Briefs.AnyAsync(b => b.BriefId == content.BriefId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, content.BriefId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new BriefRecord { BriefId = content.BriefId, CreatedAtUtc = now, CreatedBy = actor.Actor };
        Write(record, content, now);
        db.Briefs.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, content.BriefId);
        }

        return ToContract(record);
    }

    public async Task<V1.DesignBrief> GetAsync(string briefId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(briefId, tracked: false, cancellationToken));

    public async Task<V1.ListBriefsResponse> ListAsync(V1.ListBriefsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.JourneyId.Length == 0 || Identifier.IsValid(request.JourneyId), "journey_id", "Empty, or a journey id: " + Identifier.Rule)
            .Require(request.PainPointId.Length == 0 || Identifier.IsValid(request.PainPointId), "pain_point_id", "Empty, or a pain point id: " + Identifier.Rule);
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var briefs = db.Briefs.AsNoTracking();
        if (request.JourneyId.Length > 0)
        {
            briefs = briefs.Where(b => b.JourneyId == request.JourneyId);
        }

        if (request.PainPointId.Length > 0)
        {
            var key = "|" + request.PainPointId + "|";
            briefs = briefs.Where(b => b.PainPointIdsKey.Contains(key));
        }

        if (page.AfterKey is { } after)
        {
            briefs = briefs.Where(b => string.Compare(b.BriefId, after) > 0);
        }

        var window = await briefs.OrderBy(b => b.BriefId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListBriefsResponse { Briefs = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].BriefId);
        }

        return response;
    }

    public async Task<V1.DesignBrief> UpdateAsync(V1.UpdateBriefRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.ExpectedRevision >= 0, "expected_revision", "Zero (any revision) or the revision read.").ThrowIfInvalid();
        var content = await ReadAsync(request.Brief, cancellationToken);
        var record = await FindAsync(content.BriefId, tracked: true, cancellationToken);
        ReadBeforeWrite.RequireRevision(request.ExpectedRevision, record.Version, "Brief " + record.BriefId, "brief/" + record.BriefId);

        Write(record, content, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    private void Write(BriefRecord record, V1.DesignBrief content, DateTime now)
    {
        record.JourneyId = content.JourneyId;
        record.PainPointIdsKey = "|" + string.Concat(content.PainPointIds.Select(p => p + "|"));
        record.DocumentJson = StoredJson.Message(content);
        record.UpdatedAtUtc = now;
        record.UpdatedBy = actor.Actor;
    }

    /// <summary>
    /// The brief as given, checked whole (every field at fault named), then against its journey:
    /// NOT_FOUND without one, FAILED_PRECONDITION when it is not to-be, and the personas and steps
    /// it names must be the journey's.
    /// </summary>
    private async Task<V1.DesignBrief> ReadAsync(V1.DesignBrief? brief, CancellationToken cancellationToken)
    {
        var content = Read(brief);
        var journey = await journeys.GetAsync(new V1.GetJourneyRequest { JourneyId = content.JourneyId, View = V1.JourneyView.Full }, cancellationToken);
        if (journey.State != V1.JourneyState.ToBe)
        {
            throw new PreconditionFailedException("NOT_TO_BE", "journey/" + journey.JourneyId,
                $"Journey {journey.JourneyId} is {journey.State}: a brief designs a to-be journey, so draw the redraw first (state TO_BE, as_is_journey_id {journey.JourneyId}).");
        }

        var steps = journey.Steps.Select(s => s.StepId).ToHashSet(StringComparer.Ordinal);
        var personas = journey.PersonaIds.ToHashSet(StringComparer.Ordinal);
        var validator = new Validator().Require(content.Positioning.PersonaIds.All(personas.Contains), "brief.positioning.persona_ids", $"Personas journey {journey.JourneyId} is drawn for.");
        for (var i = 0; i < content.Scenarios.Count; i++)
        {
            validator.Require(content.Scenarios[i].StepIds.All(steps.Contains), $"brief.scenarios[{i}].step_ids", $"Steps of journey {journey.JourneyId}'s latest version.");
        }

        for (var i = 0; i < content.Ideas.Count; i++)
        {
            validator.Require(content.Ideas[i].StepIds.All(steps.Contains), $"brief.ideas[{i}].step_ids", $"Steps of journey {journey.JourneyId}'s latest version.");
        }

        validator.ThrowIfInvalid();
        return content;
    }

    /// <summary>The brief's shape, checked whole: every field at fault named, and only its content kept.</summary>
    internal static V1.DesignBrief Read(V1.DesignBrief? brief)
    {
        var validator = new Validator();
        if (brief is null)
        {
            validator.Add("brief", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(brief!.BriefId), "brief.brief_id", Identifier.Rule)
            .Require(brief.Title.Trim().Length is > 0 and <= MaxTitle, "brief.title", $"Required, at most {MaxTitle} characters.")
            .Require(Identifier.IsValid(brief.JourneyId), "brief.journey_id", "Required, a to-be journey defined here: " + Identifier.Rule)
            .Require(brief.PainPointIds.Count <= MaxEntries && brief.PainPointIds.All(Identifier.IsValid), "brief.pain_point_ids", $"At most {MaxEntries}, each a pain point id ({Identifier.Rule})")
            .Require(brief.PainPointIds.Distinct().Count() == brief.PainPointIds.Count, "brief.pain_point_ids", "Each pain point at most once.")
            .Require(brief.Positioning is not null, "brief.positioning", "Required: whom the experience is for.")
            .Require(brief.Scenarios.Count is > 0 and <= MaxEntries, "brief.scenarios", $"1 to {MaxEntries}.")
            .Require(brief.CoreConcerns.Count is > 0 and <= MaxEntries && brief.CoreConcerns.All(c => c.Trim().Length is > 0 and <= MaxConcern), "brief.core_concerns", $"1 to {MaxEntries}, each 1 to {MaxConcern} characters.")
            .Require(brief.Ideas.Count is > 0 and <= MaxEntries, "brief.ideas", $"1 to {MaxEntries}.")
            .Require(brief.Senses is not null && new[] { brief.Senses.Sight, brief.Senses.Sound, brief.Senses.Touch, brief.Senses.SmellTaste }.Any(s => s.Trim().Length > 0), "brief.senses", "Required, with at least one sense that applies.");
        if (brief.Positioning is { } positioning)
        {
            validator
                .Require(positioning.PersonaIds.Count + positioning.SegmentIds.Count > 0, "brief.positioning", "At least one persona or segment.")
                .Require(positioning.PersonaIds.Count <= MaxEntries && positioning.PersonaIds.All(Identifier.IsValid), "brief.positioning.persona_ids", $"At most {MaxEntries}, each a persona id.")
                .Require(positioning.SegmentIds.Count <= MaxEntries && positioning.SegmentIds.All(Identifier.IsValid), "brief.positioning.segment_ids", $"At most {MaxEntries}, each a segment id.")
                .Require(positioning.Statement.Trim().Length is > 0 and <= MaxStatement, "brief.positioning.statement", $"Required, at most {MaxStatement:N0} characters.");
        }

        for (var i = 0; i < Math.Min(brief.Scenarios.Count, MaxEntries); i++)
        {
            var scenario = brief.Scenarios[i];
            validator
                .Require(scenario.Title.Trim().Length is > 0 and <= MaxTitle, $"brief.scenarios[{i}].title", $"Required, at most {MaxTitle} characters.")
                .Require(scenario.Description.Length <= MaxText, $"brief.scenarios[{i}].description", $"At most {MaxText:N0} characters.")
                .Require(scenario.StepIds.Count <= MaxEntries, $"brief.scenarios[{i}].step_ids", $"At most {MaxEntries}.");
        }

        for (var i = 0; i < Math.Min(brief.Ideas.Count, MaxEntries); i++)
        {
            var idea = brief.Ideas[i];
            validator
                .Require(idea.Title.Trim().Length is > 0 and <= MaxTitle, $"brief.ideas[{i}].title", $"Required, at most {MaxTitle} characters.")
                .Require(idea.Description.Length <= MaxText, $"brief.ideas[{i}].description", $"At most {MaxText:N0} characters.")
                .Require(idea.StepIds.Count <= MaxEntries, $"brief.ideas[{i}].step_ids", $"At most {MaxEntries}.")
                .Require(idea.AnswersConcerns.All(c => c >= 0 && c < brief.CoreConcerns.Count), $"brief.ideas[{i}].answers_concerns", "Positions in core_concerns, from 0.");
        }

        if (brief.Senses is { } senses)
        {
            foreach (var (sense, field) in new[] { (senses.Sight, "sight"), (senses.Sound, "sound"), (senses.Touch, "touch"), (senses.SmellTaste, "smell_taste") })
            {
                validator.Require(sense.Length <= MaxSense, "brief.senses." + field, $"At most {MaxSense:N0} characters.");
            }
        }

        validator.ThrowIfInvalid();
        var content = brief.Clone();
        content.Title = content.Title.Trim();
        content.Revision = 0;
        content.CreatedAt = null;
        content.CreatedBy = string.Empty;
        content.UpdatedAt = null;
        content.UpdatedBy = string.Empty;
        return content;
    }

    private async Task<BriefRecord> FindAsync(string briefId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(briefId), "brief_id", Identifier.Rule).ThrowIfInvalid();
        var briefs = tracked ? db.Briefs : db.Briefs.AsNoTracking();
        return await briefs.FirstOrDefaultAsync(b => b.BriefId == briefId, cancellationToken) ?? throw new NotFoundException(ResourceType, briefId);
    }

    private static V1.DesignBrief ToContract(BriefRecord record)
    {
        var brief = StoredJson.Message<V1.DesignBrief>(record.DocumentJson);
        brief.Revision = record.Version;
        brief.CreatedAt = Stamp(record.CreatedAtUtc);
        brief.CreatedBy = record.CreatedBy;
        brief.UpdatedAt = Stamp(record.UpdatedAtUtc);
        brief.UpdatedBy = record.UpdatedBy;
        return brief;
    }

    private static Timestamp Stamp(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
