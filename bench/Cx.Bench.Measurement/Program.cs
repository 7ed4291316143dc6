using System.Diagnostics;
using System.Globalization;
using Cx.Bench.Measurement;
using Cx.Common.V1;
using Cx.Measurement.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Usage: Cx.Bench.Measurement --target 127.0.0.1:7140 --identity-keys DIR [--database FILE] [--seconds 5] [--sizes 10000,100000] [--callers 16]
//   [--driver-sizes 10000,100000] (0 skips the driver-analysis series)
// The measurement service (cx up) is measured against a bare handler of the same contract hosted
// here and, for batches, against a bare bulk insert into the service's database FILE, in the same
// run; then result-query latency is measured as the responses grow.
var target = Argument("--target", "127.0.0.1:7140");
var seconds = int.Parse(Argument("--seconds", "5"), CultureInfo.InvariantCulture);
var sizes = Argument("--sizes", "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var databaseFile = Argument("--database", "");
var callers = int.Parse(Argument("--callers", "16"), CultureInfo.InvariantCulture);
var driverSizes = Argument("--driver-sizes", "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(s => s > 0).ToArray();

var bare = WebApplication.CreateSlimBuilder();
bare.Logging.ClearProviders();
bare.WebHost.ConfigureKestrel(k => k.ListenLocalhost(7699, l => l.Protocols = HttpProtocols.Http2));
bare.Services.AddGrpc();
var bareApp = bare.Build();
bareApp.MapGrpcService<BareMeasurement>();
await bareApp.StartAsync();

using var realChannel = GrpcChannel.ForAddress("http://" + target);
using var bareChannel = GrpcChannel.ForAddress("http://127.0.0.1:7699");
var real = new MeasurementService.MeasurementServiceClient(realChannel);
var baseline = new MeasurementService.MeasurementServiceClient(bareChannel);
// Calls carry the identity the gateway would sign (the service's data directory's keys); a phase takes a fresh one.
var identityKeys = Argument("--identity-keys", "");
var tenantName = "bench-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var tenant = As(tenantName);
await real.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, tenant);

var submission = 0L;
var random = new Random(1);
string[] steps = ["browse", "checkout", "delivery", "support"];
Response NewResponse()
{
    var id = Interlocked.Increment(ref submission);
    return new Response
    {
        SubmissionId = "b-" + id.ToString(CultureInfo.InvariantCulture),
        Context = new ResponseContext
        {
            Channel = id % 3 == 0 ? "app" : "web",
            JourneyId = "purchase",
            JourneyStepId = steps[id % 4],
            Region = id % 2 == 0 ? "north" : "south",
            EmployeeId = "e-" + (id % 100).ToString(CultureInfo.InvariantCulture),
            // Spread over the same 300 days whatever the number of responses: a stride of 433 minutes
            // (prime, so it visits every minute) puts every day, score and context combination in
            // the first 10,000, so every size reads the same rollup rows and answers the same queries.
            OccurredAt = Timestamp.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id * 433 % (60 * 24 * 300))),
        },
        Answers = { new Answer { MetricId = "nps", Score = (int)(id % 11) } },
    };
}

async Task<double> RateAsync(Func<Task<int>> call)
{
    var stop = Stopwatch.StartNew();
    var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
    {
        var done = 0;
        while (stop.Elapsed.TotalSeconds < seconds)
        {
            done += await call();
        }

        return done;
    }));
    return counts.Sum() / stop.Elapsed.TotalSeconds;
}

async Task<int> Single(MeasurementService.MeasurementServiceClient client)
{
    await client.RecordResponseAsync(new RecordResponseRequest { Response = NewResponse() }, tenant);
    return 1;
}

async Task<int> Batch(MeasurementService.MeasurementServiceClient client)
{
    var request = new RecordResponsesRequest();
    request.Responses.Add(Enumerable.Range(0, 100).Select(_ => NewResponse()));
    await client.RecordResponsesAsync(request, tenant);
    return 100;
}

