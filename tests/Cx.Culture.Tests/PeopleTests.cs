using Cx.Culture.V1;
using Grpc.Core;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Culture.Tests;

public sealed class PeopleTests(CultureHost host) : IClassFixture<CultureHost>
{
    [Fact]
    public async Task Employees_AreKeptAsPut_AndListedByTeam()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant);

        var agent = await host.Client.GetEmployeeAsync(new GetEmployeeRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant));
        var team = await host.Client.ListEmployeesAsync(new ListEmployeesRequest { TeamId = Org.Team, PageSize = 2 }, CultureHost.As(tenant));
        var rest = await host.Client.ListEmployeesAsync(new ListEmployeesRequest { TeamId = Org.Team, PageSize = 2, PageToken = team.NextPageToken }, CultureHost.As(tenant));

        Assert.Equal(("Li Wei", Org.Team, Org.Lead, "jwt:li.wei", true, 1L), (agent.DisplayName, agent.TeamId, agent.ManagerId, agent.Login, agent.OnBoards, agent.Revision));
        Assert.Equal([Org.Colleague, Org.Lead, Org.Agent], team.Employees.Concat(rest.Employees).Select(e => e.EmployeeId).ToArray());
        Assert.Equal(string.Empty, rest.NextPageToken);
        Assert.Equal((Org.Lead, 2L), ((await host.Client.GetTeamAsync(new GetTeamRequest { TeamId = Org.Team }, CultureHost.As(tenant))).ManagerId, 2L));
    }

    [Fact]
    public async Task PutEmployee_RefusesWhatCannotBe_AndChangesNothing()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant);
        var admin = CultureHost.As(tenant);

        var shape = await Refused(() => host.Client.PutEmployeeAsync(new PutEmployeeRequest { Employee = new Employee { EmployeeId = "li wei", DisplayName = " ", TeamId = "a/b", Login = "jwt:a\u0001b" } }, admin).ResponseAsync);
        var noTeam = await Refused(() => host.Client.PutEmployeeAsync(Put(Org.Agent, team: "nowhere", manager: Org.Lead), admin).ResponseAsync);
        var noManager = await Refused(() => host.Client.PutEmployeeAsync(Put(Org.Agent, team: Org.Team, manager: "nobody"), admin).ResponseAsync);
        var loop = await Refused(() => host.Client.PutEmployeeAsync(Put(Org.Head, team: string.Empty, manager: Org.Agent), admin).ResponseAsync);
        var login = await Refused(() => host.Client.PutEmployeeAsync(Put("new.hire", team: Org.Team, manager: Org.Lead, login: Org.Login(Org.Agent)), admin).ResponseAsync);
        var stale = await Refused(() => host.Client.PutEmployeeAsync(new PutEmployeeRequest { Employee = Put(Org.Agent, Org.Team, Org.Lead).Employee, ExpectedRevision = 7 }, admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, shape.StatusCode);
        Assert.Equal(["employee.employee_id", "employee.display_name", "employee.team_id", "employee.login"], Violations(shape).Select(v => v.Field).ToArray());
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (noTeam.StatusCode, noManager.StatusCode));
        Assert.Equal((StatusCode.FailedPrecondition, "MANAGEMENT_LOOP"), (loop.StatusCode, Precondition(loop).Type));
        Assert.Equal(StatusCode.AlreadyExists, login.StatusCode);
        Assert.Equal("REVISION_MISMATCH", Precondition(stale).Type);
        var head = await host.Client.GetEmployeeAsync(new GetEmployeeRequest { EmployeeId = Org.Head }, admin);
        Assert.Equal((string.Empty, 1L), (head.ManagerId, head.Revision));
        Assert.Equal(4, (await host.Client.ListEmployeesAsync(new ListEmployeesRequest(), admin)).Employees.Count);
    }

    [Fact]
    public async Task People_AreTheTenantsOwn()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        await Org.CreateAsync(host, tenant);

        var read = await Refused(() => host.Client.GetEmployeeAsync(new GetEmployeeRequest { EmployeeId = Org.Agent }, CultureHost.As(other)).ResponseAsync);
        await Org.CreateAsync(host, other);

        Assert.Equal(StatusCode.NotFound, read.StatusCode);
        Assert.Equal(1L, (await host.Client.GetEmployeeAsync(new GetEmployeeRequest { EmployeeId = Org.Agent }, CultureHost.As(other))).Revision);
        Assert.Equal(4, (await host.Client.ListEmployeesAsync(new ListEmployeesRequest(), CultureHost.As(tenant))).Employees.Count);
    }

    [Fact]
    public async Task Settings_DefaultUntilSet_ThenAsSet_AndBadOnesRefused()
    {
        var tenant = NewTenant();
        var admin = CultureHost.As(tenant);

        var defaults = await host.Client.GetCultureSettingsAsync(new GetCultureSettingsRequest(), admin);
        var set = await host.Client.UpdateCultureSettingsAsync(new UpdateCultureSettingsRequest { Settings = Org.Settings() }, admin);
        var bad = Org.Settings();
        bad.Values.Add(new CompanyValue { ValueId = "one-team", Name = "Again" });
        bad.AwardLevels[0].Points = 0;
        bad.MonthlyBudget = -5;
        var refused = await Refused(() => host.Client.UpdateCultureSettingsAsync(new UpdateCultureSettingsRequest { Settings = bad }, admin).ResponseAsync);
        var readOnly = await Refused(() => host.Client.UpdateCultureSettingsAsync(new UpdateCultureSettingsRequest { Settings = Org.Settings() }, TestIdentity.For(CultureModule.ServiceName, tenant, permissions: ["culture:write"])).ResponseAsync);

        Assert.Equal((100, 20, 0L), (defaults.MonthlyBudget, defaults.CustomerRecognitionPoints, defaults.Revision));
        Assert.Equal((1L, 2, "csat-support"), (set.Revision, set.Values.Count, set.RatingRules.Single().MetricId));
        Assert.Equal(["settings.values", "settings.monthly_budget", "settings.award_levels[0].points"], Violations(refused).Select(v => v.Field).ToArray());
        Assert.Equal(StatusCode.PermissionDenied, readOnly.StatusCode);
        Assert.Equal(set, await host.Client.GetCultureSettingsAsync(new GetCultureSettingsRequest(), admin));
    }

    private static PutEmployeeRequest Put(string id, string team, string manager, string login = "") =>
        new() { Employee = new Employee { EmployeeId = id, DisplayName = id, TeamId = team, ManagerId = manager, Login = login } };
}
