using System.Globalization;
using Cx.Design.Data;
using Cx.Design.Domain.Journeys;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Design.V1;

namespace Cx.Design.Journeys;

/// <summary>
/// Journeys and their versions: a draft changes in place, a published version never does, and
/// editing a published journey starts the next version.
/// </summary>
internal sealed class JourneysApi(DesignDb db, ActorContext actor, TimeProvider clock, JourneyReviewGate gate)
{
    public const string ResourceType = "journey";
    public const int MaxTitle = 200;
    public const int MaxDescription = 2_000;
    public const int MaxPersonas = 20;
    public const int MaxStages = 50;
    public const int MaxSteps = 200;
    public const int MaxTouchpoints = 20;
    public const int MaxLaneEntries = 20;
    public const int MaxLaneEntry = 500;
    public const int MaxSystems = 20;

    public async Task<V1.Journey> CreateAsync(V1.Journey? journey, CancellationToken cancellationToken)
    {
        var content = Read(journey);
        if (await db.Journeys.AnyAsync(j => j.JourneyId == content.JourneyId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, content.JourneyId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new JourneyRecord { JourneyId = content.JourneyId, LatestVersion = 1, Type = (int)content.Type, State = (int)content.State };
        var version = NewVersion(content, 1, now);
        db.Journeys.Add(record);
        db.JourneyVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, content.JourneyId);
        }

        return await ShowAsync(ToContract(record, version, V1.JourneyView.Full), cancellationToken);
    }

    public async Task<V1.Journey> GetAsync(V1.GetJourneyRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(Identifier.IsValid(request.JourneyId), "journey_id", Identifier.Rule)
            .Require(request.Version >= 0, "version", "0 (the latest) or a version number.")
            .Require(Enum.IsDefined(request.View), "view", "Not a JourneyView.")
            .ThrowIfInvalid();
        var journey = await FindAsync(request.JourneyId, tracked: false, cancellationToken);
        return await VersionAsync(journey, request.Version == 0 ? journey.LatestVersion : request.Version, request.View == V1.JourneyView.Basic ? V1.JourneyView.Basic : V1.JourneyView.Full, cancellationToken);
    }

    /// <summary>
    /// The full view of the version asked for, or (0) of the published version, or of the latest
    /// while none is published: the version results are read against. The journey's row is read once
    /// for both the choice and the answer.
    /// </summary>
    public async Task<V1.Journey> GetPublishedAsync(string journeyId, int version, CancellationToken cancellationToken)
    {
        var journey = await FindAsync(journeyId, tracked: false, cancellationToken);
        var number = version != 0 ? version : journey.PublishedVersion != 0 ? journey.PublishedVersion : journey.LatestVersion;
        return await VersionAsync(journey, number, V1.JourneyView.Full, cancellationToken);
    }

