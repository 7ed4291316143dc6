using System.Diagnostics;
using System.Globalization;
using Cx.Understanding.V1;
using Grpc.Core;

namespace Cx.Bench.Understanding;

/// <summary>
/// Segment queries against the size of the tenant's history. Each size gets its own tenant: a
/// customer for every ten interactions, profiles and interactions written straight into the
/// service's database, then two segments created through the gRPC API so the service builds their
/// membership over that data itself: one on behaviour (three contacts in 90 days, over the
/// interactions) and one on an attribute (tier gold, a third of the customers). Then GetSegment
/// (with its member count), ListSegmentMembers' first page and a page halfway through the members
/// (by its page token) are timed through the gRPC API, the sizes in turns. Flat is when what a
/// query reads follows the page, not the tenant's customers or the segment's members.
/// </summary>
internal static class SegmentQueriesBench
{
    private const int InteractionsPerCustomer = 10;

    private const int PageSize = 25;

    private static readonly (string Id, string Name, SegmentCondition Condition)[] Segments =
    [
        ("frequent", "Three contacts in 90 days", new SegmentCondition { Contacts = new ContactCondition { Count = 3, WindowDays = 90 } }),
        ("gold", "Gold tier", new SegmentCondition { Attribute = new AttributeCondition { Key = "tier", Operator = AttributeOperator.Equals, Values = { "gold" } } }),
    ];

    private static readonly string[] Tiers = ["gold", "silver", "bronze"];

    public static async Task<int> RunAsync(UnderstandingService.UnderstandingServiceClient client, Func<string, Metadata> asTenant, string databaseFile, int[] sizes, int samples)
    {
        var tenants = new Dictionary<int, string>();
        foreach (var size in sizes)
        {
            var tenant = "segq-" + size.ToString(CultureInfo.InvariantCulture) + "-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
            var customers = Math.Max(1, size / InteractionsPerCustomer);
            var now = DateTime.UtcNow;
            var seeding = Stopwatch.StartNew();
            await TenantSeed.ProfilesAsync(databaseFile, tenant, customers, Customer, n => new Dictionary<string, string> { ["tier"] = Tiers[n % Tiers.Length] }, now);

            // The last year up to now: the contacts condition's window is read from the service's clock.
            var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddDays(-365);
            await TenantSeed.InteractionsAsync(databaseFile, tenant, size, n => Customer(Math.Min(n / InteractionsPerCustomer, customers - 1)), start, 365);
            Console.Error.WriteLine($"seeded {customers:N0} profiles and {size:N0} interactions in {seeding.Elapsed.TotalSeconds:F1} s");

            var building = Stopwatch.StartNew();
            foreach (var (id, name, condition) in Segments)
            {
                await client.CreateSegmentAsync(new CreateSegmentRequest { Segment = new Segment { SegmentId = id, Name = name, Rule = new SegmentRule { AllOf = { condition } } } }, asTenant(tenant));
            }

            await ReadyAsync(client, () => asTenant(tenant), customers);
            Console.Error.WriteLine($"the service built both segments over {customers:N0} customers in {building.Elapsed.TotalSeconds:F1} s");
            tenants[size] = tenant;
        }

        // Each join raised an event: measure once they are all published, not while the relay works through them.
        var draining = Stopwatch.StartNew();
        while (await TenantSeed.CountAsync(databaseFile, "SELECT COUNT(*) FROM cx_outbox WHERE \"PublishedAt\" IS NULL") > 0)
        {
            await Task.Delay(1_000);
        }

        Console.Error.WriteLine($"outbox drained in {draining.Elapsed.TotalSeconds:F1} s");

        var callers = tenants.ToDictionary(t => t.Key, t => asTenant(t.Value));
        var counts = new Dictionary<(int Size, string Segment), long>();
        var halfway = new Dictionary<(int Size, string Segment), string>();
        foreach (var size in sizes)
        {
            foreach (var (id, _, _) in Segments)
            {
                var segment = await client.GetSegmentAsync(new GetSegmentRequest { SegmentId = id }, callers[size]);
                counts[(size, id)] = segment.MemberCount;

                // The count GetSegment answers is kept by upkeep, not counted when asked: it must be the rows'.
                var rows = await TenantSeed.CountAsync(databaseFile, $"SELECT COUNT(*) FROM segment_members WHERE \"TenantId\" = '{tenants[size]}' AND \"SegmentId\" = '{id}'");
                if (rows != segment.MemberCount)
                {
                    Console.Error.WriteLine($"segment {id} of {tenants[size]} says {segment.MemberCount:N0} members, its rows are {rows:N0}");
                }

                halfway[(size, id)] = await HalfwayAsync(client, callers[size], id, segment.MemberCount);
            }
        }

        var calls = new List<Func<int, Task>>();
        foreach (var (id, _, _) in Segments)
        {
            var get = new GetSegmentRequest { SegmentId = id };
            var first = new ListSegmentMembersRequest { SegmentId = id, PageSize = PageSize };
            var later = sizes.ToDictionary(size => size, size => new ListSegmentMembersRequest { SegmentId = id, PageSize = PageSize, PageToken = halfway[(size, id)] });
            calls.Add(size => client.GetSegmentAsync(get, callers[size]).ResponseAsync);
            calls.Add(size => client.ListSegmentMembersAsync(first, callers[size]).ResponseAsync);
            calls.Add(size => client.ListSegmentMembersAsync(later[size], callers[size]).ResponseAsync);
        }

        var timings = await Turns.MeasureAsync(sizes, calls, warmUp: 100, samples);
        var medians = timings.ToDictionary(t => t.Key, t => t.Value.Select(Turns.Median).ToArray());

        Console.WriteLine("| interactions in the tenant | customers | segment | members | GetSegment p50 ms | ListSegmentMembers first page p50 ms | a page halfway p50 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            for (var s = 0; s < Segments.Length; s++)
            {
                var m = medians[size];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size:N0} | {Math.Max(1, size / InteractionsPerCustomer):N0} | {Segments[s].Name.ToLowerInvariant()} | {counts[(size, Segments[s].Id)]:N0} | {m[3 * s]:F2} | {m[3 * s + 1]:F2} | {m[3 * s + 2]:F2} |"));
            }
        }

