using Cx.Culture.V1;

namespace Cx.Culture.Tests;

/// <summary>
/// A small organisation for a test's own tenant: support team "support-north" managed by Grace,
/// under María, with the agents Li Wei and Anna, and a login each ("jwt:&lt;id&gt;").
/// </summary>
internal static class Org
{
    public const string Head = "maria.lopez";
    public const string Lead = "grace.ho";
    public const string Agent = "li.wei";
    public const string Colleague = "anna.berg";
    public const string Team = "support-north";

    public static string Login(string employeeId) => "jwt:" + employeeId;

    public static async Task CreateAsync(CultureHost host, string tenant, CultureSettings? settings = null)
    {
        var client = host.Client;
        var admin = CultureHost.As(tenant);
        await client.PutTeamAsync(new PutTeamRequest { Team = new Team { TeamId = Team, Name = "Support north", OnBoards = true } }, admin);
        await Employee(Head, "María López", string.Empty, string.Empty);
        await Employee(Lead, "Grace Ho", Team, Head);
        await client.PutTeamAsync(new PutTeamRequest { Team = new Team { TeamId = Team, Name = "Support north", ManagerId = Lead, OnBoards = true } }, admin);
        await Employee(Agent, "Li Wei", Team, Lead);
        await Employee(Colleague, "Anna Berg", Team, Lead);
        if (settings is not null)
        {
            await client.UpdateCultureSettingsAsync(new UpdateCultureSettingsRequest { Settings = settings }, admin);
        }

        async Task Employee(string id, string name, string team, string manager) =>
            await client.PutEmployeeAsync(new PutEmployeeRequest { Employee = new Employee { EmployeeId = id, DisplayName = name, TeamId = team, ManagerId = manager, Login = Login(id), OnBoards = true } }, admin);
    }

    /// <summary>Values, levels and a budget of 100 points a month.</summary>
    public static CultureSettings Settings(bool autoApprove = false) => new()
    {
        Values = { new CompanyValue { ValueId = "customer-first", Name = "Customer first" }, new CompanyValue { ValueId = "one-team", Name = "One team" } },
        AwardLevels = { new AwardLevel { LevelId = "thank-you", Name = "Thank you", Points = 10 }, new AwardLevel { LevelId = "hero", Name = "Customer hero", Points = 60 } },
        MonthlyBudget = 100,
        CustomerRecognitionPoints = 20,
        RatingRules = { new RatingRule { MetricId = "csat-support", MinScore = 5 } },
        AutoApprove = autoApprove,
    };
}
