using Cx.Common.V1;
using Cx.Events.V1;
using Cx.Strategy.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Cx.Testing.Hosting.Refusals;
using M = Cx.Measurement.V1;
using U = Cx.Understanding.V1;

namespace Cx.Strategy.Tests;

/// <summary>Targets beside the real Measurement: baselines, statuses and their announcements from Measurement's own results.</summary>
public sealed class TargetTests(MeasuredStrategyHost hosts) : TargetBehaviour(hosts), IClassFixture<MeasuredStrategyHost>;

public sealed class TargetPostgreSqlTests(PostgreSqlMeasuredStrategyHost hosts) : TargetBehaviour(hosts), IClassFixture<PostgreSqlMeasuredStrategyHost>;

public abstract class TargetBehaviour(MeasuredStrategyHost hosts)
{
    private const string Ease = "ease";

    private StrategyHost Host => hosts.Strategy;

    private static int[] Alternating(int count, params int[] scores) => Enumerable.Range(0, count).Select(i => scores[i % scores.Length]).ToArray();

    private Target Ease45(string id = "easy-delivery") => new()
    {
        TargetId = id,
        Title = "Delivery is easy",
        MetricId = Ease,
        Level = ExperienceLevel.Easy,
        Value = 4.5,
        Deadline = Timestamp.FromDateTimeOffset(hosts.Now.AddDays(100)),
    };

    /// <summary>The interval rule, worked out here from Measurement's own result and the path by hand.</summary>
    private static TargetStatus Expected(M.MetricResult result, double path, double value) =>
        result.Interval.Lower >= value ? TargetStatus.Met
        : result.Interval.Lower >= path ? TargetStatus.OnTrack
        : result.Interval.Upper < path ? TargetStatus.AtRisk
        : TargetStatus.TooCloseToCall;

    [Fact]
    public async Task ATarget_StartsFromMeasurementsBaseline_AndIsJudgedByTheIntervalAgainstItsPath()
    {
        var tenant = await hosts.TenantAsync((Ease, M.MetricKind.Rating));
        var setAt = hosts.Now;
        await hosts.RecordAsync(tenant, Ease, setAt, Alternating(40, 3, 4));

        var target = await Host.Client.SetTargetAsync(new SetTargetRequest { Target = Ease45() }, StrategyHost.As(tenant));

        var baseline = await hosts.ResultAsync(tenant, Ease, setAt.AddDays(-30), setAt);
        Assert.Equal(3.5, target.Baseline.Score, 9);
        Assert.Equal((40, baseline.Interval), (target.Baseline.N, target.Baseline.Interval));
        Assert.Equal((30, 0.95, 30, true), (target.WindowDays, target.Confidence, target.MinimumN, target.HigherIsBetter));
        Assert.Equal(Expected(baseline, 3.5, 4.5), target.Standing.Status);
        Assert.Equal(TargetStatus.TooCloseToCall, target.Standing.Status);
        Assert.Single(await Host.RaisedAsync(tenant, "cx.strategy.target_set.v1"));

        // Fifty days on, the last twenty days' answers average 4.5; the path stands at 3.5 + (4.5 − 3.5) · 50/100 = 4.
        hosts.Advance(TimeSpan.FromDays(50));
        await hosts.RecordAsync(tenant, Ease, hosts.Now, Alternating(40, 4, 5));
        var judged = await Host.Client.EvaluateTargetAsync(new EvaluateTargetRequest { TargetId = target.TargetId }, StrategyHost.As(tenant));

        var window = await hosts.ResultAsync(tenant, Ease, hosts.Now.AddDays(-30), hosts.Now);
        Assert.Equal(4.0, judged.Standing.PathValue, 9);
        Assert.Equal((window.N, window.Score, window.Interval), (judged.Standing.N, judged.Standing.Score, judged.Standing.Interval));
        Assert.Equal(Expected(window, 4.0, 4.5), judged.Standing.Status);
        Assert.Equal(TargetStatus.OnTrack, judged.Standing.Status);
        Assert.Equal(judged, await Host.Client.GetTargetAsync(new GetTargetRequest { TargetId = target.TargetId }, StrategyHost.As(tenant)));
    }

