using System.Diagnostics;
using System.Globalization;
using Cx.Domain.Errors;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Calendar;
using Cx.Measurement.Domain.Comments;
using Cx.Measurement.Domain.Instruments;
using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Domain.Statistics;
using Cx.Measurement.Instruments;
using Cx.Measurement.Metrics;
using Cx.Measurement.Results;
using Cx.Persistence;
using Cx.Persistence.Messaging;
using Cx.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Responses;

/// <summary>
/// Validates and records submissions of responses. Several submissions share one transaction
/// (see <see cref="ResponseGroupCommit"/>), yet each is judged on its own: one caller's bad field
/// refuses that caller's responses only. Everything a response changes is written in that
/// transaction: the response, its answers and comments, its events (response_recorded; detractor_detected
/// for NPS answers of 0–6), the rollups, and the invitation it answers.
/// </summary>
internal sealed class ResponseRecorder(MeasurementDb db, InstrumentsApi instruments, TimeProvider clock)
{
    private const int MaxTagLength = 100;

    /// <summary>No experience surveyed happened before this; earlier dates are mistakes (e.g. an unset year).</summary>
    private static readonly DateTimeOffset EarliestOccurrence = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<SubmissionOutcome>> RecordAsync(IReadOnlyList<Submission> submissions, CancellationToken cancellationToken)
    {
        try
        {
            return await RecordOnceAsync(submissions, cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The same submission arrived through another process at the same moment and was
            // recorded there: once more from the start, it is now found and answered as a duplicate.
            db.ChangeTracker.Clear();
            return await RecordOnceAsync(submissions, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<SubmissionOutcome>> RecordOnceAsync(IReadOnlyList<Submission> submissions, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var metricIds = submissions.SelectMany(s => s.Responses).SelectMany(r => r.Answers.Select(a => a.MetricId)).Distinct().ToArray();
        var definitions = (await db.MetricDefinitions.Where(m => metricIds.Contains(m.MetricId)).ToListAsync(cancellationToken))
            .GroupBy(m => m.MetricId)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.Version)!);

        var outcomes = new SubmissionOutcome?[submissions.Count];
        var answered = new AnsweredLookups(instruments);
        for (var s = 0; s < submissions.Count; s++)
        {
            var error = await ValidateAsync(submissions[s], definitions, answered, now, cancellationToken);
            outcomes[s] = error is null ? null : new SubmissionOutcome([], 0, error);
        }

        // Idempotency: submissions recorded before, or twice in this group, change nothing.
        var submissionIds = submissions.Where((_, s) => outcomes[s] is null).SelectMany(s => s.Responses).Select(r => r.SubmissionId).Distinct().ToArray();
        var seen = (await db.Responses.Where(r => submissionIds.Contains(r.SubmissionId)).Select(r => r.SubmissionId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var rows = new List<ResponseRecord>();
        var events = new List<OutboxMessage>();
        for (var s = 0; s < submissions.Count; s++)
        {
            if (outcomes[s] is not null)
            {
                continue;
            }

            var recorded = new List<Guid>();
            var duplicates = 0;
            var previous = Activity.Current;
            Activity.Current = submissions[s].Caller ?? previous;
            try
            {
                foreach (var response in submissions[s].Responses)
                {
                    if (!seen.Add(response.SubmissionId))
                    {
                        duplicates++;
                        continue;
                    }

                    var invitation = answered.Invitations.GetValueOrDefault(response.InvitationId);
                    var row = ToRecord(response, answered.InstrumentOf(response), invitation?.Id.ToString() ?? string.Empty, definitions, now);
                    rows.Add(row);
                    events.AddRange(EventsOf(row, response, definitions));
                    recorded.Add(row.Id);
                    if (invitation is not null)
                    {
                        invitation.AnsweredAtUtc ??= now.UtcDateTime;
                    }
                }
            }
            finally
            {
                Activity.Current = previous;
            }

            outcomes[s] = new SubmissionOutcome(recorded, duplicates, null);
        }

        if (rows.Count > 0)
        {
            await WriteAsync(rows, events, cancellationToken);
        }

        return outcomes!;
    }

    /// <summary>The responses, their events and the rollups they add commit together.</summary>
    private async Task WriteAsync(List<ResponseRecord> rows, List<OutboxMessage> events, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.InsertRowsAsync(rows, cancellationToken);
        await db.InsertRowsAsync(rows.SelectMany(r => r.Answers).ToList(), cancellationToken);
        await db.InsertRowsAsync(rows.SelectMany(r => r.Comments).ToList(), cancellationToken);
        await db.InsertRowsAsync(events, cancellationToken);
        await ScoreRollups.AddAsync(db, ScoreRollups.Increments(rows, db.CurrentTenantId), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<ValidationFailedException?> ValidateAsync(
        Submission submission, Dictionary<string, MetricDefinitionRecord> definitions, AnsweredLookups answered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        for (var i = 0; i < submission.Responses.Count; i++)
        {
            var response = submission.Responses[i];
            var path = submission.Paths[i];
            Validate(response, path, definitions, now, validator);
            if (response.InvitationId.Length > 0)
            {
                var invitation = await answered.InvitationAsync(response.InvitationId, cancellationToken);
                validator.Require(invitation is not null, path + ".invitation_id", $"No invitation '{response.InvitationId}' exists.");
                validator.Require(invitation is not { SentAtUtc: null }, path + ".invitation_id",
                    $"Invitation '{response.InvitationId}' was suppressed ({invitation?.SuppressedBy}), never sent: no response answers it.");
                validator.Require(invitation is null || response.InstrumentId.Length == 0 || invitation.InstrumentId == response.InstrumentId, path + ".instrument_id",
                    $"Invitation '{response.InvitationId}' is for instrument '{invitation?.InstrumentId}', not '{response.InstrumentId}'.");
            }

            if (answered.InstrumentIdOf(response) is { Length: > 0 } instrumentId)
            {
                await ValidateInstrumentAsync(response, path, instrumentId, answered, now, validator, cancellationToken);
            }
        }

        try
        {
            validator.ThrowIfInvalid();
            return null;
        }
        catch (ValidationFailedException invalid)
        {
            return invalid;
        }
    }

    /// <summary>A response to an instrument: one that takes it at the moment it occurred, answering its questions only.</summary>
    private static async Task ValidateInstrumentAsync(
        V1.Response response, string path, string instrumentId, AnsweredLookups answered, DateTimeOffset now, Validator validator, CancellationToken cancellationToken)
    {
        if (await answered.InstrumentAsync(instrumentId, cancellationToken) is not { } instrument)
        {
            validator.Add(path + ".instrument_id", $"No instrument '{instrumentId}' exists.");
            return;
        }

        var occurred = response.Context?.OccurredAt is { } at && RequestValues.IsValid(at) ? at.ToDateTime() : now.UtcDateTime;
        if (InstrumentAnswers.WhyNot(instrument.InstrumentId, instrument.State, instrument.OpensAtUtc, instrument.ClosesAtUtc, occurred) is { } reason)
        {
            validator.Add(path + ".instrument_id", reason);
        }

        for (var j = 0; j < response.Answers.Count; j++)
        {
            validator.Require(instrument.MetricIds.Contains(response.Answers[j].MetricId), $"{path}.answers[{j}].metric_id",
                $"Instrument {instrument.InstrumentId} asks no question on '{response.Answers[j].MetricId}'.");
        }
    }

    private static void Validate(V1.Response response, string path, Dictionary<string, MetricDefinitionRecord> definitions, DateTimeOffset now, Validator validator)
    {
        validator.Require(response.SubmissionId.Length is > 0 and <= MaxTagLength, path + ".submission_id", $"Required, at most {MaxTagLength} characters: the caller's id of this submission.");
        validator.Require(response.Answers.Count > 0, path + ".answers", "At least one answer is needed.");
        var context = response.Context ?? new CommonV1.ResponseContext();
        foreach (var (field, value) in Tags(context))
        {
            validator.Require(value.Length <= MaxTagLength, $"{path}.context.{field}", $"At most {MaxTagLength} characters.");
        }

        // An out-of-range time was refused before (the request interceptor, or the stream's own check).
        if (context.OccurredAt is { } occurred && RequestValues.IsValid(occurred))
        {
            var at = context.OccurredAt.ToDateTimeOffset();
            validator.Require(at <= now.AddMinutes(5), path + ".context.occurred_at", "Must not be in the future.");
            validator.Require(at >= EarliestOccurrence, path + ".context.occurred_at", "Must be in 1900 or later.");
        }
        for (var j = 0; j < response.Answers.Count; j++)
        {
            var answer = response.Answers[j];
            var answerPath = $"{path}.answers[{j}]";
            if (!definitions.TryGetValue(answer.MetricId, out var metric))
            {
                validator.Add(answerPath + ".metric_id", $"No metric '{answer.MetricId}' is defined.");
                continue;
            }

            validator.Require(!answer.HasScore || metric.Scale.Contains(answer.Score), answerPath + ".score",
                $"{metric.MetricId} is answered on {metric.ScaleMin}-{metric.ScaleMax} (was {(answer.HasScore ? answer.Score.ToString(CultureInfo.InvariantCulture) : "")}).");
        }

        validator.Require(response.Answers.Select(a => a.MetricId).Distinct().Count() == response.Answers.Count, path + ".answers", "Each metric is answered at most once per response.");
        ValidateComments(response, path, validator);
    }

    /// <summary>
    /// A comment on a question names a metric the response answers (a skipped answer counts): that
    /// metric is then defined, and asked by the instrument answered, as the answer's checks require.
    /// A comment on a metric the customer was not asked about would be filed under the wrong question.
    /// </summary>
    private static void ValidateComments(V1.Response response, string path, Validator validator)
    {
        validator.Require(response.Comments.Count <= CommentRules.MaxPerResponse, path + ".comments",
            $"At most {CommentRules.MaxPerResponse} comments per response (got {response.Comments.Count}).");
        for (var k = 0; k < response.Comments.Count; k++)
        {
            var comment = response.Comments[k];
            var commentPath = $"{path}.comments[{k}]";
            validator.Require(comment.MetricId.Length == 0 || response.Answers.Any(a => a.MetricId == comment.MetricId), commentPath + ".metric_id",
                $"This response answers no metric '{comment.MetricId}': a comment names one of its answers' metrics, or none for an overall comment.");
            if (CommentRules.WhyNotText(comment.Text) is { } text)
            {
                validator.Add(commentPath + ".text", text);
            }

            if (CommentRules.WhyNotLanguage(comment.Language) is { } language)
            {
                validator.Add(commentPath + ".language", language);
            }
        }
    }

    private static IEnumerable<(string Field, string Value)> Tags(CommonV1.ResponseContext context) =>
    [
        ("channel", context.Channel), ("journey_id", context.JourneyId), ("journey_step_id", context.JourneyStepId), ("touchpoint", context.Touchpoint),
        ("segment", context.Segment), ("region", context.Region), ("employee_id", context.EmployeeId), ("team_id", context.TeamId), ("customer_id", context.CustomerId),
    ];

    /// <param name="instrument">The instrument answered, if any: a response that names no journey is recorded at the instrument's step.</param>
    /// <param name="invitationId">The invitation answered, as the service writes its ids; "" for none.</param>
    private ResponseRecord ToRecord(V1.Response response, AnsweredInstrument? instrument, string invitationId, Dictionary<string, MetricDefinitionRecord> definitions, DateTimeOffset now)
    {
        var context = response.Context ?? new CommonV1.ResponseContext();
        var (journeyId, journeyStepId) = context.JourneyId.Length == 0 && instrument is { JourneyId.Length: > 0 }
            ? (instrument.JourneyId, instrument.JourneyStepId)
            : (context.JourneyId, context.JourneyStepId);
        var occurred = context.OccurredAt?.ToDateTimeOffset() ?? now;
        var id = Guid.CreateVersion7();
        return new ResponseRecord
        {
            Id = id,
            TenantId = db.CurrentTenantId,
            SubmissionId = response.SubmissionId,
            InstrumentId = instrument?.InstrumentId ?? string.Empty,
            InvitationId = invitationId,
            Channel = context.Channel,
            JourneyId = journeyId,
            JourneyStepId = journeyStepId,
            Touchpoint = context.Touchpoint,
            Segment = context.Segment,
            Region = context.Region,
            EmployeeId = context.EmployeeId,
            TeamId = context.TeamId,
            CustomerId = context.CustomerId,
            OccurredAtUtc = occurred.UtcDateTime,
            Day = CalendarBuckets.Day(occurred),
            Week = CalendarBuckets.Week(occurred),
            Month = CalendarBuckets.Month(occurred),
            RecordedAtUtc = now.UtcDateTime,
            Answers = response.Answers.Select(a => new AnswerRecord
            {
                TenantId = db.CurrentTenantId,
                ResponseId = id,
                MetricId = a.MetricId,
                MetricVersion = definitions[a.MetricId].Version,
                Score = a.HasScore ? a.Score : null,
            }).ToList(),
            Comments = response.Comments.Select((c, ordinal) => new CommentRecord
            {
                TenantId = db.CurrentTenantId,
                ResponseId = id,
                Ordinal = ordinal,
                MetricId = c.MetricId,
                Text = c.Text,
                Language = c.Language,
            }).ToList(),
        };
    }

    private IEnumerable<OutboxMessage> EventsOf(ResponseRecord row, V1.Response response, Dictionary<string, MetricDefinitionRecord> definitions)
    {
        var context = row.ToContract();
        var subject = row.Id.ToString();
        yield return db.PrepareEvent(
            new ResponseRecorded { ResponseId = subject, SubmissionId = row.SubmissionId, Context = context, Answers = { response.Answers }, Comments = { response.Comments }, InstrumentId = row.InstrumentId, InvitationId = row.InvitationId },
            subject);
        foreach (var answer in response.Answers.Where(a => a.HasScore && definitions[a.MetricId].Kind == MetricKind.Nps && NpsBands.IsDetractor(a.Score)))
        {
            yield return db.PrepareEvent(new DetractorDetected { ResponseId = subject, MetricId = answer.MetricId, Score = answer.Score, Context = context }, subject);
        }
    }
}
