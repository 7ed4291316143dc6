using Cx.Design.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Design.Tests;

public sealed class JourneyTests(DesignHost host) : JourneyBehaviour(host), IClassFixture<DesignHost>;

public sealed class JourneyPostgreSqlTests(PostgreSqlDesignHost host) : JourneyBehaviour(host), IClassFixture<PostgreSqlDesignHost>;

/// <summary>Journeys and their versions through the gRPC API, on SQLite and on a real PostgreSQL.</summary>
public abstract class JourneyBehaviour(DesignHost host)
{
    /// <summary>Two stages (buy within purchase, receive), three steps; emotions for one persona.</summary>
    internal static Journey Purchase(string title = "Online purchase") => new()
    {
        JourneyId = "online-purchase",
        Title = title,
        Type = JourneyType.ServiceBlueprint,
        State = JourneyState.AsIs,
        PersonaIds = { "anxious-chaser" },
        Stages =
        {
            new JourneyStage { StageId = "purchase", Title = "Purchase" },
            new JourneyStage { StageId = "buy", Title = "Buy", ParentStageId = "purchase" },
            new JourneyStage { StageId = "receive", Title = "Receive" },
        },
        Steps =
        {
            new JourneyStep { StepId = "browse", StageId = "buy", Title = "Browse" },
            new JourneyStep { StepId = "checkout", StageId = "buy", Title = "Checkout" },
            new JourneyStep
            {
                StepId = "delivery", StageId = "receive", Title = "Delivery",
                Touchpoints = { new Touchpoint { TouchpointId = "courier", Channel = "in_person", Staging = Staging.Front, OwningTeamId = "logistics-team", SupportingSystems = { "tracking-system" } } },
                PainPoints = { "Tracking does not move" },
                Emotions = { new StepEmotion { PersonaId = "anxious-chaser", Value = -2, Note = "Chasing" } },
            },
        },
    };

