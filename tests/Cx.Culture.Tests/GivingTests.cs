using Cx.Culture.V1;
using Grpc.Core;
using static Cx.Testing.Hosting.Refusals;
using CommonV1 = Cx.Common.V1;

namespace Cx.Culture.Tests;

public sealed class GivingTests(CultureHost host) : GivingBehaviour(host), IClassFixture<CultureHost>;

public sealed class GivingPostgreSqlTests(PostgreSqlCultureHost host) : GivingBehaviour(host), IClassFixture<PostgreSqlCultureHost>;

public abstract class GivingBehaviour(CultureHost host)
{
    [Fact]
    public async Task Kudos_ComeFromTheGiversMonthlyBudget_ToTheLastPoint()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        var asAnna = CultureHost.As(tenant, Org.Login(Org.Colleague));

        var first = await host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 30), asAnna);
        await host.Client.GiveRecognitionAsync(Kudos("k-2", Org.Lead, 50), asAnna);
        var over = await Refused(() => host.Client.GiveRecognitionAsync(Kudos("k-3", Org.Agent, 21), asAnna).ResponseAsync);
        var last = await host.Client.GiveRecognitionAsync(Kudos("k-4", Org.Agent, 20), asAnna);

        Assert.Equal((CommonV1.RecognitionSource.PeerKudos, RecognitionState.Awarded, Org.Colleague, 30, Org.Team), (first.Source, first.State, first.GiverId, first.Points, first.TeamId));
        Assert.Equal((StatusCode.FailedPrecondition, "BUDGET_EXCEEDED", "employee/" + Org.Colleague), (over.StatusCode, Precondition(over).Type, Precondition(over).Subject));
        Assert.Contains("the 20 left", Precondition(over).Description, StringComparison.Ordinal);
        Assert.Equal(RecognitionState.Awarded, last.State);
        var anna = await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Colleague }, CultureHost.As(tenant));
        var li = await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant));
        Assert.Equal(("2026-11", 100L, 0L, 0L), (anna.Month, anna.GivenInMonth, anna.BudgetLeft, anna.ReceivedTotal));
        Assert.Equal((50L, 50L, 0L, 100L), (li.ReceivedTotal, li.ReceivedInMonth, li.GivenInMonth, li.BudgetLeft));

        host.Clock.Advance(TimeSpan.FromDays(8));
        var nextMonth = await host.Client.GiveRecognitionAsync(Kudos("k-5", Org.Agent, 100), asAnna);
        var december = await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant));
        var november = await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Agent, Month = "2026-11" }, CultureHost.As(tenant));
        Assert.Equal(100, nextMonth.Points);
        Assert.Equal(("2026-12", 150L, 100L), (december.Month, december.ReceivedTotal, december.ReceivedInMonth));
        Assert.Equal(50L, november.ReceivedInMonth);
    }

    [Fact]
    public async Task Retry_WithTheSameRequestId_ReturnsTheFirstAnswer_AndSpendsOnce()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        var asAnna = CultureHost.As(tenant, Org.Login(Org.Colleague));

        var first = await host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 40), asAnna);
        var again = await host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 40), asAnna);
        var retried = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Client.GiveRecognitionAsync(Kudos("k-2", Org.Agent, 10), asAnna).ResponseAsync));

        Assert.Equal(first, again);
        Assert.Single(retried.Select(r => r.RecognitionId).Distinct());
        var anna = await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Colleague }, CultureHost.As(tenant));
        Assert.Equal(50L, anna.GivenInMonth);
        Assert.Equal(2, (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant))).Recognitions.Count);
    }

    [Fact]
    public async Task GiftsAtTheSameMoment_NeverSpendMoreThanTheBudget()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        var asAnna = CultureHost.As(tenant, Org.Login(Org.Colleague));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 7).Select(async i =>
        {
            try
            {
                await host.Client.GiveRecognitionAsync(Kudos("k-" + i, i % 2 == 0 ? Org.Agent : Org.Lead, 20), asAnna);
                return "given";
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition or StatusCode.Aborted)
            {
                return e.StatusCode == StatusCode.Aborted ? "aborted" : Precondition(e).Type;
            }
        }));

        var given = outcomes.Count(o => o == "given");
        Assert.InRange(given, 1, 5);
        Assert.All(outcomes, o => Assert.True(o is "given" or "BUDGET_EXCEEDED" or "aborted", o));
        var anna = await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Colleague }, CultureHost.As(tenant));
        var li = await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant));
        var grace = await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Lead }, CultureHost.As(tenant));
        Assert.Equal(20L * given, anna.GivenInMonth);
        Assert.Equal(anna.GivenInMonth, li.ReceivedTotal + grace.ReceivedTotal);
        Assert.Equal(given, (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions.Count);
    }

    [Fact]
    public async Task Nobody_RecognisesThemselves_AndOnlyEmployeesGive()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());

        var self = await Refused(() => host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 10), CultureHost.As(tenant, Org.Login(Org.Agent))).ResponseAsync);
        var stranger = await Refused(() => host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 10), CultureHost.As(tenant, "jwt:someone")).ResponseAsync);
        var otherTenant = await Refused(() => host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 10), CultureHost.As(NewTenant(), Org.Login(Org.Colleague))).ResponseAsync);

        Assert.Equal((StatusCode.FailedPrecondition, "SELF_RECOGNITION"), (self.StatusCode, Precondition(self).Type));
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherTenant.StatusCode);
        Assert.Empty((await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions);
        Assert.Equal(0L, (await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant))).GivenInMonth);
    }

    [Fact]
    public async Task Awards_AreGivenByTheRecipientsManagers_AtTheTenantsLevels()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());

        var byPeer = await Refused(() => host.Client.GiveRecognitionAsync(Award("a-1", Org.Agent, "hero"), CultureHost.As(tenant, Org.Login(Org.Colleague))).ResponseAsync);
        var byLead = await host.Client.GiveRecognitionAsync(Award("a-2", Org.Agent, "hero"), CultureHost.As(tenant, Org.Login(Org.Lead)));
        var byHead = await host.Client.GiveRecognitionAsync(Award("a-3", Org.Colleague, "thank-you"), CultureHost.As(tenant, Org.Login(Org.Head)));
        var upwards = await Refused(() => host.Client.GiveRecognitionAsync(Award("a-4", Org.Head, "thank-you"), CultureHost.As(tenant, Org.Login(Org.Lead))).ResponseAsync);

        Assert.Equal((StatusCode.FailedPrecondition, "NOT_MANAGER"), (byPeer.StatusCode, Precondition(byPeer).Type));
        Assert.Equal((CommonV1.RecognitionSource.ManagerAward, "hero", 60), (byLead.Source, byLead.AwardLevelId, byLead.Points));
        Assert.Equal(10, byHead.Points);
        Assert.Equal("NOT_MANAGER", Precondition(upwards).Type);
        Assert.Equal(40L, (await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Lead }, CultureHost.As(tenant))).BudgetLeft);
    }

    [Fact]
    public async Task Boost_AddsAManagersPoints_OnceAndOnlyToAnAwardedRecognitionOfTheirPeople()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        var kudos = await host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 10), CultureHost.As(tenant, Org.Login(Org.Colleague)));
        var boost = new BoostRecognitionRequest { RecognitionId = kudos.RecognitionId, RequestId = "b-1", Points = 25 };

        var boosted = await host.Client.BoostRecognitionAsync(boost, CultureHost.As(tenant, Org.Login(Org.Head)));
        var again = await host.Client.BoostRecognitionAsync(boost, CultureHost.As(tenant, Org.Login(Org.Head)));
        var byPeer = await Refused(() => host.Client.BoostRecognitionAsync(new BoostRecognitionRequest { RecognitionId = kudos.RecognitionId, RequestId = "b-2", Points = 5 }, CultureHost.As(tenant, Org.Login(Org.Colleague))).ResponseAsync);

        Assert.Equal((10, 25), (boosted.Points, boosted.BoostedPoints));
        Assert.Equal(25, again.BoostedPoints);
        Assert.Equal("NOT_MANAGER", Precondition(byPeer).Type);
        Assert.Equal(35L, (await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant))).ReceivedTotal);
        Assert.Equal(25L, (await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Head }, CultureHost.As(tenant))).GivenInMonth);
    }

    [Fact]
    public async Task Moderation_HidesTheMessageFromBoards_AndKeepsThePoints()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        var kudos = await host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 10), CultureHost.As(tenant, Org.Login(Org.Colleague)));

        var moderated = await host.Client.ModerateRecognitionAsync(new ModerateRecognitionRequest { RecognitionId = kudos.RecognitionId, Reason = "Names a customer." }, CultureHost.As(tenant));
        var board = await host.Client.GetBoardAsync(new GetBoardRequest { Scope = BoardScope.Company }, CultureHost.As(tenant));

        Assert.Equal((true, "Names a customer.", "Thanks for covering my queue."), (moderated.Hidden, moderated.ModerationReason, moderated.Message));
        var shown = Assert.Single(board.Latest);
        Assert.Equal((string.Empty, 10), (shown.Message, shown.Points));
        Assert.Equal(10L, Assert.Single(board.Leaders).Points);
    }

    [Fact]
    public async Task Boards_ShowOnlyWhoOptedIn_RankedByPoints()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        var lead = await host.Client.GetEmployeeAsync(new GetEmployeeRequest { EmployeeId = Org.Lead }, CultureHost.As(tenant));
        lead.OnBoards = false;
        await host.Client.PutEmployeeAsync(new PutEmployeeRequest { Employee = lead }, CultureHost.As(tenant));
        await host.Client.GiveRecognitionAsync(Kudos("k-1", Org.Agent, 10), CultureHost.As(tenant, Org.Login(Org.Colleague)));
        await host.Client.GiveRecognitionAsync(Kudos("k-2", Org.Lead, 40), CultureHost.As(tenant, Org.Login(Org.Colleague)));
        await host.Client.GiveRecognitionAsync(Kudos("k-3", Org.Colleague, 20), CultureHost.As(tenant, Org.Login(Org.Agent)));
        await host.Client.GiveRecognitionAsync(Kudos("k-4", Org.Colleague, 0), CultureHost.As(tenant, Org.Login(Org.Head)));

        var board = await host.Client.GetBoardAsync(new GetBoardRequest { Scope = BoardScope.Team, TeamId = Org.Team }, CultureHost.As(tenant));

        Assert.Equal([(Org.Colleague, 2, 20L), (Org.Agent, 1, 10L)], board.Leaders.Select(l => (l.EmployeeId, l.Recognitions, l.Points)).ToArray());
        Assert.Equal(3, board.Latest.Count);
        Assert.DoesNotContain(board.Latest, r => r.EmployeeId == Org.Lead);
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithEveryFieldNamed_AndChangeNothing()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        var asAnna = CultureHost.As(tenant, Org.Login(Org.Colleague));

        var bad = await Refused(() => host.Client.GiveRecognitionAsync(new GiveRecognitionRequest { RequestId = "", EmployeeId = Org.Agent, TeamId = Org.Team, ValueIds = { "kindness" }, Message = " ", Link = "http://example.com", Points = -1 }, asAnna).ResponseAsync);
        var badAward = await Refused(() => host.Client.GiveRecognitionAsync(new GiveRecognitionRequest { RequestId = "a-1", EmployeeId = Org.Agent, ValueIds = { "one-team" }, Message = "Well done", AwardLevelId = "platinum", Points = 5 }, CultureHost.As(tenant, Org.Login(Org.Lead))).ResponseAsync);
        var unknown = await Refused(() => host.Client.GiveRecognitionAsync(Kudos("k-1", "nobody", 5), asAnna).ResponseAsync);
        var badBoard = await Refused(() => host.Client.GetBoardAsync(new GetBoardRequest { Scope = BoardScope.Team, Limit = 500 }, asAnna).ResponseAsync);
        var badPoints = await Refused(() => host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Agent, Month = "2026-13" }, asAnna).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["request_id", "employee_id", "value_ids", "message", "link", "points"], Violations(bad).Select(v => v.Field).Distinct().ToArray());
        Assert.Equal(["points", "award_level_id"], Violations(badAward).Select(v => v.Field).ToArray());
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["team_id", "limit"], Violations(badBoard).Select(v => v.Field).ToArray());
        Assert.Equal(["month"], Violations(badPoints).Select(v => v.Field).ToArray());
        Assert.Empty((await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions);
        Assert.Equal(0L, (await host.Client.GetPointsAsync(new GetPointsRequest { EmployeeId = Org.Colleague }, CultureHost.As(tenant))).GivenInMonth);
    }

    private static GiveRecognitionRequest Kudos(string requestId, string employeeId, int points) => new()
    {
        RequestId = requestId,
        EmployeeId = employeeId,
        Points = points,
        ValueIds = { "one-team" },
        Message = "Thanks for covering my queue.",
    };

    private static GiveRecognitionRequest Award(string requestId, string employeeId, string level) => new()
    {
        RequestId = requestId,
        EmployeeId = employeeId,
        AwardLevelId = level,
        ValueIds = { "customer-first" },
        Message = "For the call-backs this week.",
    };
}
