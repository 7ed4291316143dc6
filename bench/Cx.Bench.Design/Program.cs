using System.Diagnostics;
using System.Globalization;
using Cx.Bench;
using Cx.Bench.Design;
using Cx.Common.V1;
using Cx.Design.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using M = Cx.Measurement.V1;

// Usage: Cx.Bench.Design --design 127.0.0.1:7970 --measurement 127.0.0.1:7960 --identity-keys DIR
//   --design-database FILE --measurement-database FILE [--per-step 300] [--days 180] [--window 90]
//   [--samples 200] [--warm-up 50]
// A fresh tenant gets NPS responses on the 30 steps of bench-journey through Measurement's API, and
// the same journey created and published through Design's; then GetJourneyScores for it is timed
// against the grouped GetResults call it rests on, for the same metric, journey and window (plain,
// and with the comparison to the previous period Design asks for), against GetJourney (Design's own
// reads, no call to Measurement), and, for scale, against GetResults over the same span as whole
// UTC days (which Measurement reads from its daily rollups), all in turns. The goal: GetJourneyScores
// within 2× of one grouped GetResults call, the plain one: the comparison is part of what
// GetJourneyScores answers, not of the call the goal measures it against.
var designTarget = Argument("--design", "127.0.0.1:7970");
var measurementTarget = Argument("--measurement", "127.0.0.1:7960");
var identityKeys = Argument("--identity-keys", "");
var designDatabase = Argument("--design-database", "");
var measurementDatabase = Argument("--measurement-database", "");
var perStep = Number("--per-step", 300);
var days = Number("--days", 180);
var window = Number("--window", 90);
var samples = Number("--samples", 200);
var warmUp = Number("--warm-up", 50);
if (identityKeys.Length == 0 || designDatabase.Length == 0 || measurementDatabase.Length == 0)
{
    Console.Error.WriteLine("--identity-keys, --design-database and --measurement-database are required (bench/run-design-bench sets them).");
    return 2;
}

using var designChannel = GrpcChannel.ForAddress("http://" + designTarget);
using var measurementChannel = GrpcChannel.ForAddress("http://" + measurementTarget);
var design = new DesignService.DesignServiceClient(designChannel);
var measurement = new M.MeasurementService.MeasurementServiceClient(measurementChannel);
var tenant = "design-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

var seeding = Stopwatch.StartNew();
await measurement.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = BenchJourney.MetricId, Kind = M.MetricKind.Nps, Name = "NPS" } }, As("measurement"));
var responses = BenchJourney.Responses(perStep, days, DateTimeOffset.UtcNow);
foreach (var batch in responses.Chunk(1_000))
{
    await measurement.RecordResponsesAsync(new M.RecordResponsesRequest { Responses = { batch } }, As("measurement"));
}

await BenchJourney.OutboxDrainedAsync(measurementDatabase);
await design.CreateJourneyAsync(new CreateJourneyRequest { Journey = BenchJourney.Journey() }, As("design"));
var published = await design.PublishJourneyAsync(new PublishJourneyRequest { JourneyId = BenchJourney.JourneyId }, As("design"));
var painPoints = await BenchJourney.PainPointsAsync(designDatabase, tenant);
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"seeded {responses.Count:N0} responses on {BenchJourney.StepIds.Count} steps over {days} days, the journey (version {published.Version}) and {painPoints} pain points in {seeding.Elapsed.TotalSeconds:F1} s"));

var scoresRequest = new GetJourneyScoresRequest { JourneyId = BenchJourney.JourneyId, MetricIds = { BenchJourney.MetricId }, WindowDays = window };
var journeyRequest = new GetJourneyRequest { JourneyId = BenchJourney.JourneyId, Version = published.Version };

// What is timed must answer what it is meant to: every step scored with Measurement's own figures.
var (designCaller, measurementCaller) = (As("design"), As("measurement"));
var scores = await design.GetJourneyScoresAsync(scoresRequest, designCaller);
var direct = await measurement.GetResultsAsync(Grouped(compare: true, scores.From.ToDateTimeOffset(), scores.To.ToDateTimeOffset()), measurementCaller);
var byStep = direct.Results.ToDictionary(r => r.Group, StringComparer.Ordinal);
var mismatched = scores.Steps.Where(s => s.Scores.Count != 1 || !byStep.TryGetValue(s.StepId, out var r) || r.N != s.Scores[0].N || r.HasScore != s.Scores[0].HasScore || r.Score != s.Scores[0].Score || !Equals(r.Change, s.Scores[0].Change)).Select(s => s.StepId).ToList();
if (scores.ScoresUnavailable.Length > 0 || scores.Steps.Count != BenchJourney.StepIds.Count || mismatched.Count > 0)
{
    Console.Error.WriteLine($"GetJourneyScores does not answer Measurement's figures: {scores.Steps.Count} steps, unavailable '{scores.ScoresUnavailable}', steps that differ: {string.Join(", ", mismatched)}");
    return 1;
}

