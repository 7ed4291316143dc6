using Cx.Common.V1;
using Cx.Design.Experiments;
using Cx.Design.V1;
using Cx.Governance;
using Cx.Measurement;
using Cx.ServiceKit.Jobs;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;
using G = Cx.Governance.V1;
using M = Cx.Measurement.V1;

namespace Cx.Design.Tests;

/// <summary>Design beside the real services it calls: Measurement judges experiments, Governance reviews to-be journeys (and trusts design's tokens).</summary>
public sealed class GovernedDesignHost() : HostBesidePeers<DesignHost>(
    new DesignHost(),
    (MeasurementService, new ServiceHost(new MeasurementModule())),
    (GovernanceService, new ServiceHost(new GovernanceModule())))
{
    public const string MeasurementService = "measurement";
    public const string GovernanceService = "governance";

    public DesignHost Design => Host;

    public M.MeasurementService.MeasurementServiceClient Measurement => new(PeerNamed(MeasurementService).Channel);

    public G.GovernanceService.GovernanceServiceClient Governance => new(PeerNamed(GovernanceService).Channel);

    public static Metadata At(string service, string tenant) => TestIdentity.For(service, tenant, "maria");
}

/// <summary>Experiments: planned in design, their result Measurement's own comparison, concluded once, by a person or at their end.</summary>
public sealed class ExperimentTests(GovernedDesignHost hosts) : IClassFixture<GovernedDesignHost>
{
    private DesignHost Host => hosts.Design;

    private DateTimeOffset Now => Host.Clock.GetUtcNow();

