using Cx.Common.V1;
using Cx.Design.V1;
using Cx.Events.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Design.Tests;

/// <summary>Ecosystem maps: drawn here, weighed by the cases, negative comments and praise the other disciplines' events report.</summary>
public sealed class EcosystemMapTests(DesignHost host) : IClassFixture<DesignHost>
{
    private DateTimeOffset Now => host.Clock.GetUtcNow();

    private static Journey Purchase()
    {
        var journey = JourneyBehaviour.Purchase();
        journey.Steps.Single(s => s.StepId == "checkout").Touchpoints.Add(new Touchpoint { TouchpointId = "website", Staging = Staging.Front });
        var delivery = journey.Steps.Single(s => s.StepId == "delivery");
        delivery.Touchpoints.Add(new Touchpoint { TouchpointId = "tracking-page", Staging = Staging.Front });
        delivery.Touchpoints.Add(new Touchpoint { TouchpointId = "warehouse", Staging = Staging.Back, OwningTeamId = "warehouse-team" });
        return journey;
    }

    private static EcosystemActor Actor(string id, ActorKind kind, string[] references, params string[] touchpoints) =>
        new() { ActorId = id, Kind = kind, Name = id, References = { references }, TouchpointIds = { touchpoints } };

    private static EcosystemRelationship Link(string id, string from, string to, RelationshipKind kind, params string[] touchpoints) =>
        new() { RelationshipId = id, FromActorId = from, ToActorId = to, Kind = kind, TouchpointIds = { touchpoints } };

    internal static EcosystemMap Delivery() => new()
    {
        MapId = "delivery-ecosystem",
        Title = "Who delivers a parcel",
        JourneyId = "online-purchase",
        Actors =
        {
            Actor("customer", ActorKind.Customer, [], "courier", "tracking-page", "website"),
            Actor("courier", ActorKind.Partner, [], "courier"),
            Actor("warehouse", ActorKind.Team, ["warehouse-team"], "warehouse"),
            Actor("agents", ActorKind.Team, ["support-1", "support-2"]),
            Actor("jon", ActorKind.Employee, ["jon.berg"]),
            Actor("tracking", ActorKind.System, [], "tracking-page"),
        },
        Relationships =
        {
            Link("customer-courier", "customer", "courier", RelationshipKind.Interaction, "courier"),
            Link("customer-tracking", "customer", "tracking", RelationshipKind.Interaction, "tracking-page"),
            Link("courier-warehouse", "courier", "warehouse", RelationshipKind.Dependency),
            Link("customer-agents", "customer", "agents", RelationshipKind.Interaction),
            Link("customer-jon", "customer", "jon", RelationshipKind.Interaction),
        },
    };

