using Cx.Common.V1;
using Cx.Events.V1;
using Cx.Strategy.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Strategy.Tests;

/// <summary>The programme: initiatives ranked from what Understanding and Measurement announce, ranked again as that changes.</summary>
public sealed class InitiativeTests(StrategyHost host) : InitiativeBehaviour(host), IClassFixture<StrategyHost>;

public sealed class InitiativePostgreSqlTests(PostgreSqlStrategyHost host) : InitiativeBehaviour(host), IClassFixture<PostgreSqlStrategyHost>;

public abstract class InitiativeBehaviour(StrategyHost host)
{
    private static Initiative Covering(string id, double effort, params string[] painPoints) => new()
    {
        InitiativeId = id,
        Title = "Initiative " + id,
        Owner = "maria.lopez",
        Step = TransformationStep.IdentifyPainPoints,
        PainPointIds = { painPoints },
        EffortWeeks = effort,
    };

    private static PainPointIdentified Late(long version, long mentions) => new()
    {
        PainPointId = "auto-late",
        Origin = PainPointOrigin.BottomUp,
        Title = "Late delivery",
        JourneyId = "online-purchase",
        JourneyStepId = "delivery",
        MetricIds = { "speed" },
        Mentions = mentions,
        Version = version,
    };

    private static DriverAnalysisCompleted Analysis(double importance, double gap) => new()
    {
        Analysis = new DriverAnalysis { OutcomeMetricId = "nps", Drivers = { new DriverWeight { MetricId = "speed", Importance = importance, Gap = gap } } },
    };