    [Fact]
    public async Task MovesIntoAtRiskAndMet_AreEachAnnouncedOnce()
    {
        var tenant = await hosts.TenantAsync((Ease, M.MetricKind.Rating));
        await hosts.RecordAsync(tenant, Ease, hosts.Now, Alternating(40, 3, 4));
        var target = await Host.Client.SetTargetAsync(new SetTargetRequest { Target = Ease45() }, StrategyHost.As(tenant));

        hosts.Advance(TimeSpan.FromDays(50));
        await hosts.RecordAsync(tenant, Ease, hosts.Now, Alternating(40, 3, 3, 2));
        var request = new EvaluateTargetRequest { TargetId = target.TargetId };
        var atRisk = await Host.Client.EvaluateTargetAsync(request, StrategyHost.As(tenant));
        await Host.Client.EvaluateTargetAsync(request, StrategyHost.As(tenant));

        Assert.Equal(TargetStatus.AtRisk, atRisk.Standing.Status);
        var risk = TargetAtRisk.Parser.ParseJson(Assert.Single(await Host.RaisedAsync(tenant, "cx.strategy.target_at_risk.v1")));
        Assert.Equal((target.TargetId, Ease, atRisk.Standing.Score, 4.0), (risk.TargetId, risk.MetricId, risk.Score, Math.Round(risk.PathValue, 9)));

        // Forty days later the window holds nothing but fives: its interval clears 4.5.
        hosts.Advance(TimeSpan.FromDays(40));
        await hosts.RecordAsync(tenant, Ease, hosts.Now, Alternating(60, 5));
        var met = await Host.Client.EvaluateTargetAsync(request, StrategyHost.As(tenant));
        await Host.Client.EvaluateTargetAsync(request, StrategyHost.As(tenant));

        Assert.Equal(TargetStatus.Met, met.Standing.Status);
        Assert.Single(await Host.RaisedAsync(tenant, "cx.strategy.target_met.v1"));
        Assert.Single((await Host.Client.ListTargetsAsync(new ListTargetsRequest { Status = TargetStatus.Met }, StrategyHost.As(tenant))).Targets);
        Assert.Empty((await Host.Client.ListTargetsAsync(new ListTargetsRequest { Status = TargetStatus.AtRisk }, StrategyHost.As(tenant))).Targets);
    }

    [Fact]
    public async Task MeasurementsAnnouncedMoves_MakeTheTargetsThatFollowTheMetricDue()
    {
        var tenant = await hosts.TenantAsync((Ease, M.MetricKind.Rating), ("other", M.MetricKind.Rating));
        await hosts.RecordAsync(tenant, Ease, hosts.Now, Alternating(40, 3, 4));
        var target = await Host.Client.SetTargetAsync(new SetTargetRequest { Target = Ease45() }, StrategyHost.As(tenant));

        // The job runs over every tenant of the host: what it did here shows on this tenant's target.
        async Task<Timestamp> JudgedAtAsync()
        {
            await Host.JudgeDueTargetsAsync();
            return (await Host.Client.GetTargetAsync(new GetTargetRequest { TargetId = target.TargetId }, StrategyHost.As(tenant))).Standing.EvaluatedAt;
        }

        hosts.Advance(TimeSpan.FromHours(1));
        Assert.Equal(target.SetAt, await JudgedAtAsync());

        await Host.DeliverAsync(tenant, Guid.NewGuid().ToString(), new SignificantChangeDetected { MetricId = "other", Bucket = "2026-11-22" }, hosts.Now);
        Assert.Equal(target.SetAt, await JudgedAtAsync());

        await Host.DeliverAsync(tenant, Guid.NewGuid().ToString(), new SignificantChangeDetected { MetricId = Ease, Bucket = "2026-11-22" }, hosts.Now);
        Assert.Equal(Timestamp.FromDateTimeOffset(hosts.Now), await JudgedAtAsync());

        hosts.Advance(TimeSpan.FromHours(1));
        await Host.DeliverAsync(tenant, Guid.NewGuid().ToString(), new MetricThresholdBreached { MetricId = Ease, Bucket = "2026-11-22" }, hosts.Now);
        Assert.Equal(Timestamp.FromDateTimeOffset(hosts.Now), await JudgedAtAsync());

        // Nobody announces anything for a day: it is judged again all the same, and not before.
        var judged = hosts.Now;
        hosts.Advance(TimeSpan.FromHours(23));
        Assert.Equal(Timestamp.FromDateTimeOffset(judged), await JudgedAtAsync());
        hosts.Advance(TimeSpan.FromHours(1));
        Assert.Equal(Timestamp.FromDateTimeOffset(hosts.Now), await JudgedAtAsync());
    }