    private static M.Response Answer(string id, string metric, int score, DateTimeOffset at, string touchpoint = "courier") => new()
    {
        SubmissionId = id,
        Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = "delivery", Touchpoint = touchpoint, Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(at) },
        Answers = { new Answer { MetricId = metric, Score = score } },
    };

    private async Task<string> TenantAsync(params (string MetricId, M.MetricKind Kind)[] metrics)
    {
        var tenant = NewTenant();
        foreach (var (metricId, kind) in metrics)
        {
            await hosts.Measurement.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = metricId, Kind = kind, Name = metricId } }, GovernedDesignHost.At(GovernedDesignHost.MeasurementService, tenant));
        }

        return tenant;
    }

    private async Task RecordAsync(string tenant, IEnumerable<M.Response> responses) =>
        await hosts.Measurement.RecordResponsesAsync(new M.RecordResponsesRequest { Responses = { responses } }, GovernedDesignHost.At(GovernedDesignHost.MeasurementService, tenant));

    internal static Experiment Trial(string id, ExperimentDesign design, DateTimeOffset startsAt, DateTimeOffset endsAt, string metric = "csat") => new()
    {
        ExperimentId = id,
        Title = "Delay notice by SMS",
        Hypothesis = "Customers told of a delay before they notice it are more satisfied with delivery.",
        JourneyId = "online-purchase",
        JourneyStepId = "delivery",
        MetricId = metric,
        ExpectedDirection = ExpectedDirection.Increase,
        Design = design,
        Control = new ExperimentVariant { VariantId = "no-notice", Touchpoint = design == ExperimentDesign.AB ? "courier" : string.Empty },
        Treatment = new ExperimentVariant { VariantId = "sms-notice", Description = "An SMS with the new date", Touchpoint = design == ExperimentDesign.AB ? "delay-notice" : string.Empty },
        StartsAt = Timestamp.FromDateTimeOffset(startsAt),
        EndsAt = Timestamp.FromDateTimeOffset(endsAt),
    };

    [Fact]
    public async Task AnABExperiment_ConcludedEarly_RecordsMeasurementsComparisonOfItsVariants_Once()
    {
        var tenant = await TenantAsync(("csat", M.MetricKind.Csat));
        var (starts, ends) = (Now.AddDays(-20), Now.AddDays(10));

        // Control: 20 of 50 satisfied; treatment: 40 of 50; answers before the start and on another touchpoint stay out.
        await RecordAsync(tenant, Enumerable.Range(0, 50).Select(i => Answer("c-" + i, "csat", i < 20 ? 5 : 2, Now.AddDays(-10))));
        await RecordAsync(tenant, Enumerable.Range(0, 50).Select(i => Answer("t-" + i, "csat", i < 40 ? 4 : 1, Now.AddDays(-5), "delay-notice")));
        await RecordAsync(tenant, Enumerable.Range(0, 30).Select(i => Answer("early-" + i, "csat", 1, Now.AddDays(-25), "delay-notice")));
        await RecordAsync(tenant, Enumerable.Range(0, 30).Select(i => Answer("phone-" + i, "csat", 1, Now.AddDays(-5), "phone")));
        var trial = Trial("sms-ab", ExperimentDesign.AB, starts, ends);
        trial.SuggestionId = "delay-notice-sms";
        var created = await Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = trial }, As(tenant));
        Assert.Equal((ExperimentStatus.Running, "maria", null), (created.Status, created.CreatedBy, created.Result));

        var concluded = await Host.Client.ConcludeExperimentAsync(new ConcludeExperimentRequest { ExperimentId = "sms-ab" }, As(tenant, "li.wei"));

        var direct = await hosts.Measurement.CompareResultsAsync(new M.CompareResultsRequest
        {
            MetricId = "csat",
            Filter = new ResultFilter { JourneyIds = { "online-purchase" }, JourneyStepIds = { "delivery" }, Touchpoints = { "courier" } },
            AfterFilter = new ResultFilter { JourneyIds = { "online-purchase" }, JourneyStepIds = { "delivery" }, Touchpoints = { "delay-notice" } },
            Before = new M.Period { From = Timestamp.FromDateTimeOffset(starts), To = Timestamp.FromDateTimeOffset(Now) },
            After = new M.Period { From = Timestamp.FromDateTimeOffset(starts), To = Timestamp.FromDateTimeOffset(Now) },
        }, GovernedDesignHost.At(GovernedDesignHost.MeasurementService, tenant));
        var result = concluded.Result;
        Assert.Equal((ExperimentStatus.Concluded, "li.wei", Now), (concluded.Status, concluded.ConcludedBy, concluded.ConcludedAt.ToDateTimeOffset()));
        Assert.Equal(("no-notice", 50L, 40.0, direct.Before.Interval), (result.Control.VariantId, result.Control.N, result.Control.Score, result.Control.Interval));
        Assert.Equal(("sms-notice", 50L, 80.0, direct.After.Interval), (result.Treatment.VariantId, result.Treatment.N, result.Treatment.Score, result.Treatment.Interval));
        Assert.Equal((starts, Now), (result.Treatment.From.ToDateTimeOffset(), result.Treatment.To.ToDateTimeOffset()));
        Assert.Equal(direct.Change, result.Change);
        Assert.Equal(40.0, result.Change.Difference, 9);
        Assert.True(result.Change.Significant);
        Assert.Equal((direct.Method, Cx.Design.V1.ExperimentOutcome.Supported), (result.Method, result.Outcome));

        // Concluded once: asking again changes nothing, and the record reads the same.
        var again = await Refused(() => Host.Client.ConcludeExperimentAsync(new ConcludeExperimentRequest { ExperimentId = "sms-ab" }, As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "ALREADY_CONCLUDED"), (again.StatusCode, Precondition(again).Type));
        Assert.Equal(concluded, await Host.Client.GetExperimentAsync(new GetExperimentRequest { ExperimentId = "sms-ab" }, As(tenant)));

        // Announced once, with the suggestion it tried, for Culture to report back.
        var announced = (await Host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.design.experiment_concluded.v1").Select(m => m.Data).ToListAsync()))
            .Select(Cx.Events.V1.ExperimentConcluded.Parser.ParseJson).ToList();
        var concludedEvent = Assert.Single(announced);
        Assert.Equal(("sms-ab", "delay-notice-sms", "csat", Cx.Common.V1.ExperimentOutcome.Supported, 40.0, 80.0, 50L, 50L, direct.Change, Now),
            (concludedEvent.ExperimentId, concludedEvent.SuggestionId, concludedEvent.MetricId, concludedEvent.Outcome, concludedEvent.ControlScore, concludedEvent.TreatmentScore, concludedEvent.ControlN, concludedEvent.TreatmentN, concludedEvent.Change, concludedEvent.ConcludedAt.ToDateTimeOffset()));
    }

    [Fact]
    public async Task ABeforeAfterExperiment_PastItsEnd_IsConcludedByTheService_AgainstAsLongAPeriodBeforeItsStart()
    {
        var tenant = await TenantAsync(("ces", M.MetricKind.Ces));
        var (starts, ends) = (Now.AddDays(-12), Now.AddDays(-2));

        // Before (the 10 days before the start): effort 3 and 4; during: 5 and 6. Answers older than that, or after the end, stay out.
        await RecordAsync(tenant, Enumerable.Range(0, 40).Select(i => Answer("b-" + i, "ces", i % 2 == 0 ? 3 : 4, starts.AddDays(-5))));
        await RecordAsync(tenant, Enumerable.Range(0, 40).Select(i => Answer("a-" + i, "ces", i % 2 == 0 ? 5 : 6, starts.AddDays(5))));
        await RecordAsync(tenant, Enumerable.Range(0, 20).Select(i => Answer("old-" + i, "ces", 7, starts.AddDays(-15))));
        await RecordAsync(tenant, Enumerable.Range(0, 20).Select(i => Answer("late-" + i, "ces", 1, Now.AddDays(-1))));
        var trial = Trial("pilot", ExperimentDesign.BeforeAfter, starts, ends, "ces");
        trial.ExpectedDirection = ExpectedDirection.Decrease;
        await Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = trial }, As(tenant));
        await Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = Trial("planned", ExperimentDesign.BeforeAfter, Now.AddDays(1), Now.AddDays(30), "ces") }, As(tenant));
        await Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = Trial("running", ExperimentDesign.BeforeAfter, Now.AddDays(-1), Now.AddDays(30), "ces") }, As(tenant));

        await Host.Service<PeriodicTenantJob<ExperimentConclusionJob>>().RunOnceAsync(CancellationToken.None);

        var pilot = await Host.Client.GetExperimentAsync(new GetExperimentRequest { ExperimentId = "pilot" }, As(tenant));
        Assert.Equal((ExperimentStatus.Concluded, ExperimentsApi.ConcludedOnSchedule), (pilot.Status, pilot.ConcludedBy));
        Assert.Equal((starts.AddDays(-10), starts, starts, ends), (pilot.Result.Control.From.ToDateTimeOffset(), pilot.Result.Control.To.ToDateTimeOffset(), pilot.Result.Treatment.From.ToDateTimeOffset(), pilot.Result.Treatment.To.ToDateTimeOffset()));
        Assert.Equal((40L, 3.5, 40L, 5.5), (pilot.Result.Control.N, pilot.Result.Control.Score, pilot.Result.Treatment.N, pilot.Result.Treatment.Score));
        Assert.Equal(2.0, pilot.Result.Change.Difference, 9);

        // Effort scores rose, and the hypothesis expected them to fall: refuted, not supported.
        Assert.True(pilot.Result.Change.Significant);
        Assert.Equal(Cx.Design.V1.ExperimentOutcome.Refuted, pilot.Result.Outcome);

        var statuses = await Host.Client.ListExperimentsAsync(new ListExperimentsRequest { JourneyId = "online-purchase" }, As(tenant));
        Assert.Equal([("pilot", ExperimentStatus.Concluded), ("planned", ExperimentStatus.Planned), ("running", ExperimentStatus.Running)], statuses.Experiments.Select(e => (e.ExperimentId, e.Status)));
        var running = await Host.Client.ListExperimentsAsync(new ListExperimentsRequest { Status = ExperimentStatus.Running, PageSize = 1 }, As(tenant));
        Assert.Equal(["running"], running.Experiments.Select(e => e.ExperimentId));
        var notStarted = await Refused(() => Host.Client.ConcludeExperimentAsync(new ConcludeExperimentRequest { ExperimentId = "planned" }, As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_STARTED"), (notStarted.StatusCode, Precondition(notStarted).Type));
    }

    [Fact]
    public async Task AnExperimentOnAMetricMeasurementDoesNotKnow_IsRefusedAsAPrecondition_AndStaysRunning()
    {
        var tenant = await TenantAsync();
        await Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = Trial("unknown-metric", ExperimentDesign.AB, Now.AddDays(-3), Now.AddDays(3), "no-such-metric") }, As(tenant));

        var refused = await Refused(() => Host.Client.ConcludeExperimentAsync(new ConcludeExperimentRequest { ExperimentId = "unknown-metric" }, As(tenant)).ResponseAsync);

        Assert.Equal((StatusCode.FailedPrecondition, "MEASUREMENT_REFUSED", "metric/no-such-metric"), (refused.StatusCode, Precondition(refused).Type, Precondition(refused).Subject));
        Assert.Equal(ExperimentStatus.Running, (await Host.Client.GetExperimentAsync(new GetExperimentRequest { ExperimentId = "unknown-metric" }, As(tenant))).Status);
    }

    [Fact]
    public async Task BadExperiments_AreRefusedNamingEachField_AndNothingIsKept()
    {
        var tenant = NewTenant();
        var bad = Trial("Bad Id", ExperimentDesign.AB, Now, Now.AddDays(-1));
        bad.Title = " ";
        bad.Treatment.Touchpoint = "courier";
        bad.Treatment.VariantId = "no-notice";
        bad.ExpectedDirection = ExpectedDirection.Unspecified;
        bad.Confidence = 0.2;

        var refused = await Refused(() => Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = bad }, As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(
            ["experiment.experiment_id", "experiment.title", "experiment.expected_direction", "experiment.confidence", "experiment.ends_at", "experiment.treatment.variant_id", "experiment.treatment.touchpoint"],
            Violations(refused).Select(v => v.Field));

        var mixed = Trial("mixed", ExperimentDesign.BeforeAfter, Now, Now.AddDays(1));
        mixed.Control.Touchpoint = "courier";
        mixed.Treatment = null;
        var mixedRefusal = await Refused(() => Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = mixed }, As(tenant)).ResponseAsync);
        Assert.Equal(["experiment.control.touchpoint", "experiment.treatment"], Violations(mixedRefusal).Select(v => v.Field));

        Assert.Empty((await Host.Client.ListExperimentsAsync(new ListExperimentsRequest(), As(tenant))).Experiments);
        var missing = await Refused(() => Host.Client.GetExperimentAsync(new GetExperimentRequest { ExperimentId = "nowhere" }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        await Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = Trial("taken", ExperimentDesign.AB, Now, Now.AddDays(1)) }, As(tenant));
        var taken = await Refused(() => Host.Client.CreateExperimentAsync(new CreateExperimentRequest { Experiment = Trial("taken", ExperimentDesign.AB, Now, Now.AddDays(2)) }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);

        // Another tenant neither sees it nor can conclude it.
        var other = NewTenant();
        var hidden = await Refused(() => Host.Client.ConcludeExperimentAsync(new ConcludeExperimentRequest { ExperimentId = "taken" }, As(other)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }
}
