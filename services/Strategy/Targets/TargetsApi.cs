using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.Persistence.Paging;
using Cx.ServiceDefaults.Tenancy;
using Cx.Strategy.CxIndex;
using Cx.Strategy.Data;
using Cx.Strategy.Domain.Targets;
using Cx.Strategy.Vision;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.Targets;

/// <summary>
/// Targets: a metric or the CX index, for a scope, to reach a value by a deadline. Each is judged
/// by the interval of what Measurement measures over its window against the path from where it
/// started to where it must be (<see cref="TargetRule"/>), when set, when asked, as Measurement
/// announces that results moved, and at least daily until its deadline; each move into at risk or
/// met is announced.
/// </summary>
internal sealed class TargetsApi(StrategyDb db, VisionApi visions, CxIndexApi indexes, MeasuredScores measured, Personas personas, ActorContext actor, TimeProvider clock)
{
    public const string ResourceType = "target";
    public const int MaxTitle = 200;
    public const int DefaultWindowDays = 30;
    public const int DefaultMinimumN = 30;
    public const double DefaultConfidence = 0.95;

    /// <summary>Results move with every day's answers: a target nobody announced a move for is still judged again after this long.</summary>
    public static readonly TimeSpan Revisit = TimeSpan.FromDays(1);

    /// <summary>Targets judged per tenant in one run of the job, so one tenant's backlog does not hold the others'.</summary>
    public const int PerRun = 50;

