using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Demo;
using Cx.Understanding.Domain.Enrichment.Topics;
using Cx.Understanding.Feedback;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class FeedbackTests(UnderstandingHost host) : FeedbackBehaviour(host), IClassFixture<UnderstandingHost>;

/// <summary>The comments of responses, enriched as they arrive by event: kept, announced, and only with the customer's consent.</summary>
public abstract class FeedbackBehaviour(UnderstandingHost host)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 21, 15, 40, 0, TimeSpan.Zero);

    private static readonly TopicDefinition[] Topics =
    [
        new("late-delivery", "Late delivery", ["arrived late | days late | 晚到"]),
        new("courier", "Courier", ["courier | 快递员"]),
        new("waiting-on-hold", "Waiting on hold", ["on hold | 才有人接"]),
    ];

    private async Task<string> TenantAsync(params Consent[] consents)
    {
        var tenant = NewTenant();
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "ann", Consents = { consents } } }, As(tenant));
        await host.ReadAsync(tenant, async db =>
        {
            db.Taxonomies.Add(new TaxonomyRecord { Version = 3, TopicsJson = StoredJson.Of(Topics), CreatedAtUtc = Day.UtcDateTime });
            db.Names.AddRange(
                new NameRecord { Name = "Li Wei", EmployeeId = "agent-1", TeamId = "support-north" },
                new NameRecord { Name = "小李", EmployeeId = "agent-1", TeamId = "support-north" },
                new NameRecord { Name = "Leeds depot", TeamId = "leeds" });
            return await db.SaveChangesAsync();
        });
        return tenant;
    }

    private static ResponseRecorded Response(string responseId, string step, string employeeId, params Comment[] comments) => new()
    {
        ResponseId = responseId,
        InstrumentId = "post-contact",
        Context = new ResponseContext { CustomerId = "ann", Channel = "phone", JourneyId = "online-purchase", JourneyStepId = step, EmployeeId = employeeId, OccurredAt = Timestamp.FromDateTimeOffset(Day) },
        Answers = { new Answer { MetricId = "nps", Score = 3 } },
        Comments = { comments },
    };

    private Task<List<Cx.Persistence.Messaging.OutboxMessage>> PublishedAsync(string tenant, string type) =>
        host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == type).OrderBy(m => m.Sequence).ToListAsync());

    [Fact]
    public async Task AnEnglishAndAChineseComment_AreEnrichedKeptAndAnnounced_WithoutTheWords()
    {
        var tenant = await TenantAsync();
        var english = "I was on hold for forty minutes before anyone answered.";
        var chinese = "包裹晚到了三天，快递员一直没来，等了一整天。";

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", Response("r-1", "delivery", "", new Comment { MetricId = "csat-support", Text = english, Language = "en" }, new Comment { MetricId = "delivery-speed", Text = chinese, Language = "zh-CN" }))).Verdict);

        var rows = await host.ReadAsync(tenant, db => db.Feedback.OrderBy(f => f.FeedbackId).ToListAsync());
        Assert.Equal(
            [
                ("r-1:0", "r-1", "ann", "csat-support", "online-purchase", "delivery", "en", (int)SentimentLabel.Negative, "[1]", "[\"waiting-on-hold\"]", 3L, english),
                ("r-1:1", "r-1", "ann", "delivery-speed", "online-purchase", "delivery", "zh", (int)SentimentLabel.Negative, "[1]", "[\"late-delivery\",\"courier\"]", 3L, chinese),
            ],
            rows.Select(f => (f.FeedbackId, f.ResponseId, f.CustomerId, f.MetricId, f.JourneyId, f.JourneyStepId, f.Language, f.Label, f.EffortCuesJson, f.TopicIdsJson, f.TaxonomyVersion, f.Text)));
        Assert.Equal(Day.UtcDateTime, rows[0].OccurredAtUtc);
        Assert.All(rows, f => Assert.True(f.Sentiment < 0));

        var events = (await PublishedAsync(tenant, "cx.understanding.feedback_enriched.v1")).Select(m => (m.Subject, Event: FeedbackEnriched.Parser.ParseJson(m.Data))).ToList();
        Assert.Equal(["ann", "ann"], events.Select(e => e.Subject));
        Assert.Equal(
            [
                ("r-1:0", "r-1", "csat-support", "en", SentimentLabel.Negative, "Waiting", "waiting-on-hold", 3, "ann"),
                ("r-1:1", "r-1", "delivery-speed", "zh", SentimentLabel.Negative, "Waiting", "late-delivery,courier", 3, "ann"),
            ],
            events.Select(e => (e.Event.FeedbackId, e.Event.ResponseId, e.Event.MetricId, e.Event.Language, e.Event.Label, string.Join(",", e.Event.EffortCues), string.Join(",", e.Event.TopicIds), e.Event.TaxonomyVersion, e.Event.Context.CustomerId)));
        Assert.Equal(rows.Select(r => r.Sentiment), events.Select(e => e.Event.Sentiment));
        foreach (var (_, enriched) in events)
        {
            Assert.DoesNotContain("forty minutes", enriched.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("一整天", enriched.ToString(), StringComparison.Ordinal);
        }

        Assert.Empty(await PublishedAsync(tenant, "cx.understanding.praise_detected.v1"));
    }

    [Fact]
    public async Task Praise_QuotesOnlyTheName_WithoutConsentToStories()
    {
        var tenant = await TenantAsync();

        await host.DeliverAsync(tenant, "e-1", Response("r-1", "support", "agent-1", new Comment { MetricId = "csat-support", Text = "Li Wei was very patient and solved it in one call.", Language = "en" }));

        var praise = PraiseDetected.Parser.ParseJson(Assert.Single(await PublishedAsync(tenant, "cx.understanding.praise_detected.v1")).Data);
        Assert.Equal(("r-1:0", "r-1", "agent-1", "support-north", "Li Wei", "Li Wei…", true), (praise.FeedbackId, praise.ResponseId, praise.EmployeeId, praise.TeamId, praise.Name, praise.Quote, praise.QuoteRedacted));
        Assert.True(praise.Sentiment > 0);
        Assert.Equal("agent-1", praise.Context.EmployeeId);
    }

    [Fact]
    public async Task Praise_QuotesTheCustomer_WithTheirConsentToStories_AndFindsChineseNamesAndTeams()
    {
        var tenant = await TenantAsync(new Consent { Purpose = "stories", Granted = true });
        var chinese = "小李很耐心，一次就帮我解决了。";
        var team = "Thank you, the Leeds depot was brilliant.";

        await host.DeliverAsync(tenant, "e-1", Response("r-1", "support", "", new Comment { Text = chinese, Language = "zh-CN" }, new Comment { Text = team, Language = "en" }));

        var praise = (await PublishedAsync(tenant, "cx.understanding.praise_detected.v1")).Select(m => PraiseDetected.Parser.ParseJson(m.Data)).ToList();
        Assert.Equal(
            [
                ("r-1:0", "agent-1", "support-north", "小李", chinese, false),
                ("r-1:1", "", "leeds", "Leeds depot", team, false),
            ],
            praise.Select(p => (p.FeedbackId, p.EmployeeId, p.TeamId, p.Name, p.Quote, p.QuoteRedacted)));
    }

    [Fact]
    public async Task ACustomerWhoWithdrewConsentForAnalytics_IsNotAnalysed_ButTheResponseJoinsTheirHistory()
    {
        var tenant = await TenantAsync(new Consent { Purpose = "analytics", Granted = false }, new Consent { Purpose = "stories", Granted = true });

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", Response("r-1", "support", "agent-1", new Comment { Text = "Li Wei was very patient and solved it in one call.", Language = "en" }))).Verdict);

        Assert.Equal(0, await host.ReadAsync(tenant, db => db.Feedback.CountAsync()));
        Assert.Empty(await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type.StartsWith("cx.understanding.")).ToListAsync()));
        Assert.Equal(1, await host.ReadAsync(tenant, db => db.Timeline.CountAsync()));
    }

    [Fact]
    public async Task ARedelivery_AddsNoRowAndNoEvent_UnderTheSameOrAnotherEventId()
    {
        var tenant = await TenantAsync();
        var response = Response("r-1", "support", "agent-1", new Comment { Text = "Li Wei was very patient and solved it in one call.", Language = "en" });

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", response)).Verdict);
        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", response)).Verdict);
        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-2", response)).Verdict);

        Assert.Equal(["r-1:0"], await host.ReadAsync(tenant, db => db.Feedback.Select(f => f.FeedbackId).ToListAsync()));
        Assert.Single(await PublishedAsync(tenant, "cx.understanding.feedback_enriched.v1"));
        Assert.Single(await PublishedAsync(tenant, "cx.understanding.praise_detected.v1"));
    }

    [Fact]
    public async Task ACustomerWithoutAProfile_IsAnalysed_AsConsentForAnalyticsStandsUntilWithdrawn_AndQuotedRedacted()
    {
        var tenant = await TenantAsync();
        var response = Response("r-1", "support", "agent-1", new Comment { Text = "Li Wei was very patient and solved it in one call.", Language = "en" });
        response.Context.CustomerId = "walk-in";

        await host.DeliverAsync(tenant, "e-1", response);

        Assert.Equal(["walk-in"], await host.ReadAsync(tenant, db => db.Feedback.Select(f => f.CustomerId).ToListAsync()));
        Assert.True(PraiseDetected.Parser.ParseJson(Assert.Single(await PublishedAsync(tenant, "cx.understanding.praise_detected.v1")).Data).QuoteRedacted);
    }

    [Fact]
    public void Redaction_KeepsOnlyTheName()
    {
        Assert.Equal("…Li Wei…", FeedbackEnrichment.Redacted("Thanks, Li Wei was great.", new(8, 6)));
        Assert.Equal("Li Wei…", FeedbackEnrichment.Redacted("Li Wei was great.", new(0, 6)));
        Assert.Equal("…小王", FeedbackEnrichment.Redacted("谢谢小王", new(2, 2)));
    }
}

