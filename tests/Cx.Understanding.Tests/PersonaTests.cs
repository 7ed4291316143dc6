using Cx.Common.V1;
using Cx.Events.V1;
using Cx.Measurement;
using Cx.Measurement.Data;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;
using M = Cx.Measurement.V1;

namespace Cx.Understanding.Tests;

/// <summary>Understanding beside a real measurement service, as the catalog runs them: understanding calls it, and it trusts understanding's tokens.</summary>
public class MeasuredUnderstandingHost : HostBesidePeer<UnderstandingHost>
{
    public MeasuredUnderstandingHost()
        : this(new UnderstandingHost())
    {
    }

    protected MeasuredUnderstandingHost(UnderstandingHost understanding)
        : base(understanding, new ServiceHost(new MeasurementModule()), "measurement")
    {
    }

    public UnderstandingHost Understanding => Host;

    public ServiceHost Measurement => Peer;

    public M.MeasurementService.MeasurementServiceClient MeasurementClient => new(Peer.Channel);
}

/// <summary>The same, with understanding's data on a real PostgreSQL.</summary>
public sealed class MeasuredPostgreSqlUnderstandingHost() : MeasuredUnderstandingHost(new PostgreSqlUnderstandingHost());

/// <summary>Understanding whose measurement service is configured but does not answer (nothing listens at the address).</summary>
public sealed class UnreachableMeasurementUnderstandingHost : UnderstandingHost
{
    public UnreachableMeasurementUnderstandingHost() => Settings["Cx:Peers:measurement"] = "http://127.0.0.1:9";
}

public sealed class PersonaTests(MeasuredUnderstandingHost hosts) : PersonaBehaviour(hosts), IClassFixture<MeasuredUnderstandingHost>;

public sealed class PersonaPostgreSqlTests(MeasuredPostgreSqlUnderstandingHost hosts) : PersonaBehaviour(hosts), IClassFixture<MeasuredPostgreSqlUnderstandingHost>;

/// <summary>Personas: their live size from the segments' members, their scores from the measurement service; on SQLite and on a real PostgreSQL.</summary>
public abstract class PersonaBehaviour(MeasuredUnderstandingHost hosts)
{
    private const string SegmentChangedType = "cx.understanding.segment_membership_changed.v1";

    private UnderstandingHost Host => hosts.Understanding;

    private UnderstandingService.UnderstandingServiceClient Client => hosts.Understanding.Client;

    private static Metadata AtMeasurement(string tenant) => TestIdentity.For("measurement", tenant, "maria");

    private static Segment AttributeSegment(string segmentId, string key) => new()
    {
        SegmentId = segmentId,
        Name = segmentId,
        Rule = new SegmentRule { AllOf = { new SegmentCondition { Attribute = new AttributeCondition { Key = key, Operator = AttributeOperator.Exists } } } },
    };

    private static Persona Busy(params string[] segmentIds) => new()
    {
        PersonaId = "busy-parent",
        Name = "Busy parent",
        Narrative = "Orders between school runs; wants it to arrive when promised.",
        Goals = { "Get the week's shopping done in one order" },
        Motivations = { "Time" },
        Behaviours = { "Orders on the phone in the evening" },
        Needs = { "A delivery slot that holds" },
        Expectations = { "Told at once when something is late" },
        SegmentIds = { segmentIds },
        MetricIds = { "nps" },
    };

