using System.Security.Cryptography;
using System.Text;
using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cx.Measurement.Tests;

/// <summary>Results of the customers in Understanding's segments now, from its segment_membership_changed events.</summary>
public sealed class CustomerSegmentTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static string Customer(int i) => $"c-{i:D3}";

    private static int Nps(int i) => i % 11;

    private static int Ease(int i) => 1 + (i % 5);

    private static string Hash(string tenant, string customerId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant + "\n" + customerId)));

    private Task<DeliveryOutcome> ChangeAsync(string tenant, string eventId, string segment, string customer, bool joined, long sequence) =>
        host.DeliverAsync<MeasurementDb>(tenant, eventId, new SegmentMembershipChanged
        {
            SegmentId = segment,
            SegmentVersion = 1,
            CustomerId = customer,
            CustomerHash = Hash(tenant, customer),
            Joined = joined,
            Reason = joined ? SegmentMembershipReason.RuleMatched : SegmentMembershipReason.NoLongerMatches,
            At = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()),
            Sequence = sequence,
        }, customer);

    /// <summary>NPS as the service computes it: promoters' share less detractors', in points.</summary>
    private static double ExpectedNps(IEnumerable<int> customers)
    {
        var scores = customers.Select(Nps).ToList();
        return 100.0 * (scores.Count(s => s >= 9) - scores.Count(s => s <= 6)) / scores.Count;
    }

    private async Task<MetricResult> ResultAsync(string tenant, ResultFilter filter) =>
        (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", Filter = filter }, Tenant(tenant))).Results.Single();

    [Fact]
    public async Task Results_OfTheMembersOfSegmentsNow_InResultsComparisonsAndDrivers()
    {
        var tenant = NewTenant();
        var at = host.Clock.GetUtcNow().AddDays(-1);
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "ease", Kind = MetricKind.Rating, Name = "Ease", ScaleMin = 1, ScaleMax = 5, HigherIsBetter = true } }, Tenant(tenant));
        for (var i = 1; i <= 80; i++)
        {
            await host.Client.RecordResponseAsync(new RecordResponseRequest
            {
                Response = new Response
                {
                    SubmissionId = $"s-{i}",
                    Context = new ResponseContext { CustomerId = Customer(i), Channel = "web", JourneyId = "buy", OccurredAt = Timestamp.FromDateTimeOffset(at) },
                    Answers = { new Answer { MetricId = "nps", Score = Nps(i) }, new Answer { MetricId = "ease", Score = Ease(i) } },
                },
            }, Tenant(tenant));
        }

        // Loyal: the even ones; c-01 joined and left; c-03's leave is older than its join and arrives late; c-05 is a vip.
        for (var i = 2; i <= 80; i += 2)
        {
            await ChangeAsync(tenant, $"j-{i}", "loyal", Customer(i), joined: true, sequence: 1);
        }

        await ChangeAsync(tenant, "j-1", "loyal", Customer(1), joined: true, sequence: 1);
        await ChangeAsync(tenant, "l-1", "loyal", Customer(1), joined: false, sequence: 2);
        await ChangeAsync(tenant, "j-3", "loyal", Customer(3), joined: true, sequence: 2);
        await ChangeAsync(tenant, "l-3", "loyal", Customer(3), joined: false, sequence: 1);
        await ChangeAsync(tenant, "j-5", "vip", Customer(5), joined: true, sequence: 1);
        Assert.Equal(DeliveryVerdict.Success, (await ChangeAsync(tenant, "l-1", "loyal", Customer(1), joined: false, sequence: 2)).Verdict);

        int[] loyal = [.. Enumerable.Range(1, 40).Select(k => 2 * k), 3];
        var result = await ResultAsync(tenant, new ResultFilter { CustomerSegmentIds = { "loyal" } });
        Assert.Equal((41L, ExpectedNps(loyal)), (result.N, result.Score));
        var either = await ResultAsync(tenant, new ResultFilter { CustomerSegmentIds = { "loyal", "vip" } });
        Assert.Equal((42L, ExpectedNps([.. loyal, 5])), (either.N, either.Score));
        var intersected = await ResultAsync(tenant, new ResultFilter { CustomerSegmentIds = { "loyal" }, CustomerIds = { Customer(1), Customer(2), Customer(9) } });
        Assert.Equal((1L, ExpectedNps([2])), (intersected.N, intersected.Score));
        Assert.Equal(0L, (await ResultAsync(tenant, new ResultFilter { CustomerSegmentIds = { "nobody" } })).N);
        Assert.Equal(80L, (await ResultAsync(tenant, new ResultFilter())).N);

        // Whole days in the range: the rollups would serve it, but they hold no customers, so the answers do.
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        var compared = await host.Client.CompareResultsAsync(new CompareResultsRequest
        {
            MetricId = "nps",
            Filter = new ResultFilter { CustomerSegmentIds = { "loyal" } },
            Before = new Period { From = Timestamp.FromDateTimeOffset(day.AddDays(-7)), To = Timestamp.FromDateTimeOffset(day) },
            After = new Period { From = Timestamp.FromDateTimeOffset(day), To = Timestamp.FromDateTimeOffset(day.AddDays(1)) },
        }, Tenant(tenant));
        Assert.Equal((0L, 41L, ExpectedNps(loyal)), (compared.Before.N, compared.After.N, compared.After.Score));

        var drivers = await host.Client.AnalyseDriversAsync(new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "ease" }, Filter = new ResultFilter { CustomerSegmentIds = { "loyal" } }, BootstrapSamples = 10 }, Tenant(tenant));
        Assert.Equal(41L, drivers.N);

        // An erasure's end names the customer by hash only, and ends the membership for good.
        await host.DeliverAsync<MeasurementDb>(tenant, "erased-2", new SegmentMembershipChanged { SegmentId = "loyal", SegmentVersion = 1, CustomerHash = Hash(tenant, Customer(2)), Reason = SegmentMembershipReason.Erased, At = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()) }, Hash(tenant, Customer(2)));
        await ChangeAsync(tenant, "j-2-late", "loyal", Customer(2), joined: true, sequence: 5);
        var afterErasure = await ResultAsync(tenant, new ResultFilter { CustomerSegmentIds = { "loyal" } });
        Assert.Equal((40L, ExpectedNps(loyal[1..])), (afterErasure.N, afterErasure.Score));

        // Another tenant's members are not this tenant's.
        var stranger = NewTenant();
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(stranger));
        Assert.Equal(0L, (await ResultAsync(stranger, new ResultFilter { CustomerSegmentIds = { "loyal" } })).N);
    }

    [Fact]
    public async Task AMalformedSegmentId_IsRefused_NamingTheField()
    {
        var tenant = NewTenant();
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", Filter = new ResultFilter { CustomerSegmentIds = { "Loyal!" } } }, Tenant(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["filter.customer_segment_ids"], error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }
}
