using Cx.Culture.Data;
using Cx.Culture.Domain.People;
using Cx.Culture.Domain.Recognition;
using Cx.Culture.People;
using Cx.Culture.Recognition;
using Cx.Domain.Errors;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Boards;

/// <summary>
/// Team and company boards: what was awarded in a period and who received most. Only employees
/// and teams that opted in appear; a moderated recognition shows without its message.
/// </summary>
internal sealed class BoardsApi(CultureDb db, TimeProvider clock)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int Leaders = 10;
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public async Task<V1.Board> GetAsync(V1.GetBoardRequest request, CancellationToken cancellationToken)
    {
        var to = request.To?.ToDateTimeOffset() ?? clock.GetUtcNow();
        var from = request.From?.ToDateTimeOffset() ?? to - DefaultPeriod;
        var validator = new Validator()
            .Require(request.Scope is V1.BoardScope.Team or V1.BoardScope.Company, "scope", "TEAM or COMPANY.")
            .Require(request.Scope != V1.BoardScope.Team || PersonId.IsValid(request.TeamId), "team_id", "The team whose board it is: " + PersonId.Rule)
            .Require(request.Scope != V1.BoardScope.Company || request.TeamId.Length == 0, "team_id", "Empty for the company board.")
            .Require(from < to, "from", "Before to.")
            .Require(to - from <= MaxPeriod, "from", $"At most {MaxPeriod.TotalDays} days before to.")
            .Require(request.Limit is >= 0 and <= MaxLimit, "limit", $"0 (for {DefaultLimit}) to {MaxLimit}.");
        validator.ThrowIfInvalid();
        if (request.Scope == V1.BoardScope.Team && !await db.Teams.AnyAsync(t => t.TeamId == request.TeamId, cancellationToken))
        {
            throw new NotFoundException(PeopleApi.TeamType, request.TeamId);
        }

        var (start, end) = (from.UtcDateTime, to.UtcDateTime);
        var awarded = (int)RecognitionStatus.Awarded;
        var inPeriod = db.Recognitions.AsNoTracking().Where(r => r.Status == awarded && r.AwardedAtUtc >= start);

        // Up to now includes what was awarded this very moment; a period the caller ends is half open.
        inPeriod = request.To is null ? inPeriod.Where(r => r.AwardedAtUtc <= end) : inPeriod.Where(r => r.AwardedAtUtc < end);
        if (request.Scope == V1.BoardScope.Team)
        {
            inPeriod = inPeriod.Where(r => r.TeamId == request.TeamId);
        }

        var employees = await db.Employees.AsNoTracking().Where(e => e.OnBoards).Select(e => new { e.EmployeeId, e.DisplayName }).ToDictionaryAsync(e => e.EmployeeId, e => e.DisplayName, StringComparer.Ordinal, cancellationToken);
        var teams = await db.Teams.AsNoTracking().Where(t => t.OnBoards).Select(t => new { t.TeamId, t.Name }).ToDictionaryAsync(t => t.TeamId, t => t.Name, StringComparer.Ordinal, cancellationToken);
        bool Shown(string employeeId, string teamId) => employeeId.Length > 0 ? employees.ContainsKey(employeeId) : teams.ContainsKey(teamId);

        var praise = (int)CommonV1.RecognitionSource.CustomerPraise;
        var rating = (int)CommonV1.RecognitionSource.HighRating;
        var recovered = (int)CommonV1.RecognitionSource.RecoveredCustomer;
        var totals = await inPeriod
            .GroupBy(r => new { r.EmployeeId, TeamId = r.EmployeeId == string.Empty ? r.TeamId : string.Empty })
            .Select(g => new
            {
                g.Key.EmployeeId,
                g.Key.TeamId,
                Recognitions = g.Count(),
                FromCustomers = g.Count(r => r.Source == praise || r.Source == rating || r.Source == recovered),
                Points = g.Sum(r => (long)r.Points + r.BoostedPoints),
            })
            .ToListAsync(cancellationToken);
        var leaders = totals
            .Where(t => Shown(t.EmployeeId, t.TeamId))
            .OrderByDescending(t => t.Points).ThenByDescending(t => t.Recognitions).ThenBy(t => t.EmployeeId + "/" + t.TeamId, StringComparer.Ordinal)
            .Take(Leaders)
            .Select(t => new V1.BoardEntry
            {
                EmployeeId = t.EmployeeId,
                TeamId = t.TeamId,
                DisplayName = t.EmployeeId.Length > 0 ? employees[t.EmployeeId] : teams[t.TeamId],
                Recognitions = t.Recognitions,
                FromCustomers = t.FromCustomers,
                Points = t.Points,
            });

        var limit = request.Limit == 0 ? DefaultLimit : request.Limit;
        var shownEmployees = employees.Keys.ToList();
        var shownTeams = teams.Keys.ToList();
        var latest = await inPeriod
            .Where(r => r.EmployeeId != string.Empty ? shownEmployees.Contains(r.EmployeeId) : shownTeams.Contains(r.TeamId))
            .OrderByDescending(r => r.AwardedAtUtc).ThenByDescending(r => r.RecognitionId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return new V1.Board
        {
            Scope = request.Scope,
            TeamId = request.TeamId,
            From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(from),
            To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(to),
            Leaders = { leaders },
            Latest = { latest.Select(AsShown) },
        };
    }

    /// <summary>As a board shows it: a moderated recognition keeps its points, not its message.</summary>
    private static V1.Recognition AsShown(RecognitionRecord record)
    {
        var recognition = RecognitionsApi.ToContract(record);
        if (record.Hidden)
        {
            (recognition.Message, recognition.Link) = (string.Empty, string.Empty);
            if (recognition.Evidence is { } evidence)
            {
                evidence.Quote = string.Empty;
            }
        }

        return recognition;
    }
}
