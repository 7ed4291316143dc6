using Cx.Common.V1;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Enrichment.Topics;
using Cx.Understanding.Domain.PainPoints;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.PainPoints;

/// <summary>
/// Pain points: entered top-down, found bottom-up in the enriched comments (<see cref="BottomUpDetection"/>),
/// and confirmed when the latest driver analysis that read their step finds a metric measuring them
/// a driver that matters (<see cref="DriverConfirmation"/>). Whichever comes first, the pain point
/// or the analysis, the other finds it: analyses are kept per outcome and journey scope.
/// </summary>
internal sealed class PainPointsApi(UnderstandingDb db, ActorContext actor, DetectionSettings settings, TimeProvider clock)
{
    public const string ResourceType = "pain point";
    public const int MaxTitle = 200;
    public const int MaxDescription = 2_000;

    public async Task<V1.PainPoint> CreateAsync(V1.PainPoint? painPoint, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (painPoint is null)
        {
            validator.Add("pain_point", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(painPoint!.PainPointId), "pain_point.pain_point_id", Identifier.Rule)
            .Require(!painPoint.PainPointId.StartsWith("auto-", StringComparison.Ordinal), "pain_point.pain_point_id", "Ids starting with \"auto-\" name pain points found in the feedback.")
            .Require(painPoint.Title.Trim().Length is > 0 and <= MaxTitle, "pain_point.title", $"Required, at most {MaxTitle} characters.")
            .Require(painPoint.Description.Length <= MaxDescription, "pain_point.description", $"At most {MaxDescription:N0} characters.")
            .Require(Identifier.IsReference(painPoint.JourneyId), "pain_point.journey_id", "Required, at most 100 characters, no surrounding spaces.")
            .Require(Identifier.IsReference(painPoint.JourneyStepId), "pain_point.journey_step_id", "Required, at most 100 characters, no surrounding spaces.")
            .Require(painPoint.TopicId.Length == 0 || Identifier.IsReference(painPoint.TopicId), "pain_point.topic_id", "At most 100 characters, no surrounding spaces.")
            .Require(painPoint.MetricIds.Count <= BottomUpDetection.MaxMetrics, "pain_point.metric_ids", $"At most {BottomUpDetection.MaxMetrics} metrics.")
            .Require(painPoint.MetricIds.Distinct().Count() == painPoint.MetricIds.Count, "pain_point.metric_ids", "Each metric at most once.")
            .Require(painPoint.FeedbackIds.Count <= BottomUpDetection.MaxEvidence, "pain_point.feedback_ids", $"At most {BottomUpDetection.MaxEvidence} comments.")
            .Require(painPoint.FeedbackIds.Distinct().Count() == painPoint.FeedbackIds.Count, "pain_point.feedback_ids", "Each comment at most once.")
            .Require(painPoint.Source == V1.PainPointSource.Unspecified, "pain_point.source", "Set by the service: leave it unset.")
            .Require(painPoint.State == V1.PainPointState.Unspecified, "pain_point.state", "Set by the service: leave it unset.")
            .Require(painPoint.Version == 0, "pain_point.version", "Set by the service: leave it unset.")
            .Require(painPoint.Figures is null && painPoint.Confirmation is null, "pain_point.figures", "Set by the service: leave figures and confirmation unset.")
            .Require(painPoint.DismissedReason.Length == 0, "pain_point.dismissed_reason", "Set by DismissPainPoint: leave it unset.");
        for (var i = 0; i < painPoint.MetricIds.Count; i++)
        {
            validator.Require(Identifier.IsReference(painPoint.MetricIds[i]), $"pain_point.metric_ids[{i}]", "At most 100 characters, no surrounding spaces.");
        }

        for (var i = 0; i < painPoint.FeedbackIds.Count; i++)
        {
            validator.Require(Identifier.IsReference(painPoint.FeedbackIds[i], 220), $"pain_point.feedback_ids[{i}]", "At most 220 characters, no surrounding spaces.");
        }

        validator.ThrowIfInvalid();
        var feedbackIds = painPoint.FeedbackIds.ToList();
        var known = await db.Feedback.Where(f => feedbackIds.Contains(f.FeedbackId)).Select(f => f.FeedbackId).ToListAsync(cancellationToken);
        if (feedbackIds.FirstOrDefault(id => !known.Contains(id)) is { } missing)
        {
            throw new NotFoundException("feedback", missing);
        }

        if (await db.PainPoints.AnyAsync(p => p.PainPointId == painPoint.PainPointId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, painPoint.PainPointId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new PainPointRecord
        {
            PainPointId = painPoint.PainPointId,
            Source = (int)V1.PainPointSource.TopDown,
            Title = painPoint.Title.Trim(),
            Description = painPoint.Description,
            JourneyId = painPoint.JourneyId,
            JourneyStepId = painPoint.JourneyStepId,
            TopicId = painPoint.TopicId,
            MetricIdsJson = StoredJson.Of(painPoint.MetricIds.ToList()),
            FeedbackIdsJson = StoredJson.Of(feedbackIds),
            State = (int)V1.PainPointState.Identified,
            IdentifiedAtUtc = now,
            UpdatedAtUtc = now,
            CreatedBy = actor.Actor,
        };
        db.PainPoints.Add(record);
        Confirm(record, await FindingsAsync(cancellationToken), announceChange: false);
        Announce(record, nextVersion: 1);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, record.PainPointId);
        }

        return ToContract(record);
    }

    public async Task<V1.PainPoint> GetAsync(string painPointId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(painPointId, tracked: false, cancellationToken));

    public async Task<V1.ListPainPointsResponse> ListAsync(V1.ListPainPointsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.JourneyId.Length <= 100, "journey_id", "At most 100 characters.")
            .Require(request.JourneyStepId.Length <= 100, "journey_step_id", "At most 100 characters.")
            .Require(Enum.IsDefined(request.State), "state", "Not a PainPointState.")
            .Require(Enum.IsDefined(request.Source), "source", "Not a PainPointSource.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var painPoints = db.PainPoints.AsNoTracking();
        if (request.JourneyId.Length > 0)
        {
            painPoints = painPoints.Where(p => p.JourneyId == request.JourneyId);
        }

        if (request.JourneyStepId.Length > 0)
        {
            painPoints = painPoints.Where(p => p.JourneyStepId == request.JourneyStepId);
        }

        if (request.State != V1.PainPointState.Unspecified)
        {
            painPoints = painPoints.Where(p => p.State == (int)request.State);
        }

        if (request.Source != V1.PainPointSource.Unspecified)
        {
            painPoints = painPoints.Where(p => p.Source == (int)request.Source);
        }

        if (page.AfterKey is { } after)
        {
            painPoints = painPoints.Where(p => string.Compare(p.PainPointId, after) > 0);
        }

        var window = await painPoints.OrderBy(p => p.PainPointId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListPainPointsResponse { PainPoints = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].PainPointId);
        }

        return response;
    }

