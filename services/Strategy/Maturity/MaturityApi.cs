using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Strategy.Data;
using Cx.Strategy.Domain.Maturity;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.Maturity;

/// <summary>
/// The tenant's maturity: each discipline's practices rated from the signals the platform saw in
/// the 90 days before a moment (<see cref="MaturityRules"/>), the phase on the path, and the
/// tenant's own rating of the five capabilities; assessed when asked and at each quarter's end,
/// kept as history and announced.
/// </summary>
internal sealed class MaturityApi(StrategyDb db, ActorContext actor, TimeProvider clock)
{
    public const int WindowDays = 90;
    public const int MaxNote = 1_000;

    /// <summary>A tenant's first quarterly run writes this many quarter ends, so it sees where it came from.</summary>
    public const int QuartersBack = 4;

    public Task<V1.MaturityAssessment> AssessAsync(CancellationToken cancellationToken) => AssessAsync(clock.GetUtcNow(), actor.Actor, cancellationToken);

    public async Task<V1.ListMaturityAssessmentsResponse> ListAsync(V1.ListMaturityAssessmentsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        var before = DateTime.MaxValue;
        if (page.AfterKey is { } key)
        {
            if (long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks)
            {
                before = new DateTime(ticks, DateTimeKind.Utc);
            }
            else
            {
                validator.Add("page_token", "A next_page_token this list gave.");
            }
        }

        validator.ThrowIfInvalid();
        var rows = await db.Assessments.AsNoTracking().Where(a => a.AsOfUtc < before).OrderByDescending(a => a.AsOfUtc).Take(page.Size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > page.Size ? PageRequest.TokenAfter(rows[page.Size - 1].AsOfUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)) : string.Empty;
        return new V1.ListMaturityAssessmentsResponse { Assessments = { rows.Take(page.Size).Select(r => StoredJson.Message<V1.MaturityAssessment>(r.DocumentJson)) }, NextPageToken = next };
    }

    public Task<bool> HasSelfAssessmentAsync(CancellationToken cancellationToken) => db.SelfAssessments.AnyAsync(cancellationToken);

    public async Task<V1.CapabilitySelfAssessment> SetSelfAssessmentAsync(V1.SetCapabilitySelfAssessmentRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.Ratings.Select(r => r.Capability).Order().SequenceEqual(System.Enum.GetValues<V1.Capability>().Where(c => c != V1.Capability.Unspecified)), "ratings", "Each of the five capabilities (mindset, team, management system, toolkit, IT) once.");
        for (var i = 0; i < request.Ratings.Count; i++)
        {
            validator
                .Require(request.Ratings[i].Rating != V1.PracticeRating.Unspecified && System.Enum.IsDefined(request.Ratings[i].Rating), $"ratings[{i}].rating", "UNDEVELOPED, AD_HOC, REPEATABLE or SYSTEMATIC.")
                .Require(request.Ratings[i].Note.Trim().Length <= MaxNote, $"ratings[{i}].note", $"At most {MaxNote} characters.");
        }

