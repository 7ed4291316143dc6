using Cx.Common.V1;
using Cx.Measurement.Alerts;
using Cx.Measurement.V1;
using Cx.ServiceKit.Jobs;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cx.Measurement.Tests;

public sealed class AlertTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private async Task RecordDayAsync(string tenant, string metricId, DateTime day, int promoters, int detractors, string step = "")
    {
        var batch = new RecordResponsesRequest();
        for (var i = 0; i < promoters + detractors; i++)
        {
            batch.Responses.Add(new Response
            {
                SubmissionId = $"{metricId}-{day:yyyyMMdd}-{step}-{i}",
                Context = new ResponseContext { OccurredAt = Timestamp.FromDateTime(day.AddHours(9)), JourneyId = step.Length > 0 ? "buy" : "", JourneyStepId = step },
                Answers = { new Answer { MetricId = metricId, Score = i < promoters ? 10 : 2 } },
            });
        }

        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
    }

    [Fact]
    public async Task ClosedDay_SignificantDropBelowTarget_RaisesChangeAndBreachOnce_SmallMovesRaiseNothing()
    {
        var tenant = "a" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS", Target = 30 } }, Tenant(tenant));
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "steady", Kind = MetricKind.Nps, Name = "Steady" } }, Tenant(tenant));
        var friday = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);
        await RecordDayAsync(tenant, "nps", friday, promoters: 70, detractors: 30);
        await RecordDayAsync(tenant, "nps", friday.AddDays(1), promoters: 30, detractors: 70);
        await RecordDayAsync(tenant, "steady", friday, promoters: 50, detractors: 50);
        await RecordDayAsync(tenant, "steady", friday.AddDays(1), promoters: 52, detractors: 48);
        var evaluation = host.Service<PeriodicTenantJob<BucketEvaluator>>();

        await evaluation.RunOnceAsync(CancellationToken.None);
        await evaluation.RunOnceAsync(CancellationToken.None);

        var events = await host.ReadAsync(tenant, db => db.Outbox
            .Where(m => m.TenantId == tenant && (m.Type == "cx.measurement.significant_change_detected.v1" || m.Type == "cx.measurement.metric_threshold_breached.v1"))
            .OrderBy(m => m.Sequence).ToListAsync());
        Assert.Equal(
            ["cx.measurement.significant_change_detected.v1", "cx.measurement.metric_threshold_breached.v1", "cx.measurement.metric_threshold_breached.v1"],
            events.Select(e => e.Type).ToArray());
        var change = Cx.Events.V1.SignificantChangeDetected.Parser.ParseJson(events[0].Data);
        Assert.Equal(("nps", "2026-11-22", "2026-11-21", -40.0, 40.0), (change.MetricId, change.Bucket, change.PreviousBucket, change.Score, change.PreviousScore));
        Assert.True(change.Change.Significant);
        var breach = Cx.Events.V1.MetricThresholdBreached.Parser.ParseJson(events[1].Data);
        Assert.Equal(("2026-11-22", 100L, 30.0), (breach.Bucket, breach.N, breach.Target));
        Assert.True(breach.Interval.Upper < 30);

        // The week of 16-22 November (ISO week 47) closed on Sunday: both days together, NPS 0 of 200, are below 30 too.
        var weekly = Cx.Events.V1.MetricThresholdBreached.Parser.ParseJson(events[2].Data);
        Assert.Equal(("2026-W47", 200L, 0.0), (weekly.Bucket, weekly.N, weekly.Score));
        Assert.True(weekly.Interval.Upper < 30);
    }

    [Fact]
    public async Task ClosedDaysMissed_AreCaughtUpWithinAWeek_OlderOnesAndLowNDaysRaiseNothing()
    {
        var tenant = "a" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "few", Kind = MetricKind.Nps, Name = "Few" } }, Tenant(tenant));
        static DateTime Day(int d) => new(2026, 11, d, 0, 0, 0, DateTimeKind.Utc);
        // The clock is 23 November: the week of closed days is 16-22 November.
        await RecordDayAsync(tenant, "nps", Day(9), promoters: 70, detractors: 30);
        await RecordDayAsync(tenant, "nps", Day(10), promoters: 30, detractors: 70);
        await RecordDayAsync(tenant, "nps", Day(18), promoters: 70, detractors: 30);
        await RecordDayAsync(tenant, "nps", Day(19), promoters: 30, detractors: 70);
        await RecordDayAsync(tenant, "few", Day(18), promoters: 10, detractors: 2);
        await RecordDayAsync(tenant, "few", Day(19), promoters: 2, detractors: 10);
        var evaluation = host.Service<PeriodicTenantJob<BucketEvaluator>>();

        await evaluation.RunOnceAsync(CancellationToken.None);
        await evaluation.RunOnceAsync(CancellationToken.None);

        var events = await host.ReadAsync(tenant, db => db.Outbox
            .Where(m => m.TenantId == tenant && m.Type == "cx.measurement.significant_change_detected.v1").ToListAsync());
        var change = Cx.Events.V1.SignificantChangeDetected.Parser.ParseJson(Assert.Single(events).Data);
        Assert.Equal(("nps", "2026-11-19", "2026-11-18"), (change.MetricId, change.Bucket, change.PreviousBucket));
        var few = await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "few", GroupBy = Grouping.Day }, Tenant(tenant));
        Assert.True(few.Results[1].LowN);
        Assert.Equal((false, Cx.Common.V1.NoCallReason.LowN), (few.Results[1].Change.Significant, few.Results[1].Change.NoCall));
        Assert.True(few.Results[1].Change.PValue < 0.05, "the low-n move would pass its test, yet is not called");
        var buckets = await host.ReadAsync(tenant, db => db.EvaluatedBuckets.Where(b => b.MetricId == "nps").Select(b => b.Bucket).ToListAsync());
        string[] weeks = ["2026-W44", "2026-W45", "2026-W46", "2026-W47"], months = ["2026-09", "2026-10"];
        Assert.Equal(Enumerable.Range(16, 7).Select(d => $"2026-11-{d}").Concat(weeks).Concat(months).Order(StringComparer.Ordinal), buckets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ClosedDay_IsEvaluatedAtEachJourneyStep_AndTheEventsNameTheStep()
    {
        var tenant = "a" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS", Target = 0 } }, Tenant(tenant));
        var friday = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);
        // Delivery falls from +40 to -40 below a target of 0; checkout holds at +40, so over both the day stays above it.
        await RecordDayAsync(tenant, "nps", friday, promoters: 70, detractors: 30, step: "delivery");
        await RecordDayAsync(tenant, "nps", friday.AddDays(1), promoters: 30, detractors: 70, step: "delivery");
        await RecordDayAsync(tenant, "nps", friday, promoters: 140, detractors: 60, step: "checkout");
        await RecordDayAsync(tenant, "nps", friday.AddDays(1), promoters: 140, detractors: 60, step: "checkout");

        await host.Service<PeriodicTenantJob<BucketEvaluator>>().RunOnceAsync(CancellationToken.None);

        var events = await host.ReadAsync(tenant, db => db.Outbox
            .Where(m => m.TenantId == tenant && (m.Type == "cx.measurement.significant_change_detected.v1" || m.Type == "cx.measurement.metric_threshold_breached.v1"))
            .OrderBy(m => m.Sequence).ToListAsync());
        var change = Cx.Events.V1.SignificantChangeDetected.Parser.ParseJson(events.Single(e => e.Type == "cx.measurement.significant_change_detected.v1" && e.Data.Contains("delivery", StringComparison.Ordinal)).Data);
        var breach = Cx.Events.V1.MetricThresholdBreached.Parser.ParseJson(Assert.Single(events, e => e.Type == "cx.measurement.metric_threshold_breached.v1").Data);
        Assert.Equal(("buy", "delivery", "2026-11-22", -40.0), (change.JourneyId, change.JourneyStepId, change.Bucket, change.Score));
        Assert.Equal(("buy", "delivery", 100L, -40.0), (breach.JourneyId, breach.JourneyStepId, breach.N, breach.Score));
        Assert.DoesNotContain(events, e => e.Data.Contains("checkout", StringComparison.Ordinal));
        var scopes = await host.ReadAsync(tenant, db => db.EvaluatedBuckets.Where(b => b.Bucket == "2026-11-22").Select(b => b.Scope).OrderBy(b => b).ToListAsync());
        Assert.Equal(["", "3:buy/checkout", "3:buy/delivery"], scopes.ToArray());
    }
}
