using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Governance.Sla;
using Cx.Governance.V1;
using Cx.ServiceKit.Jobs;
using Cx.Testing.Hosting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ResponseContext = Cx.Common.V1.ResponseContext;

namespace Cx.Governance.Tests;

public sealed class CaseTests(GovernanceHost host) : CaseBehaviour(host), IClassFixture<GovernanceHost>;

public sealed class CasePostgreSqlTests(PostgreSqlGovernanceHost host) : CaseBehaviour(host), IClassFixture<PostgreSqlGovernanceHost>;

/// <summary>Cases from detractors, rules, owners, SLAs and their refusals: run on SQLite and on a real PostgreSQL.</summary>
public abstract class CaseBehaviour(GovernanceHost host)
{
    /// <summary>Each test's own Monday noon: the shared host's clock only moves forward.</summary>
    private DateTimeOffset Monday { get; } = host.Clock.AdvanceToMondayNoon();

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static Metadata As(string tenant, string actor = "maria") => TestIdentity.For("governance", tenant, actor);

    private DetractorDetected Detractor(string responseId, string customer, int score = 2, string journey = "buy", string segment = "retail", DateTimeOffset? at = null) => new()
    {
        ResponseId = responseId,
        MetricId = "nps",
        Score = score,
        Context = new ResponseContext { CustomerId = customer, JourneyId = journey, JourneyStepId = "delivery", Touchpoint = "courier", Segment = segment, Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(at ?? Monday.AddHours(-1)) },
    };