    private async Task CustomerAsync(string tenant, string customer, params string[] attributes) =>
        await Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = customer, Attributes = { attributes.ToDictionary(a => a, _ => "yes") } } }, As(tenant));

    /// <summary>Two overlapping segments: gold {c1, c2, c5}, vip {c2, c3}; c4 in neither.</summary>
    private async Task OverlappingSegmentsAsync(string tenant)
    {
        await CustomerAsync(tenant, "c1", "gold");
        await CustomerAsync(tenant, "c2", "gold", "vip");
        await CustomerAsync(tenant, "c3", "vip");
        await CustomerAsync(tenant, "c4");
        await CustomerAsync(tenant, "c5", "gold");
        await Client.CreateSegmentAsync(new CreateSegmentRequest { Segment = AttributeSegment("gold", "gold") }, As(tenant));
        await Client.CreateSegmentAsync(new CreateSegmentRequest { Segment = AttributeSegment("vip", "vip") }, As(tenant));
    }

    private Task<Persona> CreateAsync(string tenant, Persona persona) =>
        Client.CreatePersonaAsync(new CreatePersonaRequest { Persona = persona }, As(tenant)).ResponseAsync;

    private Task<Persona> GetAsync(string tenant, string personaId, int windowDays = 0) =>
        Client.GetPersonaAsync(new GetPersonaRequest { PersonaId = personaId, WindowDays = windowDays }, As(tenant)).ResponseAsync;

    /// <summary>What the transport would do: understanding's segment_membership_changed events, delivered to measurement.</summary>
    private async Task PublishMembershipsAsync(string tenant)
    {
        var events = await Host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == SegmentChangedType).OrderBy(m => m.Sequence).Select(m => new { m.EventId, m.Subject, m.Data }).ToListAsync());
        foreach (var e in events)
        {
            await hosts.Measurement.DeliverAsync<MeasurementDb>(tenant, e.EventId, SegmentMembershipChanged.Parser.ParseJson(e.Data), e.Subject);
        }
    }

    [Fact]
    public async Task Size_CountsACustomerInTwoSegmentsOnce_AndFollowsMembersLeaving()
    {
        var tenant = NewTenant();
        await OverlappingSegmentsAsync(tenant);

        var created = await CreateAsync(tenant, Busy("gold", "vip"));
        Assert.Equal((4L, 1L), (created.Size, created.Version));
        Assert.Equal(["gold", "vip"], created.SegmentIds);

        // c2 leaves gold but is still in vip: still counted once; c3 then leaves vip, the only one holding it.
        await Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "c2", Remove = { "gold" } }, As(tenant));
        Assert.Equal(4L, (await GetAsync(tenant, "busy-parent")).Size);
        await Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "c3", Remove = { "vip" } }, As(tenant));
        Assert.Equal(3L, (await GetAsync(tenant, "busy-parent")).Size);
        await CustomerAsync(tenant, "c6", "vip");
        Assert.Equal(4L, (await Client.ListPersonasAsync(new ListPersonasRequest(), As(tenant))).Personas.Single().Size);

        var narrowed = await Client.UpdatePersonaAsync(new UpdatePersonaRequest { Persona = Busy("vip"), ExpectedVersion = 1 }, As(tenant));
        Assert.Equal((2L, 2L), (narrowed.Size, narrowed.Version));
        Assert.Equal(["vip"], narrowed.SegmentIds);
    }

    [Fact]
    public async Task Scores_AreMeasurementsOwnResults_ForThePersonasSegments_OverTheWindow()
    {
        var tenant = NewTenant();
        await OverlappingSegmentsAsync(tenant);
        await hosts.MeasurementClient.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = "nps", Kind = M.MetricKind.Nps, Name = "NPS" } }, AtMeasurement(tenant));

        // In the window: c1 10, c2 9, c3 3, c5 7, and c4 (no segment) 0; c1's 0 is older than 90 days.
        var now = Host.Clock.GetUtcNow();
        (string Customer, int Score, int DaysAgo)[] answers = [("c1", 10, 1), ("c2", 9, 2), ("c3", 3, 3), ("c4", 0, 4), ("c5", 7, 5), ("c1", 0, 100)];
        var batch = new M.RecordResponsesRequest();
        batch.Responses.AddRange(answers.Select((a, i) => new M.Response
        {
            SubmissionId = "s" + i,
            Context = new ResponseContext { CustomerId = a.Customer, Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(now.AddDays(-a.DaysAgo)) },
            Answers = { new Answer { MetricId = "nps", Score = a.Score } },
        }));
        await hosts.MeasurementClient.RecordResponsesAsync(batch, AtMeasurement(tenant));
        await PublishMembershipsAsync(tenant);

        await CreateAsync(tenant, new Persona(Busy("gold", "vip")) { MetricIds = { "undefined-metric" } });
        var persona = await GetAsync(tenant, "busy-parent");

        Assert.Null(persona.ScoresUnavailable);
        Assert.Equal((now.AddDays(-90), now), (persona.ScoresFrom.ToDateTimeOffset(), persona.ScoresTo.ToDateTimeOffset()));
        var expected = await hosts.MeasurementClient.GetResultsAsync(new M.GetResultsRequest
        {
            MetricId = "nps",
            Filter = new ResultFilter { CustomerSegmentIds = { "gold", "vip" }, From = persona.ScoresFrom, To = persona.ScoresTo },
        }, AtMeasurement(tenant));
        var nps = persona.Scores[0];
        Assert.Equal(("nps", expected), (nps.MetricId, nps.Results));

        // And independently: 2 promoters, 1 passive, 1 detractor of 4 answers is NPS 25.
        Assert.Equal((4L, 25.0), (nps.Results.Results.Single().N, nps.Results.Results.Single().Score));
        Assert.True(nps.Results.Results.Single().Interval.Lower < 25.0);

        // A metric measurement does not know is said on its score, the others still shown.
        Assert.Equal(("undefined-metric", null), (persona.Scores[1].MetricId, persona.Scores[1].Results));
        Assert.Contains("NotFound", persona.Scores[1].Problem, StringComparison.Ordinal);

        // A longer window takes the old answer in.
        var year = await GetAsync(tenant, "busy-parent", windowDays: 365);
        Assert.Equal(5L, year.Scores[0].Results.Results.Single().N);
    }

    [Fact]
    public async Task BadInput_IsInvalidArgumentNamingEachField_UnknownSegmentsAFailedPrecondition()
    {
        var tenant = NewTenant();
        await OverlappingSegmentsAsync(tenant);
        var bad = new Persona(Busy("gold", "Gold!", "gold"))
        {
            PersonaId = "Busy Parent",
            Name = " ",
            Goals = { new string('g', 201) },
            Needs = { "" },
            MetricIds = { Enumerable.Range(0, 10).Select(i => "m" + i) },
        };

        var error = await Refused(() => CreateAsync(tenant, bad));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["persona.persona_id", "persona.name", "persona.goals[1]", "persona.needs[1]", "persona.segment_ids[1]", "persona.segment_ids[2]", "persona.metric_ids"], Violations(error).Select(v => v.Field));
        Assert.Equal(["persona.segment_ids"], Violations(await Refused(() => CreateAsync(tenant, new Persona(Busy()))))
            .Select(v => v.Field));
        Assert.Equal(["persona"], Violations(await Refused(() => Client.CreatePersonaAsync(new CreatePersonaRequest(), As(tenant)).ResponseAsync)).Select(v => v.Field));
        Assert.Equal(["window_days"], Violations(await Refused(() => GetAsync(tenant, "busy-parent", windowDays: 3651))).Select(v => v.Field));
        Assert.Equal(["persona_id", "window_days"], Violations(await Refused(() => GetAsync(tenant, "Busy", windowDays: -1))).Select(v => v.Field));

        var unknown = await Refused(() => CreateAsync(tenant, Busy("gold", "silver")));
        Assert.Equal(StatusCode.FailedPrecondition, unknown.StatusCode);
        var violation = unknown.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations.Single();
        Assert.Equal(("SEGMENT_NOT_FOUND", "persona.segment_ids[1]"), (violation.Type, violation.Subject));
        Assert.Contains("silver", violation.Description, StringComparison.Ordinal);
        Assert.Empty((await Client.ListPersonasAsync(new ListPersonasRequest(), As(tenant))).Personas);
    }

    [Fact]
    public async Task Unknown_Taken_AndStale_AreTypedErrors()
    {
        var tenant = NewTenant();
        await OverlappingSegmentsAsync(tenant);
        await CreateAsync(tenant, Busy("gold"));

        Assert.Equal(StatusCode.AlreadyExists, (await Refused(() => CreateAsync(tenant, Busy("vip")))).StatusCode);
        foreach (var call in new Func<Task>[]
        {
            () => GetAsync(tenant, "night-owl"),
            () => Client.UpdatePersonaAsync(new UpdatePersonaRequest { Persona = new Persona(Busy("gold")) { PersonaId = "night-owl" } }, As(tenant)).ResponseAsync,
            () => Client.DeletePersonaAsync(new DeletePersonaRequest { PersonaId = "night-owl" }, As(tenant)).ResponseAsync,
        })
        {
            Assert.Equal(StatusCode.NotFound, (await Refused(call)).StatusCode);
        }

        // As read, edited and sent back: the read-only size and scores are ignored.
        var read = await GetAsync(tenant, "busy-parent");
        read.Name = "Busy parents";
        read.SegmentIds.Add("vip");
        var updated = await Client.UpdatePersonaAsync(new UpdatePersonaRequest { Persona = read, ExpectedVersion = 1 }, As(tenant));
        Assert.Equal((2L, "Busy parents"), (updated.Version, updated.Name));
        var stale = await Refused(() => Client.UpdatePersonaAsync(new UpdatePersonaRequest { Persona = Busy("gold"), ExpectedVersion = 1 }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Equal("VERSION_MISMATCH", stale.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations[0].Type);
        Assert.Equal(StatusCode.FailedPrecondition, (await Refused(() => Client.DeletePersonaAsync(new DeletePersonaRequest { PersonaId = "busy-parent", ExpectedVersion = 1 }, As(tenant)).ResponseAsync)).StatusCode);
        Assert.Equal("Busy parents", (await GetAsync(tenant, "busy-parent")).Name);

        // A segment a persona stands on is not deleted from under it; once the persona is gone, it can be.
        var inUse = await Refused(() => Client.DeleteSegmentAsync(new DeleteSegmentRequest { SegmentId = "vip" }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, inUse.StatusCode);
        Assert.Equal(("SEGMENT_IN_USE", "persona/busy-parent"), (inUse.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations[0].Type, inUse.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations[0].Subject));
        await Client.DeletePersonaAsync(new DeletePersonaRequest { PersonaId = "busy-parent", ExpectedVersion = 2 }, As(tenant));
        Assert.Equal(StatusCode.NotFound, (await Refused(() => GetAsync(tenant, "busy-parent"))).StatusCode);
        Assert.Empty(await Host.ReadAsync(tenant, db => db.PersonaSegments.ToListAsync()));
        await Client.DeleteSegmentAsync(new DeleteSegmentRequest { SegmentId = "vip" }, As(tenant));
    }

    [Fact]
    public async Task ATenantNeverSeesAnothersPersonas()
    {
        var owner = NewTenant();
        var stranger = NewTenant();
        await OverlappingSegmentsAsync(owner);
        await CreateAsync(owner, Busy("gold", "vip"));

        Assert.Equal(StatusCode.NotFound, (await Refused(() => GetAsync(stranger, "busy-parent"))).StatusCode);
        Assert.Empty((await Client.ListPersonasAsync(new ListPersonasRequest(), As(stranger))).Personas);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => Client.UpdatePersonaAsync(new UpdatePersonaRequest { Persona = Busy("gold") }, As(stranger)).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => Client.DeletePersonaAsync(new DeletePersonaRequest { PersonaId = "busy-parent" }, As(stranger)).ResponseAsync)).StatusCode);

        // The stranger's segments of the same ids are theirs: their persona of the same id counts their customers only.
        await CustomerAsync(stranger, "z1", "gold");
        await Client.CreateSegmentAsync(new CreateSegmentRequest { Segment = AttributeSegment("gold", "gold") }, As(stranger));
        Assert.Equal(1L, (await CreateAsync(stranger, Busy("gold"))).Size);
        Assert.Equal(4L, (await GetAsync(owner, "busy-parent")).Size);
    }

    [Fact]
    public async Task Personas_AreListedByIdInPages()
    {
        var tenant = NewTenant();
        await OverlappingSegmentsAsync(tenant);
        foreach (var id in new[] { "c-persona", "a-persona", "b-persona" })
        {
            await CreateAsync(tenant, new Persona(Busy("vip", "gold")) { PersonaId = id });
        }

        var first = await Client.ListPersonasAsync(new ListPersonasRequest { PageSize = 2 }, As(tenant));
        Assert.Equal(["a-persona", "b-persona"], first.Personas.Select(p => p.PersonaId));
        Assert.Equal(["vip", "gold"], first.Personas[0].SegmentIds);
        var second = await Client.ListPersonasAsync(new ListPersonasRequest { PageSize = 2, PageToken = first.NextPageToken }, As(tenant));
        Assert.Equal(["c-persona"], second.Personas.Select(p => p.PersonaId));
        Assert.Empty(second.NextPageToken);
    }
}

