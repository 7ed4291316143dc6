using System.Globalization;
using Cx.Domain.Errors;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Metrics;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Api;

/// <summary>
/// Records responses: validated whole (every wrong field named), idempotent by submission id,
/// committed with their events (response_recorded; detractor_detected for NPS answers of 0–6).
/// </summary>
internal sealed class ResponsesApi(MeasurementDb db, InstrumentsApi instruments, TimeProvider clock)
{
    public const int MaxBatch = 10_000;
    private const int MaxTagLength = 100;

    public async Task<V1.RecordResponseResult> RecordOneAsync(V1.Response? response, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        validator.Require(response is not null, "response", "Required.");
        validator.ThrowIfInvalid();
        var (recorded, _) = await RecordAsync([response!], ["response"], cancellationToken);
        var existing = recorded.Count == 1 ? recorded[0] : await ExistingIdAsync(response!.SubmissionId, cancellationToken);
        return new V1.RecordResponseResult { ResponseId = existing.ToString(), Duplicate = recorded.Count == 0 };
    }

    /// <param name="firstIndex">The position of the first response in the caller's whole stream, so errors name it.</param>
    public async Task<V1.RecordResponsesResult> RecordManyAsync(IReadOnlyList<V1.Response> responses, CancellationToken cancellationToken, int firstIndex = 0)
    {
        new Validator()
            .Require(responses.Count > 0, "responses", "At least one response is needed.")
            .Require(responses.Count <= MaxBatch, "responses", $"At most {MaxBatch:N0} responses per call (got {responses.Count:N0}); split the batch.")
            .ThrowIfInvalid();
        var (recorded, duplicates) = await RecordAsync(responses, responses.Select((_, i) => $"responses[{firstIndex + i}]").ToArray(), cancellationToken);
        return new V1.RecordResponsesResult { Recorded = recorded.Count, Duplicates = duplicates };
    }