/// <summary>The demo tenant's topics and names find what the measurement demo's customers write.</summary>
public sealed class DemoFeedbackTests(UnderstandingHost host) : IClassFixture<UnderstandingHost>
{
    private static ResponseRecorded Response(string responseId, string customer, string step, string employeeId, string text) => new()
    {
        ResponseId = responseId,
        Context = new ResponseContext { CustomerId = customer, Channel = "phone", JourneyId = "online-purchase", JourneyStepId = step, EmployeeId = employeeId, TeamId = step == "support" ? "support-1" : string.Empty },
        Comments = { new Comment { Text = text, Language = text[0] < 128 ? "en" : "zh-CN" } },
    };

    [Fact]
    public async Task TheDemosComments_FindTheirTopics_AndTheAgentsTheyPraise_InEnglishAndChinese()
    {
        await host.SeedDemoDataAsync();
        var tenant = UnderstandingDemoData.Tenant;

        await host.DeliverAsync(tenant, "d-1", Response("demo-r-1", "customer-1187", "delivery", "", "I stayed home all day and the courier never came."));
        await host.DeliverAsync(tenant, "d-2", Response("demo-r-2", "customer-1187", "delivery", "", "包裹晚到了三天，也没有人告诉我原因。"));
        await host.DeliverAsync(tenant, "d-3", Response("demo-r-3", "customer-1187", "support", "agent-4", "小王很耐心，一次就帮我解决了。"));
        await host.DeliverAsync(tenant, "d-4", Response("demo-r-4", "customer-3", "support", "agent-1", "Li Wei explained everything clearly, thank you."));
        await host.DeliverAsync(tenant, "d-5", Response("demo-r-5", "customer-3", "support", "agent-2", "I was on hold for forty minutes before anyone answered."));

        var topics = await host.ReadAsync(tenant, db => db.Feedback.Where(f => f.ResponseId.StartsWith("demo-r-")).OrderBy(f => f.FeedbackId).Select(f => f.TopicIdsJson).ToListAsync());
        Assert.Equal(["[\"courier\",\"late-delivery\"]", "[\"late-delivery\"]", "[]", "[]", "[\"waiting-on-hold\"]"], topics);
        var praise = (await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.understanding.praise_detected.v1").OrderBy(m => m.Sequence).ToListAsync()))
            .Select(m => PraiseDetected.Parser.ParseJson(m.Data)).ToList();
        Assert.Equal(
            [
                ("demo-r-3:0", "agent-4", "support-1", "小王", "小王…", true),
                ("demo-r-4:0", "agent-1", "support-1", "Li Wei", "Li Wei explained everything clearly, thank you.", false),
            ],
            praise.Select(p => (p.FeedbackId, p.EmployeeId, p.TeamId, p.Name, p.Quote, p.QuoteRedacted)));
    }
}

/// <summary>ListFeedback: newest first, filtered and paged; bad filters are INVALID_ARGUMENT naming the field.</summary>
public sealed class FeedbackListTests(UnderstandingHost host) : IClassFixture<UnderstandingHost>
{
    private static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static ResponseRecorded Response(string responseId, string step, int hour, string text) => new()
    {
        ResponseId = responseId,
        Context = new ResponseContext { CustomerId = "ann", JourneyId = "online-purchase", JourneyStepId = step, OccurredAt = Timestamp.FromDateTimeOffset(Day.AddHours(hour)) },
        Comments = { new Comment { Text = text, Language = "en" } },
    };