    public async Task<V1.ListJourneysResponse> ListAsync(V1.ListJourneysRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(Enum.IsDefined(request.Type), "type", "Not a JourneyType.")
            .Require(Enum.IsDefined(request.State), "state", "Not a JourneyState.")
            .Require(Enum.IsDefined(request.View), "view", "Not a JourneyView.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var journeys = db.Journeys.AsNoTracking();
        if (request.Type != V1.JourneyType.Unspecified)
        {
            journeys = journeys.Where(j => j.Type == (int)request.Type);
        }

        if (request.State != V1.JourneyState.Unspecified)
        {
            journeys = journeys.Where(j => j.State == (int)request.State);
        }

        if (request.PublishedOnly)
        {
            journeys = journeys.Where(j => j.PublishedVersion > 0);
        }

        if (page.AfterKey is { } after)
        {
            journeys = journeys.Where(j => string.Compare(j.JourneyId, after) > 0);
        }

        var window = await journeys.OrderBy(j => j.JourneyId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var shown = window.Take(page.Size).ToList();
        var ids = shown.Select(j => j.JourneyId).ToList();
        var latest = (await db.JourneyVersions.AsNoTracking().Where(v => ids.Contains(v.JourneyId)).Join(db.Journeys, v => new { v.JourneyId, v.Version }, j => new { j.JourneyId, Version = j.LatestVersion }, (v, _) => v).ToListAsync(cancellationToken))
            .ToDictionary(v => v.JourneyId, StringComparer.Ordinal);
        var view = request.View == V1.JourneyView.Full ? V1.JourneyView.Full : V1.JourneyView.Basic;
        var response = new V1.ListJourneysResponse { Journeys = { shown.Select(j => ToContract(j, latest[j.JourneyId], view)) } };
        if (view == V1.JourneyView.Full)
        {
            await ShowPainPointsAsync(response.Journeys, cancellationToken);
        }

        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(shown[^1].JourneyId);
        }

        return response;
    }

    public async Task<V1.Journey> UpdateAsync(V1.UpdateJourneyRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.ExpectedRevision >= 0, "expected_revision", "Zero (any revision) or the revision read.").ThrowIfInvalid();
        var content = Read(request.Journey);
        var journey = await FindAsync(content.JourneyId, tracked: true, cancellationToken);
        RequireRevision(journey, request.ExpectedRevision);
        var latest = await db.JourneyVersions.FirstAsync(v => v.JourneyId == journey.JourneyId && v.Version == journey.LatestVersion, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (latest.Status == (int)V1.JourneyVersionStatus.Draft)
        {
            latest.DocumentJson = StoredJson.Message(content);
            latest.StepIdsKey = StepIdsKey(content);
            latest.UpdatedAtUtc = now;
            latest.UpdatedBy = actor.Actor;
        }
        else
        {
            latest = NewVersion(content, journey.LatestVersion + 1, now);
            db.JourneyVersions.Add(latest);
            journey.LatestVersion = latest.Version;
        }

        journey.Type = (int)content.Type;
        journey.State = (int)content.State;
        await SaveAsync(journey, cancellationToken);
        return await ShowAsync(ToContract(journey, latest, V1.JourneyView.Full), cancellationToken);
    }

    public async Task<V1.Journey> PublishAsync(V1.PublishJourneyRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(Identifier.IsValid(request.JourneyId), "journey_id", Identifier.Rule)
            .Require(request.ExpectedRevision >= 0, "expected_revision", "Zero (any revision) or the revision read.")
            .ThrowIfInvalid();
        var journey = await FindAsync(request.JourneyId, tracked: true, cancellationToken);
        RequireRevision(journey, request.ExpectedRevision);
        var latest = await db.JourneyVersions.FirstAsync(v => v.JourneyId == journey.JourneyId && v.Version == journey.LatestVersion, cancellationToken);
        if (latest.Status != (int)V1.JourneyVersionStatus.Draft)
        {
            throw new PreconditionFailedException("ALREADY_PUBLISHED", $"journey/{journey.JourneyId}/{latest.Version}",
                $"Version {latest.Version} of journey {journey.JourneyId} is published already: change the journey to start version {latest.Version + 1}, then publish that.");
        }

        if (journey.State == (int)V1.JourneyState.ToBe)
        {
            latest.ReviewId = await gate.PassAsync(latest, StoredJson.Message<V1.Journey>(latest.DocumentJson), cancellationToken);
        }

        if (journey.PublishedVersion > 0)
        {
            var previous = await db.JourneyVersions.FirstAsync(v => v.JourneyId == journey.JourneyId && v.Version == journey.PublishedVersion, cancellationToken);
            previous.Status = (int)V1.JourneyVersionStatus.Superseded;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        latest.Status = (int)V1.JourneyVersionStatus.Published;
        latest.PublishedAtUtc = now;
        latest.PublishedBy = actor.Actor;
        journey.PublishedVersion = latest.Version;
        db.Raise(Announcement(StoredJson.Message<V1.Journey>(latest.DocumentJson), latest.Version, now), journey.JourneyId);
        await SaveAsync(journey, cancellationToken);
        return await ShowAsync(ToContract(journey, latest, V1.JourneyView.Full), cancellationToken);
    }

    public async Task<V1.ListJourneyVersionsResponse> ListVersionsAsync(V1.ListJourneyVersionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator().Require(Identifier.IsValid(request.JourneyId), "journey_id", Identifier.Rule);
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        int? before = null;
        if (page.AfterKey is { } key)
        {
            before = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
            validator.Require(before is not null, "page_token", "Not a token this API issued: pass next_page_token from a previous response unchanged.");
        }

        validator.ThrowIfInvalid();
        var journey = await FindAsync(request.JourneyId, tracked: false, cancellationToken);
        var versions = db.JourneyVersions.AsNoTracking().Where(v => v.JourneyId == journey.JourneyId);
        if (before is { } last)
        {
            versions = versions.Where(v => v.Version < last);
        }

        var window = await versions.OrderByDescending(v => v.Version).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListJourneyVersionsResponse { Versions = { window.Take(page.Size).Select(v => ToContract(journey, v, V1.JourneyView.Basic)) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].Version.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    public async Task<V1.ResolvedJourneyStep> ResolveStepAsync(V1.ResolveJourneyStepRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(Identifier.IsValid(request.JourneyId), "journey_id", Identifier.Rule)
            .Require(Identifier.IsValid(request.JourneyStepId), "journey_step_id", Identifier.Rule)
            .ThrowIfInvalid();
        var journey = await FindAsync(request.JourneyId, tracked: false, cancellationToken);
        var key = "|" + request.JourneyStepId + "|";
        var published = await db.JourneyVersions.AsNoTracking()
            .Where(v => v.JourneyId == journey.JourneyId && v.PublishedAtUtc != null)
            .Select(v => new { v.Version, v.PublishedAtUtc, Holds = v.StepIdsKey.Contains(key) })
            .ToListAsync(cancellationToken);
        var at = request.At?.ToDateTime() ?? clock.GetUtcNow().UtcDateTime;
        var number = StepResolution.VersionFor(published.Select(v => new PublishedVersion(v.Version, v.PublishedAtUtc!.Value, v.Holds)).ToList(), at)
            ?? throw new NotFoundException("journey step", $"{journey.JourneyId}/{request.JourneyStepId}");
        var version = await db.JourneyVersions.AsNoTracking().FirstAsync(v => v.JourneyId == journey.JourneyId && v.Version == number, cancellationToken);
        var content = StoredJson.Message<V1.Journey>(version.DocumentJson);
        var step = content.Steps.First(s => s.StepId == request.JourneyStepId);
        var stages = content.Stages.ToDictionary(s => s.StageId, StringComparer.Ordinal);
        return new V1.ResolvedJourneyStep
        {
            JourneyId = journey.JourneyId,
            Version = version.Version,
            Status = (V1.JourneyVersionStatus)version.Status,
            JourneyTitle = content.Title,
            Stages = { JourneyOutline.Ancestry(step.StageId, Outline(content).Stages).Select(id => stages[id]) },
            Step = step,
        };
    }

    /// <summary>The journey as given, checked whole: every field that is wrong is named, and only the content is kept (what a version stores).</summary>
    internal static V1.Journey Read(V1.Journey? journey)
    {
        var validator = new Validator();
        if (journey is null)
        {
            validator.Add("journey", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(journey!.JourneyId), "journey.journey_id", Identifier.Rule)
            .Require(journey.Title.Trim().Length is > 0 and <= MaxTitle, "journey.title", $"Required, at most {MaxTitle} characters.")
            .Require(journey.Description.Length <= MaxDescription, "journey.description", $"At most {MaxDescription:N0} characters.")
            .Require(journey.Type != V1.JourneyType.Unspecified && Enum.IsDefined(journey.Type), "journey.type", "Required: MACRO, MICRO or SERVICE_BLUEPRINT.")
            .Require(journey.State != V1.JourneyState.Unspecified && Enum.IsDefined(journey.State), "journey.state", "Required: AS_IS, TO_BE or RESEARCH.")
            .Require(journey.PersonaIds.Count <= MaxPersonas && journey.PersonaIds.All(Identifier.IsValid), "journey.persona_ids", $"At most {MaxPersonas}, each a persona id ({Identifier.Rule})")
            .Require(journey.PersonaIds.Distinct().Count() == journey.PersonaIds.Count, "journey.persona_ids", "Each persona at most once.")
            .Require(journey.AsIsJourneyId.Length == 0 || (Identifier.IsValid(journey.AsIsJourneyId) && journey.AsIsJourneyId != journey.JourneyId), "journey.as_is_journey_id", "Empty, or another journey's id.")
            .Require(journey.AsIsJourneyId.Length == 0 || journey.State != V1.JourneyState.AsIs, "journey.as_is_journey_id", "Only a to-be or research journey redraws an as-is one.")
            .Require(journey.Stages.Count is > 0 and <= MaxStages, "journey.stages", $"1 to {MaxStages}.")
            .Require(journey.Steps.Count is > 0 and <= MaxSteps, "journey.steps", $"1 to {MaxSteps}.");
        for (var i = 0; i < journey.Stages.Count; i++)
        {
            var stage = journey.Stages[i];
            validator
                .Require(Identifier.IsValid(stage.StageId), $"journey.stages[{i}].stage_id", Identifier.Rule)
                .Require(stage.Title.Trim().Length is > 0 and <= MaxTitle, $"journey.stages[{i}].title", $"Required, at most {MaxTitle} characters.")
                .Require(stage.ParentStageId.Length == 0 || Identifier.IsValid(stage.ParentStageId), $"journey.stages[{i}].parent_stage_id", "Empty, or a stage id of this journey.");
        }

        var personas = journey.PersonaIds.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < journey.Steps.Count; i++)
        {
            ReadStep(journey.Steps[i], $"journey.steps[{i}]", personas, validator);
        }

        var outline = Outline(journey);
        foreach (var problem in JourneyOutline.Check(outline.Stages, outline.Steps))
        {
            validator.Add(problem.Kind == JourneyOutline.Stage ? $"journey.stages[{problem.Index}]" : $"journey.steps[{problem.Index}].stage_id", problem.Description);
        }

        validator.ThrowIfInvalid();
        var content = journey.Clone();
        content.Title = content.Title.Trim();
        foreach (var step in content.Steps)
        {
            step.IdentifiedPainPoints.Clear();
        }

        content.Version = 0;
        content.Status = V1.JourneyVersionStatus.Unspecified;
        content.Revision = 0;
        content.CreatedAt = null;
        content.CreatedBy = string.Empty;
        content.UpdatedAt = null;
        content.UpdatedBy = string.Empty;
        content.PublishedAt = null;
        content.PublishedBy = string.Empty;
        content.PublishedVersion = 0;
        return content;
    }

    private static void ReadStep(V1.JourneyStep step, string at, HashSet<string> personas, Validator validator)
    {
        var touchpoints = new HashSet<string>(StringComparer.Ordinal);
        validator
            .Require(Identifier.IsValid(step.StepId), at + ".step_id", Identifier.Rule)
            .Require(step.Title.Trim().Length is > 0 and <= MaxTitle, at + ".title", $"Required, at most {MaxTitle} characters.")
            .Require(step.Description.Length <= MaxDescription, at + ".description", $"At most {MaxDescription:N0} characters.")
            .Require(step.Touchpoints.Count <= MaxTouchpoints, at + ".touchpoints", $"At most {MaxTouchpoints}.")
            .Require(step.PainPointIds.Count <= MaxLaneEntries && step.PainPointIds.All(Identifier.IsValid), at + ".pain_point_ids", $"At most {MaxLaneEntries}, each a pain point id ({Identifier.Rule})");
        foreach (var (lane, entries) in new[] { ("actions", step.Actions), ("thoughts", step.Thoughts), ("pain_points", step.PainPoints), ("opportunities", step.Opportunities) })
        {
            validator.Require(entries.Count <= MaxLaneEntries && entries.All(e => e.Trim().Length is > 0 and <= MaxLaneEntry), $"{at}.{lane}", $"At most {MaxLaneEntries} entries, each 1 to {MaxLaneEntry} characters.");
        }

        for (var t = 0; t < step.Touchpoints.Count; t++)
        {
            var touchpoint = step.Touchpoints[t];
            var field = $"{at}.touchpoints[{t}]";
            validator
                .Require(Identifier.IsValid(touchpoint.TouchpointId), field + ".touchpoint_id", Identifier.Rule)
                .Require(!Identifier.IsValid(touchpoint.TouchpointId) || touchpoints.Add(touchpoint.TouchpointId), field + ".touchpoint_id", $"Touchpoint '{touchpoint.TouchpointId}' appears twice at this step.")
                .Require(touchpoint.Title.Length <= MaxTitle, field + ".title", $"At most {MaxTitle} characters.")
                .Require(touchpoint.Channel.Length == 0 || Identifier.IsReference(touchpoint.Channel), field + ".channel", "At most 100 characters, no surrounding spaces.")
                .Require(touchpoint.Staging != V1.Staging.Unspecified && Enum.IsDefined(touchpoint.Staging), field + ".staging", "Required: FRONT or BACK.")
                .Require(touchpoint.OwningTeamId.Length == 0 || Identifier.IsReference(touchpoint.OwningTeamId), field + ".owning_team_id", "At most 100 characters, no surrounding spaces.")
                .Require(touchpoint.SupportingSystems.Count <= MaxSystems && touchpoint.SupportingSystems.All(s => Identifier.IsReference(s)), field + ".supporting_systems", $"At most {MaxSystems}, each 1 to 100 characters, no surrounding spaces.");
        }

        var felt = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < step.Emotions.Count; e++)
        {
            var emotion = step.Emotions[e];
            var field = $"{at}.emotions[{e}]";
            validator
                .Require(personas.Contains(emotion.PersonaId), field + ".persona_id", "One of the journey's persona_ids.")
                .Require(felt.Add(emotion.PersonaId), field + ".persona_id", $"Persona '{emotion.PersonaId}' already has an emotion at this step.")
                .Require(emotion.Value is >= -2 and <= 2, field + ".value", "From -2 (very negative) to +2 (very positive).")
                .Require(emotion.Note.Length <= MaxLaneEntry, field + ".note", $"At most {MaxLaneEntry} characters.");
        }
    }

    private static (List<OutlineStage> Stages, List<OutlineStep> Steps) Outline(V1.Journey journey) =>
        (journey.Stages.Select(s => new OutlineStage(s.StageId, s.ParentStageId)).ToList(), journey.Steps.Select(s => new OutlineStep(s.StepId, s.StageId)).ToList());

    private JourneyVersionRecord NewVersion(V1.Journey content, int number, DateTime now) => new()
    {
        JourneyId = content.JourneyId,
        Version = number,
        Status = (int)V1.JourneyVersionStatus.Draft,
        DocumentJson = StoredJson.Message(content),
        StepIdsKey = StepIdsKey(content),
        CreatedAtUtc = now,
        CreatedBy = actor.Actor,
        UpdatedAtUtc = now,
        UpdatedBy = actor.Actor,
    };

    private async Task<V1.Journey> VersionAsync(JourneyRecord journey, int number, V1.JourneyView view, CancellationToken cancellationToken)
    {
        var version = await db.JourneyVersions.AsNoTracking().FirstOrDefaultAsync(v => v.JourneyId == journey.JourneyId && v.Version == number, cancellationToken)
            ?? throw new NotFoundException("journey version", $"{journey.JourneyId}/{number}");
        var contract = ToContract(journey, version, view);
        return view == V1.JourneyView.Basic ? contract : await ShowAsync(contract, cancellationToken);
    }

    private async Task<V1.Journey> ShowAsync(V1.Journey journey, CancellationToken cancellationToken)
    {
        await ShowPainPointsAsync([journey], cancellationToken);
        return journey;
    }

    /// <summary>Puts on each step the pain points Understanding identifies there now: confirmed first, then by mentions.</summary>
    private async Task ShowPainPointsAsync(IReadOnlyCollection<V1.Journey> journeys, CancellationToken cancellationToken)
    {
        var ids = journeys.Select(j => j.JourneyId).ToList();
        var painPoints = await db.StepPainPoints.AsNoTracking()
            .Where(p => ids.Contains(p.JourneyId) && !p.Dismissed)
            .ToListAsync(cancellationToken);
        var byStep = painPoints
            .OrderByDescending(p => p.Confirmed).ThenByDescending(p => p.Mentions).ThenBy(p => p.PainPointId, StringComparer.Ordinal)
            .ToLookup(p => (p.JourneyId, p.JourneyStepId));
        foreach (var journey in journeys)
        {
            foreach (var step in journey.Steps)
            {
                step.IdentifiedPainPoints.Clear();
                step.IdentifiedPainPoints.Add(byStep[(journey.JourneyId, step.StepId)].Select(p => new V1.StepPainPoint
                {
                    PainPointId = p.PainPointId,
                    Title = p.Title,
                    FoundInComments = p.FoundInComments,
                    Confirmed = p.Confirmed,
                    Mentions = p.Mentions,
                    Share = p.Share,
                }));
            }
        }
    }

    /// <summary>What the other disciplines learn of a published version: its steps and who owns their touchpoints.</summary>
    private static JourneyPublished Announcement(V1.Journey content, int version, DateTime publishedAtUtc) => new()
    {
        JourneyId = content.JourneyId,
        Version = version,
        Title = content.Title,
        ToBe = content.State == V1.JourneyState.ToBe,
        Steps =
        {
            content.Steps.Select(s => new JourneyPublished.Types.Step
            {
                StepId = s.StepId,
                StageId = s.StageId,
                Title = s.Title,
                Touchpoints = { s.Touchpoints.Select(t => new JourneyPublished.Types.Touchpoint { TouchpointId = t.TouchpointId, FrontStage = t.Staging == V1.Staging.Front, OwningTeamId = t.OwningTeamId }) },
            }),
        },
        PublishedAt = Stamp(publishedAtUtc),
    };

    private static string StepIdsKey(V1.Journey content) => "|" + string.Concat(content.Steps.Select(s => s.StepId + "|"));

    private static void RequireRevision(JourneyRecord journey, long expected) =>
        ReadBeforeWrite.RequireRevision(expected, journey.Version, "Journey " + journey.JourneyId, "journey/" + journey.JourneyId);

    /// <summary>Saves with the journey's revision moved on, whichever of its rows changed.</summary>
    private async Task SaveAsync(JourneyRecord journey, CancellationToken cancellationToken)
    {
        db.Entry(journey).Property(j => j.LatestVersion).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another writer started the same next version first; its revision check would have failed had it come second.
            var current = await db.Journeys.AsNoTracking().Where(j => j.JourneyId == journey.JourneyId).Select(j => j.Version).FirstOrDefaultAsync(CancellationToken.None);
            throw new ConcurrencyConflictException(ResourceType, journey.JourneyId, current);
        }
    }

    private async Task<JourneyRecord> FindAsync(string journeyId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(journeyId), "journey_id", Identifier.Rule).ThrowIfInvalid();
        var journeys = tracked ? db.Journeys : db.Journeys.AsNoTracking();
        return await journeys.FirstOrDefaultAsync(j => j.JourneyId == journeyId, cancellationToken) ?? throw new NotFoundException(ResourceType, journeyId);
    }

    private static V1.Journey ToContract(JourneyRecord journey, JourneyVersionRecord version, V1.JourneyView view)
    {
        var contract = StoredJson.Message<V1.Journey>(version.DocumentJson);
        if (view == V1.JourneyView.Basic)
        {
            contract.Stages.Clear();
            contract.Steps.Clear();
        }

        contract.Version = version.Version;
        contract.Status = (V1.JourneyVersionStatus)version.Status;
        contract.Revision = journey.Version;
        contract.CreatedAt = Stamp(version.CreatedAtUtc);
        contract.CreatedBy = version.CreatedBy;
        contract.UpdatedAt = Stamp(version.UpdatedAtUtc);
        contract.UpdatedBy = version.UpdatedBy;
        contract.PublishedAt = version.PublishedAtUtc is { } published ? Stamp(published) : null;
        contract.PublishedBy = version.PublishedBy;
        contract.PublishedVersion = journey.PublishedVersion;
        contract.ReviewId = version.ReviewId;
        return contract;
    }

    private static Google.Protobuf.WellKnownTypes.Timestamp Stamp(DateTime utc) => Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
