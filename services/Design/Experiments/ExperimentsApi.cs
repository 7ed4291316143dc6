using Cx.Design.Data;
using Cx.Design.Domain.Experiments;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Design.V1;

namespace Cx.Design.Experiments;

/// <summary>
/// Experiments on journey steps: planned here, judged by Measurement. The result is what
/// Measurement's CompareResults says of the treatment against the control, recorded once, never
/// recomputed here.
/// </summary>
internal sealed class ExperimentsApi(DesignDb db, ActorContext actor, TimeProvider clock, MeasurementV1.MeasurementService.MeasurementServiceClient measurement)
{
    public const string ResourceType = "experiment";
    public const int MaxTitle = 200;
    public const int MaxHypothesis = 2_000;
    public const int MaxVariantDescription = 500;

    /// <summary>Who concluded an experiment the service concluded at its end.</summary>
    public const string ConcludedOnSchedule = DesignModule.ServiceName;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public async Task<V1.Experiment> CreateAsync(V1.Experiment? experiment, CancellationToken cancellationToken)
    {
        var content = Read(experiment);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new ExperimentRecord
        {
            ExperimentId = content.ExperimentId,
            JourneyId = content.JourneyId,
            EvidenceForJourneyId = content.EvidenceForJourneyId,
            SuggestionId = content.SuggestionId,
            StartsAtUtc = content.StartsAt.ToDateTime(),
            EndsAtUtc = content.EndsAt.ToDateTime(),
            DocumentJson = StoredJson.Message(content),
            CreatedAtUtc = now,
            CreatedBy = actor.Actor,
        };
        if (await db.Experiments.AnyAsync(e => e.ExperimentId == record.ExperimentId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, record.ExperimentId);
        }

        db.Experiments.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, record.ExperimentId);
        }

        return ToContract(record);
    }

    public async Task<V1.Experiment> GetAsync(string experimentId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(experimentId, tracked: false, cancellationToken));

    public async Task<V1.ListExperimentsResponse> ListAsync(V1.ListExperimentsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.JourneyId.Length == 0 || Identifier.IsValid(request.JourneyId), "journey_id", "Empty, or a journey id: " + Identifier.Rule)
            .Require(Enum.IsDefined(request.Status), "status", "Not an ExperimentStatus.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var experiments = db.Experiments.AsNoTracking();
        if (request.JourneyId.Length > 0)
        {
            experiments = experiments.Where(e => e.JourneyId == request.JourneyId || e.EvidenceForJourneyId == request.JourneyId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        experiments = request.Status switch
        {
            V1.ExperimentStatus.Planned => experiments.Where(e => e.ConcludedAtUtc == null && e.StartsAtUtc > now),
            V1.ExperimentStatus.Running => experiments.Where(e => e.ConcludedAtUtc == null && e.StartsAtUtc <= now),
            V1.ExperimentStatus.Concluded => experiments.Where(e => e.ConcludedAtUtc != null),
            _ => experiments,
        };
        if (page.AfterKey is { } after)
        {
            experiments = experiments.Where(e => string.Compare(e.ExperimentId, after) > 0);
        }

        var window = await experiments.OrderBy(e => e.ExperimentId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListExperimentsResponse { Experiments = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].ExperimentId);
        }

        return response;
    }

    public async Task<V1.Experiment> ConcludeAsync(string experimentId, CancellationToken cancellationToken) =>
        ToContract(await ConcludeAsync(await FindAsync(experimentId, tracked: true, cancellationToken), actor.Actor, cancellationToken));

    /// <summary>Concludes the tenant's running experiments past their end, as many as Measurement answers for.</summary>
    public async Task<int> ConcludeEndedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUtc = now.UtcDateTime;
        var ended = await db.Experiments.Where(e => e.ConcludedAtUtc == null && e.EndsAtUtc <= nowUtc).OrderBy(e => e.EndsAtUtc).ThenBy(e => e.ExperimentId).Take(50).ToListAsync(cancellationToken);
        var concluded = 0;
        foreach (var experiment in ended)
        {
            try
            {
                await ConcludeAsync(experiment, ConcludedOnSchedule, cancellationToken);
                concluded++;
            }
            catch (PreconditionFailedException)
            {
                // Measurement refused it (its metric is gone): it stays running, for a person to see
                // and conclude, and is tried again at the next run; the others go on.
            }
        }

        return concluded;
    }

    /// <summary>The treatments of the concluded experiments that are evidence for a journey's review.</summary>
    public async Task<IReadOnlyList<TreatmentScore>> TreatmentsForAsync(string journeyId, CancellationToken cancellationToken)
    {
        var concluded = await db.Experiments.AsNoTracking()
            .Where(e => e.EvidenceForJourneyId == journeyId && e.ConcludedAtUtc != null)
            .ToListAsync(cancellationToken);
        return concluded.Select(e =>
        {
            var experiment = StoredJson.Message<V1.Experiment>(e.DocumentJson);
            var treatment = experiment.Result.Treatment;
            return new TreatmentScore(e.ExperimentId, experiment.MetricId, treatment.HasScore ? treatment.Score : null, treatment.N, new DateTimeOffset(DateTime.SpecifyKind(e.ConcludedAtUtc!.Value, DateTimeKind.Utc)));
        }).ToList();
    }

    private async Task<ExperimentRecord> ConcludeAsync(ExperimentRecord record, string concludedBy, CancellationToken cancellationToken)
    {
        var experiment = StoredJson.Message<V1.Experiment>(record.DocumentJson);
        var now = clock.GetUtcNow();
        if (record.ConcludedAtUtc is not null)
        {
            throw new PreconditionFailedException("ALREADY_CONCLUDED", $"{ResourceType}/{record.ExperimentId}", $"Experiment {record.ExperimentId} was concluded already; its result stands.");
        }

        if (now.UtcDateTime <= record.StartsAtUtc)
        {
            throw new PreconditionFailedException("NOT_STARTED", $"{ResourceType}/{record.ExperimentId}", $"Experiment {record.ExperimentId} starts at {experiment.StartsAt}: there is nothing to read before then.");
        }

        var design = experiment.Design == V1.ExperimentDesign.AB ? ExperimentDesign.AB : ExperimentDesign.BeforeAfter;
        var periods = ExperimentPlan.Periods(design, experiment.StartsAt.ToDateTimeOffset(), experiment.EndsAt.ToDateTimeOffset(), now);
        var request = new MeasurementV1.CompareResultsRequest
        {
            MetricId = experiment.MetricId,
            Filter = Where(experiment, experiment.Control),
            Before = new MeasurementV1.Period { From = Timestamp.FromDateTimeOffset(periods.ControlFrom), To = Timestamp.FromDateTimeOffset(periods.ControlTo) },
            After = new MeasurementV1.Period { From = Timestamp.FromDateTimeOffset(periods.TreatmentFrom), To = Timestamp.FromDateTimeOffset(periods.TreatmentTo) },
            Confidence = experiment.Confidence,
        };
        if (design == ExperimentDesign.AB)
        {
            request.AfterFilter = Where(experiment, experiment.Treatment);
        }

        MeasurementV1.CompareResultsResponse compared;
        try
        {
            compared = await measurement.CompareResultsAsync(request, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (PeerAnswers.IsUnreachable(e.StatusCode) && !cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Measurement did not answer ({e.StatusCode}: {e.Status.Detail}); nothing was recorded: conclude the experiment again later."));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PreconditionFailedException("MEASUREMENT_REFUSED", "metric/" + experiment.MetricId, $"Measurement refused to compare the variants: {e.StatusCode}: {e.Status.Detail}");
        }

        var result = new V1.ExperimentResult
        {
            Control = Arm(experiment.Control, compared.Before, request.Before),
            Treatment = Arm(experiment.Treatment, compared.After, request.After),
            Change = compared.Change,
            Method = compared.Method,
            Outcome = compared.Change is { } change
                ? (V1.ExperimentOutcome)(int)ExperimentPlan.Judge((Direction)(int)experiment.ExpectedDirection, change.Significant, change.Difference)
                : V1.ExperimentOutcome.Inconclusive,
        };
        experiment.Result = result;
        record.DocumentJson = StoredJson.Message(experiment);
        record.ConcludedAtUtc = now.UtcDateTime;
        record.ConcludedBy = concludedBy;
        db.Raise(Concluded(experiment, result, now), record.ExperimentId);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    private static ExperimentConcluded Concluded(V1.Experiment experiment, V1.ExperimentResult result, DateTimeOffset now)
    {
        var concluded = new ExperimentConcluded
        {
            ExperimentId = experiment.ExperimentId,
            Title = experiment.Title,
            JourneyId = experiment.JourneyId,
            JourneyStepId = experiment.JourneyStepId,
            MetricId = experiment.MetricId,
            SuggestionId = experiment.SuggestionId,
            Outcome = (CommonV1.ExperimentOutcome)(int)result.Outcome,
            ControlN = result.Control.N,
            TreatmentN = result.Treatment.N,
            Change = result.Change,
            ConcludedAt = Timestamp.FromDateTimeOffset(now),
        };
        if (result.Control.HasScore)
        {
            concluded.ControlScore = result.Control.Score;
        }

        if (result.Treatment.HasScore)
        {
            concluded.TreatmentScore = result.Treatment.Score;
        }

        return concluded;
    }

    private static CommonV1.ResultFilter Where(V1.Experiment experiment, V1.ExperimentVariant variant)
    {
        var filter = new CommonV1.ResultFilter { JourneyIds = { experiment.JourneyId }, JourneyStepIds = { experiment.JourneyStepId } };
        if (variant.Touchpoint.Length > 0)
        {
            filter.Touchpoints.Add(variant.Touchpoint);
        }

        return filter;
    }

    private static V1.ExperimentArm Arm(V1.ExperimentVariant variant, MeasurementV1.MetricResult measured, MeasurementV1.Period period)
    {
        var arm = new V1.ExperimentArm { VariantId = variant.VariantId, From = period.From, To = period.To, N = measured.N, Interval = measured.Interval, LowN = measured.LowN };
        if (measured.HasScore)
        {
            arm.Score = measured.Score;
        }

        return arm;
    }

    /// <summary>The experiment as planned, checked whole: every field that is wrong is named, and only what the caller plans is kept.</summary>
    private static V1.Experiment Read(V1.Experiment? experiment)
    {
        var validator = new Validator();
        if (experiment is null)
        {
            validator.Add("experiment", "Required.").ThrowIfInvalid();
        }

        var ab = experiment!.Design == V1.ExperimentDesign.AB;
        validator
            .Require(Identifier.IsValid(experiment.ExperimentId), "experiment.experiment_id", Identifier.Rule)
            .Require(experiment.Title.Trim().Length is > 0 and <= MaxTitle, "experiment.title", $"Required, at most {MaxTitle} characters.")
            .Require(experiment.Hypothesis.Trim().Length is > 0 and <= MaxHypothesis, "experiment.hypothesis", $"Required, at most {MaxHypothesis:N0} characters: what should change and why.")
            .Require(Identifier.IsValid(experiment.JourneyId), "experiment.journey_id", "Required, the journey id answers carry: " + Identifier.Rule)
            .Require(Identifier.IsValid(experiment.JourneyStepId), "experiment.journey_step_id", "Required, the step id answers carry: " + Identifier.Rule)
            .Require(Identifier.IsReference(experiment.MetricId, 63), "experiment.metric_id", "Required: one of Measurement's metric ids.")
            .Require(experiment.ExpectedDirection != V1.ExpectedDirection.Unspecified && Enum.IsDefined(experiment.ExpectedDirection), "experiment.expected_direction", "Required: INCREASE or DECREASE.")
            .Require(experiment.Design != V1.ExperimentDesign.Unspecified && Enum.IsDefined(experiment.Design), "experiment.design", "Required: A_B or BEFORE_AFTER.")
            .Require(experiment.EvidenceForJourneyId.Length == 0 || Identifier.IsValid(experiment.EvidenceForJourneyId), "experiment.evidence_for_journey_id", "Empty, or a to-be journey's id.")
            .Require(experiment.SuggestionId.Length == 0 || Identifier.IsValid(experiment.SuggestionId), "experiment.suggestion_id", "Empty, or the id of the front-line suggestion it tries (Culture's).")
            .Require(experiment.Confidence == 0 || experiment.Confidence is >= 0.5 and <= 0.999, "experiment.confidence", "Between 0.5 and 0.999; 0 means 0.95.")
            .Require(experiment.StartsAt is not null, "experiment.starts_at", "Required.")
            .Require(experiment.EndsAt is not null, "experiment.ends_at", "Required.");
        if (experiment.StartsAt is { } starts && experiment.EndsAt is { } ends)
        {
            var (from, to) = (starts.ToDateTimeOffset(), ends.ToDateTimeOffset());
            validator.Require(from < to && to - from <= ExperimentPlan.LongestRun, "experiment.ends_at", $"After starts_at, at most {ExperimentPlan.LongestRun.TotalDays} days later.");
        }

        foreach (var (variant, field) in new[] { (experiment.Control, "experiment.control"), (experiment.Treatment, "experiment.treatment") })
        {
            if (variant is null)
            {
                validator.Add(field, "Required.");
                continue;
            }

            validator
                .Require(Identifier.IsValid(variant.VariantId), field + ".variant_id", Identifier.Rule)
                .Require(variant.Description.Length <= MaxVariantDescription, field + ".description", $"At most {MaxVariantDescription} characters.")
                .Require(!ab || Identifier.IsReference(variant.Touchpoint), field + ".touchpoint", "Required for an A_B experiment: the touchpoint id this variant's answers carry.")
                .Require(ab || variant.Touchpoint.Length == 0, field + ".touchpoint", "Empty for a BEFORE_AFTER experiment: the dates tell its variants apart.");
        }

        if (experiment.Control is { } control && experiment.Treatment is { } treatment)
        {
            validator
                .Require(control.VariantId != treatment.VariantId, "experiment.treatment.variant_id", "Not the control's.")
                .Require(!ab || control.Touchpoint != treatment.Touchpoint, "experiment.treatment.touchpoint", "Not the control's: the touchpoint tells the variants' answers apart.");
        }

        validator.ThrowIfInvalid();
        var content = experiment.Clone();
        content.Title = content.Title.Trim();
        content.Hypothesis = content.Hypothesis.Trim();
        content.Status = V1.ExperimentStatus.Unspecified;
        content.Result = null;
        content.CreatedAt = null;
        content.CreatedBy = string.Empty;
        content.ConcludedAt = null;
        content.ConcludedBy = string.Empty;
        return content;
    }

    private async Task<ExperimentRecord> FindAsync(string experimentId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(experimentId), "experiment_id", Identifier.Rule).ThrowIfInvalid();
        var experiments = tracked ? db.Experiments : db.Experiments.AsNoTracking();
        return await experiments.FirstOrDefaultAsync(e => e.ExperimentId == experimentId, cancellationToken) ?? throw new NotFoundException(ResourceType, experimentId);
    }

    private V1.Experiment ToContract(ExperimentRecord record)
    {
        var experiment = StoredJson.Message<V1.Experiment>(record.DocumentJson);
        experiment.Status = record.ConcludedAtUtc is not null ? V1.ExperimentStatus.Concluded
            : clock.GetUtcNow().UtcDateTime < record.StartsAtUtc ? V1.ExperimentStatus.Planned
            : V1.ExperimentStatus.Running;
        experiment.CreatedAt = Stamp(record.CreatedAtUtc);
        experiment.CreatedBy = record.CreatedBy;
        if (record.ConcludedAtUtc is { } concluded)
        {
            experiment.ConcludedAt = Stamp(concluded);
            experiment.ConcludedBy = record.ConcludedBy;
        }

        return experiment;
    }

    private static Timestamp Stamp(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
