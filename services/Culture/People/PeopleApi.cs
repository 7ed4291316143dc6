using Cx.Culture.Data;
using Cx.Culture.Domain.People;
using Cx.Culture.Recognition;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.People;

/// <summary>
/// The tenant's employees and teams: who belongs where, who manages whom, and the login each
/// employee acts through here.
/// </summary>
internal sealed class PeopleApi(CultureDb db, Approvers approvers, TimeProvider clock)
{
    public const string EmployeeType = "employee";
    public const string TeamType = "team";
    public const int MaxName = 200;
    public const int MaxLogin = 200;

    public async Task<V1.Employee> PutEmployeeAsync(V1.PutEmployeeRequest request, CancellationToken cancellationToken)
    {
        var employee = request.Employee;
        var validator = new Validator().Require(request.ExpectedRevision >= 0, "expected_revision", "Zero (whatever it is now) or the revision read.");
        if (employee is null)
        {
            validator.Add("employee", "Required.").ThrowIfInvalid();
        }

        var login = employee!.Login.Trim();
        validator
            .Require(PersonId.IsValid(employee.EmployeeId), "employee.employee_id", PersonId.Rule)
            .Require(employee.DisplayName.Trim().Length is > 0 and <= MaxName, "employee.display_name", $"Required, at most {MaxName} characters.")
            .Require(employee.TeamId.Length == 0 || PersonId.IsValid(employee.TeamId), "employee.team_id", "Empty, or a team id: " + PersonId.Rule)
            .Require(employee.ManagerId.Length == 0 || PersonId.IsValid(employee.ManagerId), "employee.manager_id", "Empty, or an employee id: " + PersonId.Rule)
            .Require(employee.ManagerId != employee.EmployeeId, "employee.manager_id", "An employee does not manage themselves.")
            .Require(login.Length <= MaxLogin && !login.Any(char.IsControl), "employee.login", $"Empty, or the caller identity they act through (e.g. jwt:<subject>), at most {MaxLogin} characters.")
            .ThrowIfInvalid();

        if (employee.TeamId.Length > 0 && !await db.Teams.AnyAsync(t => t.TeamId == employee.TeamId, cancellationToken))
        {
            throw new NotFoundException(TeamType, employee.TeamId);
        }

        if (employee.ManagerId.Length > 0)
        {
            if (!await db.Employees.AnyAsync(e => e.EmployeeId == employee.ManagerId, cancellationToken))
            {
                throw new NotFoundException(EmployeeType, employee.ManagerId);
            }

            if (ManagementLine.WouldLoop(employee.EmployeeId, await approvers.LineFromAsync(employee.ManagerId, cancellationToken)))
            {
                throw new PreconditionFailedException("MANAGEMENT_LOOP", "employee/" + employee.EmployeeId,
                    $"{employee.ManagerId} is managed, directly or through others, by {employee.EmployeeId}: a line of managers must end.");
            }
        }

        if (login.Length > 0 && await db.Employees.AnyAsync(e => e.Login == login && e.EmployeeId != employee.EmployeeId, cancellationToken))
        {
            throw new AlreadyExistsException("login", login);
        }

        var record = await db.Employees.FirstOrDefaultAsync(e => e.EmployeeId == employee.EmployeeId, cancellationToken);
        ReadBeforeWrite.RequireRevision(request.ExpectedRevision, record?.Version ?? 0, "Employee " + employee.EmployeeId, "employee/" + employee.EmployeeId);
        if (record is null)
        {
            record = new EmployeeRecord { EmployeeId = employee.EmployeeId };
            db.Employees.Add(record);
        }

        (record.DisplayName, record.TeamId, record.ManagerId, record.Login) = (employee.DisplayName.Trim(), employee.TeamId, employee.ManagerId, login.Length > 0 ? login : null);
        (record.OnBoards, record.AcceptsAutomatically) = (employee.OnBoards, employee.AcceptsAutomatically);
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(EmployeeType, employee.EmployeeId, cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.Employee> GetEmployeeAsync(string employeeId, CancellationToken cancellationToken) =>
        ToContract(await FindEmployeeAsync(employeeId, cancellationToken));

    public async Task<EmployeeRecord> FindEmployeeAsync(string employeeId, CancellationToken cancellationToken)
    {
        new Validator().Require(PersonId.IsValid(employeeId), "employee_id", PersonId.Rule).ThrowIfInvalid();
        return await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.EmployeeId == employeeId, cancellationToken)
            ?? throw new NotFoundException(EmployeeType, employeeId);
    }

    public async Task<V1.ListEmployeesResponse> ListEmployeesAsync(V1.ListEmployeesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator().Require(request.TeamId.Length == 0 || PersonId.IsValid(request.TeamId), "team_id", "Empty, or a team id: " + PersonId.Rule);
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var employees = db.Employees.AsNoTracking();
        if (request.TeamId.Length > 0)
        {
            employees = employees.Where(e => e.TeamId == request.TeamId);
        }

        if (page.AfterKey is { } after)
        {
            employees = employees.Where(e => string.Compare(e.EmployeeId, after) > 0);
        }

        var window = await employees.OrderBy(e => e.EmployeeId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Apply(window, e => e.EmployeeId);
        return new V1.ListEmployeesResponse { Employees = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.Team> PutTeamAsync(V1.PutTeamRequest request, CancellationToken cancellationToken)
    {
        var team = request.Team;
        var validator = new Validator().Require(request.ExpectedRevision >= 0, "expected_revision", "Zero (whatever it is now) or the revision read.");
        if (team is null)
        {
            validator.Add("team", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(PersonId.IsValid(team!.TeamId), "team.team_id", PersonId.Rule)
            .Require(team.Name.Trim().Length is > 0 and <= MaxName, "team.name", $"Required, at most {MaxName} characters.")
            .Require(team.ManagerId.Length == 0 || PersonId.IsValid(team.ManagerId), "team.manager_id", "Empty, or an employee id: " + PersonId.Rule)
            .ThrowIfInvalid();
        if (team.ManagerId.Length > 0 && !await db.Employees.AnyAsync(e => e.EmployeeId == team.ManagerId, cancellationToken))
        {
            throw new NotFoundException(EmployeeType, team.ManagerId);
        }

        var record = await db.Teams.FirstOrDefaultAsync(t => t.TeamId == team.TeamId, cancellationToken);
        ReadBeforeWrite.RequireRevision(request.ExpectedRevision, record?.Version ?? 0, "Team " + team.TeamId, "team/" + team.TeamId);
        if (record is null)
        {
            record = new TeamRecord { TeamId = team.TeamId };
            db.Teams.Add(record);
        }

        (record.Name, record.ManagerId, record.OnBoards) = (team.Name.Trim(), team.ManagerId, team.OnBoards);
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(TeamType, team.TeamId, cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.Team> GetTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        new Validator().Require(PersonId.IsValid(teamId), "team_id", PersonId.Rule).ThrowIfInvalid();
        return ToContract(await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.TeamId == teamId, cancellationToken) ?? throw new NotFoundException(TeamType, teamId));
    }

    public async Task<V1.ListTeamsResponse> ListTeamsAsync(V1.ListTeamsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var teams = db.Teams.AsNoTracking();
        if (page.AfterKey is { } after)
        {
            teams = teams.Where(t => string.Compare(t.TeamId, after) > 0);
        }

        var window = await teams.OrderBy(t => t.TeamId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Apply(window, t => t.TeamId);
        return new V1.ListTeamsResponse { Teams = { items.Select(ToContract) }, NextPageToken = next };
    }

    /// <summary>Two writers creating the same employee or login at once: the second is told, not failed.</summary>
    private async Task SaveAsync(string type, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(type, name);
        }
    }

    internal static V1.Employee ToContract(EmployeeRecord record) => new()
    {
        EmployeeId = record.EmployeeId,
        DisplayName = record.DisplayName,
        TeamId = record.TeamId,
        ManagerId = record.ManagerId,
        Login = record.Login ?? string.Empty,
        OnBoards = record.OnBoards,
        AcceptsAutomatically = record.AcceptsAutomatically,
        Revision = record.Version,
        UpdatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(record.UpdatedAtUtc, DateTimeKind.Utc)),
    };

    internal static V1.Team ToContract(TeamRecord record) => new()
    {
        TeamId = record.TeamId,
        Name = record.Name,
        ManagerId = record.ManagerId,
        OnBoards = record.OnBoards,
        Revision = record.Version,
        UpdatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(record.UpdatedAtUtc, DateTimeKind.Utc)),
    };
}
