using System.Diagnostics;
using Cx.Measurement;
using Cx.Measurement.Data;
using Cx.Common.V1;
using Cx.Measurement.V1;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Measurement.Tests;

/// <summary>The measurement service on real ports with its database, as `cx up` runs it; its clock is the test's.</summary>
public class MeasurementHost : ServiceHost
{
    public MeasurementHost()
        : this(TestDatabase.Sqlite)
    {
    }

    protected MeasurementHost(TestDatabase database)
        : base(new MeasurementModule(), database)
    {
    }

    public MeasurementService.MeasurementServiceClient Client => new(Channel);

    /// <summary>Reads the service's own database as a tenant.</summary>
    public Task<T> ReadAsync<T>(string tenant, Func<MeasurementDb, Task<T>> read) => ReadAsync<MeasurementDb, T>(tenant, read);
}

public sealed class MeasurementServiceTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private const double Z95 = 1.959963984540054;

    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private async Task DefineAsync(string tenant, string metricId, MetricKind kind, int scaleMin = 0, int scaleMax = 0) =>
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = metricId, Kind = kind, Name = metricId.ToUpperInvariant(), ScaleMin = scaleMin, ScaleMax = scaleMax, HigherIsBetter = true },
        }, Tenant(tenant));

    private static Response Answer(string submission, string metricId, int? score, string step = "checkout", DateTime? at = null)
    {
        var response = new Response
        {
            SubmissionId = submission,
            Context = new ResponseContext { JourneyId = "buy", JourneyStepId = step, Channel = "web", CustomerId = "c-" + submission },
            Answers = { new Answer { MetricId = metricId } },
        };
        if (score is { } value)
        {
            response.Answers[0].Score = value;
        }

        if (at is { } time)
        {
            response.Context.OccurredAt = Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        }

        return response;
    }

    private static (double Score, double Lower, double Upper) ExpectedNps(int promoters, int passives, int detractors)
    {
        var n = promoters + passives + detractors;
        var adjustedN = n + 3.0;
        var p = (promoters + 0.75) / adjustedN;
        var d = (detractors + 0.75) / adjustedN;
        var se = Math.Sqrt((p + d - ((p - d) * (p - d))) / adjustedN);
        return (100.0 * (promoters - detractors) / n, 100 * (p - d - (Z95 * se)), 100 * (p - d + (Z95 * se)));
    }

    private static BadRequest Violations(RpcException error) => error.GetRpcStatus()!.GetDetail<BadRequest>()!;

    [Fact]
    public async Task CreateMetric_Nps_IsVersionOneOnTheFixedScale_AndCannotBeCreatedTwice()
    {
        var tenant = NewTenant();

        var created = await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "nps-relationship", Kind = MetricKind.Nps, Name = "Relationship NPS", Target = 40 },
        }, Tenant(tenant));
        var again = await Assert.ThrowsAsync<RpcException>(async () => await DefineAsync(tenant, "nps-relationship", MetricKind.Nps));

        Assert.Equal((1, 0, 10, true, 40.0), (created.Version, created.ScaleMin, created.ScaleMax, created.HigherIsBetter, created.Target));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
    }

    [Fact]
    public async Task CreateMetric_Invalid_NamesEveryWrongField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "Bad Id", Kind = MetricKind.Csat, ScaleMin = 0, ScaleMax = 10, Target = 140 },
        }, Tenant(NewTenant())));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["metric.metric_id", "metric.name", "metric.scale_max", "metric.target"],
            Violations(error).FieldViolations.Select(v => v.Field).ToArray());
    }

    [Fact]
    public async Task UpdateMetric_AddsAVersion_KindScaleAndDirectionCannotChange_UnknownIsNotFound()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "csat", MetricKind.Csat);

        var updated = await host.Client.UpdateMetricDefinitionAsync(new UpdateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "csat", Kind = MetricKind.Csat, Name = "Support CSAT", Target = 85 },
        }, Tenant(tenant));
        var kindChange = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.UpdateMetricDefinitionAsync(new UpdateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "csat", Kind = MetricKind.Ces, Name = "x" },
        }, Tenant(tenant)));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.UpdateMetricDefinitionAsync(new UpdateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "nothing", Kind = MetricKind.Csat, Name = "x" },
        }, Tenant(tenant)));
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "wait", Kind = MetricKind.Rating, Name = "Wait", ScaleMin = 1, ScaleMax = 5, HigherIsBetter = false },
        }, Tenant(tenant));
        var directionChange = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.UpdateMetricDefinitionAsync(new UpdateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "wait", Kind = MetricKind.Rating, Name = "Wait", ScaleMin = 1, ScaleMax = 5, HigherIsBetter = true },
        }, Tenant(tenant)));

        Assert.Equal((2, "Support CSAT"), (updated.Version, updated.Name));
        Assert.Equal(2, (await host.Client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "csat" }, Tenant(tenant))).Version);
        var first = await host.Client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "csat", Version = 1 }, Tenant(tenant));
        Assert.Equal((1, false), (first.Version, first.HasTarget));
        var noSuchVersion = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "csat", Version = 3 }, Tenant(tenant)));
        Assert.Equal(StatusCode.NotFound, noSuchVersion.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, kindChange.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, directionChange.StatusCode);
        Assert.Contains("lower is better", directionChange.Status.Detail, StringComparison.Ordinal);
        Assert.False((await host.Client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "wait" }, Tenant(tenant))).HigherIsBetter);
    }

    [Fact]
    public async Task ListMetrics_PagesOfTwo_WalkEveryCurrentVersion()
    {
        var tenant = NewTenant();
        foreach (var id in new[] { "c-metric", "a-metric", "b-metric" })
        {
            await DefineAsync(tenant, id, MetricKind.Nps);
        }

        await host.Client.UpdateMetricDefinitionAsync(new UpdateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "b-metric", Kind = MetricKind.Nps, Name = "B v2" } }, Tenant(tenant));

        var first = await host.Client.ListMetricDefinitionsAsync(new ListMetricDefinitionsRequest { PageSize = 2 }, Tenant(tenant));
        var second = await host.Client.ListMetricDefinitionsAsync(new ListMetricDefinitionsRequest { PageSize = 2, PageToken = first.NextPageToken }, Tenant(tenant));

        Assert.Equal(["a-metric", "b-metric"], first.Metrics.Select(m => m.MetricId).ToArray());
        Assert.Equal(2, first.Metrics[1].Version);
        Assert.Equal(["c-metric"], second.Metrics.Select(m => m.MetricId).ToArray());
        Assert.Equal(string.Empty, second.NextPageToken);
    }

    [Fact]
    public async Task RecordResponse_SameSubmissionTwice_IsRecordedOnce()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);

        var first = await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer("sub-1", "nps", 10) }, Tenant(tenant));
        var second = await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer("sub-1", "nps", 0) }, Tenant(tenant));

        Assert.Equal((false, true), (first.Duplicate, second.Duplicate));
        Assert.Equal(first.ResponseId, second.ResponseId);
        var results = await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant));
        Assert.Equal((1L, 100.0), (results.Results[0].N, results.Results[0].Score));
    }

    [Fact]
    public async Task RecordResponse_SameSubmissionConcurrently_RecordedOnceAndEveryCallGetsItsId()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);

        var calls = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer("race-1", "nps", 9) }, Tenant(tenant)).ResponseAsync));

        Assert.Single(calls, c => !c.Duplicate);
        Assert.Single(calls.Select(c => c.ResponseId).Distinct());
        Assert.Equal(1L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }

    [Fact]
    public async Task RecordResponse_ConcurrentCallsOfTwoTenantsCommittedTogether_OneBadCallRefusesOnlyItself()
    {
        var (acme, globex) = (NewTenant(), NewTenant());
        await DefineAsync(acme, "nps", MetricKind.Nps);
        await DefineAsync(globex, "nps", MetricKind.Nps);

        var calls = Enumerable.Range(0, 40).Select(async i =>
        {
            var tenant = i % 2 == 0 ? acme : globex;
            var score = i == 7 ? 11 : i % 11;
            try
            {
                await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer($"g-{i}", "nps", score) }, Tenant(tenant));
                return (i, Status: StatusCode.OK, Field: "");
            }
            catch (RpcException e)
            {
                return (i, Status: e.StatusCode, Field: Violations(e).FieldViolations.Single().Field);
            }
        });
        var outcomes = await Task.WhenAll(calls);

        Assert.Equal([(7, StatusCode.InvalidArgument, "response.answers[0].score")], outcomes.Where(o => o.Status != StatusCode.OK));
        Assert.Equal(20, await host.ReadAsync(acme, db => db.Responses.CountAsync()));
        Assert.Equal(19, await host.ReadAsync(globex, db => db.Responses.CountAsync()));
        Assert.False(await host.ReadAsync(globex, db => db.Responses.AnyAsync(r => r.SubmissionId == "g-0")));
        var expectedDetractors = Enumerable.Range(0, 40).Count(i => i % 2 == 0 && i % 11 <= 6);
        Assert.Equal(expectedDetractors, await host.ReadAsync(acme, db => db.Outbox.CountAsync(m => m.TenantId == acme && m.Type == "cx.measurement.detractor_detected.v1")));
    }

    [Fact]
    public async Task RecordResponse_EventsOfAGroupCommit_BelongToEachCallersTrace()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        // Each caller in a trace of its own; the client propagates it (traceparent) with the call.
        var traces = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
            await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer($"trace-{i}", "nps", 3) }, Tenant(tenant));
            return caller.TraceId.ToHexString();
        }));

        var events = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant).Select(m => new { m.Data, m.TraceParent }).ToListAsync());
        Assert.Equal(20, events.Count);
        for (var i = 0; i < traces.Length; i++)
        {
            var submission = $"\"trace-{i}\"";
            var mine = events.Where(e => e.Data.Contains(submission, StringComparison.Ordinal)).ToList();
            Assert.Single(mine);
            Assert.Contains(traces[i], mine[0].TraceParent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RecordResponses_BatchWithRepeats_CountsRecordedAndDuplicates()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(Enumerable.Range(0, 30).Select(i => Answer("b-" + (i % 25), "nps", i % 11)));

        var result = await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        var again = await host.Client.RecordResponsesAsync(batch, Tenant(tenant));

        Assert.Equal((25, 5), (result.Recorded, result.Duplicates));
        Assert.Equal((0, 30), (again.Recorded, again.Duplicates));
    }

    [Fact]
    public async Task RecordResponses_OverTenThousand_IsRefusedWhole()
    {
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(Enumerable.Range(0, 10_001).Select(i => new Response { SubmissionId = "x" + i }));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponsesAsync(batch, Tenant(NewTenant())));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("responses", Assert.Single(Violations(error).FieldViolations).Field);
    }

    /// <summary>
    /// The largest batch the contract allows, every context tag at its longest, fits the default
    /// message limit by gRPC and the default body limit by REST.
    /// </summary>
    [Fact]
    public async Task RecordResponses_TenThousandAtTheLongest_FitTheDefaultLimits_ByGrpcAndByRest()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        await DefineAsync(tenant, "csat", MetricKind.Csat);
        static RecordResponsesRequest Longest(char batch, DateTimeOffset occurred)
        {
            string Tag(char c, int i) => (batch + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string(c, 100))[..100];
            var request = new RecordResponsesRequest();
            request.Responses.Add(Enumerable.Range(0, 10_000).Select(i => new Response
            {
                SubmissionId = Tag('s', i),
                Context = new ResponseContext
                {
                    Channel = Tag('c', i), JourneyId = Tag('j', i), JourneyStepId = Tag('p', i), Touchpoint = Tag('t', i), Segment = Tag('g', i),
                    Region = Tag('r', i), EmployeeId = Tag('e', i), TeamId = Tag('m', i), CustomerId = Tag('u', i), OccurredAt = Timestamp.FromDateTimeOffset(occurred),
                },
                Answers = { new Answer { MetricId = "nps", Score = i % 11 }, new Answer { MetricId = "csat", Score = 1 + (i % 5) } },
            }));
            return request;
        }

        var binary = Longest('g', host.Clock.GetUtcNow().AddDays(-1));
        var byGrpc = await host.Client.RecordResponsesAsync(binary, Tenant(tenant));
        var json = Google.Protobuf.JsonFormatter.Default.Format(Longest('r', host.Clock.GetUtcNow().AddDays(-1)));
        using var http = new HttpClient { BaseAddress = host.Service<Cx.ServiceDefaults.Hosting.BoundEndpoints>().HttpUrl };
        using var body = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        body.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, TestIdentity.Token("measurement", tenant));
        using var byRest = await http.PostAsync(new Uri("/api/measurement/v1/responses:batch", UriKind.Relative), body);

        // Both well over 4 MiB, the usual default of gRPC servers.
        Assert.True(binary.CalculateSize() > 8 * 1024 * 1024, $"the batch is {binary.CalculateSize():N0} bytes");
        Assert.Equal((10_000, 0), (byGrpc.Recorded, byGrpc.Duplicates));
        Assert.True(json.Length > 12 * 1024 * 1024, $"the JSON is {json.Length:N0} bytes");
        Assert.True(byRest.IsSuccessStatusCode, $"{(int)byRest.StatusCode}: {await byRest.Content.ReadAsStringAsync()}");
        Assert.Equal(20_000L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }

    [Fact]
    public async Task RecordResponses_BadAnswersInABatch_NamesEachByPathAndRecordsNothing()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        var batch = new RecordResponsesRequest { Responses = { Answer("ok-1", "nps", 9), Answer("bad-1", "nps", 11), Answer("bad-2", "unknown", 3) } };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponsesAsync(batch, Tenant(tenant)));

        Assert.Equal(["responses[1].answers[0].score", "responses[2].answers[0].metric_id"], Violations(error).FieldViolations.Select(v => v.Field).ToArray());
        Assert.Equal(0, await host.ReadAsync(tenant, db => db.Responses.CountAsync()));
    }

    [Fact]
    public async Task Results_Nps_ExactScoreAndAdjustedWaldInterval_SkippedAnswersNotCounted()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        var scores = new int?[] { 10, 10, 9, 9, 9, 8, 7, 6, 3, 0, null, null };
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(scores.Select((s, i) => Answer("n-" + i, "nps", s)));
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));

        var result = Assert.Single((await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results);

        var (score, lower, upper) = ExpectedNps(5, 2, 3);
        Assert.Equal(10, result.N);
        Assert.Equal(score, result.Score, 9);
        Assert.Equal(lower, result.Interval.Lower, 9);
        Assert.Equal(upper, result.Interval.Upper, 9);
        Assert.Equal([1L, 0, 0, 1, 0, 0, 1, 1, 1, 3, 2], result.Distribution.ToArray());
        Assert.True(result.LowN);
    }

    [Fact]
    public async Task Results_FilterByStepAndTime_GroupByDay_ChangeAgainstThePreviousDay()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        var monday = new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc);
        var batch = new RecordResponsesRequest();
        var i = 0;
        void Add(DateTime day, string step, int score, int count)
        {
            for (var k = 0; k < count; k++)
            {
                batch.Responses.Add(Answer("d-" + i++, "nps", score, step, day));
            }
        }

        Add(monday, "checkout", 10, 20);
        Add(monday, "checkout", 3, 80);
        Add(monday.AddDays(1), "checkout", 10, 70);
        Add(monday.AddDays(1), "checkout", 3, 30);
        Add(monday.AddDays(1), "delivery", 0, 50);
        Add(monday.AddDays(5), "checkout", 10, 10);
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));

        var response = await host.Client.GetResultsAsync(new GetResultsRequest
        {
            MetricId = "nps",
            GroupBy = Grouping.Day,
            Filter = new ResultFilter { JourneyStepIds = { "checkout" }, From = Timestamp.FromDateTime(monday.Date), To = Timestamp.FromDateTime(monday.Date.AddDays(2)) },
        }, Tenant(tenant));

        Assert.Equal(["2026-11-02", "2026-11-03"], response.Results.Select(r => r.Group).ToArray());
        Assert.Equal((100L, -60.0), (response.Results[0].N, response.Results[0].Score));
        Assert.Equal((100L, 40.0), (response.Results[1].N, response.Results[1].Score));
        Assert.Null(response.Results[0].Change);
        var change = response.Results[1].Change;
        double Adjusted(int promoters, int detractors, out double se)
        {
            var p = (promoters + 0.75) / 103.0;
            var d = (detractors + 0.75) / 103.0;
            se = Math.Sqrt((p + d - ((p - d) * (p - d))) / 103.0);
            return p - d;
        }

        var difference = Adjusted(70, 30, out var se2) - Adjusted(20, 80, out var se1);
        Assert.Equal(100 * difference, change.Difference, 9);
        var z = difference / Math.Sqrt((se1 * se1) + (se2 * se2));
        Assert.Equal(z, change.Z, 9);
        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(z)), change.PValue, 12);
        Assert.Equal(("nps_difference_z", 0.95, NoCallReason.Unspecified), (change.Test, change.Confidence, change.NoCall));
        Assert.True(change.Significant);

        // 6 November had no answers: 7 November has no change to report, rather than one against 3 November.
        var withGap = await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Day, Filter = new ResultFilter { JourneyStepIds = { "checkout" } } }, Tenant(tenant));
        Assert.Equal(["2026-11-02", "2026-11-03", "2026-11-07"], withGap.Results.Select(r => r.Group).ToArray());
        Assert.Equal(change, withGap.Results[1].Change);
        Assert.Null(withGap.Results[2].Change);
    }

    [Fact]
    public async Task GroupedResults_ComparedToThePreviousPeriod_EachGroupCarriesTheChangeCompareResultsGives()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        var start = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var batch = new RecordResponsesRequest();

        // September (the period before): checkout 20 detractors 20 promoters, delivery 5/25; October: checkout 10/30, delivery 25/5; payment only in October.
        batch.Responses.Add(Enumerable.Range(0, 40).Select(i => Answer("c-sep-" + i, "nps", i < 20 ? 2 : 10, "checkout", start.AddDays(-10))));
        batch.Responses.Add(Enumerable.Range(0, 40).Select(i => Answer("c-oct-" + i, "nps", i < 10 ? 2 : 10, "checkout", start.AddDays(10))));
        batch.Responses.Add(Enumerable.Range(0, 30).Select(i => Answer("d-sep-" + i, "nps", i < 5 ? 0 : 9, "delivery", start.AddDays(-5))));
        batch.Responses.Add(Enumerable.Range(0, 30).Select(i => Answer("d-oct-" + i, "nps", i < 25 ? 0 : 9, "delivery", start.AddDays(5))));
        batch.Responses.Add(Enumerable.Range(0, 30).Select(i => Answer("p-oct-" + i, "nps", 10, "payment", start.AddDays(5))));
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        var (from, to) = (Timestamp.FromDateTime(start), Timestamp.FromDateTime(start.AddDays(30)));

        var grouped = await host.Client.GetResultsAsync(new GetResultsRequest
        {
            MetricId = "nps", GroupBy = Grouping.JourneyStep, CompareToPreviousPeriod = true, Filter = new ResultFilter { From = from, To = to },
        }, Tenant(tenant));

        Assert.Equal([("checkout", 50.0), ("delivery", -100.0 * 20 / 30), ("payment", 100.0)], grouped.Results.Select(r => (r.Group, r.Score)));
        Assert.Null(grouped.Results[2].Change);
        Assert.True(grouped.Results[1].Change.Significant && grouped.Results[1].Change.Difference < 0, "delivery fell from +67 to -67");
        foreach (var step in new[] { "checkout", "delivery" })
        {
            var compared = await host.Client.CompareResultsAsync(new CompareResultsRequest
            {
                MetricId = "nps",
                Filter = new ResultFilter { JourneyStepIds = { step } },
                Before = new Period { From = Timestamp.FromDateTime(start.AddDays(-30)), To = from },
                After = new Period { From = from, To = to },
            }, Tenant(tenant));
            Assert.Equal(compared.Change, grouped.Results.Single(r => r.Group == step).Change);
        }

        var timeGrouped = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Month, CompareToPreviousPeriod = true, Filter = new ResultFilter { From = from, To = to } }, Tenant(tenant)));
        var open = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.JourneyStep, CompareToPreviousPeriod = true, Filter = new ResultFilter { From = from } }, Tenant(tenant)));
        Assert.Equal(["compare_to_previous_period"], timeGrouped.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
        Assert.Equal(["filter.from"], open.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task CompareResults_TwoVariantsOverTheSamePeriod_ComparesTheAfterFilterWithTheFilter()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "csat", MetricKind.Csat);
        var day = new DateTime(2026, 10, 5, 12, 0, 0, DateTimeKind.Utc);
        Response Variant(string id, string touchpoint, int score)
        {
            var response = Answer(id, "csat", score, "delivery", day);
            response.Context.Touchpoint = touchpoint;
            return response;
        }

        // Control: 24 of 60 satisfied (4 or 5); treatment: 45 of 60. Another step's answers on the treatment touchpoint stay out.
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(Enumerable.Range(0, 60).Select(i => Variant("ctl-" + i, "tracking-page", i < 24 ? 5 : 2)));
        batch.Responses.Add(Enumerable.Range(0, 60).Select(i => Variant("trt-" + i, "live-map", i < 45 ? 4 : 1)));
        batch.Responses.Add(Enumerable.Range(0, 30).Select(i => Answer("other-" + i, "csat", 1, "checkout", day)));
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        var period = new Period { From = Timestamp.FromDateTime(day.Date), To = Timestamp.FromDateTime(day.Date.AddDays(1)) };

        var compared = await host.Client.CompareResultsAsync(new CompareResultsRequest
        {
            MetricId = "csat",
            Filter = new ResultFilter { JourneyStepIds = { "delivery" }, Touchpoints = { "tracking-page" } },
            AfterFilter = new ResultFilter { JourneyStepIds = { "delivery" }, Touchpoints = { "live-map" } },
            Before = period,
            After = period,
        }, Tenant(tenant));

        Assert.Equal((60L, 40.0, 60L, 75.0), (compared.Before.N, compared.Before.Score, compared.After.N, compared.After.Score));
        var pooled = (24.0 + 45.0) / 120.0;
        var z = (0.75 - 0.40) / Math.Sqrt(pooled * (1 - pooled) * (2.0 / 60.0));
        Assert.Equal(35.0, compared.Change.Difference, 9);
        Assert.Equal(z, compared.Change.Z, 9);
        Assert.True(compared.Change.Significant);

        var timed = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CompareResultsAsync(new CompareResultsRequest
        {
            MetricId = "csat", AfterFilter = new ResultFilter { To = period.To }, Before = period, After = period,
        }, Tenant(tenant)));
        Assert.Equal(["after_filter.from"], timed.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task CompareResults_CesMeans_WelchT_WithPValueLevelAndTest_TwoAnswersOfCsat_NoCall()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "ces", MetricKind.Ces);
        await DefineAsync(tenant, "csat", MetricKind.Csat);
        var day = new DateTime(2026, 10, 5, 12, 0, 0, DateTimeKind.Utc);
        int[] before = [.. Enumerable.Repeat(4, 20), .. Enumerable.Repeat(5, 20)];
        int[] after = [.. Enumerable.Repeat(3, 15), .. Enumerable.Repeat(6, 15), .. Enumerable.Repeat(7, 10)];
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(before.Select((s, i) => Answer("cb-" + i, "ces", s, at: day)));
        batch.Responses.Add(after.Select((s, i) => Answer("ca-" + i, "ces", s, at: day.AddDays(10))));
        int[] csatBefore = [1, 2], csatAfter = [5, 4];
        batch.Responses.Add(csatBefore.Select((s, i) => Answer("sb-" + i, "csat", s, at: day)));
        batch.Responses.Add(csatAfter.Select((s, i) => Answer("sa-" + i, "csat", s, at: day.AddDays(10))));
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        CompareResultsRequest Request(string metric, double confidence) => new()
        {
            MetricId = metric,
            Confidence = confidence,
            Before = new Period { From = Timestamp.FromDateTime(day.Date), To = Timestamp.FromDateTime(day.Date.AddDays(7)) },
            After = new Period { From = Timestamp.FromDateTime(day.Date.AddDays(7)), To = Timestamp.FromDateTime(day.Date.AddDays(14)) },
        };

        var ces = (await host.Client.CompareResultsAsync(Request("ces", 0.9), Tenant(tenant))).Change;
        var csat = (await host.Client.CompareResultsAsync(Request("csat", 0), Tenant(tenant))).Change;

        static (double Mean, double VarianceOfMean) Of(int[] values)
        {
            var mean = values.Average();
            return (mean, values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
        }

        var (m1, v1) = Of(after);
        var (m2, v2) = Of(before);
        var t = (m1 - m2) / Math.Sqrt(v1 + v2);
        var df = (v1 + v2) * (v1 + v2) / ((v1 * v1 / (after.Length - 1)) + (v2 * v2 / (before.Length - 1)));
        Assert.Equal(("welch_t", 0.9, NoCallReason.Unspecified), (ces.Test, ces.Confidence, ces.NoCall));
        Assert.Equal(m1 - m2, ces.Difference, 12);
        Assert.Equal(t, ces.Z, 12);
        Assert.Equal(df, ces.DegreesOfFreedom, 9);
        Assert.Equal(2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, -Math.Abs(t)), ces.PValue, 9);
        Assert.Equal(ces.PValue < 0.1, ces.Significant);
        var half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.95) * Math.Sqrt(v1 + v2);
        Assert.Equal(m1 - m2 - half, ces.Interval.Lower, 8);

        // 1, 2 → 5, 4: every answer moved, yet two answers a side with no spread say nothing.
        Assert.Equal(("two_proportion_z_pooled", 0.95, NoCallReason.LowN, false), (csat.Test, csat.Confidence, csat.NoCall, csat.Significant));
        Assert.Equal(100.0, csat.Difference);
        Assert.False(csat.HasPValue);
        Assert.Null(csat.Interval);
        Assert.Equal(0.0, csat.Z);
        Assert.Contains("at least 30", csat.NoCallDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_CsatAndCes_AsTheirKindsPrescribe()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "csat", MetricKind.Csat);
        await DefineAsync(tenant, "ces", MetricKind.Ces);
        var batch = new RecordResponsesRequest();
        var csat = new[] { 5, 5, 4, 4, 4, 3, 2, 1, 5, 4 };
        var ces = new[] { 7, 6, 5, 5, 4, 3, 2, 6, 7, 1 };
        batch.Responses.Add(csat.Select((s, i) => Answer("cs-" + i, "csat", s)));
        batch.Responses.Add(ces.Select((s, i) => Answer("ce-" + i, "ces", s)));
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));

        var csatResult = Assert.Single((await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "csat" }, Tenant(tenant))).Results);
        var cesResult = Assert.Single((await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "ces" }, Tenant(tenant))).Results);

        Assert.Equal(70.0, csatResult.Score, 9);
        double n = 10, p = 0.7, z2 = Z95 * Z95;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / (1 + (z2 / n));
        Assert.Equal(100 * (centre - half), csatResult.Interval.Lower, 9);
        var mean = ces.Average();
        var sd = Math.Sqrt(ces.Sum(v => (v - mean) * (v - mean)) / 9);
        var t9 = 2.2621571627409915;
        Assert.Equal(mean, cesResult.Score, 9);
        Assert.Equal(mean - (t9 * sd / Math.Sqrt(10)), cesResult.Interval.Lower, 9);
        Assert.Equal(60.0, cesResult.TopShare, 9);

        // The share of 5-7 (6 of 10) has its Wilson interval too.
        var top = 0.6;
        var topCentre = (top + (z2 / (2 * n))) / (1 + (z2 / n));
        var topHalf = Z95 * Math.Sqrt((top * (1 - top) / n) + (z2 / (4 * n * n))) / (1 + (z2 / n));
        Assert.Equal(100 * (topCentre - topHalf), cesResult.TopShareInterval.Lower, 9);
        Assert.Equal(100 * (topCentre + topHalf), cesResult.TopShareInterval.Upper, 9);
    }

    [Fact]
    public async Task Results_ByEmployee_OneGroupPerEmployee_FromTheAnswers()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        (string Employee, int Score)[] answers = [("e-1", 10), ("e-1", 10), ("e-1", 3), ("e-2", 9), ("e-2", 0), ("", 7)];
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(answers.Select((a, i) => new Response
        {
            SubmissionId = "emp-" + i,
            Context = new ResponseContext { EmployeeId = a.Employee, TeamId = "support-1" },
            Answers = { new Answer { MetricId = "nps", Score = a.Score } },
        }));
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));

        var byEmployee = await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Employee, Filter = new ResultFilter { TeamIds = { "support-1" } } }, Tenant(tenant));

        // NPS = 100 * (promoters - detractors) / n, per employee.
        Assert.Equal(
            [("", 1L, 0.0), ("e-1", 3L, 100.0 * (2 - 1) / 3), ("e-2", 2L, 0.0)],
            byEmployee.Results.Select(r => (r.Group, r.N, r.Score)).ToArray());
    }

    [Fact]
    public async Task Results_NoAnswers_AreUndefinedNotZero_ForEveryKind()
    {
        var tenant = NewTenant();
        foreach (var (metric, kind) in new[] { ("nps", MetricKind.Nps), ("csat", MetricKind.Csat), ("ces", MetricKind.Ces) })
        {
            await DefineAsync(tenant, metric, kind);
        }

        await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer("skipped-only", "nps", null) }, Tenant(tenant));

        foreach (var metric in new[] { "nps", "csat", "ces" })
        {
            var result = (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = metric }, Tenant(tenant))).Results.Single();
            Assert.Equal((0L, false, true), (result.N, result.HasScore, result.LowN));
            Assert.Null(result.Interval);
            Assert.False(result.HasTopShare);
        }
    }

    [Fact]
    public async Task Results_ByWeek_AreIsoWeeksStartingOnMonday_AcrossAYearEnd()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);
        var days = new Dictionary<DateTime, string>
        {
            // Thursday 1 January 2026 is in the ISO week of Monday 29 December 2025.
            [new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc)] = "2025-12-29",
            [new DateTime(2026, 1, 4, 23, 59, 0, DateTimeKind.Utc)] = "2025-12-29",
            [new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc)] = "2026-01-05",
            [new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc)] = "2026-10-26",
            [new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc)] = "2026-11-02",
        };
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(days.Keys.Select((day, i) => Answer("week-" + i, "nps", 10, at: day)));
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));

        var weeks = await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Week }, Tenant(tenant));

        var expected = days.Values.GroupBy(w => w).Select(g => (g.Key, (long)g.Count())).OrderBy(w => w.Key, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, weeks.Results.Select(r => (r.Group, r.N)).ToArray());
    }

    [Fact]
    public async Task Tenants_NeverSeeEachOthersMetricsOrResponses()
    {
        var acme = NewTenant();
        var globex = NewTenant();
        await DefineAsync(acme, "nps", MetricKind.Nps);
        await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer("shared-id", "nps", 10) }, Tenant(acme));

        var notFound = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(globex)));
        await DefineAsync(globex, "nps", MetricKind.Nps);
        var globexFirst = await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer("shared-id", "nps", 0) }, Tenant(globex));

        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.False(globexFirst.Duplicate);
        Assert.Equal(-100.0, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(globex))).Results[0].Score);
        Assert.Equal(100.0, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(acme))).Results[0].Score);
    }

    [Fact]
    public async Task DemoData_LoadedTwice_AddsNothingTheSecondTime_ShowsTheDeliveryFixAndItsDriver()
    {
        await host.SeedDemoDataAsync();
        var first = await host.ReadAsync("demo", db => db.Responses.CountAsync());
        await host.SeedDemoDataAsync();
        var second = await host.ReadAsync("demo", db => db.Responses.CountAsync());

        // Compared over whole periods: the 60 days after the fix against the 60 before.
        var fix = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc).AddDays(-60);
        var before = await host.Client.GetResultsAsync(new GetResultsRequest
        {
            MetricId = "nps-relationship",
            Filter = new ResultFilter { JourneyStepIds = { "delivery" }, From = Timestamp.FromDateTime(fix.AddDays(-60)), To = Timestamp.FromDateTime(fix) },
        }, Tenant("demo"));
        var after = await host.Client.GetResultsAsync(new GetResultsRequest
        {
            MetricId = "nps-relationship",
            Filter = new ResultFilter { JourneyStepIds = { "delivery" }, From = Timestamp.FromDateTime(fix) },
        }, Tenant("demo"));
        var drivers = await host.Client.AnalyseDriversAsync(new AnalyseDriversRequest { OutcomeMetricId = "nps-relationship", DriverMetricIds = { "delivery-speed", "app-ease" }, BootstrapSamples = 100 }, Tenant("demo"));

        Assert.Equal(365 * 16, first);
        var survey = await host.Client.GetInstrumentAsync(new GetInstrumentRequest { InstrumentId = "post-delivery" }, Tenant("demo"));
        Assert.Equal((InstrumentStatus.Live, "delivery", 3), (survey.Status, survey.JourneyStepId, survey.Questions.Count));
        Assert.Equal(first, second);
        Assert.Equal((240L, 240L), (before.Results[0].N, after.Results[0].N));
        Assert.True(after.Results[0].Interval.Lower > before.Results[0].Interval.Upper, "the fix is a significant improvement");
        Assert.Equal("delivery-speed", drivers.Drivers[0].MetricId);
        Assert.True(drivers.Drivers[0].Importance > 90);
        Assert.True(drivers.Drivers[1].Importance < 2, $"app ease does not drive NPS, yet has {drivers.Drivers[1].Importance}%");
    }

    [Fact]
    public async Task RecordResponse_Detractor_RaisesDetractorDetectedWithTheJourneyStep_InTheSameCommit()
    {
        var tenant = NewTenant();
        await DefineAsync(tenant, "nps", MetricKind.Nps);

        var recorded = await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer("det-1", "nps", 2, step: "delivery") }, Tenant(tenant));
        await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Answer("pro-1", "nps", 10) }, Tenant(tenant));

        var events = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant).OrderBy(m => m.Sequence).ToListAsync());
        Assert.Equal(
            ["cx.measurement.response_recorded.v1", "cx.measurement.detractor_detected.v1", "cx.measurement.response_recorded.v1"],
            events.Select(e => e.Type).ToArray());
        var detractor = Cx.Events.V1.DetractorDetected.Parser.ParseJson(events[1].Data);
        Assert.Equal((recorded.ResponseId, 2, "delivery", "buy"), (detractor.ResponseId, detractor.Score, detractor.Context.JourneyStepId, detractor.Context.JourneyId));
    }
}

