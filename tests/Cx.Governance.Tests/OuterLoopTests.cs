using Cx.Common.V1;
using Cx.Governance.V1;
using Cx.Testing.Hosting;
using Cx.Measurement;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using M = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Tests;

/// <summary>Governance beside a real measurement service, each with its own clock (measurement's is later, so both effect windows can hold responses).</summary>
public class MeasuredGovernanceHost : IAsyncLifetime
{
    private readonly ServiceHost _measurement = new(new MeasurementModule());

    public MeasuredGovernanceHost()
        : this(new GovernanceHost())
    {
    }

    protected MeasuredGovernanceHost(GovernanceHost governance) => Governance = governance;

    public GovernanceHost Governance { get; }

    public GrpcChannel MeasurementChannel => _measurement.Channel;

    public async Task InitializeAsync()
    {
        _measurement.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 12, 0, 0, TimeSpan.Zero));

        // As the catalog has it: measurement believes the gateway and governance, which calls it.
        _measurement.Settings["Cx:Identity:TrustedIssuers"] = "gateway,governance";
        await _measurement.InitializeAsync();
        Governance.Settings["Cx:Peers:measurement"] = "http://" + _measurement.Endpoints.GrpcAddress;
        await Governance.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Governance.DisposeAsync();
        await _measurement.DisposeAsync();
    }
}

/// <summary>The same, with governance's data on a real PostgreSQL.</summary>
public sealed class MeasuredPostgreSqlGovernanceHost() : MeasuredGovernanceHost(new PostgreSqlGovernanceHost());

public sealed class OuterLoopTests(MeasuredGovernanceHost hosts) : OuterLoopBehaviour(hosts), IClassFixture<MeasuredGovernanceHost>;

public sealed class OuterLoopPostgreSqlTests(MeasuredPostgreSqlGovernanceHost hosts) : OuterLoopBehaviour(hosts), IClassFixture<MeasuredPostgreSqlGovernanceHost>;

/// <summary>Patterns, root causes, action plans and their measured effect, standards: run on SQLite and on a real PostgreSQL.</summary>
public abstract class OuterLoopBehaviour(MeasuredGovernanceHost hosts)
{
    private const double Z95 = 1.959963984540054;

    private static readonly int[] BeforeScores = [9, 10, 7, 8, 7, 0, 3, 5, 6, 6];
    private static readonly int[] AfterScores = [9, 9, 10, 10, 9, 10, 7, 8, 8, 2];

    private GovernanceHost Host => hosts.Governance;

    private GovernanceService.GovernanceServiceClient Client => hosts.Governance.Client;

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static Metadata As(string tenant) => TestIdentity.For("governance", tenant, "analyst");

    private static Metadata AtMeasurement(string tenant) => TestIdentity.For("measurement", tenant, "analyst");

    private async Task<Case> ResolvedCaseAsync(string tenant, string customer, string step, string rootCause)
    {
        var opened = await Client.OpenCaseAsync(new OpenCaseRequest { Title = "Complaint", CustomerId = customer, JourneyId = "buy", JourneyStepId = step, Priority = CasePriority.Normal, Owner = "jo" }, As(tenant));
        return await Client.MoveCaseAsync(new MoveCaseRequest { CaseId = opened.CaseId, To = CaseStatus.Resolved, Resolution = new CaseResolution { RootCauseCategory = rootCause } }, As(tenant));
    }

