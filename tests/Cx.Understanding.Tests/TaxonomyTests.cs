using Cx.Common.V1;
using Cx.Events.V1;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class TaxonomyTests(UnderstandingHost host) : TaxonomyBehaviour(host), IClassFixture<UnderstandingHost>;

public sealed class TaxonomyPostgreSqlTests(PostgreSqlUnderstandingHost host) : TaxonomyBehaviour(host), IClassFixture<PostgreSqlUnderstandingHost>;

/// <summary>The tenant's topics set through the API: versions, optimistic concurrency, rules refused where they go wrong, drafts tried on a text.</summary>
public abstract class TaxonomyBehaviour(UnderstandingHost host)
{
    private static Topic Topic(string id, string name, string rule, string parent = "") => new() { TopicId = id, Name = name, Rules = { rule }, ParentTopicId = parent };

    private static readonly Topic[] First =
    [
        Topic("delivery", "Delivery", "courier | 快递员"),
        Topic("late-delivery", "Late delivery", "arrived late | days late | 晚到", "delivery"),
    ];

    private static readonly Topic[] Second =
    [
        Topic("delivery", "Delivery", "courier | 快递员"),
        Topic("refund", "Refund", "refund* | money back | 退款 NOT NEAR tax | 退税 WITHIN 3"),
    ];

    private Task<Taxonomy> SetAsync(string tenant, IEnumerable<Topic> topics, long? expected = null, string actor = "maria")
    {
        var request = new SetTaxonomyRequest { Topics = { topics } };
        if (expected is { } version)
        {
            request.ExpectedVersion = version;
        }

        return host.Client.SetTaxonomyAsync(request, As(tenant, actor)).ResponseAsync;
    }

