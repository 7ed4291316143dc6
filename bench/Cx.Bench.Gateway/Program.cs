using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Cx.Bench;
using Cx.Bench.Gateway;
using Cx.Common.V1;
using Cx.Measurement.V1;
using Grpc.Core;
using Grpc.Net.Client;

// Usage: Cx.Bench.Gateway --service-grpc 127.0.0.1:7740 --service-http 127.0.0.1:7741
//            --gateway-grpc 127.0.0.1:7790 --gateway-http 127.0.0.1:7791 --key-file DATA/gateway/dev-key
//            [--bare-grpc-port 7795] [--bare-http-port 7796] [--concurrency 32] [--seconds 4] [--rounds 3] [--warmup 2]
// The same measurement calls (a read, a write and a batch of 100 writes, each over gRPC and REST) go three ways: straight
// to the service, through a bare YARP hop hosted in this process, and through the gateway with the
// development key (authentication, permission, rate limit, security headers, tenant forwarding).
// Rounds interleave every scenario, so a noisy neighbour slows all of them alike; ratios are per round.
// Any failed call fails the run.
var options = GatewayBenchArguments.Parse(args);
var key = (await File.ReadAllTextAsync(options.KeyFile)).Trim();
const string Tenant = "demo";
const string MetricId = "gateway-bench-nps";
const int BatchSize = 100;
var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

var serviceGrpc = new Uri("http://" + options.ServiceGrpc);
var serviceHttp = new Uri("http://" + options.ServiceHttp);
await using var bare = await BareYarp.StartAsync(options.BareGrpcPort, options.BareHttpPort, serviceGrpc, serviceHttp);

// Straight to the service (and through the bare hop), calls carry the identity the gateway would sign.
var tenantHeaders = new Metadata
{
    {
        Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey,
        Cx.ServiceDefaults.Identity.IdentityToken.Create(Cx.ServiceDefaults.Identity.IdentityKeyFiles.LoadPrivateKey(options.IdentityKeys, "gateway"), "gateway", "measurement", Tenant, "bench", ["measurement:admin"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))
    },
};
var keyHeaders = new Metadata { { "x-api-key", key } };
using var direct = new CallPath("direct", serviceGrpc, serviceHttp, tenantHeaders, options.Concurrency);
using var bareHop = new CallPath("bare YARP", new Uri($"http://127.0.0.1:{options.BareGrpcPort}"), new Uri($"http://127.0.0.1:{options.BareHttpPort}"), tenantHeaders, options.Concurrency);
using var gateway = new CallPath("gateway", new Uri("http://" + options.GatewayGrpc), new Uri("http://" + options.GatewayHttp), keyHeaders, options.Concurrency);
CallPath[] paths = [direct, bareHop, gateway];

await EnsureMetricAsync(direct);
await CheckGatewayPoliciesAsync();

var submissions = 0L;
string[] steps = ["browse", "checkout", "delivery", "support"];
(string Id, int Score, string Channel, string Step, string Region) NextSubmission()
{
    var n = Interlocked.Increment(ref submissions);
    return ("gw-" + run + "-" + n.ToString(CultureInfo.InvariantCulture), (int)(n % 11), n % 3 == 0 ? "app" : "web", steps[n % 4], n % 2 == 0 ? "north" : "south");
}

