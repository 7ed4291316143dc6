using Cx.Common.V1;
using Cx.Events.V1;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class MergeTests(UnderstandingHost host) : MergeBehaviour(host), IClassFixture<UnderstandingHost>;

public sealed class MergePostgreSqlTests(PostgreSqlUnderstandingHost host) : MergeBehaviour(host), IClassFixture<PostgreSqlUnderstandingHost>;

/// <summary>Explicit merges, audited and undone exactly, on SQLite and on a real PostgreSQL.</summary>
public abstract class MergeBehaviour(UnderstandingHost host)
{
    private static readonly DateTimeOffset Day = new(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ann and "ann-2" (the same person, found later), each with identities, attributes, consent and history.</summary>
    private async Task<string> TwoProfilesAsync()
    {
        var tenant = NewTenant();
        await host.Client.CreateProfileAsync(new CreateProfileRequest
        {
            Profile = new Profile
            {
                CustomerId = "ann",
                Identities = { new Identity { Kind = IdentityKind.Email, Value = "ann@example.com" } },
                Attributes = { ["tier"] = "gold", ["city"] = "Berlin" },
                Consents = { new Consent { Purpose = "analytics", Granted = true } },
            },
        }, As(tenant));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.Client.CreateProfileAsync(new CreateProfileRequest
        {
            Profile = new Profile
            {
                CustomerId = "ann-2",
                Identities = { new Identity { Kind = IdentityKind.Phone, Value = "+49 30 1234567" }, new Identity { Kind = IdentityKind.Device, Value = "phone-a1" } },
                Attributes = { ["tier"] = "silver", ["language"] = "de" },
                Consents = { new Consent { Purpose = "analytics", Granted = false }, new Consent { Purpose = "contact", Granted = true } },
            },
        }, As(tenant));
        foreach (var (customer, channel, hours) in new[] { ("ann", "phone", 1), ("ann-2", "chat", 2), ("ann", "email", 3), ("ann-2", "self_service", 4) })
        {
            await host.Client.RecordInteractionAsync(new RecordInteractionRequest
            {
                Interaction = new Interaction { CustomerId = customer, Channel = channel, OccurredAt = Timestamp.FromDateTimeOffset(Day.AddHours(hours)), ExternalId = $"{customer}-{channel}" },
            }, As(tenant));
        }

        return tenant;
    }

    private Task<Profile> GetAsync(string tenant, string customer) => host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = customer }, As(tenant)).ResponseAsync;

    private async Task<List<string>> HistoryAsync(string tenant, string customer) =>
        (await host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = customer }, As(tenant))).Entries.Select(e => e.SourceId).ToList();

    private Task<Merge> MergeAsync(string tenant, string into = "ann", string from = "ann-2", string actor = "maria") =>
        host.Client.MergeProfilesAsync(new MergeProfilesRequest { IntoCustomerId = into, FromCustomerId = from, Reason = "Same person: confirmed on the phone" }, As(tenant, actor)).ResponseAsync;

    [Fact]
    public async Task Merge_MovesIdentitiesHistoryAndMissingAttributes_LaterConsentWins_AndIsAuditedWithTheVerifiedCaller()
    {
        var tenant = await TwoProfilesAsync();

        var merge = await MergeAsync(tenant, actor: "jon.berg");

        Assert.Equal(("ann", "ann-2", "Same person: confirmed on the phone", "jon.berg", host.Clock.GetUtcNow()), (merge.IntoCustomerId, merge.FromCustomerId, merge.Reason, merge.MergedBy, merge.MergedAt.ToDateTimeOffset()));
        var ann = await GetAsync(tenant, "ann");
        Assert.Equal(["email:ann@example.com", "phone:+49301234567", "device:phone-a1"], ann.Identities.Select(i => i.Kind.ToString().ToLowerInvariant() + ":" + i.Value));
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold", ["city"] = "Berlin", ["language"] = "de" }, ann.Attributes);
        Assert.Equal([("analytics", false), ("contact", true)], ann.Consents.Select(c => (c.Purpose, c.Granted)));
        Assert.Equal(["ann-2"], ann.MergedCustomerIds);
        Assert.Equal(["ann-2-self_service", "ann-email", "ann-2-chat", "ann-phone"], await HistoryAsync(tenant, "ann"));
        Assert.Equal(StatusCode.NotFound, (await Refused(() => GetAsync(tenant, "ann-2"))).StatusCode);
        var listed = Assert.Single((await host.Client.ListMergesAsync(new ListMergesRequest { CustomerId = "ann-2" }, As(tenant))).Merges);
        Assert.Equal(merge, listed);

        // The merged id is not free for a new profile while the merge stands.
        var error = await Refused(() => host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "ann-2" } }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task Unmerge_RestoresBothProfilesExactly_AndEveryEntryToItsOwner_IncludingOnesThatArrivedSince()
    {
        var tenant = await TwoProfilesAsync();
        var annBefore = await GetAsync(tenant, "ann");
        var ann2Before = await GetAsync(tenant, "ann-2");
        var merge = await MergeAsync(tenant);
        host.Clock.Advance(TimeSpan.FromHours(1));

        // Since the merge: a response naming the merged id, an interaction on the profile that stayed.
        await host.DeliverAsync(tenant, "e-1", new ResponseRecorded { ResponseId = "r-1", Context = new ResponseContext { CustomerId = "ann-2", Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(Day.AddHours(5)) } });
        await host.Client.RecordInteractionAsync(new RecordInteractionRequest { Interaction = new Interaction { CustomerId = "ann", Channel = "store", OccurredAt = Timestamp.FromDateTimeOffset(Day.AddHours(6)), ExternalId = "ann-store" } }, As(tenant));
        Assert.Equal(["ann-store", "r-1", "ann-2-self_service", "ann-email", "ann-2-chat", "ann-phone"], await HistoryAsync(tenant, "ann"));

        var undone = await host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = merge.MergeId, Reason = "Two people after all" }, As(tenant, "kim"));

        Assert.Equal(("kim", "Two people after all", host.Clock.GetUtcNow()), (undone.UnmergedBy, undone.UnmergeReason, undone.UnmergedAt.ToDateTimeOffset()));
        var annAfter = await GetAsync(tenant, "ann");
        var ann2After = await GetAsync(tenant, "ann-2");
        annBefore.UpdatedAt = annAfter.UpdatedAt;
        ann2Before.UpdatedAt = ann2After.UpdatedAt;
        Assert.Equal(annBefore, annAfter);
        Assert.Equal(ann2Before, ann2After);
        Assert.Equal(["ann-store", "ann-email", "ann-phone"], await HistoryAsync(tenant, "ann"));
        Assert.Equal(["r-1", "ann-2-self_service", "ann-2-chat"], await HistoryAsync(tenant, "ann-2"));
        Assert.Equal(0, await host.ReadAsync(tenant, db => db.MergeMoves.CountAsync()));

        var again = await Refused(() => host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = merge.MergeId, Reason = "again" }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Equal("ALREADY_UNMERGED", again.GetRpcStatus()!.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations[0].Type);
    }

    /// <summary>The customer's comments by ListFeedback, newest first: "r-2:0 r-1:0".</summary>
    private async Task<string> FeedbackAsync(string tenant, string customer) =>
        string.Join(" ", (await host.Client.ListFeedbackAsync(new ListFeedbackRequest { CustomerId = customer }, As(tenant))).Feedback.Select(f => f.FeedbackId));

    private Task<Cx.Eventing.Subscribing.DeliveryOutcome> CommentAsync(string tenant, string responseId, string customer, int hours) =>
        host.DeliverAsync(tenant, "e-" + responseId, new ResponseRecorded
        {
            ResponseId = responseId,
            Context = new ResponseContext { CustomerId = customer, Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(Day.AddHours(hours)) },
            Comments = { new Comment { Text = "The parcel came two days late.", Language = "en" } },
        });

    /// <summary>
    /// The comments move with the history and come back with it: those the merge moved, those that
    /// arrived for the merged id since, and, through two merges undone in reverse order, each to
    /// the customer it was about.
    /// </summary>
    [Fact]
    public async Task Merges_MoveTheCustomersComments_AndTheirUndoGivesEachBackToItsOwner()
    {
        var tenant = NewTenant();
        foreach (var customer in new[] { "bo", "bo-2", "household" })
        {
            await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = customer } }, As(tenant));
        }

        await CommentAsync(tenant, "r-1", "bo", 1);
        await CommentAsync(tenant, "r-2", "bo-2", 2);
        Assert.Equal(("r-1:0", "r-2:0"), (await FeedbackAsync(tenant, "bo"), await FeedbackAsync(tenant, "bo-2")));

        var first = await MergeAsync(tenant, into: "bo", from: "bo-2");
        Assert.Equal(("r-2:0 r-1:0", ""), (await FeedbackAsync(tenant, "bo"), await FeedbackAsync(tenant, "bo-2")));
        await CommentAsync(tenant, "r-3", "bo-2", 3);
        Assert.Equal("r-3:0 r-2:0 r-1:0", await FeedbackAsync(tenant, "bo"));

        var second = await MergeAsync(tenant, into: "household", from: "bo");
        Assert.Equal(("r-3:0 r-2:0 r-1:0", ""), (await FeedbackAsync(tenant, "household"), await FeedbackAsync(tenant, "bo")));

        await host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = second.MergeId, Reason = "undo" }, As(tenant));
        Assert.Equal(("r-3:0 r-2:0 r-1:0", ""), (await FeedbackAsync(tenant, "bo"), await FeedbackAsync(tenant, "household")));

        await host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = first.MergeId, Reason = "undo" }, As(tenant));
        Assert.Equal(("r-1:0", "r-3:0 r-2:0"), (await FeedbackAsync(tenant, "bo"), await FeedbackAsync(tenant, "bo-2")));
        Assert.Equal(["r-1"], await HistoryAsync(tenant, "bo"));
        Assert.Equal(["r-3", "r-2"], await HistoryAsync(tenant, "bo-2"));
        Assert.Equal((0, 0), await host.ReadAsync(tenant, async db => (await db.MergeFeedbackMoves.CountAsync(), await db.Feedback.CountAsync(f => f.ViaMergeId != null))));
    }

    [Fact]
    public async Task AConsentWithdrawnAfterTheMerge_StandsForBothPeopleAfterTheUndo()
    {
        var tenant = await TwoProfilesAsync();
        var merge = await MergeAsync(tenant);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.Client.SetConsentAsync(new SetConsentRequest { CustomerId = "ann", Purpose = "contact", Granted = false }, As(tenant));

        await host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = merge.MergeId, Reason = "Two people" }, As(tenant));

        Assert.Equal([("analytics", true), ("contact", false)], (await GetAsync(tenant, "ann")).Consents.Select(c => (c.Purpose, c.Granted)));
        Assert.Equal([("analytics", false), ("contact", false)], (await GetAsync(tenant, "ann-2")).Consents.Select(c => (c.Purpose, c.Granted)));
    }

    [Fact]
    public async Task Merges_AreUndoneInReverseOrder_ALaterMergeOfTheSameProfileFirst()
    {
        var tenant = await TwoProfilesAsync();
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "household" } }, As(tenant));
        var first = await MergeAsync(tenant);
        var second = await MergeAsync(tenant, into: "household", from: "ann");

        var error = await Refused(() => host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = first.MergeId, Reason = "undo" }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains($"has since been merged into household (merge {second.MergeId})", error.Status.Detail, StringComparison.Ordinal);

        await host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = second.MergeId, Reason = "undo" }, As(tenant));
        await host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = first.MergeId, Reason = "undo" }, As(tenant));
        Assert.Equal(["ann-email", "ann-phone"], await HistoryAsync(tenant, "ann"));
        Assert.Equal(["ann-2-self_service", "ann-2-chat"], await HistoryAsync(tenant, "ann-2"));
        Assert.Empty(await HistoryAsync(tenant, "household"));
    }

    [Fact]
    public async Task BadMerges_AreRefusedWithTheirReason()
    {
        var tenant = await TwoProfilesAsync();

        var self = await Refused(() => host.Client.MergeProfilesAsync(new MergeProfilesRequest { IntoCustomerId = "ann", FromCustomerId = "ann", Reason = "" }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, self.StatusCode);
        Assert.Equal(["from_customer_id", "reason"], Violations(self).Select(v => v.Field));
        var unknown = await Refused(() => host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = "no-such-merge", Reason = "undo" }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(("ann", "ann-2"), ((await GetAsync(tenant, "ann")).CustomerId, (await GetAsync(tenant, "ann-2")).CustomerId));
    }
}