    public async Task<V1.PainPoint> DismissAsync(V1.DismissPainPointRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(request.Reason.Trim().Length is > 0 and <= MaxDescription, "reason", $"Required, at most {MaxDescription:N0} characters.")
            .Require(request.ExpectedVersion >= 0, "expected_version", "Zero (any version) or the version read.")
            .ThrowIfInvalid();
        var record = await FindAsync(request.PainPointId, tracked: true, cancellationToken);
        ReadBeforeWrite.RequireVersion(request.ExpectedVersion, record.Version, "Pain point " + record.PainPointId, "pain-point/" + record.PainPointId);

        if (record.State == (int)V1.PainPointState.Dismissed)
        {
            throw new PreconditionFailedException("STATE_TRANSITION", "pain-point/" + record.PainPointId, $"Pain point {record.PainPointId} is dismissed already.");
        }

        (record.State, record.DismissedReason, record.ConfirmationJson) = ((int)V1.PainPointState.Dismissed, request.Reason.Trim(), null);
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;

        // Those who show it (design's journey maps) stop showing it.
        Announce(record, record.Version + 1);
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    /// <summary>
    /// Reads the window's enriched comments once, then records the figures of every step and topic
    /// with a negative mention: a pain point found for the first time is identified (and
    /// announced), one found before has its figures renewed, one no longer found says so. Saves.
    /// </summary>
    public async Task<V1.DetectPainPointsResponse> DetectAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddDays(-settings.WindowDays);
        var detection = new BottomUpDetection(settings);
        var comments = db.Feedback.AsNoTracking().Where(f => f.OccurredAtUtc >= from)
            .Select(f => new { f.FeedbackId, f.JourneyId, f.JourneyStepId, f.Label, f.TopicIdsJson, f.MetricId, f.OccurredAtUtc });
        await foreach (var comment in comments.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            detection.Add(new CommentFact(comment.FeedbackId, comment.JourneyId, comment.JourneyStepId, comment.Label == (int)SentimentLabel.Negative,
                StoredJson.Read<List<string>>(comment.TopicIdsJson), comment.MetricId, comment.OccurredAtUtc));
        }

        var existing = await db.PainPoints.Where(p => p.Source == (int)V1.PainPointSource.BottomUp).ToDictionaryAsync(p => p.PainPointId, StringComparer.Ordinal, cancellationToken);
        var findings = await FindingsAsync(cancellationToken);
        var topicNames = await TopicNamesAsync(cancellationToken);
        var response = new V1.DetectPainPointsResponse { CommentsRead = detection.CommentsRead };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var figures in detection.Figures())
        {
            seen.Add(figures.PainPointId);
            if (existing.TryGetValue(figures.PainPointId, out var record))
            {
                var wasDetected = record.DetectedNow;
                Record(record, figures, now);
                response.StillDetected += wasDetected && figures.Found ? 1 : 0;
                response.NoLongerDetected += wasDetected && !figures.Found ? 1 : 0;
                response.Identified += !wasDetected && figures.Found ? 1 : 0;
                if (record.State != (int)V1.PainPointState.Dismissed)
                {
                    record.MetricIdsJson = StoredJson.Of(figures.MetricIds);
                    Confirm(record, findings, announceChange: true);
                }

                continue;
            }

            if (!figures.Found)
            {
                continue;
            }

            record = new PainPointRecord
            {
                PainPointId = figures.PainPointId,
                Source = (int)V1.PainPointSource.BottomUp,
                Title = Title(topicNames.GetValueOrDefault(figures.TopicId, figures.TopicId), figures.JourneyStepId),
                JourneyId = figures.JourneyId,
                JourneyStepId = figures.JourneyStepId,
                TopicId = figures.TopicId,
                MetricIdsJson = StoredJson.Of(figures.MetricIds),
                State = (int)V1.PainPointState.Identified,
                IdentifiedAtUtc = now,
                CreatedBy = ActorContext.System,
            };
            Record(record, figures, now);
            db.PainPoints.Add(record);
            Confirm(record, findings, announceChange: false);
            Announce(record, nextVersion: 1);
            response.Identified++;
        }