var answersInWindow = scores.Steps.Sum(s => s.Scores[0].N);
var onTheMap = scores.Steps.Sum(s => s.IdentifiedPainPoints.Count);
var changed = scores.Steps.Count(s => s.Scores[0].Change?.Significant == true);
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{answersInWindow:N0} answers in the last {window} days, {changed} steps significantly changed from the {window} days before, {onTheMap} pain points on the map"));

Func<Task>[] calls =
[
    () => design.GetJourneyScoresAsync(scoresRequest, designCaller).ResponseAsync,
    () => measurement.GetResultsAsync(Grouped(compare: false), measurementCaller).ResponseAsync,
    () => measurement.GetResultsAsync(Grouped(compare: true), measurementCaller).ResponseAsync,
    () => design.GetJourneyAsync(journeyRequest, designCaller).ResponseAsync,
    () => measurement.GetResultsAsync(WholeDays(), measurementCaller).ResponseAsync,
];
string[] names =
[
    $"design `GetJourneyScores` ({BenchJourney.StepIds.Count} steps, 1 metric, {window} days)",
    "measurement `GetResults` by journey step, same filter (the baseline)",
    "measurement `GetResults` by journey step, same filter, `compare_to_previous_period` (the call design makes)",
    "design `GetJourney`, full view, same version (design's own reads alone)",
    $"measurement `GetResults` by journey step, the last {window} whole UTC days (from the rollups; for scale)",
];
var timings = await Turns.MeasureAsync(Enumerable.Range(0, calls.Length).ToList(), [c => calls[c]()], warmUp, samples);
var medians = timings.ToDictionary(t => t.Key, t => Turns.Median(t.Value[0]));

Console.WriteLine("| call | p50 ms | p90 ms | p50 vs the baseline |");
Console.WriteLine("|---|---|---|---|");
for (var c = 0; c < calls.Length; c++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {names[c]} | {medians[c]:F2} | {Turns.Percentile(timings[c][0], 0.9):F2} | {medians[c] / medians[1]:F2} |"));
}

var ratio = medians[0] / medians[1];
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"GetJourneyScores / one grouped GetResults: {ratio:F2} (goal: within 2); / the same call with compare_to_previous_period: {medians[0] / medians[2]:F2}; "
    + $"the comparison's own cost: {medians[2] / medians[1]:F2}× the plain call; design's overhead over the call it makes: {medians[0] - medians[2]:F2} ms"));
return ratio <= 2 ? 0 : 1;

// The window as Design sets it, up to now (not a whole day), so Measurement reads what it reads for GetJourneyScores.
M.GetResultsRequest Grouped(bool compare, DateTimeOffset? from = null, DateTimeOffset? upTo = null)
{
    var to = upTo ?? DateTimeOffset.UtcNow;
    return new M.GetResultsRequest
    {
        MetricId = BenchJourney.MetricId,
        GroupBy = M.Grouping.JourneyStep,
        CompareToPreviousPeriod = compare,
        Filter = new ResultFilter { JourneyIds = { BenchJourney.JourneyId }, From = Timestamp.FromDateTimeOffset(from ?? to.AddDays(-window)), To = Timestamp.FromDateTimeOffset(to) },
    };
}

// Midnight to midnight: the same span as a range Measurement may read from its daily rollups, which a window up to now is not.
M.GetResultsRequest WholeDays()
{
    var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
    return Grouped(compare: false, today.AddDays(1 - window), today.AddDays(1));
}

// The identity the gateway would sign for an administrator of the service's discipline.
Metadata As(string service)
{
    using var key = Cx.ServiceDefaults.Identity.IdentityKeyFiles.LoadPrivateKey(identityKeys, "gateway");
    var token = Cx.ServiceDefaults.Identity.IdentityToken.Create(key, "gateway", service, tenant, "bench", [service + ":admin"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));
    return new Metadata { { Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, token } };
}

int Number(string name, int fallback) => int.Parse(Argument(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string Argument(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
