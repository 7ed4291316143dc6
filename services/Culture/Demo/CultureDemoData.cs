using System.Globalization;
using Cx.Culture.People;
using Cx.Culture.Recognition;
using Cx.Culture.Settings;
using Cx.Culture.Suggestions;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Demo;

/// <summary>
/// `cx up --demo`: the tenant "demo" gets the people the other demos name: the twelve support
/// agents the measurement demo's answers carry (agent-1 to agent-12, four to a support team, with
/// their leads), the case handlers and owners of the governance demo's cases, and the head of CX
/// above them. Its company values, award levels and rules recognise a support answer of 5 and
/// approve recognition from customers by rule. Most agents accept recognition in advance, so the
/// demo's praise (English and Chinese) becomes recognition on the boards as it flows; the others'
/// wait for them. A few kudos and awards were given, one boosted. A support agent's suggestion to
/// text customers about late parcels was voted for and accepted; Design's delay notice pilot
/// tries it, and its outcome is reported back on it. Loading again adds nothing.
/// </summary>
internal sealed class CultureDemoData(IServiceScopeFactory scopes) : IDemoDataSeeder
{
    public const string Tenant = "demo";
    public const string HeadOfCx = "maria.lopez";
    public const string DelayNoticeSuggestion = "delay-notice-sms";

    /// <summary>As the measurement demo's comments name them, agent-1 first.</summary>
    private static readonly string[] Agents = ["Li Wei", "Anna Berg", "Tom Evans", "Wang Fang", "Sarah Cole", "Zhang Min", "David Okafor", "Chen Jing", "Maria Silva", "Liu Yang", "James Hart", "Zhou Lei"];

    private static readonly (string Id, string Name)[] SupportLeads = [("grace.ho", "Grace Ho"), ("omar.haddad", "Omar Haddad"), ("ines.duarte", "Inês Duarte")];

    private static readonly (string Id, string Name)[] CaseHandlers = [("cx-agent-1", "Priya Nair"), ("cx-agent-2", "Lukas Meyer"), ("cx-agent-3", "Sofia Rossi")];

    /// <summary>The agent who opted out of the boards, and the first of those who accept each recognition themselves.</summary>
    public const int OffBoardsAgent = 7;
    public const int FirstAskedAgent = 9;

    public string Description => "culture: 12 support agents, their leads, case handlers and managers, company values, kudos and awards, recognition from the demo's praise as it flows, and an accepted front-line suggestion, for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateTenantScope(Tenant))
        {
            var settings = scope.ServiceProvider.GetRequiredService<SettingsApi>();
            if ((await settings.GetAsync(cancellationToken)).Revision == 0)
            {
                await settings.UpdateAsync(new V1.UpdateCultureSettingsRequest { Settings = Settings() }, cancellationToken);
            }

            var people = scope.ServiceProvider.GetRequiredService<PeopleApi>();
            if ((await people.ListTeamsAsync(new V1.ListTeamsRequest { PageSize = 1 }, cancellationToken)).Teams.Count == 0)
            {
                await PeopleAsync(people, cancellationToken);
            }
        }