        validator.ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var self = new V1.CapabilitySelfAssessment
        {
            Ratings = { request.Ratings.OrderBy(r => r.Capability).Select(r => new V1.CapabilityRating { Capability = r.Capability, Rating = r.Rating, Note = r.Note.Trim() }) },
            AssessedAt = Timestamp.FromDateTimeOffset(now),
            AssessedBy = actor.Actor,
        };
        db.SelfAssessments.Add(new SelfAssessmentRecord { AssessedAtUtc = now.UtcDateTime, DocumentJson = StoredJson.Message(self) });
        await db.SaveChangesAsync(cancellationToken);
        return self;
    }

    /// <summary>
    /// Writes the assessment of each of the last <see cref="QuartersBack"/> quarter ends that has
    /// none; the tenant's first run also writes where it stands now.
    /// </summary>
    public async Task<int> AssessEndedQuartersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = !await db.Assessments.AnyAsync(cancellationToken);
        var quarterEnds = QuarterEnds(now, QuartersBack).Select(e => e.UtcDateTime).ToList();
        var assessed = await db.Assessments.AsNoTracking().Where(a => quarterEnds.Contains(a.AsOfUtc)).Select(a => a.AsOfUtc).ToListAsync(cancellationToken);
        var ends = QuarterEnds(now, QuartersBack).Where(end => !assessed.Contains(end.UtcDateTime)).ToList();
        foreach (var end in ends)
        {
            await AssessAsync(end, ActorContext.System, cancellationToken);
        }

        if (first && !ends.Contains(now))
        {
            await AssessAsync(now, ActorContext.System, cancellationToken);
            return ends.Count + 1;
        }

        return ends.Count;
    }

    /// <summary>The last <paramref name="count"/> quarter ends (1 January, April, July, October, UTC) at or before <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<DateTimeOffset> QuarterEnds(DateTimeOffset now, int count)
    {
        var utc = now.UtcDateTime;
        var end = new DateTimeOffset(utc.Year, ((utc.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, count).Select(i => end.AddMonths(-3 * i)).Reverse().ToList();
    }

    private async Task<V1.MaturityAssessment> AssessAsync(DateTimeOffset asOf, string by, CancellationToken cancellationToken)
    {
        var values = await ValuesAsync(asOf, cancellationToken);
        var judged = MaturityRules.Assess(values);
        var selfJson = await db.SelfAssessments.AsNoTracking().Where(s => s.AssessedAtUtc <= asOf.UtcDateTime).OrderByDescending(s => s.AssessedAtUtc).Select(s => s.DocumentJson).FirstOrDefaultAsync(cancellationToken);
        var previous = await db.Assessments.AsNoTracking().Where(a => a.AsOfUtc < asOf.UtcDateTime).OrderByDescending(a => a.AsOfUtc).Select(a => a.DocumentJson).FirstOrDefaultAsync(cancellationToken);
        var assessment = new V1.MaturityAssessment
        {
            AssessmentId = Guid.CreateVersion7(clock.GetUtcNow()).ToString(),
            AsOf = Timestamp.FromDateTimeOffset(asOf),
            Practices =
            {
                judged.Practices.Select(p => new V1.PracticeAssessment
                {
                    Discipline = p.Practice.Discipline,
                    Practice = p.Practice.Name,
                    Signal = p.Practice.Signal,
                    Value = p.Value,
                    AdHocFrom = p.Practice.AdHocFrom,
                    RepeatableFrom = p.Practice.RepeatableFrom,
                    SystematicFrom = p.Practice.SystematicFrom,
                    Rating = (V1.PracticeRating)(int)p.Rating,
                }),
            },
            Phase = (CommonV1.MaturityPhase)(int)judged.Phase,
            PhaseReason = judged.PhaseReason,
            SelfAssessment = selfJson is null ? null : StoredJson.Message<V1.CapabilitySelfAssessment>(selfJson),
            AssessedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
            AssessedBy = by,
        };
        foreach (var (discipline, rating) in judged.Disciplines)
        {
            assessment.Disciplines[discipline] = (V1.PracticeRating)(int)rating;
        }

        db.Assessments.Add(new AssessmentRecord { AssessmentId = assessment.AssessmentId, AsOfUtc = asOf.UtcDateTime, DocumentJson = StoredJson.Message(assessment) });
        db.Raise(new MaturityAssessed
        {
            AssessmentId = assessment.AssessmentId,
            AsOf = assessment.AsOf,
            Phase = assessment.Phase,
            PreviousPhase = previous is null ? CommonV1.MaturityPhase.Unspecified : StoredJson.Message<V1.MaturityAssessment>(previous).Phase,
            Disciplines = { judged.Disciplines.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new MaturityAssessed.Types.Discipline { Name = d.Key, Rating = (int)d.Value }) },
        }, assessment.AssessmentId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException("maturity-assessment", asOf.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        return assessment;
    }

    /// <summary>
    /// Each practice's signal over the 90 days before <paramref name="asOf"/> (or, for what
    /// accumulates, everything before it), counted in the database: a comment is a row, and a
    /// tenant has many.
    /// </summary>
    private async Task<Dictionary<Practice, double>> ValuesAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var to = asOf.UtcDateTime;
        var from = to.AddDays(-WindowDays);
        var upToNow = db.Signals.AsNoTracking().Where(s => s.OccurredAtUtc <= to);
        var recent = upToNow.Where(s => s.OccurredAtUtc > from);
        var recentCounts = await recent.GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var everCounts = await upToNow.GroupBy(s => s.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        int Count(SignalKind kind) => recentCounts.GetValueOrDefault((int)kind);
        int Ever(SignalKind kind) => everCounts.GetValueOrDefault((int)kind);
        var closed = (int)SignalKind.CaseClosed;
        var inTime = await recent.Where(s => s.Kind == closed).SumAsync(s => s.Value, cancellationToken);
        var confirmed = (int)SignalKind.PainPointConfirmed;
        var recognised = (int)SignalKind.RecognitionAwarded;
        return new Dictionary<Practice, double>
        {
            [MaturityRules.TargetsSet] = await db.Targets.AsNoTracking().CountAsync(t => t.SetAtUtc <= to, cancellationToken),
            [MaturityRules.DriverAnalyses] = Count(SignalKind.DriverAnalysis),
            [MaturityRules.CommentsRead] = Count(SignalKind.CommentsEnriched),
            [MaturityRules.PainPointsConfirmed] = await upToNow.CountAsync(s => s.Kind == confirmed && s.Value > 0, cancellationToken),
            [MaturityRules.JourneysPublished] = Ever(SignalKind.JourneyPublished),
            [MaturityRules.ExperimentsConcluded] = Count(SignalKind.ExperimentConcluded),
            [MaturityRules.LoopClosedInTime] = Count(SignalKind.CaseClosed) == 0 ? 0 : inTime / Count(SignalKind.CaseClosed),
            [MaturityRules.ActionPlansCompleted] = Count(SignalKind.ActionPlanCompleted),
            [MaturityRules.StandardsPublished] = Ever(SignalKind.StandardPublished),
            [MaturityRules.EmployeesRecognised] = await recent.Where(s => s.Kind == recognised && s.Detail != string.Empty).Select(s => s.Detail).Distinct().CountAsync(cancellationToken),
            [MaturityRules.SuggestionsAdopted] = Count(SignalKind.SuggestionAdopted),
        };
    }
}