    /// <summary>When a target judged past its deadline is due again: never, in practice, on every database.</summary>
    private static readonly DateTime Resting = new(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public Task<V1.Target> SetAsync(V1.Target? target, CancellationToken cancellationToken) => SetAsync(target, clock.GetUtcNow(), cancellationToken);

    /// <summary>Sets the target as of <paramref name="now"/>: its baseline is the window that ends then (the demo's targets were set months ago).</summary>
    public async Task<V1.Target> SetAsync(V1.Target? target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (target is null)
        {
            validator.Add("target", "Required.").ThrowIfInvalid();
            return null!;
        }

        var scope = target.Scope ?? new V1.TargetScope();
        validator
            .Require(Identifier.IsValid(target.TargetId), "target.target_id", Identifier.Rule)
            .Require(target.Title.Trim().Length is > 0 and <= MaxTitle, "target.title", $"Required, at most {MaxTitle} characters.")
            .Require(target.CxIndex ? target.MetricId.Length == 0 : Identifier.IsValid(target.MetricId), "target.metric_id", "Exactly one of metric_id (one of Measurement's metric ids) and cx_index.")
            .Require(scope.JourneyId.Length == 0 || Identifier.IsValid(scope.JourneyId), "target.scope.journey_id", "Empty, or a journey id: " + Identifier.Rule)
            .Require(scope.JourneyStepId.Length == 0 || (Identifier.IsValid(scope.JourneyStepId) && scope.JourneyId.Length > 0), "target.scope.journey_step_id", "Empty, or a step id of the scope's journey (which must then be given): " + Identifier.Rule)
            .Require(scope.Segment.Length == 0 || Identifier.IsReference(scope.Segment), "target.scope.segment", "Empty, or the segment tag responses carry (at most 100 characters, no surrounding spaces).")
            .Require(scope.CustomerSegmentId.Length == 0 || Identifier.IsValid(scope.CustomerSegmentId), "target.scope.customer_segment_id", "Empty, or an Understanding segment id: " + Identifier.Rule)
            .Require(scope.PersonaId.Length == 0 || (Identifier.IsValid(scope.PersonaId) && scope.CustomerSegmentId.Length == 0), "target.scope.persona_id", "Empty, or an Understanding persona id (" + Identifier.Rule + "), and then no customer_segment_id.")
            .Require(target.Level != V1.ExperienceLevel.Unspecified && System.Enum.IsDefined(target.Level), "target.level", "The level of experience it stands for: MEETS_NEEDS, EASY or ENJOYABLE.")
            .Require(double.IsFinite(target.Value) && (!target.CxIndex || target.Value is >= 0 and <= 100), "target.value", target.CxIndex ? "The CX index's score to reach, 0 to 100." : "The score to reach, in the metric's unit.")
            .Require(target.Deadline is not null && target.Deadline.ToDateTimeOffset() > now, "target.deadline", $"Required, in the future (it is {now:O} now).")
            .Require(target.ObjectiveId.Length == 0 || Identifier.IsValid(target.ObjectiveId), "target.objective_id", "Empty, or an objective id of the vision: " + Identifier.Rule)
            .Require(target.WindowDays is >= 0 and <= 365, "target.window_days", $"1 to 365 days; 0 means {DefaultWindowDays}.")
            .Require(target.Confidence == 0 || target.Confidence is >= 0.5 and <= 0.999, "target.confidence", $"Between 0.5 and 0.999; 0 means {DefaultConfidence}.")
            .Require(target.MinimumN is >= 0 and <= 100_000, "target.minimum_n", $"1 to 100,000 answers; 0 means {DefaultMinimumN}.")
            .ThrowIfInvalid();

        if (target.ObjectiveId.Length > 0)
        {
            var vision = await visions.FindAsync(0, cancellationToken);
            if (vision is null || vision.BusinessObjectives.All(o => o.ObjectiveId != target.ObjectiveId))
            {
                new Validator().Add("target.objective_id", vision is null
                    ? "No vision is published yet: publish one with the objective, or leave objective_id empty."
                    : $"Not an objective of the vision's version {vision.Version}: one of {string.Join(", ", vision.BusinessObjectives.Select(o => o.ObjectiveId))}.").ThrowIfInvalid();
            }
        }

        if (await db.Targets.AnyAsync(t => t.TargetId == target.TargetId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, target.TargetId);
        }

        var set = new V1.Target
        {
            TargetId = target.TargetId,
            Title = target.Title.Trim(),
            MetricId = target.MetricId,
            CxIndex = target.CxIndex,
            Scope = scope,
            Level = target.Level,
            Value = target.Value,
            Deadline = target.Deadline,
            ObjectiveId = target.ObjectiveId,
            WindowDays = target.WindowDays == 0 ? DefaultWindowDays : target.WindowDays,
            Confidence = target.Confidence == 0 ? DefaultConfidence : target.Confidence,
            MinimumN = target.MinimumN == 0 ? DefaultMinimumN : target.MinimumN,
            SetAt = Timestamp.FromDateTimeOffset(now),
            SetBy = actor.Actor,
        };
        string metricIds;
        if (target.CxIndex)
        {
            var index = await indexes.LatestAsync(cancellationToken)
                ?? throw new PreconditionFailedException("NO_CX_INDEX", "cx-index", "The tenant has no CX index yet: define it (DefineCxIndex) before setting a target on it.");
            set.IndexId = index.IndexId;
            set.HigherIsBetter = true;
            metricIds = index.MetricIds;
        }
        else
        {
            var metric = await measured.MetricAsync(target.MetricId, cancellationToken);
            if (metric is null)
            {
                new Validator().Add("target.metric_id", $"Measurement has no metric '{target.MetricId}'.").ThrowIfInvalid();
            }

            set.HigherIsBetter = metric!.HigherIsBetter;
            metricIds = target.MetricId;
        }

        if (scope.PersonaId.Length > 0)
        {
            set.PersonaSegmentIds.Add(await personas.SegmentsOfAsync(scope.PersonaId, "target.scope.persona_id", cancellationToken));
        }

        var window = await measured.WindowAsync(set, now.AddDays(-set.WindowDays), now, cancellationToken);
        set.Baseline = new V1.TargetBaseline { N = window.N };
        if (window.Score is { } baseline && window.N >= set.MinimumN)
        {
            set.Baseline.Score = baseline;
            set.Baseline.Interval = new CommonV1.Interval { Lower = window.Lower, Upper = window.Upper };
        }

        var record = new TargetRecord
        {
            TargetId = set.TargetId,
            MetricIds = " " + metricIds + " ",
            ObjectiveId = set.ObjectiveId,
            SetAtUtc = now.UtcDateTime,
        };
        var announced = new TargetSet
        {
            TargetId = set.TargetId,
            Title = set.Title,
            MetricId = set.MetricId,
            CxIndex = set.CxIndex,
            IndexId = set.IndexId,
            JourneyId = scope.JourneyId,
            JourneyStepId = scope.JourneyStepId,
            Segment = scope.Segment,
            CustomerSegmentId = scope.CustomerSegmentId,
            PersonaId = scope.PersonaId,
            Value = set.Value,
            HigherIsBetter = set.HigherIsBetter,
            Deadline = set.Deadline,
            ObjectiveId = set.ObjectiveId,
            BaselineN = set.Baseline.N,
            SetAt = set.SetAt,
        };
        if (set.Baseline.HasScore)
        {
            announced.BaselineScore = set.Baseline.Score;
        }

        db.Raise(announced, set.TargetId);
        await StandAsync(record, set, window, now, cancellationToken);
        db.Targets.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, set.TargetId);
        }