Console.Error.WriteLine("warming up");
await RateAsync(() => Single(baseline));
await RateAsync(() => Single(real));
var rows = new List<string>();
var bareSingle = await RateAsync(() => Single(baseline));
var realSingle = await RateAsync(() => Single(real));
var bareBatch = await RateAsync(() => Batch(baseline));
var realBatch = await RateAsync(() => Batch(real));
double? bareInsert = null;
double? bareInsertGroup = null;
double? bareInsertEach = null;
if (databaseFile.Length > 0)
{
    await using var bulk = await BareBulkInsert.OpenAsync(databaseFile);
    var bareTenant = "bare-" + tenantName;
    bareInsert = await RateAsync(async () =>
    {
        await bulk.InsertAsync(bareTenant, Enumerable.Range(0, 100).Select(_ => NewResponse()).ToList());
        return 100;
    });

    // For scale: the most a writer could commit if single calls cost nothing else. With this many
    // callers a group commit holds at most one response per caller, so: that many rows per
    // transaction, and only the response and answer rows (no validation, events or rollups).
    bareInsertGroup = await RateAsync(async () =>
    {
        await bulk.InsertAsync(bareTenant, Enumerable.Range(0, callers).Select(_ => NewResponse()).ToList());
        return callers;
    });

    // For scale, not a goal's baseline: the least a durable single call could do alone, one
    // transaction per response, in process (no network, no parsing).
    bareInsertEach = await RateAsync(async () =>
    {
        await bulk.InsertAsync(bareTenant, [NewResponse()]);
        return 1;
    });
}

rows.Add(Row("RecordResponse, bare handler (baseline)", bareSingle, 1));
rows.Add(Row("RecordResponse, measurement service", realSingle, realSingle / bareSingle));
rows.Add(Row("RecordResponses ×100, bare handler (baseline)", bareBatch, 1));
rows.Add(Row("RecordResponses ×100, measurement service", realBatch, realBatch / bareBatch));
if (bareInsert is { } insert)
{
    rows.Add(Row("×100 bare bulk insert of the same rows, same database (baseline)", insert, 1));
    rows.Add(Row("RecordResponses ×100, measurement service, vs the bulk insert", realBatch, realBatch / insert));
}

// The ceiling of single calls against their goal's baseline: neither the service's batches (every
// per-call cost shared by 100 responses) nor a bare writer of only some of the rows, given the
// group a single-call load can form, is a call's cost away from the bare handler.
rows.Add(Row("RecordResponses ×100, measurement service, vs the single-call bare handler (ceiling)", realBatch, realBatch / bareSingle));
if (bareInsertGroup is { } group)
{
    rows.Add(Row($"bare insert of {callers} responses per transaction (the largest single-call group), vs the single-call bare handler (ceiling)", group, group / bareSingle));
}

if (bareInsertEach is { } each)
{
    rows.Add(Row("bare insert of one response per transaction, same database, in process (for scale)", each, 1));
    rows.Add(Row("RecordResponse, measurement service, vs one response per transaction", realSingle, realSingle / each));
}

Console.WriteLine($"| ingestion ({callers} callers, {seconds} s each) | responses/s | vs baseline |");
Console.WriteLine("|---|---|---|");
rows.ForEach(Console.WriteLine);

Console.WriteLine();
Console.WriteLine("| responses recorded | GetResults overall p50 ms | by day (300 days) p50 ms | by journey step, filtered p50 ms | one employee of 100 (answers) p50 ms |");
Console.WriteLine("|---|---|---|---|---|");
// A tenant of its own, so the series starts from zero responses.
tenantName = "query-" + tenantName;
tenant = As(tenantName);
await real.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, tenant);
var loaded = 0L;
foreach (var size in sizes)
{
    var loading = Stopwatch.StartNew();
    await LoadAsync(loaded, size, response => response);
    loaded = size;
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {size:N0} responses ({loading.Elapsed.TotalSeconds:F0} s)"));
    if (databaseFile.Length > 0)
    {
        // Queries are timed on an idle service: the relay has published every event the load raised.
        var draining = Stopwatch.StartNew();
        await WaitForOutboxAsync(databaseFile);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outbox drained ({draining.Elapsed.TotalSeconds:F0} s)"));
    }

    var overall = await LatencyAsync(new GetResultsRequest { MetricId = "nps" });
    var byDay = await LatencyAsync(new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.Day });
    var filtered = await LatencyAsync(new GetResultsRequest { MetricId = "nps", GroupBy = Grouping.JourneyStep, Filter = new ResultFilter { Channels = { "web" }, Regions = { "north" } } });
    var byEmployee = await LatencyAsync(new GetResultsRequest { MetricId = "nps", Filter = new ResultFilter { EmployeeIds = { "e-7" } } });
    var recorded = (await real.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, tenant)).Results[0].N;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {recorded:N0} | {overall:F1} | {byDay:F1} | {filtered:F1} | {byEmployee:F1} |"));
}

