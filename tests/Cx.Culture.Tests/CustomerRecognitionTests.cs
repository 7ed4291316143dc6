using Cx.Culture.V1;
using Cx.Events.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Testing.Hosting.Refusals;
using CommonV1 = Cx.Common.V1;

namespace Cx.Culture.Tests;

public sealed class CustomerRecognitionTests(CultureHost host) : CustomerRecognitionBehaviour(host), IClassFixture<CultureHost>;

public sealed class CustomerRecognitionPostgreSqlTests(PostgreSqlCultureHost host) : CustomerRecognitionBehaviour(host), IClassFixture<PostgreSqlCultureHost>;

public abstract class CustomerRecognitionBehaviour(CultureHost host)
{
    private static readonly Timestamp Served = Timestamp.FromDateTimeOffset(ServiceHost.Start.AddHours(-3));

    [Fact]
    public async Task Praise_AboutAnEmployee_ProposesExactlyOneRecognition_AlsoWhenRedeliveredOrAnnouncedAgain()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());

        await host.DeliverAsync(tenant, "praise-1", Praise("f-1:0", Org.Agent));
        await host.DeliverAsync(tenant, "praise-1", Praise("f-1:0", Org.Agent));
        await host.DeliverAsync(tenant, "praise-1-again", Praise("f-1:0", Org.Agent));

        var proposed = Assert.Single((await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions);
        Assert.Equal((CommonV1.RecognitionSource.CustomerPraise, Org.Agent, Org.Team, RecognitionState.Proposed), (proposed.Source, proposed.EmployeeId, proposed.TeamId, proposed.State));
        Assert.Equal(("r-1", "f-1:0", "Li Wei was so patient with me.", false, "support", "resolve", "phone", Served), (proposed.Evidence.ResponseId, proposed.Evidence.FeedbackId, proposed.Evidence.Quote, proposed.Evidence.QuoteRedacted, proposed.Evidence.JourneyId, proposed.Evidence.JourneyStepId, proposed.Evidence.Channel, proposed.Evidence.OccurredAt));
        Assert.False(proposed.Accepted);
        Assert.False(proposed.Approved);
        Assert.Equal(0, proposed.Points);

        var announced = await Announced<RecognitionProposed>(tenant, "cx.culture.recognition_proposed.v1");
        var proposal = Assert.Single(announced);
        Assert.Equal((proposed.RecognitionId, Org.Agent, Org.Lead, false, Served), (proposal.RecognitionId, proposal.EmployeeId, proposal.ApproverId, proposal.AutoApproved, proposal.OccurredAt));
    }

    [Fact]
    public async Task Proposal_IsShownOnNoBoard_UntilTheEmployeeAcceptsAndTheManagerApproves()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        await host.DeliverAsync(tenant, "praise-1", Praise("f-1:0", Org.Agent));
        var id = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions.Single().RecognitionId;

        Assert.Empty((await TeamBoard(tenant)).Latest);
        var approved = await host.Client.ApproveRecognitionAsync(new ApproveRecognitionRequest { RecognitionId = id }, CultureHost.As(tenant, Org.Login(Org.Lead)));
        Assert.Equal((RecognitionState.Proposed, true, Org.Lead), (approved.State, approved.Approved, approved.ApprovedBy));
        Assert.Empty((await TeamBoard(tenant)).Latest);
        Assert.Empty(await Announced<RecognitionAwarded>(tenant, "cx.culture.recognition_awarded.v1"));

        var now = host.Clock.GetUtcNow();
        var accepted = await host.Client.AcceptRecognitionAsync(new AcceptRecognitionRequest { RecognitionId = id }, CultureHost.As(tenant, Org.Login(Org.Agent)));

        Assert.Equal((RecognitionState.Awarded, 20, now), (accepted.State, accepted.Points, accepted.AwardedAt.ToDateTimeOffset()));
        var board = await TeamBoard(tenant);
        Assert.Equal(id, Assert.Single(board.Latest).RecognitionId);
        var leader = Assert.Single(board.Leaders);
        Assert.Equal((Org.Agent, "Li Wei", 1, 1, 20L), (leader.EmployeeId, leader.DisplayName, leader.Recognitions, leader.FromCustomers, leader.Points));
        var awarded = Assert.Single(await Announced<RecognitionAwarded>(tenant, "cx.culture.recognition_awarded.v1"));
        Assert.Equal((id, Org.Agent, 20, Served, Timestamp.FromDateTimeOffset(now)), (awarded.RecognitionId, awarded.EmployeeId, awarded.Points, awarded.OccurredAt, awarded.AwardedAt));
    }

    [Fact]
    public async Task Proposal_IsAcceptedOnlyByTheEmployee_AndApprovedOnlyByTheirManager()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        await host.DeliverAsync(tenant, "praise-1", Praise("f-1:0", Org.Agent));
        var id = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions.Single().RecognitionId;

        var acceptedByColleague = await Refused(() => host.Client.AcceptRecognitionAsync(new AcceptRecognitionRequest { RecognitionId = id }, CultureHost.As(tenant, Org.Login(Org.Colleague))).ResponseAsync);
        var approvedBySelf = await Refused(() => host.Client.ApproveRecognitionAsync(new ApproveRecognitionRequest { RecognitionId = id }, CultureHost.As(tenant, Org.Login(Org.Agent))).ResponseAsync);
        var approvedByAdmin = await Refused(() => host.Client.ApproveRecognitionAsync(new ApproveRecognitionRequest { RecognitionId = id }, CultureHost.As(tenant)).ResponseAsync);

        Assert.All([acceptedByColleague, approvedBySelf, approvedByAdmin], e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        var unchanged = await host.Client.GetRecognitionAsync(new GetRecognitionRequest { RecognitionId = id }, CultureHost.As(tenant));
        Assert.Equal((RecognitionState.Proposed, false, false), (unchanged.State, unchanged.Accepted, unchanged.Approved));
    }

    [Fact]
    public async Task DeclinedProposal_StaysDeclined()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        await host.DeliverAsync(tenant, "praise-1", Praise("f-1:0", Org.Agent));
        var id = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions.Single().RecognitionId;
        var asAgent = CultureHost.As(tenant, Org.Login(Org.Agent));

        var declined = await host.Client.DeclineRecognitionAsync(new DeclineRecognitionRequest { RecognitionId = id }, asAgent);
        var approve = await Refused(() => host.Client.ApproveRecognitionAsync(new ApproveRecognitionRequest { RecognitionId = id }, CultureHost.As(tenant, Org.Login(Org.Lead))).ResponseAsync);
        var accept = await Refused(() => host.Client.AcceptRecognitionAsync(new AcceptRecognitionRequest { RecognitionId = id }, asAgent).ResponseAsync);
        await host.DeliverAsync(tenant, "praise-1-again", Praise("f-1:0", Org.Agent));

        Assert.Equal(RecognitionState.Declined, declined.State);
        Assert.Equal((StatusCode.FailedPrecondition, "DECLINED"), (approve.StatusCode, Precondition(approve).Type));
        Assert.Equal((StatusCode.FailedPrecondition, "DECLINED"), (accept.StatusCode, Precondition(accept).Type));
        var all = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions;
        Assert.Equal(RecognitionState.Declined, Assert.Single(all).State);
        Assert.Empty((await TeamBoard(tenant)).Latest);
        Assert.Empty(await Announced<RecognitionAwarded>(tenant, "cx.culture.recognition_awarded.v1"));
    }

    [Fact]
    public async Task RedactedPraise_KeepsOnlyTheRedactedQuote()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        var praise = Praise("f-2:0", Org.Agent);
        (praise.Quote, praise.QuoteRedacted) = ("… Li Wei … … …", true);

        await host.DeliverAsync(tenant, "praise-2", praise);

        var proposed = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions.Single();
        Assert.Equal(("… Li Wei … … …", true), (proposed.Evidence.Quote, proposed.Evidence.QuoteRedacted));
        var stored = await host.ReadAsync(tenant, db => db.Recognitions.Select(r => r.EvidenceJson).SingleAsync());
        Assert.DoesNotContain("patient", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Praise_OfATeamOrOfNobodyDefinedHere()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());

        await host.DeliverAsync(tenant, "praise-team", Praise("f-3:0", string.Empty, Org.Team));
        await host.DeliverAsync(tenant, "praise-stranger", Praise("f-4:0", "someone-else", "other-team"));

        var team = Assert.Single((await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions);
        Assert.Equal((string.Empty, Org.Team, true, false), (team.EmployeeId, team.TeamId, team.Accepted, team.Approved));
        var accept = await Refused(() => host.Client.AcceptRecognitionAsync(new AcceptRecognitionRequest { RecognitionId = team.RecognitionId }, CultureHost.As(tenant, Org.Login(Org.Lead))).ResponseAsync);
        Assert.Equal("TEAM_RECOGNITION", Precondition(accept).Type);

        var approved = await host.Client.ApproveRecognitionAsync(new ApproveRecognitionRequest { RecognitionId = team.RecognitionId }, CultureHost.As(tenant, Org.Login(Org.Lead)));
        Assert.Equal(RecognitionState.Awarded, approved.State);
        var leader = Assert.Single((await TeamBoard(tenant)).Leaders);
        Assert.Equal((string.Empty, Org.Team, "Support north", 20L), (leader.EmployeeId, leader.TeamId, leader.DisplayName, leader.Points));
    }

    [Fact]
    public async Task HighRating_OfTheEmployeeWhoServed_ProposesByTheTenantsRule()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());

        await host.DeliverAsync(tenant, "r-5", Response("r-5", Org.Agent, csat: 5));
        await host.DeliverAsync(tenant, "r-4", Response("r-4", Org.Agent, csat: 4));
        await host.DeliverAsync(tenant, "r-nobody", Response("r-nobody", string.Empty, csat: 5));
        await host.DeliverAsync(tenant, "r-5", Response("r-5", Org.Agent, csat: 5));

        var proposed = Assert.Single((await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions);
        Assert.Equal((CommonV1.RecognitionSource.HighRating, Org.Agent, "r-5", "csat-support", 5, string.Empty), (proposed.Source, proposed.EmployeeId, proposed.Evidence.ResponseId, proposed.Evidence.MetricId, proposed.Evidence.Score, proposed.Evidence.Quote));
    }

    [Fact]
    public async Task RecoveredCase_ProposesRecognisingItsOwner_AndAnUnrecoveredOneNothing()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());

        await host.DeliverAsync(tenant, "case-1", new CaseClosed { CaseId = "c-1", Owner = Org.Colleague, Recovered = true, JourneyId = "online-purchase", JourneyStepId = "delivery", ClosedAt = Served });
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.DeliverAsync(tenant, "case-2", new CaseClosed { CaseId = "c-2", Owner = Org.Agent, Recovered = false, ClosedAt = Served });
        await host.DeliverAsync(tenant, "case-3", new CaseClosed { CaseId = "c-3", Owner = Org.Team, Recovered = true, ClosedAt = Served });

        var proposals = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { Source = CommonV1.RecognitionSource.RecoveredCustomer }, CultureHost.As(tenant))).Recognitions;
        Assert.Equal([("c-3", string.Empty, Org.Team), ("c-1", Org.Colleague, Org.Team)], proposals.Select(r => (r.Evidence.CaseId, r.EmployeeId, r.TeamId)).ToArray());
        Assert.Equal(("online-purchase", "delivery"), (proposals[1].Evidence.JourneyId, proposals[1].Evidence.JourneyStepId));
    }

    [Fact]
    public async Task Signals_OlderThanTheTenantsSignalAge_ProposeNothing()
    {
        var tenant = NewTenant();
        var settings = Org.Settings();
        settings.MaxSignalAgeDays = 2;
        await Org.CreateAsync(host, tenant, settings);
        var old = Praise("f-old:0", Org.Agent);
        old.Context.OccurredAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddDays(-2).AddMinutes(-1));
        var recent = Praise("f-recent:0", Org.Agent);
        recent.Context.OccurredAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddDays(-2).AddMinutes(1));

        await host.DeliverAsync(tenant, "praise-old", old);
        await host.DeliverAsync(tenant, "praise-recent", recent);

        var proposed = Assert.Single((await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions);
        Assert.Equal("f-recent:0", proposed.Evidence.FeedbackId);
    }

    [Fact]
    public async Task EmployeeWhoAcceptsAutomatically_UnderTheTenantsApprovalRule_IsAwardedAtOnce()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings(autoApprove: true));
        var agent = await host.Client.GetEmployeeAsync(new GetEmployeeRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant));
        agent.AcceptsAutomatically = true;
        await host.Client.PutEmployeeAsync(new PutEmployeeRequest { Employee = agent, ExpectedRevision = agent.Revision }, CultureHost.As(tenant));

        await host.DeliverAsync(tenant, "praise-1", Praise("f-1:0", Org.Agent));
        await host.DeliverAsync(tenant, "praise-2", Praise("f-2:0", Org.Colleague));

        var byEmployee = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions.ToDictionary(r => r.EmployeeId);
        Assert.Equal((RecognitionState.Awarded, "auto", 20), (byEmployee[Org.Agent].State, byEmployee[Org.Agent].ApprovedBy, byEmployee[Org.Agent].Points));
        Assert.Equal((RecognitionState.Proposed, true, false), (byEmployee[Org.Colleague].State, byEmployee[Org.Colleague].Approved, byEmployee[Org.Colleague].Accepted));
        var proposed = await Announced<RecognitionProposed>(tenant, "cx.culture.recognition_proposed.v1");
        Assert.All(proposed, p => Assert.True(p.AutoApproved));
        Assert.Equal(byEmployee[Org.Agent].RecognitionId, Assert.Single(await Announced<RecognitionAwarded>(tenant, "cx.culture.recognition_awarded.v1")).RecognitionId);
    }

    [Fact]
    public async Task Recognitions_AreTheTenantsOwn()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        await host.DeliverAsync(tenant, "praise-1", Praise("f-1:0", Org.Agent));
        var id = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(tenant))).Recognitions.Single().RecognitionId;

        await host.DeliverAsync(other, "praise-1", Praise("f-1:0", Org.Agent));

        Assert.Empty((await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), CultureHost.As(other))).Recognitions);
        var read = await Refused(() => host.Client.GetRecognitionAsync(new GetRecognitionRequest { RecognitionId = id }, CultureHost.As(other)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task ListRecognitions_PagesNewestFirst_AndRefusesBadInput()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        for (var i = 0; i < 5; i++)
        {
            await host.DeliverAsync(tenant, "praise-" + i, Praise($"f-{i}:0", Org.Agent));
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { PageSize = 2 }, CultureHost.As(tenant));
        var second = await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { PageSize = 2, PageToken = first.NextPageToken }, CultureHost.As(tenant));
        var third = await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { PageSize = 2, PageToken = second.NextPageToken }, CultureHost.As(tenant));
        var bad = await Refused(() => host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { EmployeeId = "no spaces", State = (RecognitionState)9 }, CultureHost.As(tenant)).ResponseAsync);

        Assert.Equal(["f-4:0", "f-3:0", "f-2:0", "f-1:0", "f-0:0"], first.Recognitions.Concat(second.Recognitions).Concat(third.Recognitions).Select(r => r.Evidence.FeedbackId).ToArray());
        Assert.Equal(string.Empty, third.NextPageToken);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal(["employee_id", "state"], Violations(bad).Select(v => v.Field).ToArray());
        var foreignToken = await Refused(() => host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { PageToken = Cx.Domain.Paging.PageRequest.TokenAfter("not-a-position") }, CultureHost.As(tenant)).ResponseAsync);
        Assert.Equal(["page_token"], Violations(foreignToken).Select(v => v.Field).ToArray());
    }

    internal static PraiseDetected Praise(string feedbackId, string employeeId, string teamId = "") => new()
    {
        FeedbackId = feedbackId,
        ResponseId = "r-1",
        Context = new CommonV1.ResponseContext { Channel = "phone", JourneyId = "support", JourneyStepId = "resolve", EmployeeId = employeeId, TeamId = teamId, OccurredAt = Served },
        EmployeeId = employeeId,
        TeamId = teamId,
        Name = "Li Wei",
        Quote = "Li Wei was so patient with me.",
        Sentiment = 0.8,
    };

    private static ResponseRecorded Response(string responseId, string employeeId, int csat) => new()
    {
        ResponseId = responseId,
        Context = new CommonV1.ResponseContext { Channel = "phone", JourneyId = "support", JourneyStepId = "resolve", EmployeeId = employeeId, TeamId = Org.Team, OccurredAt = Served },
        Answers = { new CommonV1.Answer { MetricId = "nps-relationship", Score = 10 }, new CommonV1.Answer { MetricId = "csat-support", Score = csat } },
    };

    private Task<Board> TeamBoard(string tenant) =>
        host.Client.GetBoardAsync(new GetBoardRequest { Scope = BoardScope.Team, TeamId = Org.Team }, CultureHost.As(tenant)).ResponseAsync;

    private async Task<List<T>> Announced<T>(string tenant, string type)
        where T : IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        var rows = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == type).OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync());
        return rows.Select(parser.ParseJson).ToList();
    }
}
