using System.Diagnostics;
using System.Globalization;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cx.Bench.Understanding;

/// <summary>
/// Segment upkeep per event against the number of segments a tenant has. Each size gets its own
/// tenant with the same customers and the same five segments on contacts (three in a week), the
/// rest each reading an attribute of its own; then RecordInteraction, which evaluates the
/// customer against the segments that read contacts, is timed through the gRPC API, the sizes in
/// turns. Upkeep is flat when its cost follows the segments an event can change, not all of them.
/// </summary>
internal static class SegmentUpkeepBench
{
    private const int ContactSegments = 5;

    public static async Task<int> RunAsync(UnderstandingService.UnderstandingServiceClient client, Func<string, Metadata> asTenant, int[] segmentCounts, int customers, int samples)
    {
        var tenants = new List<(int Segments, Metadata Caller)>();
        foreach (var count in segmentCounts)
        {
            var caller = asTenant("segments-" + count.ToString(CultureInfo.InvariantCulture) + "-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture));
            var setup = Stopwatch.StartNew();
            foreach (var batch in Enumerable.Range(0, customers).Chunk(1_000))
            {
                await client.ImportProfilesAsync(new ImportProfilesRequest
                {
                    Profiles = { batch.Select(i => new Profile { CustomerId = Customer(i), Attributes = { ["a-" + (i % 50).ToString(CultureInfo.InvariantCulture)] = "x" } }) },
                }, caller);
            }

            for (var s = 0; s < count; s++)
            {
                var condition = s < ContactSegments
                    ? new SegmentCondition { Contacts = new ContactCondition { Count = 3, WindowDays = 7 + s } }
                    : new SegmentCondition { Attribute = new AttributeCondition { Key = "a-" + s.ToString(CultureInfo.InvariantCulture), Operator = AttributeOperator.Equals, Values = { "x" } } };
                await client.CreateSegmentAsync(new CreateSegmentRequest { Segment = new Segment { SegmentId = "s-" + s.ToString(CultureInfo.InvariantCulture), Name = "Segment " + s.ToString(CultureInfo.InvariantCulture), Rule = new SegmentRule { AllOf = { condition } } } }, caller);
            }

            Console.Error.WriteLine($"{count:N0} segments over {customers:N0} customers set up in {setup.Elapsed.TotalSeconds:F1} s");
            tenants.Add((count, caller));
        }

        var random = new Random(1);
        var next = 0;
        Task<TimelineEntry> Interaction(Metadata caller) => client.RecordInteractionAsync(new RecordInteractionRequest
        {
            Interaction = new Interaction
            {
                CustomerId = Customer(random.Next(customers)),
                Channel = "phone",
                OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
                ExternalId = "bench-" + (next++).ToString(CultureInfo.InvariantCulture),
            },
        }, caller).ResponseAsync;

        var callers = tenants.ToDictionary(t => t.Segments, t => t.Caller);
        var measured = await Turns.MeasureAsync(segmentCounts, [count => Interaction(callers[count])], warmUp: 50, samples);
        var timings = measured.ToDictionary(m => m.Key, m => m.Value[0]);

        Console.WriteLine("| segments in the tenant | of them reading contacts | RecordInteraction p50 ms | p90 ms |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (count, _) in tenants)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {count:N0} | {ContactSegments} | {Turns.Percentile(timings[count], 0.5):F2} | {Turns.Percentile(timings[count], 0.9):F2} |"));
        }

        var ratio = Turns.Percentile(timings[segmentCounts[^1]], 0.5) / Turns.Percentile(timings[segmentCounts[0]], 0.5);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {segmentCounts[^1]:N0} / {segmentCounts[0]:N0} segments: {ratio:F2} (goal: within 2)"));
        return ratio <= 2 ? 0 : 1;
    }

    private static string Customer(int i) => "c-" + i.ToString("D5", CultureInfo.InvariantCulture);
}