    private static FeedbackEnriched Comment(string id, string step, string touchpoint, SentimentLabel label, DateTimeOffset at, string team = "") => new()
    {
        FeedbackId = id + ":0",
        ResponseId = id,
        Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = step, Touchpoint = touchpoint, TeamId = team, OccurredAt = Timestamp.FromDateTimeOffset(at) },
        Label = label,
        Sentiment = label == SentimentLabel.Negative ? -0.7 : 0.6,
    };

    private async Task<string> TenantWithSignalsAsync()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = Purchase() }, As(tenant));
        await host.Client.CreateEcosystemMapAsync(new CreateEcosystemMapRequest { Map = Delivery() }, As(tenant));
        var recent = Now.AddDays(-3);
        var events = new (string Id, Google.Protobuf.IMessage Event)[]
        {
            ("n1", Comment("n1", "delivery", "courier", SentimentLabel.Negative, recent)),
            ("n2", Comment("n2", "delivery", "courier", SentimentLabel.Negative, recent)),
            ("n3", Comment("n3", "delivery", "tracking-page", SentimentLabel.Negative, recent)),
            ("n4", Comment("n4", "delivery", string.Empty, SentimentLabel.Negative, recent)),
            ("n5-positive", Comment("n5", "delivery", "courier", SentimentLabel.Positive, recent)),
            ("n6", Comment("n6", "checkout", "website", SentimentLabel.Negative, recent)),
            ("n7-too-old", Comment("n7", "delivery", "courier", SentimentLabel.Negative, Now.AddDays(-100))),
            ("n8", Comment("n8", "delivery", "courier", SentimentLabel.Negative, recent, team: "support-2")),

            // The same comment announced again under another event id: one signal.
            ("n1-again", Comment("n1", "delivery", "courier", SentimentLabel.Negative, recent)),
            ("p1", new PraiseDetected { FeedbackId = "p1:0", ResponseId = "p1", EmployeeId = "jon.berg", TeamId = "support-1", Name = "Jon", Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = "delivery", Touchpoint = "courier", OccurredAt = Timestamp.FromDateTimeOffset(recent) } }),
            ("c1", new CaseOpened { CaseId = "c1", JourneyId = "online-purchase", JourneyStepId = "delivery", Owner = "jon.berg" }),
            ("c2", new CaseOpened { CaseId = "c2", JourneyId = "online-purchase", JourneyStepId = "delivery", Owner = "someone" }),
            ("c3", new CaseOpened { CaseId = "c3", JourneyId = "online-purchase", JourneyStepId = "checkout", Owner = "jon.berg" }),
            ("c3-closed", new CaseClosed { CaseId = "c3", JourneyId = "online-purchase", JourneyStepId = "checkout" }),
        };
        foreach (var (id, message) in events)
        {
            await host.DeliverAsync(tenant, id, message);
        }

        // A redelivery of the same event changes nothing either.
        await host.DeliverAsync(tenant, "n2", Comment("n2", "delivery", "courier", SentimentLabel.Negative, recent));
        return tenant;
    }

    private static (int OpenCases, int Negative, int Praise) Of(EcosystemSignals s) => (s.OpenCases, s.NegativeFeedback, s.Praise);

    [Fact]
    public async Task EveryActorAndRelationship_WeighsTheSignalsItIsPartyTo_EachCountedOnce()
    {
        var tenant = await TenantWithSignalsAsync();

        var weights = await host.Client.GetEcosystemWeightsAsync(new GetEcosystemWeightsRequest { MapId = "delivery-ecosystem" }, As(tenant));

        Assert.Equal((Now.AddDays(-90), Now), (weights.From.ToDateTimeOffset(), weights.To.ToDateTimeOffset()));

        // The customer is party to everything at its touchpoints (a comment without one is at every touchpoint of its step);
        // teams and employees only to what names them; the closed case, the positive and the old comment weigh nothing.
        Assert.Equal(
            [
                ("customer", (2, 6, 1)),
                ("courier", (2, 4, 1)),
                ("warehouse", (0, 0, 0)),
                ("agents", (0, 1, 1)),
                ("jon", (1, 0, 1)),
                ("tracking", (2, 2, 0)),
            ],
            weights.Actors.Select(a => (a.ActorId, Of(a.Signals))));
        Assert.Equal(
            [
                ("customer-courier", 7, (2, 4, 1)),
                ("customer-tracking", 4, (2, 2, 0)),
                ("courier-warehouse", 0, (0, 0, 0)),
                ("customer-agents", 2, (0, 1, 1)),
                ("customer-jon", 2, (1, 0, 1)),
            ],
            weights.Relationships.Select(r => (r.RelationshipId, r.Weight, Of(r.Signals))));
    }

    [Fact]
    public async Task AtOneStep_OnlyTheActorsAndRelationshipsInvolvedThere_WithWhatHappenedThere()
    {
        var tenant = await TenantWithSignalsAsync();

        var checkout = await host.Client.GetEcosystemWeightsAsync(new GetEcosystemWeightsRequest { MapId = "delivery-ecosystem", JourneyStepId = "checkout" }, As(tenant));
        var delivery = await host.Client.GetEcosystemWeightsAsync(new GetEcosystemWeightsRequest { MapId = "delivery-ecosystem", JourneyStepId = "delivery", WindowDays = 120 }, As(tenant));

        Assert.Equal([("customer", (0, 1, 0))], checkout.Actors.Select(a => (a.ActorId, Of(a.Signals))));
        Assert.Empty(checkout.Relationships);

        // 120 days take in the old comment at the courier too; the warehouse stands at a touchpoint of delivery, with nothing against it.
        Assert.Equal(
            [("customer", (2, 6, 1)), ("courier", (2, 5, 1)), ("warehouse", (0, 0, 0)), ("agents", (0, 1, 1)), ("jon", (1, 0, 1)), ("tracking", (2, 2, 0))],
            delivery.Actors.Select(a => (a.ActorId, Of(a.Signals))));
        Assert.Equal(
            [("customer-courier", 8), ("customer-tracking", 4), ("courier-warehouse", 0), ("customer-agents", 2), ("customer-jon", 2)],
            delivery.Relationships.Select(r => (r.RelationshipId, r.Weight)));

        var nowhere = await Refused(() => host.Client.GetEcosystemWeightsAsync(new GetEcosystemWeightsRequest { MapId = "delivery-ecosystem", JourneyStepId = "payment" }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, nowhere.StatusCode);
    }

    [Fact]
    public async Task AMap_IsReadListedAndRedrawn_AtTheRevisionItWasRead()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = Purchase() }, As(tenant));
        var created = await host.Client.CreateEcosystemMapAsync(new CreateEcosystemMapRequest { Map = Delivery() }, As(tenant, "li.na"));
        Assert.Equal((1L, "li.na"), (created.Revision, created.CreatedBy));
        Assert.Equal(created, await host.Client.GetEcosystemMapAsync(new GetEcosystemMapRequest { MapId = "delivery-ecosystem" }, As(tenant)));

        var redrawn = Delivery();
        redrawn.Actors.RemoveAt(4);
        redrawn.Relationships.RemoveAt(4);
        var updated = await host.Client.UpdateEcosystemMapAsync(new UpdateEcosystemMapRequest { Map = redrawn, ExpectedRevision = 1 }, As(tenant, "aiko"));
        Assert.Equal((2L, "aiko", 5, 4), (updated.Revision, updated.UpdatedBy, updated.Actors.Count, updated.Relationships.Count));

        var stale = await Refused(() => host.Client.UpdateEcosystemMapAsync(new UpdateEcosystemMapRequest { Map = Delivery(), ExpectedRevision = 1 }, As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "REVISION_MISMATCH"), (stale.StatusCode, Precondition(stale).Type));

        var second = Delivery();
        second.MapId = "another";
        await host.Client.CreateEcosystemMapAsync(new CreateEcosystemMapRequest { Map = second }, As(tenant));
        var page = await host.Client.ListEcosystemMapsAsync(new ListEcosystemMapsRequest { PageSize = 1, JourneyId = "online-purchase" }, As(tenant));
        var next = await host.Client.ListEcosystemMapsAsync(new ListEcosystemMapsRequest { PageSize = 1, JourneyId = "online-purchase", PageToken = page.NextPageToken }, As(tenant));
        Assert.Equal(["another", "delivery-ecosystem"], page.Maps.Concat(next.Maps).Select(m => m.MapId));
        Assert.Empty(next.NextPageToken);

        // Another tenant sees none of it.
        var other = NewTenant();
        Assert.Empty((await host.Client.ListEcosystemMapsAsync(new ListEcosystemMapsRequest(), As(other))).Maps);
        var hidden = await Refused(() => host.Client.GetEcosystemWeightsAsync(new GetEcosystemWeightsRequest { MapId = "delivery-ecosystem" }, As(other)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task AMapOutOfShape_IsRefusedNamingEachField_AndOneOnAnUnknownJourney_IsNotFound()
    {
        var tenant = NewTenant();
        var bad = Delivery();
        bad.Actors.Add(Actor("courier", ActorKind.Partner, []));
        bad.Actors.Add(Actor("nameless-team", ActorKind.Team, []));
        bad.Actors.Add(new EcosystemActor { ActorId = "no-kind", Name = "No kind" });
        bad.Relationships.Add(Link("to-nobody", "customer", "nobody", RelationshipKind.Interaction));
        bad.Relationships.Add(Link("loop", "courier", "courier", RelationshipKind.Dependency));
        bad.Relationships.Add(Link("customer-courier", "customer", "tracking", RelationshipKind.ValueFlow));

        var refused = await Refused(() => host.Client.CreateEcosystemMapAsync(new CreateEcosystemMapRequest { Map = bad }, As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(
            ["map.actors[6].actor_id", "map.actors[7].references", "map.actors[8].kind", "map.relationships[5].to_actor_id", "map.relationships[6].to_actor_id", "map.relationships[7].relationship_id"],
            Violations(refused).Select(v => v.Field));

        var unknown = await Refused(() => host.Client.CreateEcosystemMapAsync(new CreateEcosystemMapRequest { Map = Delivery() }, As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "journey"), (unknown.StatusCode, Resource(unknown).ResourceType));
        Assert.Empty((await host.Client.ListEcosystemMapsAsync(new ListEcosystemMapsRequest(), As(tenant))).Maps);
    }

    [Fact]
    public async Task AMap_ExportedAsJson_ImportsBackExactly_AndAgainChangesNothing()
    {
        var source = NewTenant();
        var target = NewTenant();
        foreach (var tenant in new[] { source, target })
        {
            await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = Purchase() }, As(tenant));
        }

        await host.Client.CreateEcosystemMapAsync(new CreateEcosystemMapRequest { Map = Delivery() }, As(source));
        var exported = await host.Client.ExportEcosystemMapAsync(new ExportEcosystemMapRequest { MapId = "delivery-ecosystem" }, As(source));
        Assert.Equal("application/json", exported.ContentType);
        var document = Google.Protobuf.JsonParser.Default.Parse<EcosystemMap>(exported.Content);
        var onUnknownJourney = Delivery();
        onUnknownJourney.MapId = "elsewhere";
        onUnknownJourney.JourneyId = "no-such-journey";
        var outOfShape = Delivery();
        outOfShape.MapId = "out-of-shape";
        outOfShape.Relationships[0].ToActorId = "nobody";

        var first = await host.Client.ImportEcosystemMapsAsync(new ImportEcosystemMapsRequest { Maps = { document, onUnknownJourney, outOfShape } }, As(target));
        var again = await host.Client.ImportEcosystemMapsAsync(new ImportEcosystemMapsRequest { Maps = { document } }, As(target));
        var changed = document.Clone();
        changed.Title = "Who delivers, redrawn";
        var third = await host.Client.ImportEcosystemMapsAsync(new ImportEcosystemMapsRequest { Maps = { changed } }, As(target));

        Assert.Equal(
            [("delivery-ecosystem", JourneyImportOutcome.Created, 1L, ""), ("elsewhere", JourneyImportOutcome.Rejected, 0L, "map.journey_id"), ("out-of-shape", JourneyImportOutcome.Rejected, 0L, "map.relationships[0].to_actor_id")],
            first.Results.Select(r => (r.MapId, r.Outcome, r.Revision, r.Field)));
        Assert.Equal((JourneyImportOutcome.Unchanged, 1L), (again.Results[0].Outcome, again.Results[0].Revision));
        Assert.Equal((JourneyImportOutcome.Updated, 2L), (third.Results[0].Outcome, third.Results[0].Revision));
        var reExported = await host.Client.ExportEcosystemMapAsync(new ExportEcosystemMapRequest { MapId = "delivery-ecosystem" }, As(target));
        Assert.Equal(exported.Content.Replace("Who delivers a parcel", "Who delivers, redrawn", StringComparison.Ordinal), reExported.Content);
    }

    [Fact]
    public async Task AMap_ExportedAsMermaid_IsAFlowchartOfItsActorsAndRelationships()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = Purchase() }, As(tenant));
        var map = new EcosystemMap
        {
            MapId = "small",
            Title = "The \"last mile\"",
            JourneyId = "online-purchase",
            Actors =
            {
                new EcosystemActor { ActorId = "customer", Kind = ActorKind.Customer, Name = "Customer" },
                new EcosystemActor { ActorId = "courier", Kind = ActorKind.Partner, Name = "Courier \"FastCo\"" },
                new EcosystemActor { ActorId = "warehouse", Kind = ActorKind.Team, Name = "Warehouse", References = { "warehouse-team" } },
                new EcosystemActor { ActorId = "tracking", Kind = ActorKind.System, Name = "Tracking" },
            },
            Relationships =
            {
                new EcosystemRelationship { RelationshipId = "r1", FromActorId = "customer", ToActorId = "courier", Kind = RelationshipKind.Interaction, Description = "Hands over\nthe parcel" },
                new EcosystemRelationship { RelationshipId = "r2", FromActorId = "courier", ToActorId = "warehouse", Kind = RelationshipKind.Dependency },
                new EcosystemRelationship { RelationshipId = "r3", FromActorId = "courier", ToActorId = "tracking", Kind = RelationshipKind.ValueFlow, Description = "Scans" },
            },
        };
        await host.Client.CreateEcosystemMapAsync(new CreateEcosystemMapRequest { Map = map }, As(tenant));

        var exported = await host.Client.ExportEcosystemMapAsync(new ExportEcosystemMapRequest { MapId = "small", Format = ExportFormat.Mermaid }, As(tenant));

        Assert.Equal("text/vnd.mermaid", exported.ContentType);
        Assert.Equal(
            """
            ---
            title: "The \"last mile\""
            ---
            flowchart LR
              a0(["Customer"])
              a1[["Courier #quot;FastCo#quot;"]]
              a2("Warehouse")
              a3[("Tracking")]
              a0 -->|"Hands over the parcel"| a1
              a1 -.-> a2
              a1 ==>|"Scans"| a3

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            exported.Content);
    }
}