// Driver analysis as the responses grow: whole months read the monthly score combinations; a
// range from mid-month reads that half month from the answers and the rest from the combinations;
// a filter on employees reads only the answers: one employee's through their index, and all 100
// (every response) as the most such a filter can read.
if (driverSizes.Length > 0)
{
    Console.WriteLine();
    Console.WriteLine("| responses with NPS and two driver ratings | AnalyseDrivers, whole months (combinations), p50 ms | from mid-January (half a month of answers), p50 ms | one employee of 100 (answers only), p50 ms | all 100 employees (every answer), p50 ms |");
    Console.WriteLine("|---|---|---|---|---|");
    tenantName = "drivers-" + tenantName;
    tenant = As(tenantName);
    await real.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, tenant);
    foreach (var rating in new[] { "ease", "speed" })
    {
        await real.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = rating, Kind = MetricKind.Rating, Name = rating, ScaleMin = 1, ScaleMax = 5, HigherIsBetter = true } }, tenant);
    }

    var rated = 0L;
    foreach (var size in driverSizes)
    {
        await LoadAsync(rated, size, WithDrivers);
        rated = size;
        if (databaseFile.Length > 0)
        {
            await WaitForOutboxAsync(databaseFile);
        }

        var fromCombinations = await DriverLatencyAsync(new ResultFilter());
        var fromMidMonth = await DriverLatencyAsync(new ResultFilter { From = Timestamp.FromDateTime(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc)) });
        var fromAnswers = await DriverLatencyAsync(new ResultFilter { EmployeeIds = { "e-1" } });
        var everyEmployee = new ResultFilter();
        everyEmployee.EmployeeIds.Add(Enumerable.Range(0, 100).Select(e => "e-" + e.ToString(CultureInfo.InvariantCulture)));
        var fromEveryAnswer = await DriverLatencyAsync(everyEmployee);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {size:N0} | {fromCombinations:F1} | {fromMidMonth:F1} | {fromAnswers:F1} | {fromEveryAnswer:F1} |"));
    }
}

await bareApp.StopAsync();

// Records the current tenant's responses from `from` up to `size`, 1,000 per call, by four
// callers at once, as an integration would load them.
async Task LoadAsync(long from, long size, Func<Response, Response> shape)
{
    var next = from;
    await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
    {
        while (Interlocked.Add(ref next, 1_000) <= size)
        {
            var request = new RecordResponsesRequest();
            request.Responses.Add(Enumerable.Range(0, 1_000).Select(_ => shape(NewResponse())));
            await real.RecordResponsesAsync(request, tenant);
        }
    }));
}

// NPS driven by ease (strongly) and speed (weakly), with noise: a real driver to find.
Response WithDrivers(Response response)
{
    // SplitMix64 of the submission number: independent-looking scores, the same on every run.
    var h = ulong.Parse(response.SubmissionId[2..], CultureInfo.InvariantCulture) + 0x9E3779B97F4A7C15UL;
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
    h ^= h >> 31;
    var ease = (int)(h % 5) + 1;
    var speed = (int)(h / 5 % 5) + 1;
    var noise = (int)(h / 25 % 5) - 2;
    response.Answers[0].Score = Math.Clamp((2 * ease) + (speed / 2) + noise - 2, 0, 10);
    response.Answers.Add(new Answer { MetricId = "ease", Score = ease });
    response.Answers.Add(new Answer { MetricId = "speed", Score = speed });
    return response;
}

Task<double> DriverLatencyAsync(ResultFilter filter) =>
    MedianMillisecondsAsync(() => real.AnalyseDriversAsync(new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "ease", "speed" }, Filter = filter }, tenant).ResponseAsync, warmUps: 1, samples: 5);

Task<double> LatencyAsync(GetResultsRequest request) =>
    MedianMillisecondsAsync(() => real.GetResultsAsync(request, tenant).ResponseAsync, warmUps: 20, samples: 200);

// A few calls first, so the first samples do not time a cold cache; then the median of the rest.
async Task<double> MedianMillisecondsAsync<T>(Func<Task<T>> call, int warmUps, int samples)
{
    for (var i = 0; i < warmUps; i++)
    {
        await call();
    }

    var timings = new List<double>();
    for (var i = 0; i < samples; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    timings.Sort();
    return timings[timings.Count / 2];
}

static async Task WaitForOutboxAsync(string databaseFile)
{
    await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly");
    await connection.OpenAsync();
    await using var pending = connection.CreateCommand();
    pending.CommandText = "SELECT COUNT(*) FROM cx_outbox WHERE PublishedAt IS NULL";
    while ((long)(await pending.ExecuteScalarAsync())! > 0)
    {
        await Task.Delay(1_000);
    }
}

string Row(string name, double rate, double ratio) => string.Create(CultureInfo.InvariantCulture, $"| {name} | {rate:N0} | {ratio:F2} |");

Metadata As(string tenantId)
{
    using var key = Cx.ServiceDefaults.Identity.IdentityKeyFiles.LoadPrivateKey(identityKeys, "gateway");
    var token = Cx.ServiceDefaults.Identity.IdentityToken.Create(key, "gateway", "measurement", tenantId, "bench", ["measurement:admin"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));
    return new Metadata { { Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, token } };
}

string Argument(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
