using Cx.Design.V1;
using Cx.Events.V1;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Design.Tests;

public sealed class StepPainPointTests(DesignHost host) : StepPainPointBehaviour(host), IClassFixture<DesignHost>;

public sealed class StepPainPointPostgreSqlTests(PostgreSqlDesignHost host) : StepPainPointBehaviour(host), IClassFixture<PostgreSqlDesignHost>;

/// <summary>Understanding's pain points on the journey map, from its pain_point_identified events.</summary>
public abstract class StepPainPointBehaviour(DesignHost host)
{
    private static PainPointIdentified Late(long version, bool confirmed = false, bool dismissed = false, long mentions = 14) => new()
    {
        PainPointId = "auto-5b1f0c2d9e8a7f36",
        Origin = PainPointOrigin.BottomUp,
        Title = "Late delivery at delivery",
        JourneyId = "online-purchase",
        JourneyStepId = "delivery",
        TopicId = "late-delivery",
        Mentions = mentions,
        Comments = 40,
        Share = mentions / 40.0,
        Confirmed = confirmed,
        Version = version,
        Dismissed = dismissed,
    };

    private static PainPointIdentified Workshop => new()
    {
        PainPointId = "courier-calls",
        Origin = PainPointOrigin.TopDown,
        Title = "The courier does not call ahead",
        JourneyId = "online-purchase",
        JourneyStepId = "delivery",
        Version = 1,
    };

    private async Task<List<(string Id, bool Confirmed, long Mentions)>> OnDeliveryAsync(string tenant) =>
        (await host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = "online-purchase" }, As(tenant))).Steps
            .Single(s => s.StepId == "delivery").IdentifiedPainPoints.Select(p => (p.PainPointId, p.Confirmed, p.Mentions)).ToList();

    [Fact]
    public async Task APainPoint_ShowsAtItsStep_AsLastAnnounced_AndDropsOffWhenDismissed()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(tenant));

        await host.DeliverAsync(tenant, "e-1", Late(1));
        await host.DeliverAsync(tenant, "w-1", Workshop);
        await host.DeliverAsync(tenant, "e-3", Late(3, confirmed: true, mentions: 17));
        await host.DeliverAsync(tenant, "e-2", Late(2, mentions: 15)); // late and older: no effect
        await host.DeliverAsync(tenant, "e-3", Late(3, confirmed: true, mentions: 17)); // redelivered

        Assert.Equal([("auto-5b1f0c2d9e8a7f36", true, 17L), ("courier-calls", false, 0L)], await OnDeliveryAsync(tenant));
        var step = (await host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = "online-purchase" }, As(tenant))).Steps.Single(s => s.StepId == "delivery");
        var late = step.IdentifiedPainPoints[0];
        Assert.Equal(("Late delivery at delivery", true, 17 / 40.0), (late.Title, late.FoundInComments, late.Share));
        Assert.Empty((await host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = "online-purchase" }, As(tenant))).Steps.Single(s => s.StepId == "checkout").IdentifiedPainPoints);
        Assert.Empty((await host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = "online-purchase", View = JourneyView.Basic }, As(tenant))).Steps);

        await host.DeliverAsync(tenant, "e-4", Late(4, dismissed: true));
        Assert.Equal([("courier-calls", false, 0L)], await OnDeliveryAsync(tenant));
        Assert.Empty(await OnDeliveryAsync(await NewTenantWithPurchaseAsync()));
    }

    [Fact]
    public async Task WhatACallerSendsAsIdentifiedPainPoints_IsNotKept()
    {
        var tenant = NewTenant();
        var journey = JourneyBehaviour.Purchase();
        journey.Steps[2].IdentifiedPainPoints.Add(new StepPainPoint { PainPointId = "forged", Confirmed = true });

        var created = await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = journey }, As(tenant));

        Assert.Empty(created.Steps[2].IdentifiedPainPoints);
        Assert.Empty(await OnDeliveryAsync(tenant));
    }

    private async Task<string> NewTenantWithPurchaseAsync()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(tenant));
        return tenant;
    }
}