public sealed class StreamingIngestionTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private static Response Nps(string submission, int score) =>
        new() { SubmissionId = submission, Context = new ResponseContext { JourneyStepId = "import" }, Answers = { new Answer { MetricId = "nps", Score = score } } };

    private async Task<string> TenantWithNpsAsync()
    {
        var tenant = "s" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        return tenant;
    }

    [Fact]
    public async Task StreamResponses_TwoAndAHalfThousand_WithRepeats_CountsEachOnce()
    {
        var tenant = await TenantWithNpsAsync();
        using var call = host.Client.StreamResponses(Tenant(tenant));
        for (var i = 0; i < 2_500; i++)
        {
            await call.RequestStream.WriteAsync(Nps("st-" + (i < 2_490 ? i : i - 2_490), i % 11));
        }

        await call.RequestStream.CompleteAsync();
        var result = await call;

        Assert.Equal((2_490, 10), (result.Recorded, result.Duplicates));
        Assert.Equal(2_490L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }

    [Fact]
    public async Task StreamResponses_InvalidResponseInTheSecondBatch_NamedByItsStreamPosition_FirstBatchKept()
    {
        var tenant = await TenantWithNpsAsync();
        using var call = host.Client.StreamResponses(Tenant(tenant));
        for (var i = 0; i < 1_600; i++)
        {
            await call.RequestStream.WriteAsync(Nps("bad-" + i, i == 1_500 ? 11 : 9));
        }

        await call.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("responses[1500].answers[0].score", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.Equal(1_000L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }
}

public sealed class DriverAnalysisApiTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private async Task<(string Tenant, List<(int Ease, int Speed, int Nps)> Data)> SeedAsync(int responses)
    {
        var tenant = "k" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        foreach (var id in new[] { "ease", "speed" })
        {
            await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = id, Kind = MetricKind.Rating, Name = id, ScaleMin = 1, ScaleMax = 5, HigherIsBetter = true } }, Tenant(tenant));
        }

        var random = new Random(99);
        var data = new List<(int, int, int)>();
        var batch = new RecordResponsesRequest();
        for (var i = 0; i < responses; i++)
        {
            var ease = random.Next(1, 6);
            var speed = random.Next(1, 6);
            var nps = Math.Clamp((2 * ease) + (speed / 2) + random.Next(-2, 3) - 2, 0, 10);
            data.Add((ease, speed, nps));
            batch.Responses.Add(new Response
            {
                SubmissionId = "k-" + i,
                Answers = { new Answer { MetricId = "nps", Score = nps }, new Answer { MetricId = "ease", Score = ease }, new Answer { MetricId = "speed", Score = speed } },
            });
        }

        // A response without the drivers is not a row of the analysis.
        batch.Responses.Add(new Response { SubmissionId = "k-outcome-only", Answers = { new Answer { MetricId = "nps", Score = 10 } } });
        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        return (tenant, data);
    }

    [Fact]
    public async Task AnalyseDrivers_RowsFromResponses_WeightsAsTheDomainComputesThem_Reproducibly()
    {
        var (tenant, data) = await SeedAsync(200);
        var request = new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "ease", "speed" }, BootstrapSamples = 200, Seed = 7 };

        var analysis = await host.Client.AnalyseDriversAsync(request, Tenant(tenant));
        var again = await host.Client.AnalyseDriversAsync(request, Tenant(tenant));

        var expected = Cx.Measurement.Domain.Statistics.RelativeWeights.Analyse(
            ["ease", "speed"], data.Select(d => new double[] { d.Ease, d.Speed }).ToList(), data.Select(d => (double)d.Nps).ToList(), 1, 5, 200, 7);
        Assert.Equal(200, analysis.N);
        Assert.Equal(expected.RSquared, analysis.RSquared, 9);
        Assert.Equal(["ease", "speed"], analysis.Drivers.Select(d => d.MetricId).ToArray());
        Assert.Equal(expected.Drivers[0].RawWeight, analysis.Drivers[0].RawWeight, 9);
        Assert.Equal(expected.Drivers[0].Interval!.Value.Lower, analysis.Drivers[0].Interval.Lower, 9);
        Assert.Equal(100.0, analysis.Drivers.Sum(d => d.Importance), 9);
        Assert.Equal(["ease", "speed", "nps"], analysis.CorrelationLabels.ToArray());
        Assert.Equal(9, analysis.Correlations.Count);
        Assert.Equal(analysis, again);
        var events = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.measurement.driver_analysis_completed.v1").ToListAsync());
        Assert.Equal(2, events.Count);

        // The event carries the filter, so the analysis can be tied to the journey steps it covers.
        request.Filter = new ResultFilter { Channels = { "web", "app", "phone", "" } };
        await host.Client.AnalyseDriversAsync(request, Tenant(tenant));
        var filtered = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.measurement.driver_analysis_completed.v1").OrderBy(m => m.Sequence).ToListAsync());
        Assert.Equal(request.Filter, Cx.Events.V1.DriverAnalysisCompleted.Parser.ParseJson(filtered[^1].Data).Filter);
    }

    [Fact]
    public async Task AnalyseDrivers_TooFewResponses_IsFailedPreconditionSayingTheNeededN()
    {
        var (tenant, _) = await SeedAsync(12);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.AnalyseDriversAsync(
            new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "ease", "speed" } }, Tenant(tenant)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("at least 30", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("there are 12", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyseDrivers_RangeEndingBeforeItStarts_IsInvalidArgumentOnFilterTo()
    {
        var (tenant, _) = await SeedAsync(40);
        var filter = new ResultFilter
        {
            From = Timestamp.FromDateTime(new DateTime(2026, 9, 20, 0, 0, 0, DateTimeKind.Utc)),
            To = Timestamp.FromDateTime(new DateTime(2026, 9, 10, 0, 0, 0, DateTimeKind.Utc)),
        };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.AnalyseDriversAsync(
            new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "ease", "speed" }, Filter = filter }, Tenant(tenant)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["filter.to"], error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray());
    }

    [Fact]
    public async Task AnalyseDrivers_BadRequests_AreNamed()
    {
        var (tenant, _) = await SeedAsync(1);

        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.AnalyseDriversAsync(
            new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "nps", "ease", "ease" }, BootstrapSamples = 9_999 }, Tenant(tenant)));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.AnalyseDriversAsync(
            new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "loyalty" } }, Tenant(tenant)));

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["driver_metric_ids", "driver_metric_ids", "bootstrap_samples"], invalid.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray());
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