// Every call checks its answer; a failure is counted, and the round it happened in ends the run.
var calls = new (string Name, bool Writes, Func<CallPath, Func<CancellationToken, Task>> For)[]
{
    ("gRPC GetMetricDefinition", false, path => async ct =>
    {
        var metric = await path.Client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = MetricId }, path.Headers, cancellationToken: ct);
        Expect(metric.MetricId == MetricId, $"GetMetricDefinition answered metric '{metric.MetricId}'");
    }),
    ("REST GET metrics/{id}", false, path => async ct =>
    {
        using var response = await path.Http.GetAsync(new Uri("/api/measurement/v1/metrics/" + MetricId, UriKind.Relative), ct);
        using var json = await ReadJsonAsync(response, ct);
        Expect(json.RootElement.TryGetProperty("metricId", out var id) && id.GetString() == MetricId, "GET metrics/{id} answered another metric");
    }),
    ("gRPC RecordResponse", true, path => async ct =>
    {
        var s = NextSubmission();
        var request = new RecordResponseRequest
        {
            Response = new Response
            {
                SubmissionId = s.Id,
                Context = new ResponseContext { Channel = s.Channel, JourneyId = "purchase", JourneyStepId = s.Step, Region = s.Region },
                Answers = { new Answer { MetricId = MetricId, Score = s.Score } },
            },
        };
        var result = await path.Client.RecordResponseAsync(request, path.Headers, cancellationToken: ct);
        Expect(result.ResponseId.Length > 0 && !result.Duplicate, "RecordResponse did not record a new response");
    }),
    ("REST POST responses", true, path => async ct =>
    {
        var s = NextSubmission();
        var body = string.Create(CultureInfo.InvariantCulture, $$$"""
            {"response":{"submissionId":"{{{s.Id}}}","context":{"channel":"{{{s.Channel}}}","journeyId":"purchase","journeyStepId":"{{{s.Step}}}","region":"{{{s.Region}}}"},"answers":[{"metricId":"{{{MetricId}}}","score":{{{s.Score}}}}]}}
            """);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await path.Http.PostAsync(new Uri("/api/measurement/v1/responses", UriKind.Relative), content, ct);
        using var json = await ReadJsonAsync(response, ct);
        var recorded = json.RootElement.TryGetProperty("responseId", out var id) && id.GetString()?.Length > 0;
        var duplicate = json.RootElement.TryGetProperty("duplicate", out var flag) && flag.GetBoolean();
        Expect(recorded && !duplicate, "POST responses did not record a new response");
    }),
    ($"gRPC RecordResponses ×{BatchSize}", true, path => async ct =>
    {
        var request = new RecordResponsesRequest();
        for (var i = 0; i < BatchSize; i++)
        {
            var s = NextSubmission();
            request.Responses.Add(new Response
            {
                SubmissionId = s.Id,
                Context = new ResponseContext { Channel = s.Channel, JourneyId = "purchase", JourneyStepId = s.Step, Region = s.Region },
                Answers = { new Answer { MetricId = MetricId, Score = s.Score } },
            });
        }

        var result = await path.Client.RecordResponsesAsync(request, path.Headers, cancellationToken: ct);
        Expect(result.Recorded == BatchSize, $"RecordResponses recorded {result.Recorded} of {BatchSize}");
    }),
    ($"REST POST responses:batch ×{BatchSize}", true, path => async ct =>
    {
        var body = new StringBuilder("{\"responses\":[");
        for (var i = 0; i < BatchSize; i++)
        {
            var s = NextSubmission();
            body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$$"""
                {"submissionId":"{{{s.Id}}}","context":{"channel":"{{{s.Channel}}}","journeyId":"purchase","journeyStepId":"{{{s.Step}}}","region":"{{{s.Region}}}"},"answers":[{"metricId":"{{{MetricId}}}","score":{{{s.Score}}}}]}
                """);
        }

        using var content = new StringContent(body.Append("]}").ToString(), Encoding.UTF8, "application/json");
        using var response = await path.Http.PostAsync(new Uri("/api/measurement/v1/responses:batch", UriKind.Relative), content, ct);
        using var json = await ReadJsonAsync(response, ct);
        Expect(json.RootElement.TryGetProperty("recorded", out var recorded) && recorded.GetInt32() == BatchSize, $"POST responses:batch did not record {BatchSize} responses");
    }),
};

var scenarios = new List<(Scenario Scenario, Tally Tally, string Call, CallPath Path)>();
foreach (var (name, _, make) in calls)
{
    foreach (var path in paths)
    {
        var tally = new Tally();
        var call = make(path);
        scenarios.Add((new Scenario($"{name}, {path.Name}", async ct =>
        {
            try
            {
                await call(ct);
                Interlocked.Increment(ref tally.Succeeded);
            }
#pragma warning disable CA1031 // Every failure is counted and then fails the run.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (Interlocked.Increment(ref tally.Failed) == 1)
                {
                    tally.FirstError = e.GetType().Name + ": " + e.Message;
                }
            }
        }), tally, name, path));
    }
}

// One call of each first, so a wrong key or route fails before any timing starts.
foreach (var (scenario, tally, _, _) in scenarios)
{
    await scenario.CallAsync(CancellationToken.None);
    FailIfAnyFailed(scenario, tally);
}