    [Fact]
    public async Task ResolvedCases_SharingAStepAndRootCause_RegisterOnePattern_AtTheThreshold()
    {
        var tenant = NewTenant();
        await Client.SetPatternPolicyAsync(new SetPatternPolicyRequest { Policy = new PatternPolicy { Threshold = 3, WindowDays = 10 } }, As(tenant));

        // One outside the window, one at another step, one with another cause: none of them count.
        await ResolvedCaseAsync(tenant, "old", "delivery", "late-delivery");
        Host.Clock.SetUtcNow(Host.Clock.GetUtcNow().AddDays(11));
        await ResolvedCaseAsync(tenant, "elsewhere", "checkout", "late-delivery");
        await ResolvedCaseAsync(tenant, "other-cause", "delivery", "damaged");
        var first = await ResolvedCaseAsync(tenant, "c1", "delivery", "late-delivery");
        var second = await ResolvedCaseAsync(tenant, "c2", "delivery", "late-delivery");
        Assert.Empty((await Client.ListPatternsAsync(new ListPatternsRequest(), As(tenant))).Patterns);

        var third = await ResolvedCaseAsync(tenant, "c3", "delivery", "late-delivery");
        await ResolvedCaseAsync(tenant, "c4", "delivery", "late-delivery");

        var pattern = Assert.Single((await Client.ListPatternsAsync(new ListPatternsRequest(), As(tenant))).Patterns);
        Assert.Equal(("buy", "delivery", "late-delivery", 4L), (pattern.JourneyId, pattern.JourneyStepId, pattern.RootCauseCategory, pattern.Occurrences));
        Assert.Equal([first.CaseId, second.CaseId, third.CaseId], pattern.CaseIds.Skip(1).Reverse());
        var registered = await Host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.pattern_registered.v1").CountAsync());
        Assert.Equal(1, registered);

        var withCause = await Client.RecordRootCauseAsync(new RecordRootCauseRequest { PatternId = pattern.PatternId, Description = "Evening collection missed", Evidence = "scan logs" }, As(tenant));
        Assert.Equal(("Evening collection missed", "analyst"), (withCause.RootCauses.Single().Description, withCause.RootCauses.Single().RecordedBy));
    }

    [Fact]
    public async Task ActionPlan_Progress_FollowsSubActions_CompletionNeedsThemAll_AndIsFinal()
    {
        var tenant = NewTenant();
        var plan = await Client.CreateActionPlanAsync(new CreateActionPlanRequest
        {
            Plan = new ActionPlan
            {
                PlanId = "second-collection", Title = "Second courier collection", Owner = "kim", JourneyId = "buy", JourneyStepId = "delivery", MetricIds = { "nps" },
                SubActions = { new SubAction { SubActionId = "contract", Title = "Sign" }, new SubAction { SubActionId = "shift", Title = "Move shift" }, new SubAction { SubActionId = "train", Title = "Train" } },
            },
        }, As(tenant));
        Assert.Equal((ActionPlanStatus.Planned, 0, "kim"), (plan.Status, plan.PercentComplete, plan.SubActions[0].Owner));

        var progressed = await Client.RecordActionPlanProgressAsync(new RecordActionPlanProgressRequest { PlanId = plan.PlanId, CompletedSubActionIds = { "contract" } }, As(tenant));
        Assert.Equal((ActionPlanStatus.InProgress, 33), (progressed.Status, progressed.PercentComplete));

        var early = await Assert.ThrowsAsync<RpcException>(async () => await Client.RecordActionPlanProgressAsync(new RecordActionPlanProgressRequest { PlanId = plan.PlanId, Status = ActionPlanStatus.Completed }, As(tenant)));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("shift, train", early.Status.Detail, StringComparison.Ordinal);
        var noEffectYet = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetActionPlanEffectAsync(new GetActionPlanEffectRequest { PlanId = plan.PlanId }, As(tenant)));
        Assert.Equal(StatusCode.FailedPrecondition, noEffectYet.StatusCode);

        var done = await Client.RecordActionPlanProgressAsync(new RecordActionPlanProgressRequest { PlanId = plan.PlanId, CompletedSubActionIds = { "shift", "train" }, Status = ActionPlanStatus.Completed }, As(tenant));
        Assert.Equal((ActionPlanStatus.Completed, 100), (done.Status, done.PercentComplete));
        var after = await Assert.ThrowsAsync<RpcException>(async () => await Client.RecordActionPlanProgressAsync(new RecordActionPlanProgressRequest { PlanId = plan.PlanId, Status = ActionPlanStatus.Cancelled }, As(tenant)));
        Assert.Equal(StatusCode.FailedPrecondition, after.StatusCode);
        var completed = await Host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.action_plan_completed.v1").CountAsync());
        Assert.Equal(1, completed);

