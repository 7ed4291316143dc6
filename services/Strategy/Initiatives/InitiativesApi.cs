using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Strategy.Data;
using Cx.Strategy.Domain.Initiatives;
using Cx.Strategy.Targets;
using Cx.Strategy.Vision;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.Initiatives;

/// <summary>
/// The transformation programme: initiatives moving through the six steps, each covering pain
/// points, opportunities, experiments and action plans, ranked by expected impact per person-week
/// (<see cref="InitiativeRanking"/>) with every input shown, and ranked again whenever an
/// initiative or an input changes.
/// </summary>
internal sealed class InitiativesApi(StrategyDb db, VisionApi visions, InitiativeInputs inputs, ActorContext actor, TimeProvider clock)
{
    public const string ResourceType = "initiative";
    public const int MaxTitle = 200;
    public const int MaxDescription = 2_000;
    public const int MaxNote = 1_000;
    public const int MaxLinks = 20;

    public async Task<V1.Initiative> CreateAsync(V1.Initiative? initiative, CancellationToken cancellationToken)
    {
        if (initiative is null)
        {
            new Validator().Add("initiative", "Required.").ThrowIfInvalid();
            return null!;
        }

        await ValidateAsync(initiative, "initiative", cancellationToken);
        new Validator()
            .Require(initiative.Step != V1.TransformationStep.Unspecified && System.Enum.IsDefined(initiative.Step), "initiative.step", "One of the six steps, DEFINE_VISION to IMPROVE_CONTINUOUSLY.")
            .ThrowIfInvalid();
        if (await db.Initiatives.AnyAsync(i => i.InitiativeId == initiative.InitiativeId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, initiative.InitiativeId);
        }

        var now = clock.GetUtcNow();
        var created = Covering(new V1.Initiative
        {
            InitiativeId = initiative.InitiativeId,
            Step = initiative.Step,
            CreatedAt = Timestamp.FromDateTimeOffset(now),
            CreatedBy = actor.Actor,
            Revision = 1,
        }, initiative);
        var record = new InitiativeRecord { InitiativeId = created.InitiativeId, CreatedAtUtc = now.UtcDateTime, Revision = 1 };
        Keep(record, created);
        db.Initiatives.Add(record);
        await RankAsync(now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, created.InitiativeId);
        }

