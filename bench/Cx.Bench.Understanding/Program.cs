using System.Diagnostics;
using System.Globalization;
using Cx.Bench;
using Cx.Bench.Understanding;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

// Usage: Cx.Bench.Understanding --target 127.0.0.1:7640 --identity-keys DIR --database FILE
//   [--sizes 1000,1000000] [--own 500] [--samples 200]
//   or --mode segments [--segments 10,1000] [--customers 2000] [--samples 300]: segment upkeep per
//   event (SegmentUpkeepBench).
//   or --mode segment-queries [--sizes 1000,1000000] [--samples 200]: GetSegment and
//   ListSegmentMembers as the tenant's history grows (SegmentQueriesBench).
// For each size, a fresh tenant gets that many interactions written into the service's database
// (the measured customer --own of them); then ListTimeline is timed for that customer through the
// service's gRPC API, the sizes in turns: the first page, and a page filtered by channel and a time
// range. The ratio of the largest size's median to the smallest's is the figure the goal (within
// 2×) is about. The query plan SQLite picks for the same query is printed with it.
var target = Argument("--target", "127.0.0.1:7640");
var identityKeys = Argument("--identity-keys", "");
var databaseFile = Argument("--database", "");
var sizes = Argument("--sizes", "1000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var own = int.Parse(Argument("--own", "500"), CultureInfo.InvariantCulture);
var samples = int.Parse(Argument("--samples", "200"), CultureInfo.InvariantCulture);
var mode = Argument("--mode", "timeline");
using var channel = GrpcChannel.ForAddress("http://" + target);
var client = new UnderstandingService.UnderstandingServiceClient(channel);
if (mode == "segments")
{
    var counts = Argument("--segments", "10,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    return await SegmentUpkeepBench.RunAsync(client, As, counts,
        int.Parse(Argument("--customers", "2000"), CultureInfo.InvariantCulture), int.Parse(Argument("--samples", "300"), CultureInfo.InvariantCulture));
}

if (databaseFile.Length == 0 || identityKeys.Length == 0)
{
    Console.Error.WriteLine("--database and --identity-keys are required (bench/run-understanding-bench sets them).");
    return 2;
}

if (mode == "segment-queries")
{
    return await SegmentQueriesBench.RunAsync(client, As, databaseFile, sizes, samples);
}

if (mode != "timeline")
{
    Console.Error.WriteLine($"--mode {mode}: not a mode of this bench (timeline, segments, segment-queries).");
    return 2;
}

var tenants = new List<(int Size, string Tenant)>();
foreach (var size in sizes)
{
    var tenantName = "bench-" + size.ToString(CultureInfo.InvariantCulture) + "-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
    await client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "measured" } }, As(tenantName));
    var seeding = Stopwatch.StartNew();
    await TenantSeed.TimelineAsync(databaseFile, tenantName, "measured", size, Math.Min(own, size));
    Console.Error.WriteLine($"seeded {size:N0} interactions in {seeding.Elapsed.TotalSeconds:F1} s");
    tenants.Add((size, tenantName));
}

var first = new ListTimelineRequest { CustomerId = "measured", PageSize = 25 };
var filtered = new ListTimelineRequest
{
    CustomerId = "measured",
    Channels = { "chat" },
    From = Timestamp.FromDateTime(TenantSeed.Start.AddDays(60)),
    To = Timestamp.FromDateTime(TenantSeed.Start.AddDays(240)),
    PageSize = 25,
};

var metadata = tenants.ToDictionary(t => t.Size, t => As(t.Tenant));
var timings = await Turns.MeasureAsync(
    sizes,
    [size => client.ListTimelineAsync(first, metadata[size]).ResponseAsync, size => client.ListTimelineAsync(filtered, metadata[size]).ResponseAsync],
    warmUp: 100,
    samples);

var results = new List<(int Size, double First, double Filtered, int FilteredCount)>();
foreach (var (size, _) in tenants)
{
    var count = (await client.ListTimelineAsync(filtered, metadata[size])).Entries.Count;
    results.Add((size, Turns.Median(timings[size][0]), Turns.Median(timings[size][1]), count));
}

Console.WriteLine($"| interactions in the tenant | the customer's | ListTimeline first page p50 ms | by channel and time p50 ms (entries on the page) |");
Console.WriteLine("|---|---|---|---|");
foreach (var (size, firstMs, filteredMs, count) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {size:N0} | {Math.Min(own, size):N0} | {firstMs:F2} | {filteredMs:F2} ({count}) |"));
}

Console.WriteLine();
Console.WriteLine("SQLite's plan for the filtered page: " + await TenantSeed.PlanAsync(
    databaseFile,
    "SELECT * FROM timeline_entries AS t WHERE t.\"TenantId\" = 'x' AND t.\"CustomerId\" = 'measured' AND t.\"Channel\" IN ('chat') "
        + "AND t.\"OccurredAtUtc\" >= '2026-03-02 00:00:00' AND t.\"OccurredAtUtc\" < '2026-08-29 00:00:00' ORDER BY t.\"OccurredAtUtc\" DESC, t.\"EntryId\" DESC LIMIT 26"));

var smallest = results[0];
var largest = results[^1];
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {largest.Size:N0} / {smallest.Size:N0}: first page {largest.First / smallest.First:F2}, filtered {largest.Filtered / smallest.Filtered:F2} (goal: within 2)"));
return largest.First / smallest.First <= 2 && largest.Filtered / smallest.Filtered <= 2 ? 0 : 1;

Metadata As(string tenantId)
{
    using var key = Cx.ServiceDefaults.Identity.IdentityKeyFiles.LoadPrivateKey(identityKeys, "gateway");
    var token = Cx.ServiceDefaults.Identity.IdentityToken.Create(key, "gateway", "understanding", tenantId, "bench", ["understanding:admin"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));
    return new Metadata { { Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, token } };
}

string Argument(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