        foreach (var gone in existing.Values.Where(p => !seen.Contains(p.PainPointId) && (p.DetectedNow || p.Mentions > 0)))
        {
            response.NoLongerDetected += gone.DetectedNow ? 1 : 0;
            Record(gone, new StepTopicFigures(gone.JourneyId, gone.JourneyStepId, gone.TopicId, Share.Of(0, 0), 0, false, [], []), now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            // Another detection (the job, or a call) found the same new pain point first: nothing
            // of this one is kept, and running it again renews what the other recorded.
            var first = db.PainPoints.Local.First(p => db.Entry(p).State == EntityState.Added);
            throw new ConcurrencyConflictException(ResourceType, first.PainPointId, 1);
        }

        return response;
    }

    /// <summary>
    /// Keeps <paramref name="analysis"/> as the latest of its outcome and journey scope (an older
    /// one arriving late changes nothing), then confirms, or no longer confirms, the pain points of
    /// the steps it read. Saves.
    /// </summary>
    public async Task RecordAnalysisAsync(DriverAnalysis analysis, ResultFilter filter, DateTime analysedAtUtc, CancellationToken cancellationToken)
    {
        var journeys = filter.JourneyIds.Distinct().Order(StringComparer.Ordinal).ToList();
        var steps = filter.JourneyStepIds.Distinct().Order(StringComparer.Ordinal).ToList();
        var key = DriverAnalyses.ScopeKey(analysis.OutcomeMetricId, journeys, steps);
        var record = await db.DriverAnalyses.FirstOrDefaultAsync(a => a.ScopeKey == key, cancellationToken);
        if (record is not null && record.AnalysedAtUtc > analysedAtUtc)
        {
            return;
        }

        if (record is null)
        {
            record = new DriverAnalysisRecord { ScopeKey = key, OutcomeMetricId = analysis.OutcomeMetricId };
            db.DriverAnalyses.Add(record);
        }

        record.JourneyIdsJson = StoredJson.Of(journeys);
        record.JourneyStepIdsJson = StoredJson.Of(steps);
        record.DriversJson = StoredJson.Of(analysis.Drivers.Select(d => new DriverAnalyses.StoredDriver(d.MetricId, d.Importance, d.Interval?.Lower ?? 0, d.Interval?.Upper ?? 0)).ToList());
        record.N = analysis.N;
        record.AnalysedAtUtc = analysedAtUtc;

        var findings = (await FindingsAsync(cancellationToken)).Where(f => DriverAnalyses.ScopeKey(f.OutcomeMetricId, f.JourneyIds, f.JourneyStepIds) != key)
            .Concat(DriverAnalyses.Findings(record)).ToList();
        var painPoints = await db.PainPoints.Where(p => p.State != (int)V1.PainPointState.Dismissed).ToListAsync(cancellationToken);
        foreach (var painPoint in painPoints.Where(p => journeys.Count == 0 || journeys.Contains(p.JourneyId)).Where(p => steps.Count == 0 || steps.Contains(p.JourneyStepId)))
        {
            Confirm(painPoint, findings, announceChange: true);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<List<DriverFinding>> FindingsAsync(CancellationToken cancellationToken) =>
        (await db.DriverAnalyses.AsNoTracking().ToListAsync(cancellationToken)).SelectMany(DriverAnalyses.Findings).ToList();

    /// <summary>Sets the state and confirmation the findings give; a change of state is announced when asked.</summary>
    private void Confirm(PainPointRecord record, IReadOnlyList<DriverFinding> findings, bool announceChange)
    {
        if (record.State == (int)V1.PainPointState.Dismissed)
        {
            return;
        }

        var confirming = DriverConfirmation.Confirming(findings, record.JourneyId, record.JourneyStepId, StoredJson.Read<List<string>>(record.MetricIdsJson));
        var state = confirming is null ? V1.PainPointState.Identified : V1.PainPointState.Confirmed;
        var confirmation = confirming is null ? null : StoredJson.Message(new V1.PainPointConfirmation
        {
            OutcomeMetricId = confirming.OutcomeMetricId,
            DriverMetricId = confirming.DriverMetricId,
            Importance = confirming.Importance,
            EqualShare = confirming.EqualShare,
            RawWeightInterval = new Interval { Lower = confirming.RawWeightLower, Upper = confirming.RawWeightUpper },
            N = confirming.N,
            AnalysedAt = ContractMapping.ToTimestamp(confirming.AnalysedAtUtc),
        });
        var changed = record.State != (int)state;
        (record.State, record.ConfirmationJson) = ((int)state, confirmation);
        if (changed && announceChange)
        {
            record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            Announce(record, record.Version + 1);
        }
    }

    private void Announce(PainPointRecord record, long nextVersion)
    {
        var confirmation = record.ConfirmationJson is { } json ? StoredJson.Message<V1.PainPointConfirmation>(json) : null;
        db.Raise(new PainPointIdentified
        {
            PainPointId = record.PainPointId,
            Origin = record.Source == (int)V1.PainPointSource.BottomUp ? PainPointOrigin.BottomUp : PainPointOrigin.TopDown,
            Title = record.Title,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            TopicId = record.TopicId,
            MetricIds = { StoredJson.Read<List<string>>(record.MetricIdsJson) },
            Mentions = record.Mentions,
            Comments = record.Comments,
            Share = record.Share,
            ShareInterval = record.Comments > 0 ? new Interval { Lower = record.ShareLower, Upper = record.ShareUpper } : null,
            Confirmed = confirmation is not null,
            ConfirmedByMetricId = confirmation?.DriverMetricId ?? string.Empty,
            Importance = confirmation?.Importance ?? 0,
            Version = nextVersion,
            Dismissed = record.State == (int)V1.PainPointState.Dismissed,
        }, record.PainPointId);
    }

    /// <summary>
    /// Sets the figures of this detection when they differ from the last: a pain point whose
    /// comments did not change keeps its version, so a version read stays good between detections.
    /// </summary>
    private void Record(PainPointRecord record, StepTopicFigures figures, DateTime now)
    {
        var share = figures.Share;
        var evidence = figures.FeedbackIds.Count > 0 ? StoredJson.Of(figures.FeedbackIds) : record.FeedbackIdsJson;
        if (record.DetectedAtUtc is not null && record.Mentions == share.Successes && record.Comments == share.N && record.DetectedNow == figures.Found
            && record.ShareElsewhere.Equals(figures.ShareElsewhere) && record.WindowDays == settings.WindowDays && record.FeedbackIdsJson == evidence)
        {
            return;
        }

        (record.Mentions, record.Comments, record.Share) = (share.Successes, share.N, share.Value);
        (record.ShareLower, record.ShareUpper, record.ShareElsewhere) = (share.Lower, share.Upper, figures.ShareElsewhere);
        (record.WindowDays, record.DetectedAtUtc, record.DetectedNow, record.FeedbackIdsJson) = (settings.WindowDays, now, figures.Found, evidence);
        record.UpdatedAtUtc = now;
    }

    private async Task<Dictionary<string, string>> TopicNamesAsync(CancellationToken cancellationToken)
    {
        var current = await db.Taxonomies.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        return StoredJson.Read<List<TopicDefinition>>(current?.TopicsJson ?? "[]").ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);
    }

    private static string Title(string topicName, string journeyStepId)
    {
        var title = $"{topicName} at {journeyStepId}";
        return title.Length <= MaxTitle ? title : title[..MaxTitle];
    }

    private async Task<PainPointRecord> FindAsync(string painPointId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(painPointId), "pain_point_id", Identifier.Rule).ThrowIfInvalid();
        var painPoints = tracked ? db.PainPoints : db.PainPoints.AsNoTracking();
        return await painPoints.FirstOrDefaultAsync(p => p.PainPointId == painPointId, cancellationToken) ?? throw new NotFoundException(ResourceType, painPointId);
    }

