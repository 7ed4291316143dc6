using Cx.Design.Domain.Journeys;
using Cx.Design.V1;
using Google.Protobuf;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Design.Tests;

/// <summary>Journeys exported as JSON and Mermaid, and imported back by journey id.</summary>
public sealed class InterchangeTests(DesignHost host) : IClassFixture<DesignHost>
{
    private async Task<ExportedJourney> ExportAsync(string tenant, ExportFormat format = ExportFormat.Json, int version = 0) =>
        await host.Client.ExportJourneyAsync(new ExportJourneyRequest { JourneyId = "online-purchase", Format = format, Version = version }, As(tenant));

    private async Task<List<(string Id, JourneyImportOutcome Outcome, int Version, string Field)>> ImportAsync(string tenant, params Journey[] journeys) =>
        (await host.Client.ImportJourneysAsync(new ImportJourneysRequest { Journeys = { journeys } }, As(tenant))).Results.Select(r => (r.JourneyId, r.Outcome, r.Version, r.Field)).ToList();

    [Fact]
    public async Task TheJsonExport_ImportsBackToTheSameJourney_AndAgainChangesNothing()
    {
        var source = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(source));
        var exported = await ExportAsync(source);
        Assert.Equal(("application/json", 1), (exported.ContentType, exported.Version));
        Assert.DoesNotContain("revision", exported.Content, StringComparison.Ordinal);

        var target = NewTenant();
        var parsed = JsonParser.Default.Parse<Journey>(exported.Content);
        Assert.Equal([("online-purchase", JourneyImportOutcome.Created, 1, "")], await ImportAsync(target, parsed));
        Assert.Equal(exported.Content, (await ExportAsync(target)).Content);

        Assert.Equal([("online-purchase", JourneyImportOutcome.Unchanged, 1, "")], await ImportAsync(target, parsed));
        Assert.Equal(1L, (await host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = "online-purchase" }, As(target))).Revision);

        await host.Client.PublishJourneyAsync(new PublishJourneyRequest { JourneyId = "online-purchase" }, As(target));
        parsed.Title = "Buying online";
        Assert.Equal([("online-purchase", JourneyImportOutcome.Updated, 2, "")], await ImportAsync(target, parsed));
        Assert.Equal("Online purchase", (await host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = "online-purchase", Version = 1 }, As(target))).Title);
    }

    [Fact]
    public async Task AJourneyOutOfShape_IsRejectedAlone_NamingItsField_TheOthersImported()
    {
        var tenant = NewTenant();
        var broken = JourneyBehaviour.Purchase();
        broken.JourneyId = "broken";
        broken.Steps[0].StageId = "nowhere";
        var returns = JourneyBehaviour.Purchase("Returns");
        returns.JourneyId = "returns";

        var results = await ImportAsync(tenant, JourneyBehaviour.Purchase(), broken, returns);

        Assert.Equal(
            [("online-purchase", JourneyImportOutcome.Created, 1, ""), ("broken", JourneyImportOutcome.Rejected, 0, "journey.steps[0].stage_id"), ("returns", JourneyImportOutcome.Created, 1, "")],
            results);
        var tooMany = await Refused(() => host.Client.ImportJourneysAsync(new ImportJourneysRequest { Journeys = { JourneyBehaviour.Purchase(), JourneyBehaviour.Purchase() } }, As(tenant)).ResponseAsync);
        Assert.Equal(["journeys"], Violations(tooMany).Select(v => v.Field));
    }

    [Fact]
    public async Task TheMermaidExport_IsAJourneyDiagram_ASectionPerTopStage_StepsScoredFromTheirEmotions()
    {
        var tenant = NewTenant();
        var journey = JourneyBehaviour.Purchase();
        journey.Steps[1].Title = "Checkout: pay";
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = journey }, As(tenant));

        var exported = await ExportAsync(tenant, ExportFormat.Mermaid);

        Assert.Equal("text/vnd.mermaid", exported.ContentType);
        Assert.Equal(
            "journey\n  title Online purchase\n  section Purchase\n    Browse: 3\n    Checkout pay: 3\n  section Receive\n    Delivery: 1: anxious-chaser\n",
            exported.Content);
    }

    [Theory]
    [InlineData(new int[0], 3)]
    [InlineData(new[] { -2 }, 1)]
    [InlineData(new[] { 2, 2 }, 5)]
    [InlineData(new[] { -1, 0 }, 3)] // 2.5 rounds away from zero
    [InlineData(new[] { 1, 2 }, 5)] // 4.5
    [InlineData(new[] { -2, -1 }, 2)] // 1.5
    public void AStepsScore_IsItsMeanEmotionPlusThree(int[] emotions, int score) =>
        Assert.Equal(score, MermaidJourney.Score(emotions));
}
