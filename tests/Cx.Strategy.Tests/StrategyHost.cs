using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Measurement;
using Cx.Understanding;
using Cx.ServiceKit.Jobs;
using Cx.Strategy.Data;
using Cx.Strategy.Initiatives;
using Cx.Strategy.Maturity;
using Cx.Strategy.Targets;
using Cx.Strategy.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using M = Cx.Measurement.V1;
using U = Cx.Understanding.V1;

namespace Cx.Strategy.Tests;

/// <summary>The strategy service on real ports with its database, as `cx up` runs it; its clock is the test's.</summary>
public class StrategyHost : ServiceHost
{
    public StrategyHost()
        : this(TestDatabase.Sqlite)
    {
    }

    protected StrategyHost(TestDatabase database)
        : base(new StrategyModule(), database)
    {
        // Tests judge due targets themselves, by the test's clock: the loop would race them.
        ConfigureServices = services => services
            .AddSingleton(new JobSchedule<TargetEvaluationJob>(TimeSpan.FromMinutes(10), InBackground: false))
            .AddSingleton(new JobSchedule<InitiativeRankingJob>(TimeSpan.FromMinutes(5), InBackground: false))
            .AddSingleton(new JobSchedule<MaturityAssessmentJob>(TimeSpan.FromMinutes(10), InBackground: false));
    }

    public StrategyService.StrategyServiceClient Client => new(Channel);

    public static Metadata As(string tenant, string actor = "jwt:maria.lopez@example.com") => TestIdentity.For(StrategyModule.ServiceName, tenant, actor);

    /// <summary>One run of the ranking job over every tenant.</summary>
    public Task<int> RankDueInitiativesAsync() => Service<PeriodicTenantJob<InitiativeRankingJob>>().RunOnceAsync(CancellationToken.None);

    /// <summary>One run of the quarterly maturity job over every tenant.</summary>
    public Task<int> AssessQuartersAsync() => Service<PeriodicTenantJob<MaturityAssessmentJob>>().RunOnceAsync(CancellationToken.None);

    /// <summary>One run of the target job over every tenant, at the test clock's now.</summary>
    public Task<int> JudgeDueTargetsAsync() => Service<PeriodicTenantJob<TargetEvaluationJob>>().RunOnceAsync(CancellationToken.None);

    public Task<T> ReadAsync<T>(string tenant, Func<StrategyDb, Task<T>> read) => ReadAsync<StrategyDb, T>(tenant, read);

    public Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, IMessage @event, DateTimeOffset? occurredAt = null) =>
        DeliverAsync<StrategyDb>(tenant, eventId, @event, "subject", occurredAt);

    /// <summary>The payloads of the events of <paramref name="type"/> the service raised for <paramref name="tenant"/>, in order.</summary>
    public Task<List<string>> RaisedAsync(string tenant, string type) =>
        ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == type).OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync());
}

/// <summary>The strategy service with its data on a real PostgreSQL server of the test run's own.</summary>
public sealed class PostgreSqlStrategyHost() : StrategyHost(TestDatabase.PostgreSql);

/// <summary>Strategy on PostgreSQL beside the real Measurement it asks.</summary>
public sealed class PostgreSqlMeasuredStrategyHost() : MeasuredStrategyHost(new PostgreSqlStrategyHost());

/// <summary>Strategy beside the real Measurement and Understanding it asks; their clocks move together.</summary>
public class MeasuredStrategyHost : HostBesidePeers<StrategyHost>
{
    public const string MeasurementService = "measurement";
    public const string UnderstandingService = "understanding";

    public MeasuredStrategyHost()
        : this(new StrategyHost())
    {
    }

    protected MeasuredStrategyHost(StrategyHost host)
        : base(host, (MeasurementService, new ServiceHost(new MeasurementModule())), (UnderstandingService, new ServiceHost(new UnderstandingModule())))
    {
    }

    public StrategyHost Strategy => Host;

    public M.MeasurementService.MeasurementServiceClient Measurement => new(PeerNamed(MeasurementService).Channel);

    public U.UnderstandingService.UnderstandingServiceClient Understanding => new(PeerNamed(UnderstandingService).Channel);

    public DateTimeOffset Now => Host.Clock.GetUtcNow();

    public void Advance(TimeSpan by)
    {
        Host.Clock.Advance(by);
        PeerNamed(MeasurementService).Clock.Advance(by);
        PeerNamed(UnderstandingService).Clock.Advance(by);
    }

    public static Metadata AtUnderstanding(string tenant) => TestIdentity.For(UnderstandingService, tenant, "maria");

    public static Metadata AtMeasurement(string tenant) => TestIdentity.For(MeasurementService, tenant, "maria");

    public async Task<string> TenantAsync(params (string MetricId, M.MetricKind Kind)[] metrics)
    {
        var tenant = Refusals.NewTenant();
        foreach (var (metricId, kind) in metrics)
        {
            var metric = new M.MetricDefinition { MetricId = metricId, Kind = kind, Name = metricId };
            if (kind == M.MetricKind.Rating)
            {
                (metric.ScaleMin, metric.ScaleMax, metric.HigherIsBetter) = (1, 5, true);
            }

            await Measurement.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = metric }, AtMeasurement(tenant));
        }

        return tenant;
    }

    /// <summary>Records one response every twelve hours, the last twelve hours before <paramref name="until"/>, the i-th (counting back) with the answers given for i.</summary>
    public async Task RecordAsync(string tenant, DateTimeOffset until, int count, Func<int, Answer[]> answers)
    {
        var responses = Enumerable.Range(0, count).Select(i => new M.Response
        {
            SubmissionId = $"{until:yyyyMMddHHmm}-{i}",
            Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = "delivery", Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(until.AddHours(-(i + 1) * 12)) },
            Answers = { answers(i) },
        });
        await Measurement.RecordResponsesAsync(new M.RecordResponsesRequest { Responses = { responses } }, AtMeasurement(tenant));
    }

    /// <summary>Records <paramref name="scores"/> of one metric, one response each, as <see cref="RecordAsync(string, DateTimeOffset, int, Func{int, Answer[]})"/>.</summary>
    public Task RecordAsync(string tenant, string metricId, DateTimeOffset until, IReadOnlyList<int> scores) =>
        RecordAsync(tenant, until, scores.Count, i => [new Answer { MetricId = metricId, Score = scores[i] }]);

    /// <summary>Measurement's own result for the metric over the period, asked directly.</summary>
    public async Task<M.MetricResult> ResultAsync(string tenant, string metricId, DateTimeOffset from, DateTimeOffset to) =>
        (await Measurement.GetResultsAsync(new M.GetResultsRequest
        {
            MetricId = metricId,
            Filter = new ResultFilter { From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to) },
        }, AtMeasurement(tenant))).Results.Single();
}