    private async Task<string> TenantWithRuleAsync(Assignment assignment = Assignment.JourneyOwner, params string[] assignees)
    {
        var tenant = NewTenant();
        await host.Client.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Accountable = "jo", Responsible = { "logistics" } } }, As(tenant));
        await host.Client.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Touchpoint = "courier", Accountable = "kim" } }, As(tenant));
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest
        {
            Rule = new CaseRule { RuleId = "detractors", MetricIds = { "nps" }, MaxScore = 6, Priority = CasePriority.High, Assignment = assignment, Assignees = { assignees }, FallbackOwner = "cx-lead" },
        }, As(tenant));
        return tenant;
    }

    private async Task<List<Case>> CasesAsync(string tenant) => (await host.Client.ListCasesAsync(new ListCasesRequest(), As(tenant))).Cases.ToList();

    private async Task<Case> MoveAsync(string tenant, string caseId, CaseStatus to, CaseResolution? resolution = null) =>
        await host.Client.MoveCaseAsync(new MoveCaseRequest { CaseId = caseId, To = to, Resolution = resolution }, As(tenant));

    private static BadRequest Violations(RpcException error) => error.GetRpcStatus()!.GetDetail<BadRequest>()!;

    [Fact]
    public async Task Detractor_OpensOneCase_ForTheTouchpointOwner_DueInServiceHours_AndARedeliveryOpensNoSecond()
    {
        var tenant = await TenantWithRuleAsync();

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"))).Verdict);
        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"))).Verdict);

        var opened = Assert.Single(await CasesAsync(tenant));
        Assert.Equal((CaseStatus.Open, CasePriority.High, "kim", "ann", "buy", "delivery", "detractors"), (opened.Status, opened.Priority, opened.Owner, opened.CustomerId, opened.JourneyId, opened.JourneyStepId, opened.RuleId));

        // HIGH is 8 service hours by default (Monday to Friday, 09:00-17:00 UTC): 5 on Monday, 3 on Tuesday.
        Assert.Equal(Monday.AddDays(1), opened.DueAt.ToDateTimeOffset());
        Assert.Equal("r-1", Assert.Single(opened.Signals).ResponseId);
        var events = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.case_opened.v1").CountAsync());
        Assert.Equal(1, events);
    }

    [Fact]
    public async Task SecondDetractor_OfTheSameCustomerAndJourney_JoinsTheActiveCase_OtherJourneyOpensItsOwn()
    {
        var tenant = await TenantWithRuleAsync();

        await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"));
        await host.DeliverAsync(tenant, "e-2", Detractor("r-2", "ann", score: 0));
        await host.DeliverAsync(tenant, "e-3", Detractor("r-3", "ann", journey: "onboard"));

        var cases = await CasesAsync(tenant);
        Assert.Equal(2, cases.Count);
        var buy = cases.Single(c => c.JourneyId == "buy");
        Assert.Equal(["r-1", "r-2"], buy.Signals.Select(s => s.ResponseId));
        Assert.Equal("cx-lead", cases.Single(c => c.JourneyId == "onboard").Owner);
    }

    [Fact]
    public async Task Detractors_NoRuleMatches_OrTooOld_OrNoCustomer_OpenNoCase()
    {
        var tenant = NewTenant();
        await host.Client.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = new CaseRule { RuleId = "angry", MaxScore = 3, Segments = { "vip" }, Priority = CasePriority.Urgent, Assignment = Assignment.Fixed, Assignees = { "desk" }, MaxSignalAgeDays = 7 } }, As(tenant));

        await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann", score: 4, segment: "vip"));
        await host.DeliverAsync(tenant, "e-2", Detractor("r-2", "bob", score: 3, segment: "retail"));
        await host.DeliverAsync(tenant, "e-3", Detractor("r-3", "cy", score: 1, segment: "vip", at: Monday.AddDays(-8)));
        await host.DeliverAsync(tenant, "e-4", Detractor("r-4", string.Empty, score: 1, segment: "vip"));
        Assert.Empty(await CasesAsync(tenant));

        await host.DeliverAsync(tenant, "e-5", Detractor("r-5", "dee", score: 3, segment: "vip"));
        var opened = Assert.Single(await CasesAsync(tenant));
        Assert.Equal(("dee", "desk", CasePriority.Urgent), (opened.CustomerId, opened.Owner, opened.Priority));
    }

    [Fact]
    public async Task RoundRobin_GivesCasesInTurn()
    {
        var tenant = await TenantWithRuleAsync(Assignment.RoundRobin, "ann", "bob");
        foreach (var customer in new[] { "c1", "c2", "c3" })
        {
            await host.DeliverAsync(tenant, "e-" + customer, Detractor("r-" + customer, customer));
        }

        var owners = (await CasesAsync(tenant)).OrderBy(c => c.CustomerId).Select(c => c.Owner);
        Assert.Equal(["ann", "bob", "ann"], owners);
    }

    [Fact]
    public async Task IllegalMoves_AreRefused_AndChangeNothing()
    {
        var tenant = await TenantWithRuleAsync();
        await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"));
        var opened = Assert.Single(await CasesAsync(tenant));

        var closing = await Assert.ThrowsAsync<RpcException>(() => MoveAsync(tenant, opened.CaseId, CaseStatus.Closed));
        Assert.Equal(StatusCode.FailedPrecondition, closing.StatusCode);
        Assert.Contains("Open; it cannot move to Closed", closing.Status.Detail, StringComparison.Ordinal);

        var noCause = await Assert.ThrowsAsync<RpcException>(() => MoveAsync(tenant, opened.CaseId, CaseStatus.Resolved, new CaseResolution { Notes = "called back" }));
        Assert.Equal(StatusCode.InvalidArgument, noCause.StatusCode);
        Assert.Equal("resolution.root_cause_category", Assert.Single(Violations(noCause).FieldViolations).Field);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => MoveAsync(tenant, "no-such-case", CaseStatus.InProgress));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var noId = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetCaseAsync(new GetCaseRequest(), As(tenant)));
        Assert.Equal("case_id", Assert.Single(Violations(noId).FieldViolations).Field);

        var unchanged = await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = opened.CaseId }, As(tenant));
        Assert.Equal((CaseStatus.Open, opened.Version), (unchanged.Status, unchanged.Version));

        await MoveAsync(tenant, opened.CaseId, CaseStatus.Resolved, new CaseResolution { RootCauseCategory = "late-delivery", Recovered = true });
        var reopenWork = await Assert.ThrowsAsync<RpcException>(() => MoveAsync(tenant, opened.CaseId, CaseStatus.InProgress));
        Assert.Equal(StatusCode.FailedPrecondition, reopenWork.StatusCode);
    }

    [Theory]
    [InlineData("german")]
    [InlineData("de_CH")]
    public async Task Resolve_WithAFollowUpLanguageThatIsNotABcp47Tag_IsInvalid_AndTheCaseStaysAsItWas(string language)
    {
        var tenant = await TenantWithRuleAsync();
        await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"));
        var opened = Assert.Single(await CasesAsync(tenant));
        await MoveAsync(tenant, opened.CaseId, CaseStatus.InProgress);

        var error = await Assert.ThrowsAsync<RpcException>(() => MoveAsync(tenant, opened.CaseId, CaseStatus.Resolved,
            new CaseResolution { RootCauseCategory = "late-delivery", Recovered = true, FollowUpChannel = "sms", FollowUpLanguage = language }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(("resolution.follow_up_language", Cx.Domain.Errors.LanguageTag.Rule), (Violations(error).FieldViolations.Single().Field, Violations(error).FieldViolations.Single().Description));
        Assert.Equal(CaseStatus.InProgress, (await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = opened.CaseId }, As(tenant))).Status);
    }

    [Fact]
    public async Task Close_PublishesCaseClosed_WithTheRecovery_AndAnotherDetractorThenOpensANewCase()
    {
        var tenant = await TenantWithRuleAsync();
        await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"));
        var opened = Assert.Single(await CasesAsync(tenant));

        await MoveAsync(tenant, opened.CaseId, CaseStatus.InProgress);
        await MoveAsync(tenant, opened.CaseId, CaseStatus.Resolved, new CaseResolution { RootCauseCategory = "late-delivery", Recovered = true, FollowUpChannel = "sms", FollowUpLanguage = "de" });
        var closed = await MoveAsync(tenant, opened.CaseId, CaseStatus.Closed);
        Assert.Equal((CaseStatus.Closed, "late-delivery", true), (closed.Status, closed.Resolution.RootCauseCategory, closed.Resolution.Recovered));

        var data = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.case_closed.v1").Select(m => m.Data).SingleAsync());
        var published = CaseClosed.Parser.ParseJson(data);
        Assert.Equal((opened.CaseId, "ann", "buy", "delivery", true, "late-delivery", "sms", "de"),
            (published.CaseId, published.CustomerId, published.JourneyId, published.JourneyStepId, published.Recovered, published.RootCauseCategory, published.ContactChannel, published.ContactLanguage));

        await host.DeliverAsync(tenant, "e-2", Detractor("r-2", "ann"));
        Assert.Equal(2, (await CasesAsync(tenant)).Count);
    }

    [Fact]
    public async Task SlaBreach_EscalatesOnce_WaitingOnTheCustomerStopsTheClock()
    {
        var tenant = await TenantWithRuleAsync();
        await host.Client.SetSlaPolicyAsync(new SetSlaPolicyRequest
        {
            Policy = new SlaPolicy
            {
                Hours = new ServiceHours { TimeZone = "UTC", WorkingDays = { 1, 2, 3, 4, 5 }, Opens = "09:00", Closes = "17:00" },
                Targets = { new SlaTarget { Priority = CasePriority.High, ResolveWithinHours = 8, EscalateTo = "cx-lead" } },
            },
        }, As(tenant));
        await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"));
        await host.DeliverAsync(tenant, "e-2", Detractor("r-2", "bob"));
        var cases = await CasesAsync(tenant);
        var ann = cases.Single(c => c.CustomerId == "ann");
        var bob = cases.Single(c => c.CustomerId == "bob");

        // Bob's case waits on him from Monday 14:00 (6 service hours left); Ann's falls due Tuesday 12:00.
        host.Clock.SetUtcNow(Monday.AddHours(2));
        var waiting = await MoveAsync(tenant, bob.CaseId, CaseStatus.WaitingOnCustomer);
        Assert.Null(waiting.DueAt);

        var watch = host.Service<PeriodicTenantJob<SlaWatch>>();
        host.Clock.SetUtcNow(Monday.AddDays(1).AddSeconds(-1));
        Assert.Equal(0, await EscalationsAfterCheckAsync(watch, tenant));
        host.Clock.SetUtcNow(Monday.AddDays(1));
        Assert.Equal(1, await EscalationsAfterCheckAsync(watch, tenant));
        Assert.Equal(1, await EscalationsAfterCheckAsync(watch, tenant));

        // Resumed Wednesday 10:00, Bob's case is due Wednesday 16:00: a check before then leaves it be.
        host.Clock.SetUtcNow(Monday.AddDays(2).AddHours(-2));
        var resumed = await MoveAsync(tenant, bob.CaseId, CaseStatus.InProgress);
        Assert.Equal(Monday.AddDays(2).AddHours(4), resumed.DueAt.ToDateTimeOffset());
        host.Clock.SetUtcNow(Monday.AddDays(2).AddHours(4).AddSeconds(-1));
        Assert.Equal(1, await EscalationsAfterCheckAsync(watch, tenant));

        var escalated = await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = ann.CaseId }, As(tenant));
        Assert.Equal((true, "cx-lead"), (escalated.Escalated, escalated.EscalatedTo));
        Assert.False((await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = bob.CaseId }, As(tenant))).Escalated);
        var published = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.case_escalated.v1").Select(m => m.Subject).ToListAsync());
        Assert.Equal([ann.CaseId], published);

        // Closed, each says whether it breached its SLA: Strategy reads the loop's timeliness from it.
        await MoveAsync(tenant, ann.CaseId, CaseStatus.InProgress);
        foreach (var id in new[] { ann.CaseId, bob.CaseId })
        {
            await MoveAsync(tenant, id, CaseStatus.Resolved, new CaseResolution { RootCauseCategory = "late-delivery", Recovered = true, FollowUpChannel = "sms", FollowUpLanguage = "de" });
            await MoveAsync(tenant, id, CaseStatus.Closed);
        }

        var closed = (await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.case_closed.v1").Select(m => m.Data).ToListAsync()))
            .Select(CaseClosed.Parser.ParseJson).ToDictionary(c => c.CaseId, c => c.SlaBreached);
        Assert.Equal((true, false), (closed[ann.CaseId], closed[bob.CaseId]));
    }

    /// <summary>Runs one SLA check; the tenant's escalations so far (other tests' tenants may escalate too).</summary>
    private async Task<int> EscalationsAfterCheckAsync(PeriodicTenantJob<SlaWatch> watch, string tenant)
    {
        await watch.RunOnceAsync(CancellationToken.None);
        return await host.ReadAsync(tenant, db => db.AuditEntries.CountAsync(e => e.Action == "case.escalated"));
    }

    [Fact]
    public async Task Tenants_NeverSeeEachOthersCases()
    {
        var tenant = await TenantWithRuleAsync();
        var other = await TenantWithRuleAsync();
        await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"));
        var opened = Assert.Single(await CasesAsync(tenant));

        Assert.Empty(await CasesAsync(other));
        var read = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = opened.CaseId }, As(other)));
        Assert.Equal(StatusCode.NotFound, read.StatusCode);
        var move = await Assert.ThrowsAsync<RpcException>(async () => await MoveAsync(other, opened.CaseId, CaseStatus.InProgress));
        Assert.Equal(StatusCode.NotFound, move.StatusCode);
        Assert.Equal(CaseStatus.Open, (await host.Client.GetCaseAsync(new GetCaseRequest { CaseId = opened.CaseId }, As(tenant))).Status);
    }

    [Fact]
    public async Task AuditLog_RecordsWhoDidWhat_InOrder_ForTheCase()
    {
        var tenant = await TenantWithRuleAsync();
        await host.DeliverAsync(tenant, "e-1", Detractor("r-1", "ann"));
        var opened = Assert.Single(await CasesAsync(tenant));
        await host.Client.AssignCaseAsync(new AssignCaseRequest { CaseId = opened.CaseId, Owner = "lee", ExpectedVersion = opened.Version }, As(tenant, "supervisor"));
        await host.Client.MoveCaseAsync(new MoveCaseRequest { CaseId = opened.CaseId, To = CaseStatus.InProgress }, As(tenant, "lee"));

        var stale = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.AssignCaseAsync(new AssignCaseRequest { CaseId = opened.CaseId, Owner = "zed", ExpectedVersion = opened.Version }, As(tenant)));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        var entries = (await host.Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { SubjectType = "case", SubjectId = opened.CaseId }, As(tenant))).Entries;
        Assert.Equal([("case.opened", "system"), ("case.assigned", "supervisor"), ("case.moved", "lee")], entries.Select(e => (e.Action, e.Actor)));
        Assert.True(entries[0].Sequence < entries[1].Sequence && entries[1].Sequence < entries[2].Sequence);
        Assert.Empty((await host.Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { SubjectType = "case", SubjectId = opened.CaseId }, As(NewTenant()))).Entries);
    }

    [Fact]
    public async Task OpenByHand_OneActiveCasePerCustomerAndJourney_BadInputNamesItsFields()
    {
        var tenant = await TenantWithRuleAsync();
        var opened = await host.Client.OpenCaseAsync(new OpenCaseRequest { Title = "Complaint by phone", CustomerId = "ann", JourneyId = "buy", Priority = CasePriority.Normal }, As(tenant));
        Assert.Equal(("jo", CaseStatus.Open), (opened.Owner, opened.Status));

        var again = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.OpenCaseAsync(new OpenCaseRequest { Title = "Again", CustomerId = "ann", JourneyId = "buy", Priority = CasePriority.Low }, As(tenant)));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Contains(opened.CaseId, again.Status.Detail, StringComparison.Ordinal);

        var bad = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.OpenCaseAsync(new OpenCaseRequest { CustomerId = " x", JourneyId = "buy" }, As(tenant)));
        Assert.Equal(["title", "customer_id", "priority"], Violations(bad).FieldViolations.Select(v => v.Field));
        Assert.Single(await CasesAsync(tenant));
    }
}