/// <summary>A measurement service that cannot be reached: the persona is read, and says its scores are missing and why.</summary>
public sealed class PersonaScoresUnavailableTests(UnreachableMeasurementUnderstandingHost host) : IClassFixture<UnreachableMeasurementUnderstandingHost>
{
    [Fact]
    public async Task MeasurementUnreachable_TheReadSucceeds_NamingTheService_WithNoScores()
    {
        var tenant = NewTenant();
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "c1", Attributes = { ["gold"] = "yes" } } }, As(tenant));
        await host.Client.CreateSegmentAsync(new CreateSegmentRequest { Segment = new Segment { SegmentId = "gold", Name = "Gold", Rule = new SegmentRule { AllOf = { new SegmentCondition { Attribute = new AttributeCondition { Key = "gold", Operator = AttributeOperator.Exists } } } } } }, As(tenant));
        await host.Client.CreatePersonaAsync(new CreatePersonaRequest { Persona = new Persona { PersonaId = "loyal", Name = "Loyal", SegmentIds = { "gold" }, MetricIds = { "nps", "csat" } } }, As(tenant));

        var persona = await host.Client.GetPersonaAsync(new GetPersonaRequest { PersonaId = "loyal" }, As(tenant));

        Assert.Equal(1L, persona.Size);
        Assert.Empty(persona.Scores);
        Assert.Equal("measurement", persona.ScoresUnavailable.Service);
        Assert.Contains("Unavailable", persona.ScoresUnavailable.Reason, StringComparison.Ordinal);
    }
}