        var duplicate = await Assert.ThrowsAsync<RpcException>(async () => await Client.CreateActionPlanAsync(new CreateActionPlanRequest { Plan = new ActionPlan { PlanId = "second-collection", Title = "x", Owner = "kim", JourneyId = "buy", JourneyStepId = "delivery", MetricIds = { "nps" } } }, As(tenant)));
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
    }

    [Fact]
    public async Task CompletedPlan_ShowsTheMeasuredBeforeAfterChange_OnItsStep_WithSignificance()
    {
        var tenant = NewTenant();
        var measurement = new M.MeasurementService.MeasurementServiceClient(hosts.MeasurementChannel);
        await measurement.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = "nps", Kind = M.MetricKind.Nps, Name = "NPS", HigherIsBetter = true } }, AtMeasurement(tenant));

        // Before: 2 promoters, 3 passives, 5 detractors (NPS -30). After: 6, 3, 1 (NPS +50). Each three
        // times over: 30 answers a period, the least a change is called on.
        // Around them, answers that must not count: during the work, and at another step.
        var scores = new List<(string Day, string Step, int Score)>();
        scores.AddRange(Enumerable.Repeat(BeforeScores, 3).SelectMany(b => b).Select(s => ("2027-01-05", "delivery", s)));
        scores.AddRange(Enumerable.Repeat(AfterScores, 3).SelectMany(a => a).Select(s => ("2027-01-15", "delivery", s)));
        scores.AddRange(new[] { ("2027-01-11", "delivery", 0), ("2027-01-11", "delivery", 0), ("2027-01-15", "checkout", 0), ("2027-01-15", "checkout", 0) });
        var batch = new M.RecordResponsesRequest();
        batch.Responses.AddRange(scores.Select((s, i) => new M.Response
        {
            SubmissionId = "s" + i,
            Context = new CommonV1.ResponseContext { JourneyId = "buy", JourneyStepId = s.Step, CustomerId = "c" + i, OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(s.Day + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)) },
            Answers = { new CommonV1.Answer { MetricId = "nps", Score = s.Score } },
        }));
        await measurement.RecordResponsesAsync(batch, AtMeasurement(tenant));

        Host.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));
        await Client.CreateActionPlanAsync(new CreateActionPlanRequest { Plan = new ActionPlan { PlanId = "fix", Title = "Fix delivery", Owner = "kim", JourneyId = "buy", JourneyStepId = "delivery", MetricIds = { "nps" } } }, As(tenant));
        Host.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 12, 15, 0, 0, TimeSpan.Zero));
        await Client.RecordActionPlanProgressAsync(new RecordActionPlanProgressRequest { PlanId = "fix", Status = ActionPlanStatus.Completed }, As(tenant));

        Host.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 12, 0, 0, TimeSpan.Zero));
        var effect = await Client.GetActionPlanEffectAsync(new GetActionPlanEffectRequest { PlanId = "fix", WindowDays = 7 }, As(tenant));

        Assert.Equal(("2027-01-03", "2027-01-10", "2027-01-13", "2027-01-20", true),
            (Day(effect.BeforeFrom), Day(effect.BeforeTo), Day(effect.AfterFrom), Day(effect.AfterTo), effect.AfterWindowComplete));
        var comparison = Assert.Single(effect.Effects).Comparison;
        Assert.Equal((30L, -30.0, 30L, 50.0), (comparison.Before.N, comparison.Before.Score, comparison.After.N, comparison.After.Score));

        // The adjusted-Wald difference, computed here from the counts.
        static (double Net, double Variance) Adjusted(int promoters, int detractors, int n)
        {
            var p = (promoters + 0.75) / (n + 3.0);
            var d = (detractors + 0.75) / (n + 3.0);
            return (p - d, (p + d - ((p - d) * (p - d))) / (n + 3.0));
        }

        var before = Adjusted(6, 15, 30);
        var after = Adjusted(18, 3, 30);
        var difference = 100 * (after.Net - before.Net);
        var z = difference / (100 * Math.Sqrt(before.Variance + after.Variance));
        Assert.Equal(difference, comparison.Change.Difference, 9);
        Assert.Equal(z, comparison.Change.Z, 9);
        Assert.Equal(Math.Abs(z) > Z95, comparison.Change.Significant);
        Assert.True(comparison.Change.Significant);
        Assert.Equal(("nps_difference_z", 0.95, CommonV1.NoCallReason.Unspecified), (comparison.Change.Test, comparison.Change.Confidence, comparison.Change.NoCall));
        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(z)), comparison.Change.PValue, 12);
    }

    private static string Day(Timestamp at) => at.ToDateTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ReviewGate_PassesOnlyWithEveryStandardMet_AndARevisionIsReviewedOnce()
    {
        var tenant = NewTenant();
        await Client.PublishStandardAsync(new PublishStandardRequest { Standard = new Standard { StandardId = "effort", Title = "Low effort", MetricId = "ces", Comparison = Comparison.AtLeast, Threshold = 5.5 } }, As(tenant));
        var v2 = await Client.PublishStandardAsync(new PublishStandardRequest { Standard = new Standard { StandardId = "effort", Title = "Low effort", MetricId = "ces", Comparison = Comparison.AtLeast, Threshold = 5.8 } }, As(tenant));
        await Client.PublishStandardAsync(new PublishStandardRequest { Standard = new Standard { StandardId = "onboarding-only", Title = "x", MetricId = "nps", Comparison = Comparison.AtLeast, Threshold = 40, JourneyIds = { "onboard" } } }, As(tenant));
        Assert.Equal(2, v2.Version);

        var failed = await Client.ReviewJourneyChangeAsync(new ReviewJourneyChangeRequest { JourneyId = "buy", ChangeId = "chg-1", Revision = 1, Evidence = { new Evidence { MetricId = "ces", Value = 5.6 } } }, As(tenant));
        Assert.Equal(ReviewDecision.Failed, failed.Decision);
        var check = Assert.Single(failed.Checks);
        Assert.Equal(("effort", 2L, 5.8, CheckOutcome.NotMet), (check.StandardId, check.StandardVersion, check.Threshold, check.Outcome));

        var again = await Client.ReviewJourneyChangeAsync(new ReviewJourneyChangeRequest { JourneyId = "buy", ChangeId = "chg-1", Revision = 1, Evidence = { new Evidence { MetricId = "ces", Value = 6.5 } } }, As(tenant));
        Assert.Equal((failed.ReviewId, ReviewDecision.Failed), (again.ReviewId, again.Decision));

        var passed = await Client.ReviewJourneyChangeAsync(new ReviewJourneyChangeRequest { JourneyId = "buy", ChangeId = "chg-1", Revision = 2, Evidence = { new Evidence { MetricId = "ces", Value = 5.8 } } }, As(tenant));
        Assert.Equal(ReviewDecision.Passed, passed.Decision);
        Assert.Equal(passed.ReviewId, (await Client.GetLatestReviewAsync(new GetLatestReviewRequest { ChangeId = "chg-1" }, As(tenant))).ReviewId);

        var bad = await Assert.ThrowsAsync<RpcException>(async () => await Client.ReviewJourneyChangeAsync(new ReviewJourneyChangeRequest { JourneyId = "buy", ChangeId = "chg-1", Revision = 0, Evidence = { new Evidence { MetricId = "ces", Value = double.NaN } } }, As(tenant)));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        var published = await Host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.governance.standard_published.v1").CountAsync());
        Assert.Equal(3, published);
    }
}