    private Task<Journey> CreateAsync(string tenant, Journey journey, string actor = "maria") =>
        host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = journey }, As(tenant, actor)).ResponseAsync;

    private Task<Journey> UpdateAsync(string tenant, Journey journey, long expectedRevision = 0, string actor = "maria") =>
        host.Client.UpdateJourneyAsync(new UpdateJourneyRequest { Journey = journey, ExpectedRevision = expectedRevision }, As(tenant, actor)).ResponseAsync;

    private Task<Journey> PublishAsync(string tenant, string journeyId = "online-purchase", long expectedRevision = 0, string actor = "maria") =>
        host.Client.PublishJourneyAsync(new PublishJourneyRequest { JourneyId = journeyId, ExpectedRevision = expectedRevision }, As(tenant, actor)).ResponseAsync;

    private Task<Journey> GetAsync(string tenant, int version = 0, JourneyView view = JourneyView.Unspecified) =>
        host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = "online-purchase", Version = version, View = view }, As(tenant)).ResponseAsync;

    private Task<ResolvedJourneyStep> ResolveAsync(string tenant, string step, DateTimeOffset at) =>
        host.Client.ResolveJourneyStepAsync(new ResolveJourneyStepRequest { JourneyId = "online-purchase", JourneyStepId = step, At = Timestamp.FromDateTimeOffset(at) }, As(tenant)).ResponseAsync;

    [Fact]
    public async Task ADraft_ChangesInPlace_UntilPublished_ThenAnEditStartsTheNextVersion_AndThePublishedOneStaysAsItWas()
    {
        var tenant = NewTenant();
        var created = await CreateAsync(tenant, Purchase(), actor: "li.na");
        Assert.Equal((1, JourneyVersionStatus.Draft, 1L, 0, "li.na"), (created.Version, created.Status, created.Revision, created.PublishedVersion, created.CreatedBy));
        Assert.Equal(["browse", "checkout", "delivery"], created.Steps.Select(s => s.StepId));

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var renamed = await UpdateAsync(tenant, Purchase("Buying online"), expectedRevision: 1);
        Assert.Equal((1, JourneyVersionStatus.Draft, 2L, "Buying online"), (renamed.Version, renamed.Status, renamed.Revision, renamed.Title));
        Assert.Equal(created.CreatedAt, renamed.CreatedAt);
        Assert.Equal(created.CreatedAt.ToDateTimeOffset().AddMinutes(1), renamed.UpdatedAt.ToDateTimeOffset());

        var published = await PublishAsync(tenant, expectedRevision: 2, actor: "aiko");
        Assert.Equal((1, JourneyVersionStatus.Published, 3L, 1, "aiko"), (published.Version, published.Status, published.Revision, published.PublishedVersion, published.PublishedBy));

        var again = await Refused(() => PublishAsync(tenant));
        Assert.Equal((StatusCode.FailedPrecondition, "ALREADY_PUBLISHED"), (again.StatusCode, Precondition(again).Type));

        var redrawn = Purchase("Buying online");
        redrawn.Steps.RemoveAt(0);
        var second = await UpdateAsync(tenant, redrawn, expectedRevision: 3);
        Assert.Equal((2, JourneyVersionStatus.Draft, 4L, 1), (second.Version, second.Status, second.Revision, second.PublishedVersion));
        Assert.Equal(["checkout", "delivery"], (await GetAsync(tenant)).Steps.Select(s => s.StepId));
        var first = await GetAsync(tenant, version: 1);
        Assert.Equal((JourneyVersionStatus.Published, "Buying online"), (first.Status, first.Title));
        Assert.Equal(["browse", "checkout", "delivery"], first.Steps.Select(s => s.StepId));

        await PublishAsync(tenant, expectedRevision: 4);
        var versions = (await host.Client.ListJourneyVersionsAsync(new ListJourneyVersionsRequest { JourneyId = "online-purchase" }, As(tenant))).Versions;
        Assert.Equal([(2, JourneyVersionStatus.Published), (1, JourneyVersionStatus.Superseded)], versions.Select(v => (v.Version, v.Status)));
        Assert.All(versions, v => Assert.Empty(v.Steps));
    }

    [Fact]
    public async Task AStaleRevision_IsRefused_AndChangesNothing()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, Purchase());
        await UpdateAsync(tenant, Purchase("Second"));

        var stale = await Refused(() => UpdateAsync(tenant, Purchase("Third"), expectedRevision: 1));
        Assert.Equal((StatusCode.FailedPrecondition, "REVISION_MISMATCH"), (stale.StatusCode, Precondition(stale).Type));
        var publish = await Refused(() => PublishAsync(tenant, expectedRevision: 1));
        Assert.Equal(StatusCode.FailedPrecondition, publish.StatusCode);

        var now = await GetAsync(tenant);
        Assert.Equal(("Second", 2L, JourneyVersionStatus.Draft), (now.Title, now.Revision, now.Status));
    }

    [Fact]
    public async Task ConcurrentEditsOfAPublishedJourney_StartOneNextVersion_TheLosersAbortedNeverFailed()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, Purchase());
        await PublishAsync(tenant);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await UpdateAsync(tenant, Purchase($"Edit {i}"));
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.All(outcomes, o => Assert.Contains(o, new[] { StatusCode.OK, StatusCode.Aborted }));
        var versions = (await host.Client.ListJourneyVersionsAsync(new ListJourneyVersionsRequest { JourneyId = "online-purchase" }, As(tenant))).Versions;
        Assert.Equal([(2, JourneyVersionStatus.Draft), (1, JourneyVersionStatus.Published)], versions.Select(v => (v.Version, v.Status)));
        Assert.Equal(2L + outcomes.Count(o => o == StatusCode.OK), (await GetAsync(tenant)).Revision);
    }

    [Fact]
    public async Task AStepRecordedAtATime_ResolvesToTheVersionPublishedThen_OrToTheVersionsThatHeldIt()
    {
        var tenant = NewTenant();
        var start = host.Clock.GetUtcNow();
        await CreateAsync(tenant, Purchase());
        host.Clock.Advance(TimeSpan.FromDays(1));
        await PublishAsync(tenant);
        var firstPublished = host.Clock.GetUtcNow();

        // Version 2 drops browse and adds tracking, in the receive stage.
        var redrawn = Purchase();
        redrawn.Steps.RemoveAt(0);
        redrawn.Steps.Add(new JourneyStep { StepId = "tracking", StageId = "receive", Title = "Tracking" });
        redrawn.Steps.Single(s => s.StepId == "delivery").Title = "Delivery, redrawn";
        await UpdateAsync(tenant, redrawn);
        var draftOnly = await Refused(() => ResolveAsync(tenant, "tracking", firstPublished.AddDays(1)));
        Assert.Equal(StatusCode.NotFound, draftOnly.StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(10));
        await PublishAsync(tenant);
        var secondPublished = host.Clock.GetUtcNow();

        var before = await ResolveAsync(tenant, "delivery", start);
        var between = await ResolveAsync(tenant, "delivery", firstPublished.AddDays(5));
        var after = await ResolveAsync(tenant, "delivery", secondPublished.AddDays(1));
        Assert.Equal([(1, "Delivery"), (1, "Delivery"), (2, "Delivery, redrawn")], new[] { before, between, after }.Select(r => (r.Version, r.Step.Title)));
        Assert.Equal(JourneyVersionStatus.Superseded, between.Status);

        // Removed in version 2: still the step it was, in version 1.
        var removed = await ResolveAsync(tenant, "browse", secondPublished.AddDays(1));
        Assert.Equal((1, "Browse"), (removed.Version, removed.Step.Title));
        Assert.Equal(["purchase", "buy"], removed.Stages.Select(s => s.StageId));

        // Recorded before it was drawn: the first version that holds it.
        var early = await ResolveAsync(tenant, "tracking", firstPublished.AddDays(1));
        Assert.Equal((2, "Tracking"), (early.Version, early.Step.Title));
        Assert.Equal(["receive"], early.Stages.Select(s => s.StageId));

        var unknown = await Refused(() => ResolveAsync(tenant, "payment", secondPublished));
        Assert.Equal((StatusCode.NotFound, "journey step"), (unknown.StatusCode, Resource(unknown).ResourceType));
    }

    [Fact]
    public async Task AJourneyOutOfShape_IsRefused_NamingEveryFieldAtFault_AndNothingIsKept()
    {
        var tenant = NewTenant();
        var journey = Purchase();
        journey.Steps.Add(new JourneyStep { StepId = "unstaged", Title = "In no stage" });
        journey.Steps.Add(new JourneyStep { StepId = "elsewhere", StageId = "nowhere", Title = "In an unknown stage" });
        journey.Stages.Add(new JourneyStage { StageId = "loop-a", Title = "A", ParentStageId = "loop-b" });
        journey.Stages.Add(new JourneyStage { StageId = "loop-b", Title = "B", ParentStageId = "loop-a" });
        journey.Steps[2].Emotions[0].Value = 3;
        journey.Steps[2].Emotions.Add(new StepEmotion { PersonaId = "loyal-advocate", Value = 1 });

        var error = await Refused(() => CreateAsync(tenant, journey));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["journey.steps[2].emotions[0].value", "journey.steps[2].emotions[1].persona_id", "journey.stages[3]", "journey.stages[4]", "journey.steps[3].stage_id", "journey.steps[4].stage_id"],
            Violations(error).Select(v => v.Field));
        Assert.Contains("loop-a → loop-b → loop-a", Violations(error)[2].Description, StringComparison.Ordinal);
        Assert.Contains("in no stage", Violations(error)[4].Description, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => GetAsync(tenant))).StatusCode);
    }

    [Fact]
    public async Task RequiredFields_AndTheirLimits_AreNamed()
    {
        var tenant = NewTenant();
        var journey = new Journey { JourneyId = "Online Purchase", Title = " ", Steps = { new JourneyStep { StepId = "a", StageId = "s", Title = "A", Touchpoints = { new Touchpoint { TouchpointId = "web" }, new Touchpoint { TouchpointId = "web", Staging = Staging.Back } } } } };

        var error = await Refused(() => CreateAsync(tenant, journey));

        Assert.Equal(
            ["journey.journey_id", "journey.title", "journey.type", "journey.state", "journey.stages", "journey.steps[0].touchpoints[0].staging", "journey.steps[0].touchpoints[1].touchpoint_id", "journey.steps[0].stage_id"],
            Violations(error).Select(v => v.Field));
    }

    [Fact]
    public async Task ATakenId_IsRefused_AsAlreadyExisting()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, Purchase());

        var error = await Refused(() => CreateAsync(tenant, Purchase("Other")));

        Assert.Equal((StatusCode.AlreadyExists, "journey", "online-purchase"), (error.StatusCode, Resource(error).ResourceType, Resource(error).ResourceName));
        Assert.Equal("Online purchase", (await GetAsync(tenant)).Title);
    }

    [Fact]
    public async Task EachPublication_IsAnnounced_WithTheVersionsStepsTouchpointsAndOwningTeams()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, Purchase());
        await PublishAsync(tenant);
        var redrawn = Purchase();
        redrawn.Steps.RemoveAt(0);
        await UpdateAsync(tenant, redrawn);
        await PublishAsync(tenant);

        var announced = (await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.design.journey_published.v1").OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync()))
            .Select(Cx.Events.V1.JourneyPublished.Parser.ParseJson).ToList();

        Assert.Equal([(1, 3), (2, 2)], announced.Select(a => (a.Version, a.Steps.Count)));
        var delivery = announced[1].Steps.Single(s => s.StepId == "delivery");
        Assert.Equal(("online-purchase", "receive", false), (announced[1].JourneyId, delivery.StageId, announced[1].ToBe));
        Assert.Equal([("courier", true, "logistics-team")], delivery.Touchpoints.Select(t => (t.TouchpointId, t.FrontStage, t.OwningTeamId)));
    }

    [Fact]
    public async Task AToBeJourney_WhileGovernanceDoesNotAnswer_IsNotPublished()
    {
        var tenant = NewTenant();
        var toBe = Purchase();
        toBe.State = JourneyState.ToBe;
        await CreateAsync(tenant, toBe);

        // This host is told of no governance service: the review gate cannot be passed.
        var refused = await Refused(() => PublishAsync(tenant));

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("publish again later", refused.Status.Detail, StringComparison.Ordinal);
        var journey = await host.Client.GetJourneyAsync(new GetJourneyRequest { JourneyId = "online-purchase" }, As(tenant));
        Assert.Equal((JourneyVersionStatus.Draft, 0), (journey.Status, journey.PublishedVersion));
    }

    [Fact]
    public async Task Journeys_AreListedAPageAtATime_ByTheirLatestVersion_WithFilters()
    {
        var tenant = NewTenant();
        foreach (var id in new[] { "c-journey", "a-journey", "b-journey" })
        {
            var journey = Purchase(id);
            journey.JourneyId = id;
            journey.State = id == "b-journey" ? JourneyState.ToBe : JourneyState.AsIs;
            await CreateAsync(tenant, journey);
        }

        await PublishAsync(tenant, "c-journey");

        var first = await host.Client.ListJourneysAsync(new ListJourneysRequest { PageSize = 2 }, As(tenant));
        var second = await host.Client.ListJourneysAsync(new ListJourneysRequest { PageSize = 2, PageToken = first.NextPageToken }, As(tenant));
        Assert.Equal(["a-journey", "b-journey"], first.Journeys.Select(j => j.JourneyId));
        Assert.Equal(["c-journey"], second.Journeys.Select(j => j.JourneyId));
        Assert.Empty(second.NextPageToken);
        Assert.All(first.Journeys, j => Assert.Empty(j.Steps));

        var toBe = await host.Client.ListJourneysAsync(new ListJourneysRequest { State = JourneyState.ToBe, View = JourneyView.Full }, As(tenant));
        Assert.Equal([("b-journey", 3)], toBe.Journeys.Select(j => (j.JourneyId, j.Steps.Count)));
        var published = await host.Client.ListJourneysAsync(new ListJourneysRequest { PublishedOnly = true }, As(tenant));
        Assert.Equal([("c-journey", 1)], published.Journeys.Select(j => (j.JourneyId, j.PublishedVersion)));

        var forged = await Refused(() => host.Client.ListJourneysAsync(new ListJourneysRequest { PageToken = "forged" }, As(tenant)).ResponseAsync);
        Assert.Equal(["page_token"], Violations(forged).Select(v => v.Field));
    }

    [Fact]
    public async Task ATenant_NeverSeesOrChangesAnothersJourneys()
    {
        var owner = NewTenant();
        var other = NewTenant();
        await CreateAsync(owner, Purchase());

        Assert.Equal(StatusCode.NotFound, (await Refused(() => GetAsync(other))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => PublishAsync(other))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => UpdateAsync(other, Purchase("Taken")))).StatusCode);
        Assert.Empty((await host.Client.ListJourneysAsync(new ListJourneysRequest(), As(other))).Journeys);

        // The same id is the other tenant's own to take.
        await CreateAsync(other, Purchase("Theirs"));
        Assert.Equal("Online purchase", (await GetAsync(owner)).Title);
    }
}