    [Fact]
    public async Task TheRanking_MovesWhenItsInputsArrive_AndEachMoveIsAnnouncedOnce()
    {
        var tenant = NewTenant();
        var client = host.Client;
        await client.CreateInitiativeAsync(new CreateInitiativeRequest { Initiative = Covering("app-screens", 2) }, StrategyHost.As(tenant));
        var late = await client.CreateInitiativeAsync(new CreateInitiativeRequest { Initiative = Covering("delay-notice", 4, "auto-late") }, StrategyHost.As(tenant));

        // Nothing is known of the pain point yet: no impact, ranked by id.
        Assert.Equal((2, 0.0, false), (late.Priority.Rank, late.Priority.ExpectedImpact, late.Priority.Inputs.Single().Known));

        await host.DeliverAsync(tenant, "pp-1", Late(version: 1, mentions: 50));
        await host.DeliverAsync(tenant, "da-1", Analysis(importance: 60, gap: 0.4));
        await host.RankDueInitiativesAsync();

        // 0.6 × 0.4 × 50 = 12 over 4 person-weeks.
        var ranked = await client.ListInitiativesAsync(new ListInitiativesRequest(), StrategyHost.As(tenant));
        Assert.Equal(["delay-notice", "app-screens"], ranked.Initiatives.Select(i => i.InitiativeId));
        var input = ranked.Initiatives[0].Priority.Inputs.Single();
        Assert.Equal((1, 12.0, 3.0), (ranked.Initiatives[0].Priority.Rank, Math.Round(ranked.Initiatives[0].Priority.ExpectedImpact, 9), Math.Round(ranked.Initiatives[0].Priority.Priority, 9)));
        Assert.Equal(("speed", "nps", 60.0, 0.4, 50L, "mentions"), (input.DriverMetricId, input.OutcomeMetricId, input.Importance, input.Gap, input.CustomersAffected, input.AffectedFrom));

        // Redelivered, or an older version of the pain point: nothing moves, nothing more is announced.
        var announced = (await host.RaisedAsync(tenant, "cx.strategy.initiative_prioritized.v1")).Count;
        await host.DeliverAsync(tenant, "pp-1", Late(version: 1, mentions: 50));
        await host.DeliverAsync(tenant, "pp-0", Late(version: 0, mentions: 9_999));
        await host.RankDueInitiativesAsync();
        Assert.Equal(announced, (await host.RaisedAsync(tenant, "cx.strategy.initiative_prioritized.v1")).Count);
        Assert.Equal(12.0, Math.Round((await client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "delay-notice" }, StrategyHost.As(tenant))).Priority.ExpectedImpact, 9));

        // Each created one ranked (app-screens first, alone), then both moved when the inputs arrived.
        var moves = (await host.RaisedAsync(tenant, "cx.strategy.initiative_prioritized.v1")).Select(InitiativePrioritized.Parser.ParseJson).Select(m => (m.InitiativeId, m.Rank, m.PreviousRank)).ToList();
        Assert.Equal([("app-screens", 1, 0), ("delay-notice", 2, 0)], moves.Take(2));
        Assert.Equal([("app-screens", 2, 1), ("delay-notice", 1, 2)], moves.Skip(2).OrderBy(m => m.InitiativeId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task DesignsOpportunities_WeighTheInitiativesThatCoverThem_TheLatestAnnouncementCounting()
    {
        var tenant = NewTenant();
        var initiative = Covering("delay-notice", 2);
        initiative.OpportunityIds.Add("suggestion/sms");
        await host.Client.CreateInitiativeAsync(new CreateInitiativeRequest { Initiative = initiative }, StrategyHost.As(tenant));

        OpportunityIdentified Announced(double impact, DateTimeOffset at) => new()
        {
            OpportunityId = "suggestion/sms",
            SuggestionId = "sms",
            JourneyId = "online-purchase",
            JourneyStepId = "delivery",
            Title = "Text customers about late parcels",
            ExpectedImpact = impact,
            DriverMetricId = "speed",
            OutcomeMetricId = "nps",
            Importance = 80,
            Gap = 0.5,
            CustomersAffected = 30,
            AffectedFrom = "step_negative_comments",
            IdentifiedAt = Timestamp.FromDateTimeOffset(at),
        };

        var now = host.Clock.GetUtcNow();
        await host.DeliverAsync(tenant, "op-2", Announced(12, now));
        await host.DeliverAsync(tenant, "op-1", Announced(99, now.AddMinutes(-5)));
        await host.RankDueInitiativesAsync();

        var ranked = await host.Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "delay-notice" }, StrategyHost.As(tenant));
        var part = ranked.Priority.Inputs.Single();
        Assert.Equal((12.0, 6.0), (ranked.Priority.ExpectedImpact, ranked.Priority.Priority));
        Assert.Equal(("suggestion/sms", true, "speed", 30L, "step_negative_comments"), (part.OpportunityId, part.Known, part.DriverMetricId, part.CustomersAffected, part.AffectedFrom));
    }

    [Fact]
    public async Task ExperimentsAndActionPlans_ReportBackOnTheInitiativesThatCoverThem()
    {
        var tenant = NewTenant();
        var initiative = Covering("delay-notice", 4);
        initiative.ExperimentIds.Add("pilot");
        initiative.ActionPlanIds.Add("second-collection");
        await host.Client.CreateInitiativeAsync(new CreateInitiativeRequest { Initiative = initiative }, StrategyHost.As(tenant));

        await host.DeliverAsync(tenant, "ex-1", new ExperimentConcluded { ExperimentId = "pilot", Outcome = ExperimentOutcome.Supported });
        await host.DeliverAsync(tenant, "ex-1", new ExperimentConcluded { ExperimentId = "pilot", Outcome = ExperimentOutcome.Supported });
        await host.DeliverAsync(tenant, "ap-1", new ActionPlanCompleted { PlanId = "second-collection" });
        await host.DeliverAsync(tenant, "ap-2", new ActionPlanCompleted { PlanId = "another-plan" });

        var read = await host.Client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "delay-notice" }, StrategyHost.As(tenant));
        Assert.Equal(("pilot", ExperimentOutcome.Supported), (read.ExperimentsConcluded.Single().ExperimentId, read.ExperimentsConcluded.Single().Outcome));
        Assert.Equal(["second-collection"], read.ActionPlansCompleted);
    }

    [Fact]
    public async Task BadInitiativesAndStaleChanges_AreRefusedWithTypedErrors()
    {
        var tenant = NewTenant();
        var client = host.Client;
        var noEffort = Covering("x", 0);
        var unknownTarget = Covering("y", 1);
        unknownTarget.TargetIds.Add("no-such-target");
        var noStep = Covering("z", 1);
        noStep.Step = TransformationStep.Unspecified;

        async Task<string> FieldsOf(Initiative initiative) =>
            string.Join(",", Violations(await Refused(() => client.CreateInitiativeAsync(new CreateInitiativeRequest { Initiative = initiative }, StrategyHost.As(tenant)).ResponseAsync)).Select(v => v.Field));

        Assert.Equal("initiative.effort_weeks", await FieldsOf(noEffort));
        Assert.Equal("initiative.target_ids[0]", await FieldsOf(unknownTarget));
        Assert.Equal("initiative.step", await FieldsOf(noStep));
        Assert.Empty((await client.ListInitiativesAsync(new ListInitiativesRequest(), StrategyHost.As(tenant))).Initiatives);

        var created = await client.CreateInitiativeAsync(new CreateInitiativeRequest { Initiative = Covering("delay-notice", 4) }, StrategyHost.As(tenant));
        Assert.Equal(StatusCode.AlreadyExists, (await Refused(() => client.CreateInitiativeAsync(new CreateInitiativeRequest { Initiative = Covering("delay-notice", 4) }, StrategyHost.As(tenant)).ResponseAsync)).StatusCode);

        var changed = Covering("delay-notice", 8);
        var updated = await client.UpdateInitiativeAsync(new UpdateInitiativeRequest { Initiative = changed, ExpectedRevision = created.Revision }, StrategyHost.As(tenant));
        Assert.Equal((2L, 8.0), (updated.Revision, updated.EffortWeeks));
        var stale = await Refused(() => client.UpdateInitiativeAsync(new UpdateInitiativeRequest { Initiative = changed, ExpectedRevision = created.Revision }, StrategyHost.As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "REVISION_MISMATCH"), (stale.StatusCode, Precondition(stale).Type));

        var moved = await client.MoveInitiativeAsync(new MoveInitiativeRequest { InitiativeId = "delay-notice", To = TransformationStep.IterateFast, Note = "Pilot approved" }, StrategyHost.As(tenant));
        Assert.Equal((TransformationStep.IterateFast, TransformationStep.IdentifyPainPoints, "Pilot approved"), (moved.Step, moved.History.Single().From, moved.History.Single().Note));
        var again = await Refused(() => client.MoveInitiativeAsync(new MoveInitiativeRequest { InitiativeId = "delay-notice", To = TransformationStep.IterateFast }, StrategyHost.As(tenant)).ResponseAsync);
        Assert.Equal("ALREADY_AT_STEP", Precondition(again).Type);

        var noDriver = await Refused(() => client.GetBusinessCaseAsync(new GetBusinessCaseRequest { InitiativeId = "delay-notice", Outcome = "retained" }, StrategyHost.As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "NO_DRIVER"), (noDriver.StatusCode, Precondition(noDriver).Type));
        Assert.Equal(StatusCode.NotFound, (await Refused(() => client.GetInitiativeAsync(new GetInitiativeRequest { InitiativeId = "delay-notice" }, StrategyHost.As(NewTenant())).ResponseAsync)).StatusCode);
    }
}