    private static V1.PainPoint ToContract(PainPointRecord record)
    {
        var painPoint = new V1.PainPoint
        {
            PainPointId = record.PainPointId,
            Source = (V1.PainPointSource)record.Source,
            Title = record.Title,
            Description = record.Description,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            TopicId = record.TopicId,
            MetricIds = { StoredJson.Read<List<string>>(record.MetricIdsJson) },
            State = (V1.PainPointState)record.State,
            Confirmation = record.ConfirmationJson is { } json ? StoredJson.Message<V1.PainPointConfirmation>(json) : null,
            FeedbackIds = { StoredJson.Read<List<string>>(record.FeedbackIdsJson) },
            DismissedReason = record.DismissedReason,
            Version = record.Version,
            IdentifiedAt = ContractMapping.ToTimestamp(record.IdentifiedAtUtc),
            UpdatedAt = ContractMapping.ToTimestamp(record.UpdatedAtUtc),
            CreatedBy = record.CreatedBy,
        };
        if (record.Source == (int)V1.PainPointSource.BottomUp)
        {
            painPoint.Figures = new V1.PainPointFigures
            {
                Mentions = record.Mentions,
                Comments = record.Comments,
                Share = record.Share,
                ShareInterval = new Interval { Lower = record.ShareLower, Upper = record.ShareUpper },
                ShareElsewhere = record.ShareElsewhere,
                WindowDays = record.WindowDays,
                DetectedAt = ContractMapping.ToTimestamp(record.DetectedAtUtc),
                DetectedNow = record.DetectedNow,
            };
        }

        return painPoint;
    }
}