    private static ResponseRecorded Response(string responseId, string text) => new()
    {
        ResponseId = responseId,
        Context = new ResponseContext { CustomerId = "ann", JourneyId = "online-purchase", JourneyStepId = "delivery", OccurredAt = Timestamp.FromDateTime(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc)) },
        Comments = { new Comment { Text = text, Language = "en" } },
    };

    [Fact]
    public async Task EachChangeIsANewVersion_TheCurrentAndAnEarlierOneAreRead_AndListedNewestFirst()
    {
        var tenant = NewTenant();
        Assert.Equal(new Taxonomy(), await host.Client.GetTaxonomyAsync(new GetTaxonomyRequest(), As(tenant)));

        var first = await SetAsync(tenant, First, expected: 0, actor: "maria");
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await SetAsync(tenant, Second, expected: 1, actor: "lee");
        var again = await SetAsync(tenant, Second, actor: "lee");

        Assert.Equal((1L, "maria"), (first.Version, first.CreatedBy));
        Assert.Equal((2L, "lee"), (second.Version, second.CreatedBy));
        Assert.Equal(second, again);
        Assert.Equal(second, await host.Client.GetTaxonomyAsync(new GetTaxonomyRequest(), As(tenant)));
        var read = await host.Client.GetTaxonomyAsync(new GetTaxonomyRequest { Version = 1 }, As(tenant));
        Assert.Equal(First, read.Topics);
        Assert.Equal("delivery", read.Topics[1].ParentTopicId);
        Assert.Equal(first.CreatedAt.ToDateTime().AddMinutes(5), second.CreatedAt.ToDateTime());

        var page = await host.Client.ListTaxonomyVersionsAsync(new ListTaxonomyVersionsRequest { PageSize = 1 }, As(tenant));
        var next = await host.Client.ListTaxonomyVersionsAsync(new ListTaxonomyVersionsRequest { PageSize = 1, PageToken = page.NextPageToken }, As(tenant));
        Assert.Equal([(2L, 2, "lee")], page.Versions.Select(v => (v.Version, v.TopicCount, v.CreatedBy)));
        Assert.Equal([(1L, 2, "maria")], next.Versions.Select(v => (v.Version, v.TopicCount, v.CreatedBy)));
        Assert.Equal(string.Empty, next.NextPageToken);

        var missing = await Refused(async () => await host.Client.GetTaxonomyAsync(new GetTaxonomyRequest { Version = 3 }, As(tenant)));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task NewFeedback_IsTaggedWithTheVersionCurrentWhenItArrives()
    {
        var tenant = NewTenant();
        await SetAsync(tenant, First);
        await host.DeliverAsync(tenant, "e-1", Response("r-1", "The courier arrived late and I asked for my money back."));
        await SetAsync(tenant, Second);
        await host.DeliverAsync(tenant, "e-2", Response("r-2", "The courier arrived late and I asked for my money back."));

        var feedback = (await host.Client.ListFeedbackAsync(new ListFeedbackRequest(), As(tenant))).Feedback;
        Assert.Equal(
            [("r-2:0", 2, "delivery,refund"), ("r-1:0", 1, "delivery,late-delivery")],
            feedback.Select(f => (f.FeedbackId, f.TaxonomyVersion, string.Join(",", f.TopicIds))));
    }

    [Fact]
    public async Task AStaleExpectedVersion_IsAborted_NamingTheCurrentVersion_AndChangesNothing()
    {
        var tenant = NewTenant();
        await SetAsync(tenant, First, expected: 0);

        var stale = await Refused(() => SetAsync(tenant, Second, expected: 0));
        var ahead = await Refused(() => SetAsync(tenant, Second, expected: 2));

        Assert.Equal((StatusCode.Aborted, StatusCode.Aborted), (stale.StatusCode, ahead.StatusCode));
        var info = stale.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        Assert.Equal(("CONCURRENCY_CONFLICT", "taxonomy", "1"), (info.Reason, info.Metadata["resource_type"], info.Metadata["current_version"]));
        Assert.Equal(1L, (await host.Client.GetTaxonomyAsync(new GetTaxonomyRequest(), As(tenant))).Version);
    }

    [Fact]
    public async Task MalformedTopics_AreInvalid_EachNamedByItsField_RulesByTheCharacterWhereTheyGoWrong()
    {
        var tenant = NewTenant();
        Topic[] topics =
        [
            Topic("delivery", "Delivery", "courier || parcel"),
            Topic("refund", "Refund", "refund** | money back"),
            Topic("delivery", "Delivery again", "parcel"),
            Topic("billing", "Billing", "bill NOT NEAR tax WITHIN ten", "invoices"),
            Topic("Fees", "", "fee"),
            new Topic { TopicId = "empty", Name = "Empty" },
            Topic("long", "Long", new string('a', 501)),
            Topic("loop-a", "Loop A", "a thing", "loop-b"),
            Topic("loop-b", "Loop B", "b thing", "loop-a"),
        ];

        var error = await Refused(() => SetAsync(tenant, topics));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            [
                ("topics[0].rules[0]", "The rule \"courier || parcel\" has an empty phrase at position 2 (between '|') (at character 10)."),
                ("topics[1].rules[0]", "The rule \"refund** | money back\" has a phrase at position 1 that has 'refund**': '*' may only end a word, after at least three letters (at character 1)."),
                ("topics[2].topic_id", "The topic 'delivery' is defined twice (first at topics[0])."),
                ("topics[3].rules[0]", "The rule \"bill NOT NEAR tax WITHIN ten\" has WITHIN 'ten': it takes a whole number of words from 1 to 50 (at character 26)."),
                ("topics[4].topic_id", "Lower-case letters, digits and '-', starting with a letter, at most 63 characters."),
                ("topics[4].name", "Required, at most 100 characters."),
                ("topics[5].rules", "A topic has from 1 to 50 rules."),
                ("topics[6].rules[0]", "The rule \"" + new string('a', 501) + "\" is longer than 500 characters (at character 501)."),
                ("topics[3].parent_topic_id", "No topic 'invoices' in this list."),
                ("topics[7].parent_topic_id", "The parents of 'loop-a' come back to it through 'loop-b'."),
                ("topics[8].parent_topic_id", "The parents of 'loop-b' come back to it through 'loop-a'."),
            ],
            Violations(error));
        Assert.Equal(0L, (await host.Client.GetTaxonomyAsync(new GetTaxonomyRequest(), As(tenant))).Version);

        var tooMany = await Refused(() => SetAsync(tenant, Enumerable.Range(0, 501).Select(i => Topic($"t-{i}", $"Topic {i}", $"word{i}"))));
        Assert.Equal([("topics", "At most 500 topics; this list has 501.")], Violations(tooMany));
    }

    [Fact]
    public async Task ADraft_IsTriedOnAText_WithTheSpansOfWhatItFinds_AndNothingIsKept()
    {
        var tenant = NewTenant();
        var text = "The courier was late and the refund took weeks; 快递员也没打电话。";

        var tried = await host.Client.TestTaxonomyAsync(new TestTaxonomyRequest { Topics = { Second }, Text = text }, As(tenant));

        Assert.Equal("en", tried.Language);
        Assert.Equal(
            [("delivery", 0, "courier", 4, 7), ("refund", 0, "refund", 29, 6), ("delivery", 0, "快递员", 48, 3)],
            tried.Matches.Select(m => (m.TopicId, m.RuleIndex, m.Text, m.Start, m.Length)));
        Assert.Equal("refund", text.Substring(29, 6));
        Assert.Equal(0L, (await host.Client.GetTaxonomyAsync(new GetTaxonomyRequest(), As(tenant))).Version);

        var bad = await Refused(async () => await host.Client.TestTaxonomyAsync(new TestTaxonomyRequest { Topics = { Topic("x", "X", "a | ") }, Text = "" }, As(tenant)));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal([("topics[0].rules[0]", "The rule \"a | \" has an empty phrase at position 2 (between '|') (at character 5).")], Violations(bad));
        var noText = await Refused(async () => await host.Client.TestTaxonomyAsync(new TestTaxonomyRequest { Topics = { Second }, Text = " " }, As(tenant)));
        Assert.Equal([("text", "Required.")], Violations(noText));
    }
}