    private async Task<(List<Guid> Recorded, int Duplicates)> RecordAsync(IReadOnlyList<V1.Response> responses, string[] paths, CancellationToken cancellationToken, bool retried = false)
    {
        var now = clock.GetUtcNow();
        var metricIds = responses.SelectMany(r => r.Answers.Select(a => a.MetricId)).Distinct().ToArray();
        var definitions = (await db.MetricDefinitions.Where(m => metricIds.Contains(m.MetricId)).ToListAsync(cancellationToken))
            .GroupBy(m => m.MetricId)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.Version)!);
        var validator = new Validator();
        var invitations = new Dictionary<string, InvitationRecord>(StringComparer.Ordinal);
        for (var i = 0; i < responses.Count; i++)
        {
            Validate(responses[i], paths[i], definitions, now, validator);
            if (responses[i].InvitationId.Length > 0)
            {
                var invitation = await instruments.FindForResponseAsync(responses[i].InvitationId, cancellationToken);
                validator.Require(invitation is not null, paths[i] + ".invitation_id", $"No invitation '{responses[i].InvitationId}' exists.");
                if (invitation is not null)
                {
                    invitations[responses[i].InvitationId] = invitation;
                }
            }
        }

        validator.ThrowIfInvalid();

        // Idempotency: submissions recorded before, or twice in this call, change nothing.
        var submissionIds = responses.Select(r => r.SubmissionId).Distinct().ToArray();
        var seen = (await db.Responses.Where(r => submissionIds.Contains(r.SubmissionId)).Select(r => r.SubmissionId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var recorded = new List<Guid>();
        var duplicates = 0;
        foreach (var response in responses)
        {
            if (!seen.Add(response.SubmissionId))
            {
                duplicates++;
                continue;
            }

            recorded.Add(Add(response, definitions, now));
            if (invitations.TryGetValue(response.InvitationId, out var answered))
            {
                answered.AnsweredAtUtc ??= now.UtcDateTime;
            }
        }

        try
        {
            // The responses, their events and the rollups they add commit together (in the caller's
            // transaction when there is one, e.g. an event delivery's).
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var added = db.ChangeTracker.Entries<ResponseRecord>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            await db.SaveChangesAsync(cancellationToken);
            await ScoreRollups.AddAsync(db, ScoreRollups.Increments(added, db.CurrentTenantId), cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e) && !retried && db.Database.CurrentTransaction is null)
        {
            // The same submission arrived through another call at the same moment and that call
            // recorded it: once more from the start, it is now found and answered as a duplicate.
            db.ChangeTracker.Clear();
            return await RecordAsync(responses, paths, cancellationToken, retried: true);
        }

        return (recorded, duplicates);
    }

    private Guid Add(V1.Response response, Dictionary<string, MetricDefinitionRecord> definitions, DateTimeOffset now)
    {
        var context = response.Context ?? new V1.ResponseContext();
        var occurred = context.OccurredAt?.ToDateTimeOffset() ?? now;
        var record = new ResponseRecord
        {
            Id = Guid.CreateVersion7(),
            SubmissionId = response.SubmissionId,
            Channel = context.Channel,
            JourneyId = context.JourneyId,
            JourneyStepId = context.JourneyStepId,
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
                MetricId = a.MetricId,
                MetricVersion = definitions[a.MetricId].Version,
                Score = a.HasScore ? a.Score : null,
            }).ToList(),
        };
        db.Responses.Add(record);

        var recordedContext = record.ToContract();
        db.Raise(new ResponseRecorded { ResponseId = record.Id.ToString(), SubmissionId = record.SubmissionId, Context = recordedContext, Answers = { response.Answers } }, record.Id.ToString());
        foreach (var answer in response.Answers.Where(a => a.HasScore && definitions[a.MetricId].Kind == MetricKind.Nps && a.Score <= 6))
        {
            db.Raise(new DetractorDetected { ResponseId = record.Id.ToString(), MetricId = answer.MetricId, Score = answer.Score, Context = recordedContext }, record.Id.ToString());
        }

        return record.Id;
    }

    private static void Validate(V1.Response response, string path, Dictionary<string, MetricDefinitionRecord> definitions, DateTimeOffset now, Validator validator)
    {
        validator.Require(response.SubmissionId.Length is > 0 and <= MaxTagLength, path + ".submission_id", $"Required, at most {MaxTagLength} characters: the caller's id of this submission.");
        validator.Require(response.Answers.Count > 0, path + ".answers", "At least one answer is needed.");
        var context = response.Context ?? new V1.ResponseContext();
        foreach (var (field, value) in Tags(context))
        {
            validator.Require(value.Length <= MaxTagLength, $"{path}.context.{field}", $"At most {MaxTagLength} characters.");
        }

        validator.Require(context.OccurredAt is null || context.OccurredAt.ToDateTimeOffset() <= now.AddMinutes(5), path + ".context.occurred_at", "Must not be in the future.");
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
    }

    private static IEnumerable<(string Field, string Value)> Tags(V1.ResponseContext context) =>
    [
        ("channel", context.Channel), ("journey_id", context.JourneyId), ("journey_step_id", context.JourneyStepId), ("touchpoint", context.Touchpoint),
        ("segment", context.Segment), ("region", context.Region), ("employee_id", context.EmployeeId), ("team_id", context.TeamId), ("customer_id", context.CustomerId),
    ];

    private async Task<Guid> ExistingIdAsync(string submissionId, CancellationToken cancellationToken) =>
        await db.Responses.Where(r => r.SubmissionId == submissionId).Select(r => r.Id).SingleAsync(cancellationToken);
}

/// <summary>The calendar buckets of an instant, in UTC: day, ISO week (its Monday), month.</summary>
internal static class CalendarBuckets
{
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Week(DateTimeOffset at)
    {
        var day = at.UtcDateTime.Date;
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