        await GivenAsync(cancellationToken);
        await SuggestedAsync(cancellationToken);
    }

    /// <summary>
    /// Wang Fang's suggestion from the calls about late parcels: five colleagues voted for it, and
    /// María López accepted it. Design's delay notice pilot tries it; its outcome comes back here
    /// when the pilot is concluded.
    /// </summary>
    private async Task SuggestedAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateTenantScope(Tenant, Login(AgentId(4))))
        {
            var suggestions = scope.ServiceProvider.GetRequiredService<SuggestionsApi>();
            if ((await suggestions.ListAsync(new V1.ListSuggestionsRequest { PageSize = 1 }, cancellationToken)).Suggestions.Count > 0)
            {
                return;
            }

            await suggestions.SubmitAsync(new V1.Suggestion
            {
                SuggestionId = DelayNoticeSuggestion,
                Title = "Text customers when a parcel will be late",
                Description = "Most calls about late parcels come the day after the promised date, from customers who stayed home for it. A text the evening before, with the new date and a link to change it, would answer them before they call.",
                JourneyId = "online-purchase",
                JourneyStepId = "delivery",
                MetricId = "ces-delivery",
            }, cancellationToken);
        }

        foreach (var voter in new[] { 1, 2, 3, 5, 6 })
        {
            await using var scope = scopes.CreateTenantScope(Tenant, Login(AgentId(voter)));
            await scope.ServiceProvider.GetRequiredService<SuggestionsApi>().VoteAsync(DelayNoticeSuggestion, cancellationToken);
        }

        await using var manager = scopes.CreateTenantScope(Tenant, Login(HeadOfCx));
        await manager.ServiceProvider.GetRequiredService<SuggestionsApi>().DecideAsync(
            new V1.DecideSuggestionRequest { SuggestionId = DelayNoticeSuggestion, Accept = true, Note = "Let us pilot it at delivery and see what it does to effort." }, cancellationToken);
    }

    private static V1.CultureSettings Settings() => new()
    {
        Values =
        {
            new V1.CompanyValue { ValueId = "customer-first", Name = "Customer first", Description = "We start from what the customer needs, not from what is easy for us." },
            new V1.CompanyValue { ValueId = "own-it", Name = "Own it", Description = "A customer's problem is ours until it is solved, whoever's it was." },
            new V1.CompanyValue { ValueId = "patience", Name = "Patience", Description = "We take the time the customer needs." },
            new V1.CompanyValue { ValueId = "one-team", Name = "One team", Description = "We help colleagues so the customer never sees the seams." },
        },
        AwardLevels =
        {
            new V1.AwardLevel { LevelId = "thank-you", Name = "Thank you", Points = 10 },
            new V1.AwardLevel { LevelId = "above-and-beyond", Name = "Above and beyond", Points = 50 },
            new V1.AwardLevel { LevelId = "customer-hero", Name = "Customer hero", Points = 100 },
        },
        MonthlyBudget = 200,
        CustomerRecognitionPoints = 20,
        RatingRules = { new V1.RatingRule { MetricId = "csat-support", MinScore = 5 } },
        AutoApprove = true,
    };

    /// <summary>Teams first (their managers after the managers exist), then everyone top down.</summary>
    private static async Task PeopleAsync(PeopleApi people, CancellationToken cancellationToken)
    {
        await Team("cx-office", "Customer experience office", string.Empty);
        await Team("customer-care", "Customer care", string.Empty);
        for (var t = 1; t <= SupportLeads.Length; t++)
        {
            await Team(SupportTeam(t), $"Support team {t}", string.Empty);
        }

        await Employee(HeadOfCx, "María López", "cx-office", string.Empty);
        await Employee("aiko.tanaka", "Aiko Tanaka", "cx-office", HeadOfCx);
        await Employee("jon.berg", "Jon Berg", "customer-care", HeadOfCx);
        await Team("cx-office", "Customer experience office", HeadOfCx);
        await Team("customer-care", "Customer care", "jon.berg");
        for (var t = 1; t <= SupportLeads.Length; t++)
        {
            var (lead, name) = SupportLeads[t - 1];
            await Employee(lead, name, SupportTeam(t), HeadOfCx);
            await Team(SupportTeam(t), $"Support team {t}", lead);
        }

        for (var a = 1; a <= Agents.Length; a++)
        {
            var team = (a - 1) / 4;
            await Employee(AgentId(a), Agents[a - 1], SupportTeam(team + 1), SupportLeads[team].Id, onBoards: a != OffBoardsAgent, acceptsAutomatically: a < FirstAskedAgent);
        }

        foreach (var (id, name) in CaseHandlers)
        {
            await Employee(id, name, "customer-care", "jon.berg");
        }

        Task Team(string id, string name, string manager) =>
            people.PutTeamAsync(new V1.PutTeamRequest { Team = new V1.Team { TeamId = id, Name = name, ManagerId = manager, OnBoards = true } }, cancellationToken);

        Task Employee(string id, string name, string team, string manager, bool onBoards = true, bool acceptsAutomatically = true) =>
            people.PutEmployeeAsync(new V1.PutEmployeeRequest
            {
                Employee = new V1.Employee { EmployeeId = id, DisplayName = name, TeamId = team, ManagerId = manager, Login = Login(id), OnBoards = onBoards, AcceptsAutomatically = acceptsAutomatically },
            }, cancellationToken);
    }

    /// <summary>What colleagues and managers gave, each as the giver (a retried request gives nothing twice).</summary>
    private async Task GivenAsync(CancellationToken cancellationToken)
    {
        var gifts = new (string Giver, string RequestId, V1.GiveRecognitionRequest Request)[]
        {
            ("grace.ho", "demo-award-li-wei", new() { EmployeeId = AgentId(1), AwardLevelId = "above-and-beyond", ValueIds = { "customer-first", "own-it" }, Message = "Stayed with a customer whose parcel was lost until the courier found it, and called her back when it was on its way." }),
            (AgentId(2), "demo-kudos-li-wei", new() { EmployeeId = AgentId(1), Points = 10, ValueIds = { "one-team" }, Message = "Took my queue for an hour so I could finish the refund call-backs. 谢谢!" }),
            ("jon.berg", "demo-award-priya", new() { EmployeeId = "cx-agent-1", AwardLevelId = "customer-hero", ValueIds = { "own-it" }, Message = "Turned three angry detractors into customers who wrote to thank us, in one week.", Link = "https://intranet.example/cx/stories/priya-call-backs" }),
            (AgentId(5), "demo-kudos-support-1", new() { TeamId = SupportTeam(1), Points = 15, ValueIds = { "one-team" }, Message = "Support team 1 covered our evening shift during the storm week." }),
            (AgentId(10), "demo-kudos-wang-fang", new() { EmployeeId = AgentId(4), Points = 5, ValueIds = { "patience" }, Message = "Showed me how to calm a caller down without promising what we cannot keep." }),
        };
        foreach (var (giver, requestId, request) in gifts)
        {
            await using var scope = scopes.CreateTenantScope(Tenant, Login(giver));
            request.RequestId = requestId;
            var given = await scope.ServiceProvider.GetRequiredService<GivingApi>().GiveAsync(request, cancellationToken);
            if (requestId == "demo-award-li-wei")
            {
                await using var manager = scopes.CreateTenantScope(Tenant, Login(HeadOfCx));
                await manager.ServiceProvider.GetRequiredService<GivingApi>().BoostAsync(new V1.BoostRecognitionRequest { RecognitionId = given.RecognitionId, RequestId = "demo-boost-li-wei", Points = 20 }, cancellationToken);
            }
        }
    }

    public static string AgentId(int agent) => "agent-" + agent.ToString(CultureInfo.InvariantCulture);

    private static string SupportTeam(int team) => "support-" + team.ToString(CultureInfo.InvariantCulture);

    /// <summary>The caller identity each demo person signs in as.</summary>
    public static string Login(string employeeId) => $"jwt:{employeeId}@demo.example";
}
