using System.Globalization;
using Cx.Culture.Data;
using Cx.Culture.Domain.People;
using Cx.Culture.Domain.Recognition;
using Cx.Culture.Domain.Rituals;
using Cx.Culture.People;
using Cx.Culture.Recognition;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Rituals;

/// <summary>
/// The rituals, repeated until they stick: every team's weekly customer moment (a customer's own
/// words about the team's people, and the week's recognitions) and every manager's monthly digest
/// of what their people received. Each is written once per period, when it has ended, and
/// announced for delivery channels; a period with nothing to tell gets none.
/// </summary>
internal sealed class RitualDigestsApi(CultureDb db, TimeProvider clock)
{
    public const string ResourceType = "digest";
    public const int MaxEntries = 20;
    public const int MaxHighlights = 5;

    public async Task<V1.RitualDigest> GetAsync(string digestId, CancellationToken cancellationToken)
    {
        new Validator().Require(Guid.TryParse(digestId, out _), "digest_id", "A digest id, as the service gave it.").ThrowIfInvalid();
        var record = await db.Digests.AsNoTracking().FirstOrDefaultAsync(d => d.DigestId == digestId, cancellationToken)
            ?? throw new NotFoundException(ResourceType, digestId);
        return StoredJson.Message<V1.RitualDigest>(record.DocumentJson);
    }

    public async Task<V1.ListRitualDigestsResponse> ListAsync(V1.ListRitualDigestsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(Enum.IsDefined(request.Kind), "kind", "A RitualKind, or unspecified for every kind.")
            .Require(request.TeamId.Length == 0 || PersonId.IsValid(request.TeamId), "team_id", "Empty, or a team id: " + PersonId.Rule)
            .Require(request.ManagerId.Length == 0 || PersonId.IsValid(request.ManagerId), "manager_id", "Empty, or an employee id: " + PersonId.Rule);
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var digests = db.Digests.AsNoTracking();
        if (request.Kind != CommonV1.RitualKind.Unspecified)
        {
            var kind = (int)request.Kind;
            digests = digests.Where(d => d.Kind == kind);
        }

        if (request.TeamId.Length > 0)
        {
            digests = digests.Where(d => d.TeamId == request.TeamId);
        }

        if (request.ManagerId.Length > 0)
        {
            digests = digests.Where(d => d.ManagerId == request.ManagerId);
        }

        var (items, next) = await NewestFirst.PageAsync(digests, d => d.GeneratedAtUtc, d => d.DigestId, page, cancellationToken);
        return new V1.ListRitualDigestsResponse { Digests = { items.Select(d => StoredJson.Message<V1.RitualDigest>(d.DocumentJson)) }, NextPageToken = next };
    }

    /// <summary>Writes the tenant's digests for the last week and month that have ended, those not written yet; returns how many.</summary>
    public async Task<int> WriteDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var employees = await db.Employees.AsNoTracking().ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().ToListAsync(cancellationToken);
        var names = employees.ToDictionary(e => e.EmployeeId, e => e.DisplayName, StringComparer.Ordinal);
        var written = 0;

