using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.ServiceKit.Jobs;
using Cx.Understanding.Profiles;
using Cx.Understanding.Segments;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class SegmentTests(UnderstandingHost host) : SegmentBehaviour(host), IClassFixture<UnderstandingHost>;

public sealed class SegmentPostgreSqlTests(PostgreSqlUnderstandingHost host) : SegmentBehaviour(host), IClassFixture<PostgreSqlUnderstandingHost>;

/// <summary>Segments: built from every customer, kept exact as events, changes, merges and undos arrive, lapsing on time; on SQLite and on a real PostgreSQL.</summary>
public abstract class SegmentBehaviour(UnderstandingHost host)
{
    private const string SegmentChangedType = "cx.understanding.segment_membership_changed.v1";

    private DateTimeOffset Now => host.Clock.GetUtcNow();

    private static Segment Promoters() => new()
    {
        SegmentId = "promoters-90d",
        Name = "Promoters in the last 90 days",
        Rule = new SegmentRule { AllOf = { new SegmentCondition { Score = new ScoreCondition { MetricId = "nps-relationship", MinScore = 9, MaxScore = 10, WindowDays = 90 } } } },
    };

    private static Segment FrequentContacts() => new()
    {
        SegmentId = "frequent-contacts",
        Name = "Three contacts in a week",
        Rule = new SegmentRule { AllOf = { new SegmentCondition { Contacts = new ContactCondition { Count = 3, WindowDays = 7 } } } },
    };

    private static Segment Gold() => new()
    {
        SegmentId = "gold",
        Name = "Gold tier",
        Rule = new SegmentRule { AllOf = { new SegmentCondition { Attribute = new AttributeCondition { Key = "tier", Operator = AttributeOperator.Equals, Values = { "gold" } } } } },
    };

    private Task<Segment> CreateSegmentAsync(string tenant, Segment segment) =>
        host.Client.CreateSegmentAsync(new CreateSegmentRequest { Segment = segment }, As(tenant)).ResponseAsync;