    [Fact]
    public async Task BadTargets_AreRefusedWithTypedErrors_AndNothingIsKept()
    {
        var tenant = await hosts.TenantAsync((Ease, M.MetricKind.Rating));
        await Host.Client.PublishVisionAsync(new PublishVisionRequest { Vision = VisionBehaviour.Draft() }, StrategyHost.As(tenant));

        async Task<(StatusCode, string)> RefusalOf(Target target)
        {
            var refused = await Refused(() => Host.Client.SetTargetAsync(new SetTargetRequest { Target = target }, StrategyHost.As(tenant)).ResponseAsync);
            return (refused.StatusCode, refused.StatusCode == StatusCode.InvalidArgument ? string.Join(",", Violations(refused).Select(v => v.Field)) : Precondition(refused).Type);
        }

        var unknown = Ease45();
        unknown.MetricId = "no-such-metric";
        var past = Ease45();
        past.Deadline = Timestamp.FromDateTimeOffset(hosts.Now.AddDays(-1));
        var objective = Ease45();
        objective.ObjectiveId = "grow-revenue";
        var both = Ease45();
        both.CxIndex = true;
        var index = Ease45();
        (index.MetricId, index.CxIndex, index.Value) = (string.Empty, true, 70);
        var stepWithoutJourney = Ease45();
        stepWithoutJourney.Scope = new TargetScope { JourneyStepId = "delivery" };

        Assert.Equal((StatusCode.InvalidArgument, "target.metric_id"), await RefusalOf(unknown));
        Assert.Equal((StatusCode.InvalidArgument, "target.deadline"), await RefusalOf(past));
        Assert.Equal((StatusCode.InvalidArgument, "target.objective_id"), await RefusalOf(objective));
        Assert.Equal((StatusCode.InvalidArgument, "target.metric_id"), await RefusalOf(both));
        Assert.Equal((StatusCode.InvalidArgument, "target.scope.journey_step_id"), await RefusalOf(stepWithoutJourney));
        Assert.Equal((StatusCode.FailedPrecondition, "NO_CX_INDEX"), await RefusalOf(index));
        Assert.Empty((await Host.Client.ListTargetsAsync(new ListTargetsRequest(), StrategyHost.As(tenant))).Targets);
        Assert.Empty(await Host.RaisedAsync(tenant, "cx.strategy.target_set.v1"));

        await Host.Client.SetTargetAsync(new SetTargetRequest { Target = Ease45() }, StrategyHost.As(tenant));
        Assert.Equal(StatusCode.AlreadyExists, (await Refused(() => Host.Client.SetTargetAsync(new SetTargetRequest { Target = Ease45() }, StrategyHost.As(tenant)).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => Host.Client.GetTargetAsync(new GetTargetRequest { TargetId = "easy-delivery" }, StrategyHost.As(NewTenant())).ResponseAsync)).StatusCode);
        Assert.Empty((await Host.Client.ListTargetsAsync(new ListTargetsRequest(), StrategyHost.As(NewTenant()))).Targets);
    }

    [Fact]
    public async Task APersonasTarget_ReadsTheSegmentsUnderstandingGivesIt_AndAnUnknownPersonaIsRefused()
    {
        var tenant = await hosts.TenantAsync((Ease, M.MetricKind.Rating));
        var understanding = hosts.Understanding;
        foreach (var segment in new[] { "gold", "vip" })
        {
            await understanding.CreateSegmentAsync(new U.CreateSegmentRequest
            {
                Segment = new U.Segment
                {
                    SegmentId = segment,
                    Name = segment,
                    Rule = new U.SegmentRule { AllOf = { new U.SegmentCondition { Attribute = new U.AttributeCondition { Key = segment, Operator = U.AttributeOperator.Exists } } } },
                },
            }, MeasuredStrategyHost.AtUnderstanding(tenant));
        }

        await understanding.CreatePersonaAsync(new U.CreatePersonaRequest
        {
            Persona = new U.Persona { PersonaId = "busy-parent", Name = "Busy parent", Narrative = "Orders between school runs.", SegmentIds = { "gold", "vip" } },
        }, MeasuredStrategyHost.AtUnderstanding(tenant));

        var forPersona = Ease45("busy-parents-ease");
        forPersona.Scope = new TargetScope { PersonaId = "busy-parent" };
        var target = await Host.Client.SetTargetAsync(new SetTargetRequest { Target = forPersona }, StrategyHost.As(tenant));

        Assert.Equal(["gold", "vip"], target.PersonaSegmentIds);
        Assert.Equal((0L, TargetStatus.NotEnoughData), (target.Baseline.N, target.Standing.Status));

        var unknown = Ease45("nobodys-ease");
        unknown.Scope = new TargetScope { PersonaId = "nobody" };
        var both = Ease45("both");
        both.Scope = new TargetScope { PersonaId = "busy-parent", CustomerSegmentId = "gold" };
        foreach (var (refusedTarget, message) in new[] { (unknown, "Understanding has no persona 'nobody'."), (both, "") })
        {
            var refused = await Refused(() => Host.Client.SetTargetAsync(new SetTargetRequest { Target = refusedTarget }, StrategyHost.As(tenant)).ResponseAsync);
            Assert.Equal((StatusCode.InvalidArgument, "target.scope.persona_id"), (refused.StatusCode, Violations(refused).Single().Field));
            Assert.True(message.Length == 0 || Violations(refused).Single().Description == message);
        }
    }

