using Cx.Understanding.Data;
using Cx.Understanding.Feedback;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class InsightTests(UnderstandingHost host) : InsightBehaviour(host), IClassFixture<UnderstandingHost>;

public sealed class InsightPostgreSqlTests(PostgreSqlUnderstandingHost host) : InsightBehaviour(host), IClassFixture<PostgreSqlUnderstandingHost>;

/// <summary>The insights repository: research notes with their evidence, searchable in English and Chinese; on SQLite and on a real PostgreSQL.</summary>
public abstract class InsightBehaviour(UnderstandingHost host)
{
    /// <summary>A tenant with one comment ("r-1:0") and one interaction of customer ann; returns the tenant and the interaction's entry id.</summary>
    private async Task<(string Tenant, string EntryId)> TenantAsync()
    {
        var tenant = NewTenant();
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "ann" } }, As(tenant));
        var entry = await host.Client.RecordInteractionAsync(new RecordInteractionRequest
        {
            Interaction = new Interaction { CustomerId = "ann", Channel = "phone", JourneyId = "online-purchase", JourneyStepId = "delivery", OccurredAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()), ExternalId = "call-1" },
        }, As(tenant));
        await host.ReadAsync(tenant, db =>
        {
            db.Feedback.Add(new FeedbackRecord { FeedbackId = "r-1:0", ResponseId = "r-1", CustomerId = "ann", OccurredAtUtc = host.Clock.GetUtcNow().UtcDateTime, Text = "…" });
            return db.SaveChangesAsync();
        });
        return (tenant, entry.EntryId);
    }

    private Task<Insight> RecordAsync(string tenant, Insight insight, string actor = "maria") =>
        host.Client.RecordInsightAsync(new RecordInsightRequest { Insight = insight }, As(tenant, actor)).ResponseAsync;

    private async Task<List<string>> SearchAsync(string tenant, SearchInsightsRequest request) =>
        (await host.Client.SearchInsightsAsync(request, As(tenant))).Insights.Select(i => i.InsightId).ToList();

    private static Insight Interview(string entryId) => new()
    {
        InsightId = "courier-interviews",
        Kind = InsightKind.Interview,
        Title = "Customers plan their day around the delivery slot",
        Text = "Eight of twelve interviewees took time off work; a missed slot costs them a day. 客户说快递员没有提前打电话。",
        JourneyId = "online-purchase",
        JourneyStepIds = { "delivery" },
        Tags = { "courier", "time-slot" },
        Evidence = { new InsightEvidence { Kind = EvidenceKind.Comment, Id = "r-1:0" }, new InsightEvidence { Kind = EvidenceKind.Interaction, Id = entryId }, new InsightEvidence { Kind = EvidenceKind.Response, Id = "01a207ad-d059-726b-b2a7-4de452e6b438" } },
    };

    [Fact]
    public async Task AnInsight_IsKeptWithItsEvidence_AndFoundByItsWordsInAnyCase_AndByStepKindAndTag()
    {
        var (tenant, entryId) = await TenantAsync();

        var recorded = await RecordAsync(tenant, Interview(entryId), actor: "li.na");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(tenant, new Insight { InsightId = "checkout-walk", Kind = InsightKind.Observation, Title = "The discount field hides the pay button", JourneyId = "online-purchase", JourneyStepIds = { "checkout" }, Tags = { "app" } });
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(tenant, new Insight { InsightId = "returns-workshop", Kind = InsightKind.Workshop, Title = "Refund timing: the day customers call", Text = "Customers call on day five after a return when no refund date is shown.", JourneyId = "returns", JourneyStepIds = { "refund" } });

        Assert.Equal(("li.na", 1L, InsightKind.Interview), (recorded.RecordedBy, recorded.Version, recorded.Kind));
        Assert.Equal(Interview(entryId).Evidence, recorded.Evidence);
        Assert.Equal(recorded, await host.Client.GetInsightAsync(new GetInsightRequest { InsightId = "courier-interviews" }, As(tenant)));

        Assert.Equal(["returns-workshop", "checkout-walk", "courier-interviews"], await SearchAsync(tenant, new SearchInsightsRequest()));
        Assert.Equal(["courier-interviews"], await SearchAsync(tenant, new SearchInsightsRequest { Query = "DAY   slot" }));
        Assert.Equal(["returns-workshop", "courier-interviews"], await SearchAsync(tenant, new SearchInsightsRequest { Query = "day" }));
        Assert.Equal(["courier-interviews"], await SearchAsync(tenant, new SearchInsightsRequest { Query = "快递员 电话" }));
        Assert.Equal(["courier-interviews"], await SearchAsync(tenant, new SearchInsightsRequest { Query = "Time-Slot" }));
        Assert.Equal(["checkout-walk"], await SearchAsync(tenant, new SearchInsightsRequest { JourneyStepId = "checkout" }));
        Assert.Empty(await SearchAsync(tenant, new SearchInsightsRequest { JourneyStepId = "check" }));
        Assert.Equal(["returns-workshop"], await SearchAsync(tenant, new SearchInsightsRequest { Kind = InsightKind.Workshop }));
        Assert.Equal(["courier-interviews"], await SearchAsync(tenant, new SearchInsightsRequest { Tag = "courier", JourneyId = "online-purchase" }));
        Assert.Empty(await SearchAsync(tenant, new SearchInsightsRequest { Query = "slot", JourneyId = "returns" }));

        var first = await host.Client.SearchInsightsAsync(new SearchInsightsRequest { PageSize = 2 }, As(tenant));
        var second = await host.Client.SearchInsightsAsync(new SearchInsightsRequest { PageSize = 2, PageToken = first.NextPageToken }, As(tenant));
        Assert.Equal(["returns-workshop", "checkout-walk", "courier-interviews"], first.Insights.Concat(second.Insights).Select(i => i.InsightId));
        Assert.Equal(string.Empty, second.NextPageToken);
    }

    [Fact]
    public async Task BadInput_IsRefusedNamingTheField_AndChangesNothing()
    {
        var (tenant, entryId) = await TenantAsync();
        async Task<RpcException> RefusedAsync(Insight insight) => await Refused(() => RecordAsync(tenant, insight));

        var bad = Interview(entryId);
        (bad.InsightId, bad.Kind, bad.Title) = ("Not An Id", InsightKind.Unspecified, " ");
        bad.Tags.Add("courier|depot");
        bad.Evidence.Add(new InsightEvidence { Kind = EvidenceKind.Unspecified, Id = "x" });
        var error = await RefusedAsync(bad);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["insight.insight_id", "insight.kind", "insight.title", "insight.tags", "insight.evidence[3].kind"], Violations(error).Select(v => v.Field));

        var unknownComment = Interview(entryId);
        unknownComment.Evidence[0].Id = "r-9:0";
        var notFound = await RefusedAsync(unknownComment);
        Assert.Equal((StatusCode.NotFound, "r-9:0"), (notFound.StatusCode, Resource(notFound).ResourceName));
        var unknownInteraction = Interview(entryId);
        unknownInteraction.Evidence[1].Id = "no-such-entry";
        Assert.Equal("no-such-entry", Resource(await RefusedAsync(unknownInteraction)).ResourceName);
        Assert.Empty(await SearchAsync(tenant, new SearchInsightsRequest()));

        await RecordAsync(tenant, Interview(entryId));
        Assert.Equal(StatusCode.AlreadyExists, (await RefusedAsync(Interview(entryId))).StatusCode);
        Assert.Equal(["page_token"], Violations(await Refused(() => host.Client.SearchInsightsAsync(new SearchInsightsRequest { PageToken = "forged" }, As(tenant)).ResponseAsync)).Select(v => v.Field));
        Assert.Equal(StatusCode.FailedPrecondition, (await Refused(() => host.Client.DeleteInsightAsync(new DeleteInsightRequest { InsightId = "courier-interviews", ExpectedVersion = 3 }, As(tenant)).ResponseAsync)).StatusCode);

        await host.Client.DeleteInsightAsync(new DeleteInsightRequest { InsightId = "courier-interviews", ExpectedVersion = 1 }, As(tenant));
        Assert.Equal(StatusCode.NotFound, (await Refused(() => host.Client.GetInsightAsync(new GetInsightRequest { InsightId = "courier-interviews" }, As(tenant)).ResponseAsync)).StatusCode);
    }

    [Fact]
    public async Task AnotherTenant_FindsNone()
    {
        var (tenant, entryId) = await TenantAsync();
        await RecordAsync(tenant, Interview(entryId));
        var other = NewTenant();

        Assert.Empty(await SearchAsync(other, new SearchInsightsRequest { Query = "slot" }));
        Assert.Equal(StatusCode.NotFound, (await Refused(() => host.Client.GetInsightAsync(new GetInsightRequest { InsightId = "courier-interviews" }, As(other)).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => host.Client.DeleteInsightAsync(new DeleteInsightRequest { InsightId = "courier-interviews" }, As(other)).ResponseAsync)).StatusCode);

        // Evidence must be the caller's own: another tenant's interaction is unknown here.
        var borrowed = Interview(entryId);
        borrowed.Evidence.RemoveAt(0);
        Assert.Equal(StatusCode.NotFound, (await Refused(() => RecordAsync(other, borrowed))).StatusCode);
    }
}