        // The service's queries as EF Core writes them, the parameters in place.
        var largest = sizes[^1];
        var where = "WHERE \"s\".\"TenantId\" = '" + tenants[largest] + "' AND \"s\".\"SegmentId\" = 'frequent'";
        const string members = "SELECT \"s\".\"TenantId\", \"s\".\"SegmentId\", \"s\".\"CustomerId\", \"s\".\"LapsesAtUtc\", \"s\".\"SinceUtc\" FROM \"segment_members\" AS \"s\" ";
        var middle = Customer(Math.Max(1, largest / InteractionsPerCustomer) / 2);
        Console.WriteLine();
        Console.WriteLine("SQLite's plans, in the largest tenant:");
        Console.WriteLine("  the segment (GetSegment, and ListSegmentMembers first): " + await TenantSeed.PlanAsync(databaseFile, "SELECT * FROM \"segments\" AS \"s\" " + where + " LIMIT 1"));
        Console.WriteLine("  ListSegmentMembers first page: " + await TenantSeed.PlanAsync(databaseFile, members + where + " ORDER BY \"s\".\"CustomerId\" LIMIT 26"));
        Console.WriteLine("  a later page: " + await TenantSeed.PlanAsync(databaseFile, members + where + " AND \"s\".\"CustomerId\" > '" + middle + "' ORDER BY \"s\".\"CustomerId\" LIMIT 26"));

        Console.WriteLine();
        var met = true;
        var smallest = sizes[0];
        for (var s = 0; s < Segments.Length; s++)
        {
            var ratios = Enumerable.Range(3 * s, 3).Select(q => medians[largest][q] / medians[smallest][q]).ToArray();
            met &= ratios.All(r => r <= 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio {largest:N0} / {smallest:N0}, {Segments[s].Name.ToLowerInvariant()}: GetSegment {ratios[0]:F2}, first page {ratios[1]:F2}, halfway {ratios[2]:F2} (goal: within 2)"));
        }

        return met ? 0 : 1;
    }

    private static string Customer(int n) => "c-" + n.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>Waits until the service has evaluated every customer against both segments (the upkeep job builds a page of them per run).</summary>
    private static async Task ReadyAsync(UnderstandingService.UnderstandingServiceClient client, Func<Metadata> caller, int customers)
    {
        var reported = Stopwatch.StartNew();
        while (true)
        {
            var metadata = caller();
            var segments = new List<Segment>();
            foreach (var (id, _, _) in Segments)
            {
                segments.Add(await client.GetSegmentAsync(new GetSegmentRequest { SegmentId = id }, metadata));
            }

            if (segments.All(s => s.State == SegmentState.Ready))
            {
                return;
            }

            if (reported.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine($"  building: {string.Join(", ", segments.Select(s => $"{s.SegmentId} {s.CustomersEvaluated:N0} of {customers:N0}"))}");
                reported.Restart();
            }

            await Task.Delay(1_000);
        }
    }

    /// <summary>The page token a caller holds halfway through the segment's members, found by following next_page_token.</summary>
    private static async Task<string> HalfwayAsync(UnderstandingService.UnderstandingServiceClient client, Metadata caller, string segmentId, long members)
    {
        var wanted = Math.Max(1, members / 2);
        var pageSize = (int)Math.Clamp(wanted, 1, 100);
        var read = 0L;
        var token = string.Empty;
        while (read < wanted)
        {
            var page = await client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = segmentId, PageSize = pageSize, PageToken = token }, caller);
            read += page.Members.Count;
            token = page.NextPageToken;
            if (token.Length == 0)
            {
                throw new InvalidOperationException($"Segment {segmentId} ended after {read:N0} members, before half of its {members:N0}.");
            }
        }

        return token;
    }
}