        var (weekStart, weekEnd) = RitualPeriods.LastWeek(now);
        var weekly = (int)CommonV1.RitualKind.WeeklyCustomerMoment;
        var doneWeekly = (await db.Digests.Where(d => d.Kind == weekly && d.PeriodStartUtc == weekStart).Select(d => d.SubjectId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var team in teams.Where(t => !doneWeekly.Contains(t.TeamId)))
        {
            var awarded = await AwardedAsync(r => r.TeamId == team.TeamId, weekStart, weekEnd, cancellationToken);
            var moment = await MomentAsync(team.TeamId, weekStart, weekEnd, cancellationToken);
            if (awarded.Count == 0 && moment is null)
            {
                continue;
            }

            var headline = string.Create(CultureInfo.InvariantCulture, $"{team.Name}: the week of {weekStart:d MMMM yyyy}");
            written += await WriteAsync(CommonV1.RitualKind.WeeklyCustomerMoment, team.TeamId, team.TeamId, team.ManagerId, headline, weekStart, weekEnd, moment, awarded, names, teams, cancellationToken);
        }

        var (monthStart, monthEnd) = RitualPeriods.LastMonth(now);
        var monthly = (int)CommonV1.RitualKind.MonthlyManagerDigest;
        var doneMonthly = (await db.Digests.Where(d => d.Kind == monthly && d.PeriodStartUtc == monthStart).Select(d => d.SubjectId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var managers = employees.Select(e => e.ManagerId).Concat(teams.Select(t => t.ManagerId)).Where(m => m.Length > 0 && names.ContainsKey(m)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var manager in managers.Where(m => !doneMonthly.Contains(m)))
        {
            var led = teams.Where(t => t.ManagerId == manager).Select(t => t.TeamId).ToHashSet(StringComparer.Ordinal);
            var people = employees.Where(e => e.EmployeeId != manager && (e.ManagerId == manager || led.Contains(e.TeamId))).Select(e => e.EmployeeId).ToList();
            var awarded = people.Count == 0 ? [] : await AwardedAsync(r => people.Contains(r.EmployeeId), monthStart, monthEnd, cancellationToken);
            if (awarded.Count == 0)
            {
                continue;
            }

            var headline = string.Create(CultureInfo.InvariantCulture, $"{names[manager]}'s people in {monthStart:MMMM yyyy}");
            written += await WriteAsync(CommonV1.RitualKind.MonthlyManagerDigest, manager, string.Empty, manager, headline, monthStart, monthEnd, null, awarded, names, teams, cancellationToken);
        }

        return written;
    }

    private async Task<List<RecognitionRecord>> AwardedAsync(System.Linq.Expressions.Expression<Func<RecognitionRecord, bool>> whose, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var awarded = (int)RecognitionStatus.Awarded;
        return await db.Recognitions.AsNoTracking().Where(whose).Where(r => r.Status == awarded && r.AwardedAtUtc >= start && r.AwardedAtUtc < end).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The week's customer moment: praise of the team's people (or of the team) whose recognition
    /// was awarded, for an experience in the week. A declined or still proposed one is never shown.
    /// </summary>
    private async Task<V1.CustomerMoment?> MomentAsync(string teamId, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var (awarded, praise) = ((int)RecognitionStatus.Awarded, (int)CommonV1.RecognitionSource.CustomerPraise);
        var candidates = (await db.Recognitions.AsNoTracking()
                .Where(r => r.TeamId == teamId && r.Status == awarded && r.Source == praise && r.OccurredAtUtc >= start && r.OccurredAtUtc < end)
                .ToListAsync(cancellationToken))
            .Select(r => (Record: r, Evidence: StoredJson.Message<V1.CustomerEvidence>(r.EvidenceJson)))
            .ToList();
        var chosen = CustomerMoments.Choose(candidates.Select(c => new Tuple<RecognitionRecord, V1.CustomerEvidence>(c.Record, c.Evidence)), c => c.Item2.QuoteRedacted, c => c.Item1.OccurredAtUtc);
        return chosen is null ? null : new V1.CustomerMoment
        {
            RecognitionId = chosen.Item1.RecognitionId,
            EmployeeId = chosen.Item1.EmployeeId,
            Quote = chosen.Item2.Quote,
            QuoteRedacted = chosen.Item2.QuoteRedacted,
            JourneyId = chosen.Item2.JourneyId,
            JourneyStepId = chosen.Item2.JourneyStepId,
            Channel = chosen.Item2.Channel,
            OccurredAt = chosen.Item2.OccurredAt,
        };
    }

    private async Task<int> WriteAsync(CommonV1.RitualKind kind, string subjectId, string teamId, string managerId, string headline, DateTime start, DateTime end, V1.CustomerMoment? moment, List<RecognitionRecord> awarded, Dictionary<string, string> names, List<TeamRecord> teams, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var teamNames = teams.ToDictionary(t => t.TeamId, t => t.Name, StringComparer.Ordinal);
        var entries = awarded
            .OrderByDescending(r => r.Points + r.BoostedPoints).ThenByDescending(r => r.AwardedAtUtc).ThenBy(r => r.RecognitionId, StringComparer.Ordinal)
            .Select(r => new V1.DigestEntry
            {
                RecognitionId = r.RecognitionId,
                Source = (CommonV1.RecognitionSource)r.Source,
                EmployeeId = r.EmployeeId,
                TeamId = r.TeamId,
                DisplayName = r.EmployeeId.Length > 0 ? names.GetValueOrDefault(r.EmployeeId, r.EmployeeId) : teamNames.GetValueOrDefault(r.TeamId, r.TeamId),
                GiverId = r.GiverId,
                Points = r.Points + r.BoostedPoints,
                Message = r.Hidden ? string.Empty : r.Message,
                AwardedAt = RecognitionsApi.Utc(r.AwardedAtUtc!.Value),
            })
            .ToList();
        var digest = new V1.RitualDigest
        {
            DigestId = Guid.CreateVersion7(now).ToString(),
            Kind = kind,
            TeamId = teamId,
            ManagerId = managerId,
            PeriodStart = RecognitionsApi.Utc(start),
            PeriodEnd = RecognitionsApi.Utc(end),
            Moment = moment,
            Recognitions = { entries.Take(MaxEntries) },
            RecognitionCount = entries.Count,
            Points = entries.Sum(e => (long)e.Points),
            GeneratedAt = RecognitionsApi.Utc(now.UtcDateTime),
        };
        db.Digests.Add(new DigestRecord
        {
            DigestId = digest.DigestId,
            Kind = (int)kind,
            SubjectId = subjectId,
            TeamId = teamId,
            ManagerId = managerId,
            PeriodStartUtc = start,
            GeneratedAtUtc = now.UtcDateTime,
            DocumentJson = StoredJson.Message(digest),
        });
        db.Raise(Announcement(digest, headline), digest.DigestId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another replica wrote this period's digest first.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    private static RitualDigestReady Announcement(V1.RitualDigest digest, string headline)
    {
        var ready = new RitualDigestReady
        {
            DigestId = digest.DigestId,
            Kind = digest.Kind,
            TeamId = digest.TeamId,
            ManagerId = digest.ManagerId,
            Headline = headline,
            PeriodStart = digest.PeriodStart,
            PeriodEnd = digest.PeriodEnd,
            RecognitionCount = digest.RecognitionCount,
            Points = digest.Points,
            Highlights =
            {
                digest.Recognitions.Take(MaxHighlights).Select(e => new RitualDigestReady.Types.Highlight
                {
                    EmployeeId = e.EmployeeId,
                    DisplayName = e.DisplayName,
                    Source = e.Source,
                    Points = e.Points,
                    Message = e.Message,
                }),
            },
        };
        if (digest.Moment is { } moment)
        {
            (ready.MomentQuote, ready.MomentQuoteRedacted, ready.MomentEmployeeId, ready.MomentJourneyStepId) = (moment.Quote, moment.QuoteRedacted, moment.EmployeeId, moment.JourneyStepId);
        }

        return ready;
    }
}