    [Fact]
    public async Task TheCxIndex_IsMeasurementsComposite_WithTheWeightsGiven()
    {
        var tenant = await hosts.TenantAsync(("speed", M.MetricKind.Rating), (Ease, M.MetricKind.Rating), ("nps", M.MetricKind.Nps));
        await hosts.RecordAsync(tenant, hosts.Now, 40, i => [new Answer { MetricId = "speed", Score = 4 + (i % 2) }, new Answer { MetricId = Ease, Score = 2 + (i % 2) }]);

        async Task<string> RefusedFields(DefineCxIndexRequest request) =>
            string.Join(",", Violations(await Refused(() => Host.Client.DefineCxIndexAsync(request, StrategyHost.As(tenant)).ResponseAsync)).Select(v => v.Field));

        Assert.Equal("weights", await RefusedFields(new DefineCxIndexRequest { Name = "CX", ComponentMetricIds = { "speed", Ease }, Weights = { new CxIndexComponent { MetricId = "speed", Weight = 0.6 }, new CxIndexComponent { MetricId = Ease, Weight = 0.3 } } }));
        Assert.Equal("component_metric_ids[1]", await RefusedFields(new DefineCxIndexRequest { Name = "CX", ComponentMetricIds = { "speed", "nothing" }, LoyaltyOutcomeMetricId = "nps" }));
        Assert.Equal("loyalty_outcome_metric_id", await RefusedFields(new DefineCxIndexRequest { Name = "CX", ComponentMetricIds = { "speed", Ease }, LoyaltyOutcomeMetricId = Ease }));
        Assert.Equal(StatusCode.NotFound, (await Refused(() => Host.Client.GetCxIndexAsync(new GetCxIndexRequest(), StrategyHost.As(tenant)).ResponseAsync)).StatusCode);

        var index = await Host.Client.DefineCxIndexAsync(new DefineCxIndexRequest
        {
            Name = "CX index",
            ComponentMetricIds = { "speed", Ease },
            Weights = { new CxIndexComponent { MetricId = "speed", Weight = 0.7 }, new CxIndexComponent { MetricId = Ease, Weight = 0.3 } },
        }, StrategyHost.As(tenant));

        Assert.Equal((1, "cx-index-v1"), (index.Version, index.IndexId));
        var composite = await hosts.Measurement.GetCompositeIndexAsync(new M.GetCompositeIndexRequest { IndexId = "cx-index-v1" }, MeasuredStrategyHost.AtMeasurement(tenant));
        Assert.Equal([("speed", 0.7), (Ease, 0.3)], composite.Components.Select(c => (c.MetricId, Math.Round(c.Weight, 9))));

        // Speed averages 4.5 and ease 2.5 on 1-5: 87.5 and 37.5 on 0-100, so 0.7 · 87.5 + 0.3 · 37.5 = 72.5.
        var reading = await Host.Client.GetCxIndexAsync(new GetCxIndexRequest(), StrategyHost.As(tenant));
        Assert.Equal(72.5, reading.Score, 9);
        Assert.Equal(40, reading.N);
        Assert.Equal([87.5, 37.5], reading.Components.Select(c => Math.Round(c.NormalizedScore, 9)));

        var onIndex = Ease45("cx-index-70");
        (onIndex.MetricId, onIndex.CxIndex, onIndex.Value) = (string.Empty, true, 70);
        var target = await Host.Client.SetTargetAsync(new SetTargetRequest { Target = onIndex }, StrategyHost.As(tenant));
        Assert.Equal(("cx-index-v1", 72.5, 40L), (target.IndexId, Math.Round(target.Baseline.Score, 9), target.Baseline.N));
    }
}
