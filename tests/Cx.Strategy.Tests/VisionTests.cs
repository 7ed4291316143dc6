using Cx.Strategy.V1;
using V1 = Cx.Strategy.V1;
using Grpc.Core;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Strategy.Tests;

/// <summary>The vision: published in versions, each kept as it was, checked against the version it replaces.</summary>
public sealed class VisionTests(StrategyHost host) : VisionBehaviour(host), IClassFixture<StrategyHost>;

public sealed class VisionPostgreSqlTests(PostgreSqlStrategyHost host) : VisionBehaviour(host), IClassFixture<PostgreSqlStrategyHost>;

public abstract class VisionBehaviour(StrategyHost host)
{
    internal static V1.Vision Draft(string statement = "Every order arrives when we said.") => new()
    {
        Statement = statement,
        BusinessObjectives = { new BusinessObjective { ObjectiveId = "retain-customers", Title = "Keep customers" } },
        BrandAttributes = { "reliable" },
        JourneyIds = { "online-purchase" },
        LevelAims = { new LevelAim { Level = ExperienceLevel.Easy, Aim = "Nobody chases us." } },
    };

    [Fact]
    public async Task Versions_AreKeptAsPublished_NewestFirst_AndAnnounced()
    {
        var tenant = NewTenant();
        var first = await host.Client.PublishVisionAsync(new PublishVisionRequest { Vision = Draft(), ExpectedVersion = 0 }, StrategyHost.As(tenant));
        var second = await host.Client.PublishVisionAsync(new PublishVisionRequest { Vision = Draft("  If it cannot arrive, you hear it from us first.  "), ExpectedVersion = 1 }, StrategyHost.As(tenant));

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal("If it cannot arrive, you hear it from us first.", second.Statement);
        Assert.Equal("jwt:maria.lopez@example.com", second.PublishedBy);
        Assert.Equal(second, await host.Client.GetVisionAsync(new GetVisionRequest(), StrategyHost.As(tenant)));
        Assert.Equal(first, await host.Client.GetVisionAsync(new GetVisionRequest { Version = 1 }, StrategyHost.As(tenant)));

        var page = await host.Client.ListVisionVersionsAsync(new ListVisionVersionsRequest { PageSize = 1 }, StrategyHost.As(tenant));
        var rest = await host.Client.ListVisionVersionsAsync(new ListVisionVersionsRequest { PageSize = 1, PageToken = page.NextPageToken }, StrategyHost.As(tenant));
        Assert.Equal([2, 1], page.Versions.Concat(rest.Versions).Select(v => v.Version));
        Assert.Equal(string.Empty, rest.NextPageToken);

        var announced = await host.RaisedAsync(tenant, "cx.strategy.vision_published.v1");
        Assert.Equal(2, announced.Count);
        Assert.Contains("\"objectiveIds\":[\"retain-customers\"]", announced[1].Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublicationAgainstAStaleVersion_IsRefused_AndChangesNothing()
    {
        var tenant = NewTenant();
        await host.Client.PublishVisionAsync(new PublishVisionRequest { Vision = Draft() }, StrategyHost.As(tenant));

        var refused = await Refused(() => host.Client.PublishVisionAsync(new PublishVisionRequest { Vision = Draft("Other."), ExpectedVersion = 0 }, StrategyHost.As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("VERSION_MISMATCH", Precondition(refused).Type);
        Assert.Equal(1, (await host.Client.GetVisionAsync(new GetVisionRequest(), StrategyHost.As(tenant))).Version);
    }

    [Fact]
    public async Task BadVisions_AreRefusedFieldByField()
    {
        var tenant = NewTenant();
        var tooLong = Draft(new string('a', 301));
        tooLong.BusinessObjectives.Add(new BusinessObjective { ObjectiveId = "Retain", Title = "x" });
        tooLong.JourneyIds.Add("online-purchase");
        tooLong.LevelAims.Add(new LevelAim { Level = ExperienceLevel.Easy, Aim = "again" });

        var refused = await Refused(() => host.Client.PublishVisionAsync(new PublishVisionRequest { Vision = tooLong }, StrategyHost.As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(
            ["vision.statement", "vision.business_objectives[1].objective_id", "vision.journey_ids", "vision.level_aims"],
            Violations(refused).Select(v => v.Field).ToArray());
        Assert.Equal(StatusCode.NotFound, (await Refused(() => host.Client.GetVisionAsync(new GetVisionRequest(), StrategyHost.As(tenant)).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task AnotherTenantsVision_IsNotSeen()
    {
        var tenant = NewTenant();
        await host.Client.PublishVisionAsync(new PublishVisionRequest { Vision = Draft() }, StrategyHost.As(tenant));

        Assert.Equal(StatusCode.NotFound, (await Refused(() => host.Client.GetVisionAsync(new GetVisionRequest(), StrategyHost.As(NewTenant())).ResponseAsync)).StatusCode);
    }
}
