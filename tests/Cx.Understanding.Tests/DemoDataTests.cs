using Cx.Understanding.Demo;
using Cx.Understanding.V1;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

/// <summary>`cx up --demo`'s customers and their year of interactions.</summary>
public sealed class DemoDataTests(UnderstandingHost host, ITestOutputHelper output) : IClassFixture<UnderstandingHost>
{
    [Fact]
    public async Task Demo_LoadsTheMeasurementDemosCustomers_AndAYearOnFourChannels_AndAgainAddsNothing()
    {
        await host.SeedDemoDataAsync();
        output.WriteLine($"loaded in {host.DemoLoad.Elapsed.TotalSeconds:F1} s ({host.DemoLoad.Processor.TotalSeconds:F1} s of processor)");
        var counts = await CountsAsync();
        await host.SeedDemoDataAsync();
        output.WriteLine($"loaded again (adding nothing) in {host.DemoLoad.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(counts, await CountsAsync());

        // A year of four a day, and a dozen customers three times this week; an event per interaction,
        // per join, and for the workshop's pain point.
        var frequent = await FrequentContactsAsync();
        Assert.Equal((1_499, 4_497, 1_496, 1_496 + frequent.Count + 1, 2), counts);
        var workshop = Assert.Single((await host.Client.ListPainPointsAsync(new ListPainPointsRequest(), As(UnderstandingDemoData.Tenant))).PainPoints);
        Assert.Equal(("refund-uncertainty", PainPointSource.TopDown, PainPointState.Identified, "returns", "refund"), (workshop.PainPointId, workshop.Source, workshop.State, workshop.JourneyId, workshop.JourneyStepId));
        Assert.Equal(frequent, await MembersAsync("frequent-contacts"));
        Assert.Superset(Enumerable.Range(1, 12).Select(n => $"customer-{n * 100}").ToHashSet(), frequent.ToHashSet());
        var segments = (await host.Client.ListSegmentsAsync(new ListSegmentsRequest(), As(UnderstandingDemoData.Tenant))).Segments;
        Assert.Equal([("frequent-contacts", SegmentState.Ready, 1_499L, (long)frequent.Count), ("promoters-90d", SegmentState.Ready, 1_499L, 0L)], segments.Select(s => (s.SegmentId, s.State, s.CustomersEvaluated, s.MemberCount)));
        var personas = (await host.Client.ListPersonasAsync(new ListPersonasRequest(), As(UnderstandingDemoData.Tenant))).Personas;
        Assert.Equal([("anxious-chaser", "frequent-contacts", (long)frequent.Count, 1L), ("loyal-advocate", "promoters-90d", 0L, 1L)], personas.Select(p => (p.PersonaId, p.SegmentIds.Single(), p.Size, p.Version)));
        Assert.All(personas, p => Assert.Equal(["nps-relationship", "delivery-speed"], p.MetricIds));
        var channels = await host.ReadAsync(UnderstandingDemoData.Tenant, db => db.Timeline.GroupBy(e => e.Channel).Select(g => g.Key).ToListAsync());
        Assert.Equal(["chat", "email", "phone", "self_service"], channels.Order(StringComparer.Ordinal));
        var span = await host.ReadAsync(UnderstandingDemoData.Tenant, async db => (await db.Timeline.MaxAsync(e => e.OccurredAtUtc)) - (await db.Timeline.MinAsync(e => e.OccurredAtUtc)));
        Assert.InRange(span.TotalDays, 364, 365);

        var found = await host.Client.ListProfilesAsync(new ListProfilesRequest { IdentityKind = IdentityKind.Phone, IdentityValue = "+49 30 5551187" }, As(UnderstandingDemoData.Tenant));
        var customer = Assert.Single(found.Profiles);
        Assert.Equal("customer-1187", customer.CustomerId);
        Assert.Equal(["email:customer1187@example.com", "phone:+49305551187", "account:acct-001187"], customer.Identities.Select(i => i.Kind.ToString().ToLowerInvariant() + ":" + i.Value));
    }

    /// <summary>Who had three interactions or more in the last seven days, read from the timeline itself.</summary>
    private Task<List<string>> FrequentContactsAsync() => host.ReadAsync(UnderstandingDemoData.Tenant, async db =>
    {
        var since = host.Clock.GetUtcNow().UtcDateTime.AddDays(-7);
        var recent = await db.Timeline.Where(e => e.OccurredAtUtc > since).Select(e => e.CustomerId).ToListAsync();
        return recent.GroupBy(c => c).Where(g => g.Count() >= 3).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
    });

    private async Task<List<string>> MembersAsync(string segmentId)
    {
        var members = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await host.Client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = segmentId, PageSize = 100, PageToken = token }, As(UnderstandingDemoData.Tenant));
            members.AddRange(page.Members.Select(m => m.CustomerId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return members;
    }

    private Task<(int Profiles, int Identities, int Entries, int Events, int Personas)> CountsAsync() => host.ReadAsync(UnderstandingDemoData.Tenant, async db =>
        (await db.Profiles.CountAsync(), await db.Identities.CountAsync(), await db.Timeline.CountAsync(), await db.Outbox.CountAsync(m => m.TenantId == UnderstandingDemoData.Tenant), await db.Personas.CountAsync()));
}