public sealed class SlaRestartTests
{
    [Fact]
    public async Task DueTimes_SurviveARestart_TheFirstCheckAfterItEscalatesWhatFellDue()
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        var headers = TestIdentity.For("governance", tenant);
        var data = Directory.CreateTempSubdirectory("cx-governance-restart-");
        var first = GovernanceHost.On(data);
        await first.InitializeAsync();
        string caseId;
        try
        {
            var opened = await first.Client.OpenCaseAsync(new OpenCaseRequest { Title = "Call back", CustomerId = "ann", JourneyId = "buy", Priority = CasePriority.Urgent, Owner = "jo" }, headers);
            caseId = opened.CaseId;
            Assert.Equal(first.Clock.GetUtcNow().AddHours(4), opened.DueAt.ToDateTimeOffset());
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = GovernanceHost.On(data);
        second.Clock.SetUtcNow(first.Clock.GetUtcNow().AddDays(1));
        await second.InitializeAsync();
        try
        {
            await second.Service<PeriodicTenantJob<SlaWatch>>().RunOnceAsync(CancellationToken.None);
            var escalated = await second.Client.GetCaseAsync(new GetCaseRequest { CaseId = caseId }, headers);
            Assert.True(escalated.Escalated);
            Assert.Equal(second.Clock.GetUtcNow(), escalated.EscalatedAt.ToDateTimeOffset());
        }
        finally
        {
            await second.DisposeAsync();
            data.Delete(recursive: true);
        }
    }
}