        return set;
    }

    public Task<bool> ExistsAsync(string targetId, CancellationToken cancellationToken) => db.Targets.AnyAsync(t => t.TargetId == targetId, cancellationToken);

    public async Task<V1.Target> GetAsync(string targetId, CancellationToken cancellationToken)
    {
        Validator.RequireId(targetId, "target_id");
        var record = await db.Targets.AsNoTracking().FirstOrDefaultAsync(t => t.TargetId == targetId, cancellationToken)
            ?? throw new NotFoundException(ResourceType, targetId);
        return StoredJson.Message<V1.Target>(record.DocumentJson);
    }

    public async Task<V1.ListTargetsResponse> ListAsync(V1.ListTargetsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(System.Enum.IsDefined(request.Status), "status", "A TargetStatus, or unspecified for every status.")
            .Require(request.ObjectiveId.Length == 0 || Identifier.IsValid(request.ObjectiveId), "objective_id", "Empty, or an objective id: " + Identifier.Rule);
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var targets = db.Targets.AsNoTracking();
        if (request.Status != V1.TargetStatus.Unspecified)
        {
            var status = (int)request.Status;
            targets = targets.Where(t => t.Status == status);
        }

        if (request.ObjectiveId.Length > 0)
        {
            targets = targets.Where(t => t.ObjectiveId == request.ObjectiveId);
        }

        var (items, next) = await targets.PageAsync(page, t => t.TargetId, cancellationToken);
        return new V1.ListTargetsResponse { Targets = { items.Select(t => StoredJson.Message<V1.Target>(t.DocumentJson)) }, NextPageToken = next };
    }

    public async Task<V1.Target> EvaluateAsync(string targetId, CancellationToken cancellationToken)
    {
        Validator.RequireId(targetId, "target_id");
        var record = await db.Targets.FirstOrDefaultAsync(t => t.TargetId == targetId, cancellationToken)
            ?? throw new NotFoundException(ResourceType, targetId);
        return await EvaluateAsync(record, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Judges again every target whose evaluation is due, up to <see cref="PerRun"/>; stops at the first Measurement does not answer.</summary>
    public async Task<int> EvaluateDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.Targets.Where(t => t.DueAtUtc <= now.UtcDateTime).OrderBy(t => t.DueAtUtc).ThenBy(t => t.TargetId).Take(PerRun).ToListAsync(cancellationToken);
        foreach (var record in due)
        {
            await EvaluateAsync(record, now, cancellationToken);
        }

        return due.Count;
    }

    /// <summary>Measurement announced that a metric's results moved: every target that follows it is due now.</summary>
    public async Task MarkDueAsync(string metricId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = " " + metricId + " ";
        var utc = now.UtcDateTime;
        await db.Targets.Where(t => t.MetricIds.Contains(key) && t.DueAtUtc > utc)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.DueAtUtc, utc), cancellationToken);
    }

    private async Task<V1.Target> EvaluateAsync(TargetRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var target = StoredJson.Message<V1.Target>(record.DocumentJson);
        var deadline = target.Deadline.ToDateTimeOffset();
        // Past its deadline, a target is judged once more on the window that ends there, and then rests.
        var at = now < deadline ? now : deadline;
        var window = await measured.WindowAsync(target, at.AddDays(-target.WindowDays), at, cancellationToken);
        await StandAsync(record, target, window, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return target;
    }

    /// <summary>Judges the target on <paramref name="window"/>, keeps the standing on the record, and announces a move into at risk or met.</summary>
    private async Task StandAsync(TargetRecord record, V1.Target target, Measured window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deadline = target.Deadline.ToDateTimeOffset();
        var at = now < deadline ? now : deadline;
        var terms = new TargetTerms(target.Value, target.HigherIsBetter, target.SetAt.ToDateTimeOffset(), deadline, target.Baseline.HasScore ? target.Baseline.Score : null, target.MinimumN);
        var judgement = TargetRule.Judge(terms, window, at);
        var standing = new V1.TargetStanding
        {
            Status = (V1.TargetStatus)(int)judgement.Standing,
            Reason = judgement.Reason,
            EvaluatedAt = Timestamp.FromDateTimeOffset(now),
            N = window.N,
            PathValue = judgement.PathValue,
        };
        if (window.Score is { } score)
        {
            standing.Score = score;
            standing.Interval = new CommonV1.Interval { Lower = window.Lower, Upper = window.Upper };
        }

        if (now < deadline && TrendProjection.At(await measured.WeeksAsync(target, now, cancellationToken), deadline, target.Confidence) is { } projected)
        {
            standing.Projection = new V1.TargetProjection { Value = projected.Value, Interval = new CommonV1.Interval { Lower = projected.Lower, Upper = projected.Upper }, Weeks = projected.Points };
        }

        var before = (V1.TargetStatus)record.Status;
        target.Standing = standing;
        record.Status = (int)standing.Status;
        record.DocumentJson = StoredJson.Message(target);
        record.DueAtUtc = now >= deadline ? Resting : Min(now + Revisit, deadline).UtcDateTime;
        record.Version++;
        if (standing.Status == before)
        {
            return;
        }

        if (standing.Status == V1.TargetStatus.AtRisk)
        {
            db.Raise(AtRisk(target), target.TargetId);
        }
        else if (standing.Status == V1.TargetStatus.Met)
        {
            db.Raise(Met(target), target.TargetId);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TargetAtRisk AtRisk(V1.Target target)
    {
        var standing = target.Standing;
        var risk = new TargetAtRisk
        {
            TargetId = target.TargetId,
            Title = target.Title,
            MetricId = target.MetricId,
            CxIndex = target.CxIndex,
            JourneyId = target.Scope.JourneyId,
            JourneyStepId = target.Scope.JourneyStepId,
            Value = target.Value,
            Deadline = target.Deadline,
            N = standing.N,
            Score = standing.Score,
            Interval = standing.Interval,
            PathValue = standing.PathValue,
            EvaluatedAt = standing.EvaluatedAt,
        };
        if (standing.Projection is { } projection)
        {
            risk.ProjectedValue = projection.Value;
            risk.ProjectedInterval = projection.Interval;
        }

        return risk;
    }

    private static TargetMet Met(V1.Target target) => new()
    {
        TargetId = target.TargetId,
        Title = target.Title,
        MetricId = target.MetricId,
        CxIndex = target.CxIndex,
        JourneyId = target.Scope.JourneyId,
        JourneyStepId = target.Scope.JourneyStepId,
        Value = target.Value,
        Deadline = target.Deadline,
        N = target.Standing.N,
        Score = target.Standing.Score,
        Interval = target.Standing.Interval,
        EvaluatedAt = target.Standing.EvaluatedAt,
    };
}