        return StoredJson.Message<V1.Initiative>(record.DocumentJson);
    }

    public Task<bool> ExistsAsync(string initiativeId, CancellationToken cancellationToken) => db.Initiatives.AnyAsync(i => i.InitiativeId == initiativeId, cancellationToken);

    public async Task<V1.Initiative> GetAsync(string initiativeId, CancellationToken cancellationToken)
    {
        Validator.RequireId(initiativeId, "initiative_id");
        var record = await db.Initiatives.AsNoTracking().FirstOrDefaultAsync(i => i.InitiativeId == initiativeId, cancellationToken)
            ?? throw new NotFoundException(ResourceType, initiativeId);
        return StoredJson.Message<V1.Initiative>(record.DocumentJson);
    }

    public async Task<V1.ListInitiativesResponse> ListAsync(V1.ListInitiativesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator().Require(System.Enum.IsDefined(request.Step), "step", "A TransformationStep, or unspecified for every step.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        var after = 0;
        if (page.AfterKey is { } key && !int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after))
        {
            validator.Add("page_token", "A next_page_token this list gave.");
        }

        validator.ThrowIfInvalid();
        var initiatives = db.Initiatives.AsNoTracking().Where(i => i.Rank > after);
        if (request.Step != V1.TransformationStep.Unspecified)
        {
            var step = (int)request.Step;
            initiatives = initiatives.Where(i => i.Step == step);
        }

        var rows = await initiatives.OrderBy(i => i.Rank).Take(page.Size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > page.Size ? PageRequest.TokenAfter(rows[page.Size - 1].Rank.ToString(System.Globalization.CultureInfo.InvariantCulture)) : string.Empty;
        return new V1.ListInitiativesResponse { Initiatives = { rows.Take(page.Size).Select(r => StoredJson.Message<V1.Initiative>(r.DocumentJson)) }, NextPageToken = next };
    }

    public async Task<V1.Initiative> UpdateAsync(V1.UpdateInitiativeRequest request, CancellationToken cancellationToken)
    {
        if (request.Initiative is null)
        {
            new Validator().Add("initiative", "Required.").ThrowIfInvalid();
            return null!;
        }

        await ValidateAsync(request.Initiative, "initiative", cancellationToken);
        var record = await FindAsync(request.Initiative.InitiativeId, cancellationToken);
        if (request.HasExpectedRevision && request.ExpectedRevision != record.Revision)
        {
            throw new PreconditionFailedException("REVISION_MISMATCH", "initiative/" + record.InitiativeId,
                $"The initiative is at revision {record.Revision}, not {request.ExpectedRevision}: read it again and apply the change to what it is now.");
        }

        var current = StoredJson.Message<V1.Initiative>(record.DocumentJson);
        var updated = Covering(current, request.Initiative);
        updated.Revision = record.Revision + 1;
        Keep(record, updated);
        record.Revision++;
        var now = clock.GetUtcNow();
        await RankAsync(now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return StoredJson.Message<V1.Initiative>(record.DocumentJson);
    }

    public async Task<V1.Initiative> MoveAsync(V1.MoveInitiativeRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(Identifier.IsValid(request.InitiativeId), "initiative_id", Identifier.Rule)
            .Require(request.To != V1.TransformationStep.Unspecified && System.Enum.IsDefined(request.To), "to", "One of the six steps, DEFINE_VISION to IMPROVE_CONTINUOUSLY.")
            .Require(request.Note.Trim().Length <= MaxNote, "note", $"At most {MaxNote} characters.")
            .ThrowIfInvalid();
        var record = await FindAsync(request.InitiativeId, cancellationToken);
        var initiative = StoredJson.Message<V1.Initiative>(record.DocumentJson);
        if (initiative.Step == request.To)
        {
            throw new PreconditionFailedException("ALREADY_AT_STEP", "initiative/" + record.InitiativeId, $"The initiative is at {request.To} already.");
        }

        initiative.History.Add(new V1.InitiativeMove { From = initiative.Step, To = request.To, Note = request.Note.Trim(), MovedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()), MovedBy = actor.Actor });
        initiative.Step = request.To;
        initiative.Revision = record.Revision + 1;
        Keep(record, initiative);
        record.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        return initiative;
    }

    /// <summary>Ranks every initiative of the tenant again, if an input changed since the last ranking; returns how many were ranked.</summary>
    public async Task<int> RankIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.Initiatives.AnyAsync(i => i.RankingDue, cancellationToken))
        {
            return 0;
        }

        var ranked = await RankAsync(now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ranked;
    }

    /// <summary>An input changed: every initiative of the tenant is ranked again on the job's next run.</summary>
    public Task MarkRankingDueAsync(CancellationToken cancellationToken) =>
        db.Initiatives.Where(i => !i.RankingDue).ExecuteUpdateAsync(set => set.SetProperty(i => i.RankingDue, true), cancellationToken);

    /// <summary>
    /// Ranks the tenant's initiatives (the tracked ones as they stand, new ones included), keeps each
    /// one's priority, and announces each whose rank or priority moved. The caller saves.
    /// </summary>
    private async Task<int> RankAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var records = await db.Initiatives.ToListAsync(cancellationToken);
        foreach (var added in db.ChangeTracker.Entries<InitiativeRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
        {
            if (!records.Contains(added))
            {
                records.Add(added);
            }
        }

        var documents = records.ToDictionary(r => r.InitiativeId, r => StoredJson.Message<V1.Initiative>(r.DocumentJson), StringComparer.Ordinal);
        var ranking = await inputs.RankAsync(documents.Values, now, cancellationToken);
        var rankedAt = Timestamp.FromDateTimeOffset(now);
        foreach (var record in records)
        {
            var document = documents[record.InitiativeId];
            var ranked = ranking.Single(r => r.Input.Id == record.InitiativeId);
            var before = document.Priority;
            var priority = new V1.InitiativePriority
            {
                Rank = ranked.Rank,
                ExpectedImpact = ranked.ExpectedImpact,
                EffortWeeks = document.EffortWeeks,
                Priority = ranked.Priority,
                Inputs = { ranked.Parts.Select(InitiativeInputs.ToContract) },
                RankedAt = rankedAt,
            };
            var moved = before is null || before.Rank != priority.Rank || Math.Abs(before.Priority - priority.Priority) > 1e-9;
            document.Priority = moved || before is null ? priority : before;
            if (moved)
            {
                Keep(record, document);
                db.Raise(new InitiativePrioritized
                {
                    InitiativeId = document.InitiativeId,
                    Title = document.Title,
                    Owner = document.Owner,
                    Rank = priority.Rank,
                    PreviousRank = before?.Rank ?? 0,
                    ExpectedImpact = priority.ExpectedImpact,
                    EffortWeeks = priority.EffortWeeks,
                    Priority = priority.Priority,
                    PainPointIds = { document.PainPointIds },
                    DriverMetricIds = { priority.Inputs.Select(i => i.DriverMetricId).Where(d => d.Length > 0).Distinct() },
                    RankedAt = rankedAt,
                }, document.InitiativeId);
            }

            record.Rank = priority.Rank;
            record.RankingDue = false;
        }

        return records.Count;
    }

    private async Task<InitiativeRecord> FindAsync(string initiativeId, CancellationToken cancellationToken) =>
        await db.Initiatives.FirstOrDefaultAsync(i => i.InitiativeId == initiativeId, cancellationToken)
            ?? throw new NotFoundException(ResourceType, initiativeId);

    /// <summary>The caller's description of what the initiative covers, laid on <paramref name="onto"/> (which keeps what the service sets).</summary>
    private static V1.Initiative Covering(V1.Initiative onto, V1.Initiative given)
    {
        var covering = onto.Clone();
        covering.Title = given.Title.Trim();
        covering.Description = given.Description.Trim();
        covering.Owner = given.Owner;
        covering.ObjectiveId = given.ObjectiveId;
        covering.EffortWeeks = given.EffortWeeks;
        covering.LoyaltyMetricId = given.LoyaltyMetricId;
        covering.TargetIds.Clear();
        covering.TargetIds.Add(given.TargetIds);
        covering.PainPointIds.Clear();
        covering.PainPointIds.Add(given.PainPointIds);
        covering.OpportunityIds.Clear();
        covering.OpportunityIds.Add(given.OpportunityIds);
        covering.ExperimentIds.Clear();
        covering.ExperimentIds.Add(given.ExperimentIds);
        covering.ActionPlanIds.Clear();
        covering.ActionPlanIds.Add(given.ActionPlanIds);
        return covering;
    }

    private static void Keep(InitiativeRecord record, V1.Initiative initiative)
    {
        record.Step = (int)initiative.Step;
        record.ExperimentIds = " " + string.Join(' ', initiative.ExperimentIds) + " ";
        record.ActionPlanIds = " " + string.Join(' ', initiative.ActionPlanIds) + " ";
        record.DocumentJson = StoredJson.Message(initiative);
    }

    private async Task ValidateAsync(V1.Initiative initiative, string prefix, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(Identifier.IsValid(initiative.InitiativeId), $"{prefix}.initiative_id", Identifier.Rule)
            .Require(initiative.Title.Trim().Length is > 0 and <= MaxTitle, $"{prefix}.title", $"Required, at most {MaxTitle} characters.")
            .Require(initiative.Description.Trim().Length <= MaxDescription, $"{prefix}.description", $"At most {MaxDescription:N0} characters.")
            .Require(Identifier.IsReference(initiative.Owner, 200), $"{prefix}.owner", "Required: who is accountable (a login or an employee id), at most 200 characters.")
            .Require(double.IsFinite(initiative.EffortWeeks) && initiative.EffortWeeks is > 0 and <= 10_000, $"{prefix}.effort_weeks", "The effort in person-weeks, more than 0.")
            .Require(initiative.ObjectiveId.Length == 0 || Identifier.IsValid(initiative.ObjectiveId), $"{prefix}.objective_id", "Empty, or an objective id of the vision: " + Identifier.Rule)
            .Require(initiative.LoyaltyMetricId.Length == 0 || Identifier.IsValid(initiative.LoyaltyMetricId), $"{prefix}.loyalty_metric_id", "Empty, or a metric id: " + Identifier.Rule);
        Links(validator, initiative.TargetIds, $"{prefix}.target_ids", Identifier.IsValid);
        Links(validator, initiative.PainPointIds, $"{prefix}.pain_point_ids", id => Identifier.IsReference(id));
        Links(validator, initiative.OpportunityIds, $"{prefix}.opportunity_ids", id => Identifier.IsReference(id, 120));
        Links(validator, initiative.ExperimentIds, $"{prefix}.experiment_ids", Identifier.IsValid);
        Links(validator, initiative.ActionPlanIds, $"{prefix}.action_plan_ids", id => Identifier.IsReference(id, 63) && !id.Contains(' ', StringComparison.Ordinal));
        validator.ThrowIfInvalid();

        if (initiative.ObjectiveId.Length > 0)
        {
            var vision = await visions.FindAsync(0, cancellationToken);
            if (vision is null || vision.BusinessObjectives.All(o => o.ObjectiveId != initiative.ObjectiveId))
            {
                new Validator().Add($"{prefix}.objective_id", "Not an objective of the latest vision.").ThrowIfInvalid();
            }
        }

        var targets = initiative.TargetIds.ToList();
        var known = await db.Targets.Where(t => targets.Contains(t.TargetId)).Select(t => t.TargetId).ToListAsync(cancellationToken);
        for (var i = 0; i < targets.Count; i++)
        {
            validator.Require(known.Contains(targets[i]), $"{prefix}.target_ids[{i}]", $"No target '{targets[i]}' is set.");
        }

        validator.ThrowIfInvalid();
    }

    private static void Links(Validator validator, Google.Protobuf.Collections.RepeatedField<string> ids, string field, Func<string, bool> valid)
    {
        validator.Require(ids.Count <= MaxLinks, field, $"At most {MaxLinks}.");
        validator.Require(ids.Distinct().Count() == ids.Count, field, "Each at most once.");
        for (var i = 0; i < ids.Count; i++)
        {
            validator.Require(valid(ids[i]), $"{field}[{i}]", "An id: no spaces around it, not too long.");
        }
    }
}