Console.Error.WriteLine(FormattableString.Invariant($"warming up ({scenarios.Count} scenarios, {options.Concurrency} concurrent callers, {options.Warmup} s each)"));
foreach (var (scenario, tally, _, _) in scenarios)
{
    await LoadRunner.RunAsync(scenario, options.Concurrency, TimeSpan.FromSeconds(options.Warmup));
    FailIfAnyFailed(scenario, tally);
}

var results = scenarios.ToDictionary(s => s.Scenario.Name, _ => new List<RoundResult>());
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var group in scenarios.GroupBy(s => s.Call))
    {
        // The paths of one call take turns going first, so none always runs on a fuller table.
        var ordered = group.ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            var (scenario, tally, _, _) = ordered[(i + round - 1) % ordered.Length];
            var result = await LoadRunner.RunAsync(scenario, options.Concurrency, TimeSpan.FromSeconds(options.Seconds));
            FailIfAnyFailed(scenario, tally);
            results[scenario.Name].Add(result);
            Console.Error.WriteLine(FormattableString.Invariant($"round {round}: {scenario.Name}: {result.CallsPerSecond:F0} calls/s"));
        }
    }
}

Console.WriteLine(FormattableString.Invariant($"| call ({options.Concurrency} concurrent callers, {options.Rounds}×{options.Seconds} s, {Environment.ProcessorCount} cores) | path | calls/s (median round) | slowest–fastest round | p50 ms | p99 ms |"));
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (scenario, _, call, path) in scenarios)
{
    var rounds = results[scenario.Name];
    Console.WriteLine(FormattableString.Invariant(
        $"| {call} | {path.Name} | {Median(rounds.Select(r => r.CallsPerSecond)):F0} | {rounds.Min(r => r.CallsPerSecond):F0}–{rounds.Max(r => r.CallsPerSecond):F0} | {Median(rounds.Select(r => r.P50Milliseconds)):F2} | {Median(rounds.Select(r => r.P99Milliseconds)):F2} |"));
}

Console.WriteLine();
Console.WriteLine("| call | bare YARP vs direct | gateway vs bare YARP | gateway vs direct |");
Console.WriteLine("|---|---|---|---|");
var goals = new List<string>();
foreach (var (name, writes, _) in calls)
{
    double Ratio(CallPath over, CallPath under) =>
        Median(results[$"{name}, {over.Name}"].Select((r, i) => r.CallsPerSecond / results[$"{name}, {under.Name}"][i].CallsPerSecond));
    var (bareVsDirect, gatewayVsBare, gatewayVsDirect) = (Ratio(bareHop, direct), Ratio(gateway, bareHop), Ratio(gateway, direct));
    Console.WriteLine(FormattableString.Invariant($"| {name} | {bareVsDirect:F2} | {gatewayVsBare:F2} | {gatewayVsDirect:F2} |"));
    goals.Add(FormattableString.Invariant(
        $"{name}: the gateway's policies cost {(1 - gatewayVsBare) * 100:F1}% of the bare hop's throughput (goal ≤ 15%): {(gatewayVsBare >= 0.85 ? "met" : "NOT met")}"));
    if (writes)
    {
        goals.Add(FormattableString.Invariant(
            $"{name}: gateway reaches {gatewayVsDirect:F2} of direct (goal ≥ 0.70): {(gatewayVsDirect >= 0.7 ? "met" : "NOT met")}"));
    }
}

Console.WriteLine();
goals.ForEach(g => Console.WriteLine("- " + g));
Console.WriteLine();
Console.WriteLine(FormattableString.Invariant(
    $"Every call succeeded: {scenarios.Sum(s => s.Tally.Succeeded):N0} calls, 0 failed (responses recorded: {Interlocked.Read(ref submissions):N0})."));

async Task EnsureMetricAsync(CallPath path)
{
    try
    {
        await path.Client.CreateMetricDefinitionAsync(
            new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = MetricId, Kind = MetricKind.Nps, Name = "NPS (gateway bench)" } },
            path.Headers);
    }
    catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
    {
        // A data directory used before: the metric is there already.
    }
}