    [Fact]
    public async Task ListFeedback_IsNewestFirst_FilteredByCustomerStepLabelTopicAndTime_AndPaged()
    {
        var tenant = NewTenant();
        await host.ReadAsync(tenant, async db =>
        {
            db.Taxonomies.Add(new TaxonomyRecord { Version = 1, TopicsJson = StoredJson.Of(new[] { new TopicDefinition("courier", "Courier", ["courier"]) }), CreatedAtUtc = Day.UtcDateTime });
            return await db.SaveChangesAsync();
        });
        await host.DeliverAsync(tenant, "e-1", Response("r-1", "delivery", 9, "The courier never came, terrible."));
        await host.DeliverAsync(tenant, "e-2", Response("r-2", "delivery", 10, "Arrived a day early and well packed, great."));
        await host.DeliverAsync(tenant, "e-3", Response("r-3", "support", 11, "The courier was friendly and helpful, thank you."));
        var bobs = Response("r-4", "delivery", 8, "Friendly courier, no complaints at all.");
        bobs.Context.CustomerId = "bob";
        await host.DeliverAsync(tenant, "e-4", bobs);

        async Task<List<string>> ListAsync(ListFeedbackRequest request) => (await host.Client.ListFeedbackAsync(request, As(tenant))).Feedback.Select(f => f.FeedbackId).ToList();

        Assert.Equal(["r-3:0", "r-2:0", "r-1:0", "r-4:0"], await ListAsync(new ListFeedbackRequest()));
        Assert.Equal(["r-3:0", "r-2:0", "r-1:0"], await ListAsync(new ListFeedbackRequest { CustomerId = "ann" }));
        Assert.Equal(["r-4:0"], await ListAsync(new ListFeedbackRequest { CustomerId = "bob" }));
        Assert.Empty(await ListAsync(new ListFeedbackRequest { CustomerId = "nobody" }));
        Assert.Equal(["r-2:0", "r-1:0", "r-4:0"], await ListAsync(new ListFeedbackRequest { JourneyStepId = "delivery" }));
        Assert.Equal(["r-1:0"], await ListAsync(new ListFeedbackRequest { Label = SentimentLabel.Negative }));
        Assert.Equal(["r-3:0", "r-1:0", "r-4:0"], await ListAsync(new ListFeedbackRequest { TopicId = "courier" }));
        Assert.Equal(["r-4:0"], await ListAsync(new ListFeedbackRequest { CustomerId = "bob", TopicId = "courier" }));
        Assert.Equal(["r-2:0"], await ListAsync(new ListFeedbackRequest { From = Timestamp.FromDateTimeOffset(Day.AddHours(10)), To = Timestamp.FromDateTimeOffset(Day.AddHours(11)) }));

        var first = await host.Client.ListFeedbackAsync(new ListFeedbackRequest { PageSize = 2 }, As(tenant));
        var second = await host.Client.ListFeedbackAsync(new ListFeedbackRequest { PageSize = 2, PageToken = first.NextPageToken }, As(tenant));
        Assert.Equal(["r-3:0", "r-2:0"], first.Feedback.Select(f => f.FeedbackId));
        Assert.Equal(["r-1:0", "r-4:0"], second.Feedback.Select(f => f.FeedbackId));
        Assert.Equal(string.Empty, second.NextPageToken);
        var item = first.Feedback[0];
        Assert.Equal(("ann", "support", "en", SentimentLabel.Positive, "courier", 1, "The courier was friendly and helpful, thank you."), (item.CustomerId, item.JourneyStepId, item.Language, item.Label, string.Join(",", item.TopicIds), item.TaxonomyVersion, item.Text));
    }

    [Fact]
    public async Task BadFilters_AreInvalidArgument_NamingTheField()
    {
        var error = await Refused(() => host.Client.ListFeedbackAsync(new ListFeedbackRequest { Label = (SentimentLabel)9, CustomerId = new string('c', 150), From = Timestamp.FromDateTimeOffset(Day), To = Timestamp.FromDateTimeOffset(Day), PageToken = "nonsense" }, As(NewTenant())).ResponseAsync);

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["customer_id", "label", "page_token", "to"], Violations(error).Select(v => v.Field).Order(StringComparer.Ordinal));
    }
}
