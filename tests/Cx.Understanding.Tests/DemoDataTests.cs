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
        Assert.Equal((1_499, 4_497, 1_460, 1_460), counts);
        var channels = await host.ReadAsync(UnderstandingDemoData.Tenant, db => db.Timeline.GroupBy(e => e.Channel).Select(g => g.Key).ToListAsync());
        Assert.Equal(["chat", "email", "phone", "self_service"], channels.Order(StringComparer.Ordinal));
        var span = await host.ReadAsync(UnderstandingDemoData.Tenant, async db => (await db.Timeline.MaxAsync(e => e.OccurredAtUtc)) - (await db.Timeline.MinAsync(e => e.OccurredAtUtc)));
        Assert.InRange(span.TotalDays, 364, 365);

        var found = await host.Client.ListProfilesAsync(new ListProfilesRequest { IdentityKind = IdentityKind.Phone, IdentityValue = "+49 30 5551187" }, As(UnderstandingDemoData.Tenant));
        var customer = Assert.Single(found.Profiles);
        Assert.Equal("customer-1187", customer.CustomerId);
        Assert.Equal(["email:customer1187@example.com", "phone:+49305551187", "account:acct-001187"], customer.Identities.Select(i => i.Kind.ToString().ToLowerInvariant() + ":" + i.Value));
    }

    private Task<(int Profiles, int Identities, int Entries, int Events)> CountsAsync() => host.ReadAsync(UnderstandingDemoData.Tenant, async db =>
        (await db.Profiles.CountAsync(), await db.Identities.CountAsync(), await db.Timeline.CountAsync(), await db.Outbox.CountAsync(m => m.TenantId == UnderstandingDemoData.Tenant)));
}