    private Task<Profile> CreateCustomerAsync(string tenant, string customer, string? tier = null) =>
        host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = customer, Attributes = { tier is null ? [] : new Dictionary<string, string> { ["tier"] = tier } } } }, As(tenant)).ResponseAsync;

    private Task<DeliveryOutcome> RespondAsync(string tenant, string eventId, string responseId, string customer, int score, TimeSpan ago, string metric = "nps-relationship") =>
        host.DeliverAsync(tenant, eventId, new ResponseRecorded
        {
            ResponseId = responseId,
            InstrumentId = "relationship",
            Context = new ResponseContext { CustomerId = customer, Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(Now - ago) },
            Answers = { new Answer { MetricId = metric, Score = score } },
        });

    private Task<TimelineEntry> ContactAsync(string tenant, string customer, string externalId, TimeSpan ago, string channel = "phone") =>
        host.Client.RecordInteractionAsync(new RecordInteractionRequest
        {
            Interaction = new Interaction { CustomerId = customer, Channel = channel, OccurredAt = Timestamp.FromDateTimeOffset(Now - ago), ExternalId = externalId },
        }, As(tenant)).ResponseAsync;

    private async Task<List<string>> MembersAsync(string tenant, string segmentId) =>
        (await host.Client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = segmentId, PageSize = 100 }, As(tenant))).Members.Select(m => m.CustomerId).ToList();

    private async Task<long> CountAsync(string tenant, string segmentId) =>
        (await host.Client.GetSegmentAsync(new GetSegmentRequest { SegmentId = segmentId }, As(tenant))).MemberCount;

    /// <summary>The history, oldest first: segment, customer, joined, reason.</summary>
    private async Task<List<(string, string, bool, MembershipReason)>> HistoryAsync(string tenant, string segmentId = "", string customerId = "") =>
        (await host.Client.ListMembershipHistoryAsync(new ListMembershipHistoryRequest { SegmentId = segmentId, CustomerId = customerId, PageSize = 100 }, As(tenant)))
            .Changes.Reverse().Select(c => (c.SegmentId, c.CustomerId, c.Joined, c.Reason)).ToList();

    /// <summary>The segment_membership_changed events in the outbox, in the order raised.</summary>
    private async Task<List<SegmentMembershipChanged>> EventsAsync(string tenant) =>
        (await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == SegmentChangedType).OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync()))
            .Select(SegmentMembershipChanged.Parser.ParseJson).ToList();

    private Task<int> RunUpkeepAsync() => host.Service<PeriodicTenantJob<SegmentUpkeepJob>>().RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task ASegment_IsBuiltFromEveryCustomer_ThenKeptAsResponsesAndContactsArrive_AndRedeliveriesChangeNothing()
    {
        var tenant = NewTenant();
        foreach (var customer in new[] { "ann", "bob", "cy" })
        {
            await CreateCustomerAsync(tenant, customer);
        }

        await RespondAsync(tenant, "e-1", "r-1", "ann", 9, TimeSpan.FromDays(10));
        await RespondAsync(tenant, "e-2", "r-2", "bob", 7, TimeSpan.FromDays(1));
        await RespondAsync(tenant, "e-3", "r-3", "cy", 10, TimeSpan.FromDays(90));
        for (var i = 0; i < 3; i++)
        {
            await ContactAsync(tenant, "cy", $"cy-{i}", TimeSpan.FromDays(i));
        }

        await ContactAsync(tenant, "ann", "ann-0", TimeSpan.FromDays(1));
        await ContactAsync(tenant, "ann", "ann-1", TimeSpan.FromDays(8));

        var promoters = await CreateSegmentAsync(tenant, Promoters());
        var frequent = await CreateSegmentAsync(tenant, FrequentContacts());

        Assert.Equal((SegmentState.Ready, 3L, 1L, 1L), (promoters.State, promoters.CustomersEvaluated, promoters.MemberCount, promoters.Version));
        Assert.Equal((SegmentState.Ready, 3L, 1L), (frequent.State, frequent.CustomersEvaluated, frequent.MemberCount));
        Assert.Equal(["ann"], await MembersAsync(tenant, "promoters-90d"));
        Assert.Equal(["cy"], await MembersAsync(tenant, "frequent-contacts"));
        var annsMembership = (await host.Client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = "promoters-90d" }, As(tenant))).Members.Single();
        Assert.Equal((Now, Now + TimeSpan.FromDays(80)), (annsMembership.Since.ToDateTimeOffset(), annsMembership.LapsesAt.ToDateTimeOffset()));

        // Bob becomes a promoter; the same event again, and the same response under another event id, change nothing.
        Assert.Equal(DeliveryVerdict.Success, (await RespondAsync(tenant, "e-4", "r-4", "bob", 10, TimeSpan.Zero)).Verdict);
        await RespondAsync(tenant, "e-4", "r-4", "bob", 10, TimeSpan.Zero);
        await RespondAsync(tenant, "e-5", "r-4", "bob", 10, TimeSpan.Zero);

        // A score on a metric no segment reads, and ann's third contact (the one of 8 days ago is out of the week).
        await RespondAsync(tenant, "e-6", "r-6", "ann", 10, TimeSpan.Zero, metric: "csat");
        await ContactAsync(tenant, "ann", "ann-2", TimeSpan.FromHours(1), channel: "chat");
        Assert.Equal(["cy"], await MembersAsync(tenant, "frequent-contacts"));
        await ContactAsync(tenant, "ann", "ann-3", TimeSpan.Zero, channel: "email");
        await ContactAsync(tenant, "ann", "ann-3", TimeSpan.Zero, channel: "email");

        Assert.Equal(["ann", "bob"], await MembersAsync(tenant, "promoters-90d"));
        Assert.Equal(["ann", "cy"], await MembersAsync(tenant, "frequent-contacts"));
        Assert.Equal((2L, 2L), (await CountAsync(tenant, "promoters-90d"), await CountAsync(tenant, "frequent-contacts")));
        Assert.Equal(
            [("promoters-90d", "ann", true, MembershipReason.RuleMatched), ("frequent-contacts", "cy", true, MembershipReason.RuleMatched), ("promoters-90d", "bob", true, MembershipReason.RuleMatched), ("frequent-contacts", "ann", true, MembershipReason.RuleMatched)],
            await AllHistoryAsync(tenant));
        Assert.Equal(2, (await HistoryAsync(tenant, customerId: "ann")).Count);
        var events = await EventsAsync(tenant);
        Assert.Equal(
            [("promoters-90d", 1L, "ann", true, SegmentMembershipReason.RuleMatched, 1L), ("frequent-contacts", 1L, "cy", true, SegmentMembershipReason.RuleMatched, 1L), ("promoters-90d", 1L, "bob", true, SegmentMembershipReason.RuleMatched, 1L), ("frequent-contacts", 1L, "ann", true, SegmentMembershipReason.RuleMatched, 1L)],
            events.Select(e => (e.SegmentId, e.SegmentVersion, e.CustomerId, e.Joined, e.Reason, e.Sequence)));
        Assert.Equal(ProfilesApi.ErasureHash(tenant, "bob"), events[2].CustomerHash);
    }

    private async Task<List<(string, string, bool, MembershipReason)>> AllHistoryAsync(string tenant)
    {
        var promoters = await HistoryAsync(tenant, segmentId: "promoters-90d");
        var frequent = await HistoryAsync(tenant, segmentId: "frequent-contacts");
        var all = await host.ReadAsync(tenant, db => db.SegmentHistory.OrderBy(h => h.ChangeId).ToListAsync());
        Assert.Equal(promoters.Count + frequent.Count, all.Count);
        return all.Select(h => (h.SegmentId, h.CustomerId, h.Joined, (MembershipReason)h.Reason)).ToList();
    }

    [Fact]
    public async Task AMembership_LapsesExactlyWhenItsWindowPasses()
    {
        var tenant = NewTenant();
        await CreateCustomerAsync(tenant, "ann");
        await ContactAsync(tenant, "ann", "a-1", TimeSpan.FromDays(6));
        await ContactAsync(tenant, "ann", "a-2", TimeSpan.FromDays(5));
        await ContactAsync(tenant, "ann", "a-3", TimeSpan.FromDays(1));
        var created = Now;
        await CreateSegmentAsync(tenant, FrequentContacts());
        var member = (await host.Client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = "frequent-contacts" }, As(tenant))).Members.Single();
        Assert.Equal(created + TimeSpan.FromDays(1), member.LapsesAt.ToDateTimeOffset());

        host.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        await RunUpkeepAsync();
        Assert.Equal(["ann"], await MembersAsync(tenant, "frequent-contacts"));

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await RunUpkeepAsync();

        Assert.Empty(await MembersAsync(tenant, "frequent-contacts"));
        Assert.Equal(0, await CountAsync(tenant, "frequent-contacts"));
        Assert.Equal([("frequent-contacts", "ann", true, MembershipReason.RuleMatched), ("frequent-contacts", "ann", false, MembershipReason.NoLongerMatches)], await HistoryAsync(tenant, customerId: "ann"));
        var left = (await EventsAsync(tenant))[^1];
        Assert.Equal((false, 2L, created + TimeSpan.FromDays(1)), (left.Joined, left.Sequence, left.At.ToDateTimeOffset()));

        // A new contact brings them back, and nothing is due until it ages.
        await ContactAsync(tenant, "ann", "a-4", TimeSpan.Zero);
        Assert.Equal(["ann"], await MembersAsync(tenant, "frequent-contacts"));
    }

    [Fact]
    public async Task AttributeChangesAndImports_JoinAndLeave_OnlySegmentsThatReadThem()
    {
        var tenant = NewTenant();
        await CreateCustomerAsync(tenant, "ann");
        await CreateCustomerAsync(tenant, "bob", tier: "gold");
        Assert.Equal(1, (await CreateSegmentAsync(tenant, Gold())).MemberCount);

        await host.Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "ann", Set = { ["tier"] = "gold" } }, As(tenant));
        await host.Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "bob", Remove = { "tier" } }, As(tenant));
        await host.Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "ann", Set = { ["city"] = "Rome" } }, As(tenant));
        var import = new ImportProfilesRequest { Profiles = { new Profile { CustomerId = "cy", Attributes = { ["tier"] = "gold" } }, new Profile { CustomerId = "bob", Attributes = { ["tier"] = "gold" } }, new Profile { CustomerId = "dan", Attributes = { ["tier"] = "silver" } } } };
        await host.Client.ImportProfilesAsync(import, As(tenant));
        await host.Client.ImportProfilesAsync(import, As(tenant));
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "eve", Attributes = { ["tier"] = "gold" } } }, As(tenant));

        Assert.Equal(["ann", "bob", "cy", "eve"], await MembersAsync(tenant, "gold"));
        Assert.Equal(4, await CountAsync(tenant, "gold"));
        Assert.Equal(
            [("gold", "bob", true, MembershipReason.RuleMatched), ("gold", "ann", true, MembershipReason.RuleMatched), ("gold", "bob", false, MembershipReason.NoLongerMatches), ("gold", "cy", true, MembershipReason.RuleMatched), ("gold", "bob", true, MembershipReason.RuleMatched), ("gold", "eve", true, MembershipReason.RuleMatched)],
            await HistoryAsync(tenant, segmentId: "gold"));
        Assert.Equal([1L, 2L, 3L], (await EventsAsync(tenant)).Where(e => e.CustomerId == "bob").Select(e => e.Sequence));
    }

    [Fact]
    public async Task Membership_IsExact_UnderMergesAndTheirUndo()
    {
        var tenant = NewTenant();
        await CreateCustomerAsync(tenant, "ann");
        await CreateCustomerAsync(tenant, "ann-2");
        await ContactAsync(tenant, "ann", "a-1", TimeSpan.FromDays(1));
        await ContactAsync(tenant, "ann", "a-2", TimeSpan.FromDays(2));
        await ContactAsync(tenant, "ann-2", "b-1", TimeSpan.FromDays(3));
        await RespondAsync(tenant, "e-1", "r-1", "ann-2", 10, TimeSpan.FromDays(4));
        await CreateSegmentAsync(tenant, Promoters());
        await CreateSegmentAsync(tenant, FrequentContacts());
        Assert.Equal(["ann-2"], await MembersAsync(tenant, "promoters-90d"));
        Assert.Empty(await MembersAsync(tenant, "frequent-contacts"));

        var merge = await host.Client.MergeProfilesAsync(new MergeProfilesRequest { IntoCustomerId = "ann", FromCustomerId = "ann-2", Reason = "same person" }, As(tenant));

        Assert.Equal(["ann"], await MembersAsync(tenant, "promoters-90d"));
        Assert.Equal(["ann"], await MembersAsync(tenant, "frequent-contacts"));
        Assert.Equal((1L, 1L), (await CountAsync(tenant, "promoters-90d"), await CountAsync(tenant, "frequent-contacts")));

        // A promoter's response for the merged id after the merge goes to ann, and back with the undo.
        await RespondAsync(tenant, "e-2", "r-2", "ann-2", 9, TimeSpan.Zero);
        var undone = await host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = merge.MergeId, Reason = "two people" }, As(tenant));

        Assert.Equal(["ann-2"], await MembersAsync(tenant, "promoters-90d"));
        Assert.Empty(await MembersAsync(tenant, "frequent-contacts"));
        Assert.Equal((1L, 0L), (await CountAsync(tenant, "promoters-90d"), await CountAsync(tenant, "frequent-contacts")));
        Assert.Equal(
            [
                ("promoters-90d", "ann-2", true, MembershipReason.RuleMatched),
                ("promoters-90d", "ann-2", false, MembershipReason.Merged), ("frequent-contacts", "ann", true, MembershipReason.Merged), ("promoters-90d", "ann", true, MembershipReason.Merged),
                ("promoters-90d", "ann-2", true, MembershipReason.Unmerged), ("frequent-contacts", "ann", false, MembershipReason.Unmerged), ("promoters-90d", "ann", false, MembershipReason.Unmerged),
            ],
            await AllHistoryAsync(tenant));
        Assert.Equal(["r-1", "r-2"], await host.ReadAsync(tenant, db => db.ScoreFacts.Where(s => s.CustomerId == "ann-2").OrderBy(s => s.ResponseId).Select(s => s.ResponseId).ToListAsync()));
        Assert.NotNull(undone.UnmergedAt);
    }

    [Fact]
    public async Task UpdateAndDelete_AreVersioned_AndMembersFollow()
    {
        var tenant = NewTenant();
        await CreateCustomerAsync(tenant, "ann");
        await CreateCustomerAsync(tenant, "bob");
        await RespondAsync(tenant, "e-1", "r-1", "ann", 9, TimeSpan.FromDays(1));
        await RespondAsync(tenant, "e-2", "r-2", "bob", 10, TimeSpan.FromDays(1));
        await CreateSegmentAsync(tenant, Promoters());

        var changed = Promoters();
        changed.Name = "Strong promoters";
        changed.Rule.AllOf[0].Score.MinScore = 10;
        var stale = await Refused(() => host.Client.UpdateSegmentAsync(new UpdateSegmentRequest { Segment = changed, ExpectedVersion = 2 }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        var updated = await host.Client.UpdateSegmentAsync(new UpdateSegmentRequest { Segment = changed, ExpectedVersion = 1 }, As(tenant));

        Assert.Equal((2L, "Strong promoters", SegmentState.Ready, 2L, 1L), (updated.Version, updated.Name, updated.State, updated.CustomersEvaluated, updated.MemberCount));
        Assert.Equal(["bob"], await MembersAsync(tenant, "promoters-90d"));
        var history = await host.Client.ListMembershipHistoryAsync(new ListMembershipHistoryRequest { SegmentId = "promoters-90d" }, As(tenant));
        Assert.Equal((false, "ann", MembershipReason.SegmentChanged, 2L), (history.Changes[0].Joined, history.Changes[0].CustomerId, history.Changes[0].Reason, history.Changes[0].SegmentVersion));

        Assert.Equal(StatusCode.FailedPrecondition, (await Refused(() => host.Client.DeleteSegmentAsync(new DeleteSegmentRequest { SegmentId = "promoters-90d", ExpectedVersion = 1 }, As(tenant)).ResponseAsync)).StatusCode);
        var deleted = await host.Client.DeleteSegmentAsync(new DeleteSegmentRequest { SegmentId = "promoters-90d", ExpectedVersion = 2 }, As(tenant));

        Assert.Equal(1, deleted.MembersRemoved);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => host.Client.GetSegmentAsync(new GetSegmentRequest { SegmentId = "promoters-90d" }, As(tenant)).ResponseAsync)).StatusCode);
        Assert.Equal(("promoters-90d", "bob", false, MembershipReason.SegmentDeleted), (await HistoryAsync(tenant, segmentId: "promoters-90d"))[^1]);
        var last = (await EventsAsync(tenant))[^1];
        Assert.Equal(("bob", false, SegmentMembershipReason.SegmentDeleted, 2L), (last.CustomerId, last.Joined, last.Reason, last.SegmentVersion));
        Assert.Empty(await host.ReadAsync(tenant, db => db.SegmentMembers.ToListAsync()));
        Assert.Empty(await host.ReadAsync(tenant, db => db.SegmentDependencies.ToListAsync()));

        // The id is free again, and the new segment starts over.
        Assert.Equal(1, (await CreateSegmentAsync(tenant, Promoters())).Version);
    }

    [Fact]
    public async Task BadInput_IsRefusedWithTypedErrors()
    {
        var tenant = NewTenant();
        var bad = new Segment
        {
            SegmentId = "Promoters!",
            Name = " ",
            Rule = new SegmentRule
            {
                AllOf =
                {
                    new SegmentCondition { Score = new ScoreCondition { MetricId = "nps", MinScore = 9, MaxScore = 10, WindowDays = 0 } },
                    new SegmentCondition { Contacts = new ContactCondition { Count = 3, Channels = { "Phone" }, WindowDays = 7 } },
                    new SegmentCondition(),
                },
            },
        };

        var error = await Refused(() => CreateSegmentAsync(tenant, bad));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["segment.segment_id", "segment.name", "segment.rule.all_of[0].score.window_days", "segment.rule.all_of[1].contacts.channels", "segment.rule.all_of[2]"], Violations(error).Select(v => v.Field));
        Assert.Equal(["segment"], Violations(await Refused(() => host.Client.CreateSegmentAsync(new CreateSegmentRequest(), As(tenant)).ResponseAsync)).Select(v => v.Field));

        await CreateSegmentAsync(tenant, Gold());
        Assert.Equal(StatusCode.AlreadyExists, (await Refused(() => CreateSegmentAsync(tenant, Gold()))).StatusCode);
        foreach (var call in new Func<Task>[]
        {
            () => host.Client.GetSegmentAsync(new GetSegmentRequest { SegmentId = "silver" }, As(tenant)).ResponseAsync,
            () => host.Client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = "silver" }, As(tenant)).ResponseAsync,
            () => host.Client.UpdateSegmentAsync(new UpdateSegmentRequest { Segment = new Segment(Gold()) { SegmentId = "silver" } }, As(tenant)).ResponseAsync,
            () => host.Client.DeleteSegmentAsync(new DeleteSegmentRequest { SegmentId = "silver" }, As(tenant)).ResponseAsync,
        })
        {
            Assert.Equal(StatusCode.NotFound, (await Refused(call)).StatusCode);
        }

        var noSubject = await Refused(() => host.Client.ListMembershipHistoryAsync(new ListMembershipHistoryRequest(), As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "segment_id"), (noSubject.StatusCode, Violations(noSubject).Single().Field));
        var badToken = await Refused(() => host.Client.ListMembershipHistoryAsync(new ListMembershipHistoryRequest { SegmentId = "gold", PageToken = "x" }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
        var badVersion = await Refused(() => host.Client.UpdateSegmentAsync(new UpdateSegmentRequest { Segment = Gold(), ExpectedVersion = -1 }, As(tenant)).ResponseAsync);
        Assert.Equal(["expected_version"], Violations(badVersion).Select(v => v.Field));
    }

    [Fact]
    public async Task ATenantNeverSeesAnothersSegmentsOrMembers()
    {
        var owner = NewTenant();
        var stranger = NewTenant();
        await CreateCustomerAsync(owner, "ann", tier: "gold");
        await CreateSegmentAsync(owner, Gold());
        await CreateCustomerAsync(stranger, "bob", tier: "silver");

        Assert.Empty((await host.Client.ListSegmentsAsync(new ListSegmentsRequest(), As(stranger))).Segments);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => host.Client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = "gold" }, As(stranger)).ResponseAsync)).StatusCode);
        Assert.Empty((await host.Client.ListMembershipHistoryAsync(new ListMembershipHistoryRequest { CustomerId = "ann" }, As(stranger))).Changes);
        Assert.Empty((await host.Client.ListMembershipHistoryAsync(new ListMembershipHistoryRequest { SegmentId = "gold" }, As(stranger))).Changes);

        // The stranger's own segment of the same id evaluates the stranger's customers only.
        var theirs = await CreateSegmentAsync(stranger, Gold());
        Assert.Equal((1L, 0L), (theirs.CustomersEvaluated, theirs.MemberCount));
        await host.Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "bob", Set = { ["tier"] = "gold" } }, As(stranger));
        Assert.Equal(["bob"], await MembersAsync(stranger, "gold"));
        Assert.Equal(["ann"], await MembersAsync(owner, "gold"));
        Assert.Equal(["gold"], (await host.Client.ListSegmentsAsync(new ListSegmentsRequest(), As(owner))).Segments.Select(s => s.SegmentId));
    }

    [Fact]
    public async Task Segments_AreListedByIdInPages()
    {
        var tenant = NewTenant();
        foreach (var id in new[] { "c-segment", "a-segment", "b-segment" })
        {
            await CreateSegmentAsync(tenant, new Segment(Gold()) { SegmentId = id });
        }

        var first = await host.Client.ListSegmentsAsync(new ListSegmentsRequest { PageSize = 2 }, As(tenant));
        var second = await host.Client.ListSegmentsAsync(new ListSegmentsRequest { PageSize = 2, PageToken = first.NextPageToken }, As(tenant));

        Assert.Equal(["a-segment", "b-segment"], first.Segments.Select(s => s.SegmentId));
        Assert.Equal(["c-segment"], second.Segments.Select(s => s.SegmentId));
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task ALargeTenant_IsBuiltInPages_ByTheUpkeepJob()
    {
        var tenant = NewTenant();
        var import = new ImportProfilesRequest();
        for (var i = 0; i < 600; i++)
        {
            import.Profiles.Add(new Profile { CustomerId = $"c-{i:D3}", Attributes = { ["tier"] = i % 2 == 0 ? "gold" : "silver" } });
        }

        await host.Client.ImportProfilesAsync(import, As(tenant));

        var building = await CreateSegmentAsync(tenant, Gold());

        Assert.Equal((SegmentState.Building, 500L, 250L), (building.State, building.CustomersEvaluated, building.MemberCount));
        await RunUpkeepAsync();
        var ready = await host.Client.GetSegmentAsync(new GetSegmentRequest { SegmentId = "gold" }, As(tenant));
        Assert.Equal((SegmentState.Ready, 600L, 300L), (ready.State, ready.CustomersEvaluated, ready.MemberCount));
        Assert.Equal(300, await host.ReadAsync(tenant, db => db.SegmentMembers.CountAsync()));
        var page = await host.Client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = "gold", PageSize = 100 }, As(tenant));
        Assert.Equal(("c-000", "c-198"), (page.Members[0].CustomerId, page.Members[^1].CustomerId));
        var next = await host.Client.ListSegmentMembersAsync(new ListSegmentMembersRequest { SegmentId = "gold", PageSize = 100, PageToken = page.NextPageToken }, As(tenant));
        Assert.Equal("c-200", next.Members[0].CustomerId);
    }

    [Fact]
    public async Task Erasure_EndsTheMemberships_AndThePublishedEndNamesOnlyTheHash()
    {
        var tenant = NewTenant();
        await CreateCustomerAsync(tenant, "zoe", tier: "gold");
        await CreateCustomerAsync(tenant, "ann", tier: "gold");
        await RespondAsync(tenant, "e-1", "r-1", "zoe", 10, TimeSpan.FromDays(1));
        await CreateSegmentAsync(tenant, Gold());
        await CreateSegmentAsync(tenant, Promoters());

        await host.Client.EraseCustomerAsync(new EraseCustomerRequest { CustomerId = "zoe" }, As(tenant));

        Assert.Equal((1L, 0L), (await CountAsync(tenant, "gold"), await CountAsync(tenant, "promoters-90d")));
        Assert.Equal(["ann"], await MembersAsync(tenant, "gold"));
        Assert.Empty(await HistoryAsync(tenant, customerId: "zoe"));
        Assert.Empty(await host.ReadAsync(tenant, db => db.ScoreFacts.ToListAsync()));
        var events = await EventsAsync(tenant);
        Assert.DoesNotContain(events, e => e.CustomerId == "zoe");
        var hash = ProfilesApi.ErasureHash(tenant, "zoe");
        Assert.Equal(
            [("gold", SegmentMembershipReason.Erased), ("promoters-90d", SegmentMembershipReason.Erased)],
            events.Where(e => e.CustomerHash == hash).Select(e => (e.SegmentId, e.Reason)).Order());
    }
}
