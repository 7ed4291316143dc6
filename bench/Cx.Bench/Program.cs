using System.Globalization;
using Cx.Bench;
using Cx.Platform.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

// Usage: Cx.Bench --grpc 127.0.0.1:7100 --http http://127.0.0.1:7101 --identity-keys DATA/identity [--concurrency 32] [--seconds 5] [--rounds 3]
// Rounds interleave the scenarios, so a noisy neighbour slows all of them alike; ratios are per round.
var options = Arguments.Parse(args);
using var channel = GrpcChannel.ForAddress("http://" + options.GrpcAddress);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency }) { BaseAddress = options.HttpUrl };
// The identity the gateway would sign, from cx up's data directory (a run is shorter than its life).
var token = Cx.ServiceDefaults.Identity.IdentityToken.Create(
    Cx.ServiceDefaults.Identity.IdentityKeyFiles.LoadPrivateKey(options.IdentityKeys, "gateway"), "gateway", "platform", "bench", "bench", ["platform:read"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));
var tenant = new Metadata { { Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, token } };
var health = new Health.HealthClient(channel);
var platform = new PlatformService.PlatformServiceClient(channel);

Scenario[] scenarios =
[
    new("gRPC health check (baseline)", async ct =>
    {
        var reply = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: ct);
        Expect(reply.Status == HealthCheckResponse.Types.ServingStatus.Serving, "health is not SERVING");
    }),
    new("gRPC GetInfo (tenant, interceptors, telemetry)", async ct =>
    {
        var info = await platform.GetInfoAsync(new GetInfoRequest(), tenant, cancellationToken: ct);
        Expect(info.Tenant == "bench", "GetInfo did not echo the tenant");
    }),
    new("gRPC ListServices rejected (INVALID_ARGUMENT + BadRequest)", async ct =>
    {
        try
        {
            await platform.ListServicesAsync(new ListServicesRequest { PageSize = -1 }, tenant, cancellationToken: ct);
            Expect(false, "a negative page size was accepted");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
        }
    }),
    new("REST GET /api/platform/v1/info (HTTP/1.1 transcoding)", async ct =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/platform/v1/info");
        request.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, token);
        using var response = await http.SendAsync(request, ct);
        Expect(response.IsSuccessStatusCode, $"REST answered {(int)response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync(ct);
    }),
];

Console.Error.WriteLine($"warming up ({scenarios.Length} scenarios, {options.Concurrency} concurrent callers)");
foreach (var scenario in scenarios)
{
    await LoadRunner.RunAsync(scenario, options.Concurrency, TimeSpan.FromSeconds(2));
}

var results = scenarios.ToDictionary(s => s.Name, _ => new List<RoundResult>());
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var scenario in scenarios)
    {
        var result = await LoadRunner.RunAsync(scenario, options.Concurrency, TimeSpan.FromSeconds(options.Seconds));
        results[scenario.Name].Add(result);
        Console.Error.WriteLine(FormattableString.Invariant($"round {round}: {scenario.Name}: {result.CallsPerSecond:F0} calls/s"));
    }
}

var baseline = results[scenarios[0].Name];
Console.WriteLine(FormattableString.Invariant($"| scenario ({options.Concurrency} concurrent callers, {options.Rounds}×{options.Seconds} s) | calls/s (median round) | p50 ms | p99 ms | throughput vs baseline (median of per-round ratios) |"));
Console.WriteLine("|---|---|---|---|---|");
foreach (var scenario in scenarios)
{
    var rounds = results[scenario.Name];
    var ratio = Median(rounds.Select((r, i) => r.CallsPerSecond / baseline[i].CallsPerSecond));
    Console.WriteLine(FormattableString.Invariant(
        $"| {scenario.Name} | {Median(rounds.Select(r => r.CallsPerSecond)):F0} | {Median(rounds.Select(r => r.P50Milliseconds)):F2} | {Median(rounds.Select(r => r.P99Milliseconds)):F2} | {ratio:F2} |"));
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

internal sealed record Arguments(string GrpcAddress, Uri HttpUrl, string IdentityKeys, int Concurrency, int Seconds, int Rounds)
{
    public static Arguments Parse(string[] args)
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

        return new Arguments(Value("--grpc", null), new Uri(Value("--http", null)), Value("--identity-keys", null), Number("--concurrency", "32"), Number("--seconds", "5"), Number("--rounds", "3"));
    }
}