// The gateway's policies are on for these calls, not just configured: a wrong key is refused, a
// tenant the caller sends is replaced by its key's, and answers carry the security headers.
async Task CheckGatewayPoliciesAsync()
{
    var wrongKey = new Metadata { { "x-api-key", key[..^1] + (key[^1] == 'x' ? 'y' : 'x') } };
    try
    {
        await gateway.Client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = MetricId }, wrongKey);
        Fail("the gateway accepted a wrong API key over gRPC");
    }
    catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
    {
    }

    using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/measurement/v1/metrics/" + MetricId))
    {
        // A header on the request wins over the client's default one.
        request.Headers.Add("x-api-key", wrongKey.GetValue("x-api-key"));
        using var response = await gateway.Http.SendAsync(request);
        Expect(response.StatusCode == HttpStatusCode.Unauthorized, $"the gateway answered {(int)response.StatusCode} to a wrong API key over REST, not 401");
    }

    var spoofed = new Metadata { { "x-api-key", key }, { "x-cx-tenant", "someone-else" } };
    using var call = gateway.Client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = MetricId }, spoofed);
    var metric = await call;
    Expect(metric.MetricId == MetricId, "the gateway let a caller choose its tenant");
    Expect((await call.ResponseHeadersAsync).GetValue("x-content-type-options") == "nosniff", "gateway gRPC answers lack the security headers");

    using var rest = await gateway.Http.GetAsync(new Uri("/api/measurement/v1/metrics/" + MetricId, UriKind.Relative));
    Expect(rest.IsSuccessStatusCode && rest.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Contains("nosniff"), "gateway REST answers lack the security headers");
}

void FailIfAnyFailed(Scenario scenario, Tally tally)
{
    if (Interlocked.Read(ref tally.Failed) > 0)
    {
        Fail(FormattableString.Invariant($"{scenario.Name}: {tally.Failed:N0} of {tally.Failed + tally.Succeeded:N0} calls failed; first: {tally.FirstError}"));
    }
}

static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
{
    var body = await response.Content.ReadAsByteArrayAsync(ct);
    Expect(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
    return JsonDocument.Parse(body);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static void Expect(bool condition, string problem)
{
    if (!condition)
    {
        throw new InvalidOperationException("Unexpected answer: " + problem);
    }
}

static void Fail(string problem)
{
    Console.Error.WriteLine("FAILED: " + problem);
    Environment.Exit(1);
}

/// <summary>Calls that succeeded and failed in one scenario, over the whole run.</summary>
internal sealed class Tally
{
#pragma warning disable CA1051 // Counted with Interlocked, which needs the fields themselves.
    public long Succeeded;
    public long Failed;
#pragma warning restore CA1051
    public string? FirstError { get; set; }
}

/// <summary>One way to reach the measurement service: a gRPC channel, an HTTP client and the headers that identify the caller.</summary>
internal sealed class CallPath : IDisposable
{
    private readonly GrpcChannel _channel;

    public CallPath(string name, Uri grpc, Uri http, Metadata headers, int concurrency)
    {
        Name = name;
        Headers = headers;
        _channel = GrpcChannel.ForAddress(grpc);
        Client = new MeasurementService.MeasurementServiceClient(_channel);
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = http };
        foreach (var header in headers)
        {
            Http.DefaultRequestHeaders.Add(header.Key, header.Value);
        }
    }

    public string Name { get; }

    public Metadata Headers { get; }

    public MeasurementService.MeasurementServiceClient Client { get; }

    public HttpClient Http { get; }

    public void Dispose()
    {
        Http.Dispose();
        _channel.Dispose();
    }
}

internal sealed record GatewayBenchArguments(
    string ServiceGrpc, string ServiceHttp, string GatewayGrpc, string GatewayHttp, string KeyFile, string IdentityKeys,
    int BareGrpcPort, int BareHttpPort, int Concurrency, int Seconds, int Rounds, int Warmup)
{
    public static GatewayBenchArguments Parse(string[] args)
    {
        string Value(string name, string? fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1]
                : fallback ?? throw new ArgumentException($"{name} is required");
        }

        int Number(string name, string fallback) => int.Parse(Value(name, fallback), CultureInfo.InvariantCulture) is var n and > 0
            ? n
            : throw new ArgumentException($"{name} must be positive");

        return new GatewayBenchArguments(
            Value("--service-grpc", null), Value("--service-http", null), Value("--gateway-grpc", null), Value("--gateway-http", null), Value("--key-file", null), Value("--identity-keys", null),
            Number("--bare-grpc-port", "7795"), Number("--bare-http-port", "7796"),
            Number("--concurrency", "32"), Number("--seconds", "4"), Number("--rounds", "3"), Number("--warmup", "2"));
    }
}
