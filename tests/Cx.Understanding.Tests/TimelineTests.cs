using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class TimelineTests(UnderstandingHost host) : TimelineBehaviour(host), IClassFixture<UnderstandingHost>;

public sealed class TimelinePostgreSqlTests(PostgreSqlUnderstandingHost host) : TimelineBehaviour(host), IClassFixture<PostgreSqlUnderstandingHost>;

/// <summary>One history per customer: interactions through the API, responses and cases from events; on SQLite and on a real PostgreSQL.</summary>
public abstract class TimelineBehaviour(UnderstandingHost host)
{
    private static readonly DateTimeOffset Day = new(2026, 10, 5, 0, 0, 0, TimeSpan.Zero);

    private async Task<string> TenantWithAnnAsync()
    {
        var tenant = NewTenant();
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "ann" } }, As(tenant));
        return tenant;
    }

    private Task<TimelineEntry> RecordAsync(string tenant, string channel, DateTimeOffset at, string externalId = "", string step = "delivery", string customer = "ann") =>
        host.Client.RecordInteractionAsync(new RecordInteractionRequest
        {
            Interaction = new Interaction { CustomerId = customer, Channel = channel, JourneyId = "buy", JourneyStepId = step, OccurredAt = Timestamp.FromDateTimeOffset(at), Summary = $"{channel} at {at:HH:mm}", ExternalId = externalId },
        }, As(tenant)).ResponseAsync;

    private async Task<List<TimelineEntry>> TimelineAsync(string tenant, string customer = "ann") =>
        (await host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = customer, PageSize = 100 }, As(tenant))).Entries.ToList();

    private static ResponseRecorded Response(string responseId, string customer, DateTimeOffset at, int nps = 9) => new()
    {
        ResponseId = responseId,
        InstrumentId = "post-delivery",
        Context = new ResponseContext { CustomerId = customer, Channel = "web", JourneyId = "buy", JourneyStepId = "delivery", OccurredAt = Timestamp.FromDateTimeOffset(at) },
        Answers = { new Answer { MetricId = "nps", Score = nps }, new Answer { MetricId = "speed" } },
    };

    [Fact]
    public async Task RecordInteraction_AddsOneEntry_PublishesInteractionRecorded_AndTheSameExternalIdRecordsOnce()
    {
        var tenant = await TenantWithAnnAsync();

        var first = await RecordAsync(tenant, "phone", Day.AddHours(9), "call-1");
        var again = await RecordAsync(tenant, "phone", Day.AddHours(9), "call-1");

        Assert.Equal(first, again);
        Assert.Equal((EntryKind.Interaction, "ann", "phone", "buy", "delivery", "call-1", "phone at 09:00"), (first.Kind, first.CustomerId, first.Channel, first.JourneyId, first.JourneyStepId, first.SourceId, first.Summary));
        Assert.Single(await TimelineAsync(tenant));
        var events = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant).ToListAsync());
        var published = Assert.Single(events);
        Assert.Equal(("cx.understanding.interaction_recorded.v1", "ann"), (published.Type, published.Subject));
        var payload = InteractionRecorded.Parser.ParseJson(published.Data);
        Assert.Equal((first.EntryId, "ann", "phone", "call-1", Day.AddHours(9)), (payload.EntryId, payload.CustomerId, payload.Channel, payload.ExternalId, payload.OccurredAt.ToDateTimeOffset()));

        var error = await Refused(() => RecordAsync(tenant, "phone", Day, "call-1", customer: "bob-is-unknown"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Timeline_IsNewestFirst_PagedWithTokens_AndFilteredByChannelStepAndTime()
    {
        var tenant = await TenantWithAnnAsync();
        string[] channels = ["phone", "email", "chat", "self_service"];
        for (var i = 0; i < 12; i++)
        {
            await RecordAsync(tenant, channels[i % 4], Day.AddHours(i), step: i < 6 ? "delivery" : "returns");
        }

        // Two at the same moment: the entry id breaks the tie, so paging neither skips nor repeats.
        await RecordAsync(tenant, "chat", Day.AddHours(5));

        var pages = new List<TimelineEntry>();
        var token = string.Empty;
        do
        {
            var page = await host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "ann", PageSize = 5, PageToken = token }, As(tenant));
            pages.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(13, pages.Select(e => e.EntryId).Distinct().Count());
        Assert.Equal(pages.OrderByDescending(e => e.OccurredAt.ToDateTimeOffset()).ThenByDescending(e => e.EntryId, StringComparer.Ordinal).Select(e => e.EntryId), pages.Select(e => e.EntryId));
        Assert.Equal(Day.AddHours(11), pages[0].OccurredAt.ToDateTimeOffset());

        var phone = await host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "ann", Channels = { "phone", "chat" } }, As(tenant));
        Assert.Equal([10, 8, 6, 5, 4, 2, 0], phone.Entries.Select(e => (int)(e.OccurredAt.ToDateTimeOffset() - Day).TotalHours));
        var returns = await host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "ann", JourneyStepId = "returns", From = Timestamp.FromDateTimeOffset(Day.AddHours(7)), To = Timestamp.FromDateTimeOffset(Day.AddHours(10)) }, As(tenant));
        Assert.Equal([9, 8, 7], returns.Entries.Select(e => (int)(e.OccurredAt.ToDateTimeOffset() - Day).TotalHours));
    }

    [Fact]
    public async Task BadInteractions_AreInvalidArgument_WithFieldViolations()
    {
        var tenant = await TenantWithAnnAsync();
        var interaction = new Interaction { CustomerId = "ann", Channel = "Phone Call", JourneyStepId = "delivery", Summary = new string('s', 2_001), ExternalId = " x" };

        var error = await Refused(() => host.Client.RecordInteractionAsync(new RecordInteractionRequest { Interaction = interaction }, As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["interaction.channel", "interaction.journey_id", "interaction.summary", "interaction.external_id"], Violations(error).Select(v => v.Field));
        Assert.Equal("At most 2,000 characters.", Violations(error)[2].Description);
        var token = await Refused(() => host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "ann", PageToken = "not-a-token" }, As(tenant)).ResponseAsync);
        Assert.Equal("page_token", Assert.Single(Violations(token)).Field);
        var forged = await Refused(() => host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "ann", PageToken = Cx.Domain.Paging.PageRequest.TokenAfter("yesterday|x") }, As(tenant)).ResponseAsync);
        Assert.Equal("page_token", Assert.Single(Violations(forged)).Field);
        Assert.Empty(await TimelineAsync(tenant));
    }

    [Fact]
    public async Task AResponse_FoldsInOnce_WithItsScores_WhateverTheRedelivery()
    {
        var tenant = await TenantWithAnnAsync();
        var response = Response("r-1", "ann", Day.AddHours(15), nps: 3);

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", response)).Verdict);
        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-1", response)).Verdict);
        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-2", response)).Verdict);

        var entry = Assert.Single(await TimelineAsync(tenant));
        Assert.Equal((EntryKind.Survey, "web", "delivery", "r-1", Day.AddHours(15)), (entry.Kind, entry.Channel, entry.JourneyStepId, entry.SourceId, entry.OccurredAt.ToDateTimeOffset()));
        Assert.Equal(("r-1", "post-delivery"), (entry.Survey.ResponseId, entry.Survey.InstrumentId));
        Assert.Equal([("nps", 3, true), ("speed", 0, false)], entry.Survey.Answers.Select(a => (a.MetricId, a.Score, a.HasScore)));
    }

    [Fact]
    public async Task AResponseForAnUnknownCustomer_MakesAMinimalProfile_AndOneWithoutCustomerIsIgnored()
    {
        var tenant = NewTenant();

        await host.DeliverAsync(tenant, "e-1", Response("r-1", "walk-in", Day));
        await host.DeliverAsync(tenant, "e-2", Response("r-2", "", Day));

        var profile = await host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "walk-in" }, As(tenant));
        Assert.True(profile.Minimal);
        Assert.Empty(profile.Identities);
        Assert.Equal("r-1", Assert.Single(await TimelineAsync(tenant, "walk-in")).SourceId);
        Assert.Equal(["walk-in"], (await host.Client.ListProfilesAsync(new ListProfilesRequest(), As(tenant))).Profiles.Select(p => p.CustomerId));
    }

    [Fact]
    public async Task ACase_IsOneEntry_EndingClosed_WhetherTheCloseArrivesBeforeOrAfterTheOpen()
    {
        var tenant = await TenantWithAnnAsync();
        var opened = new CaseOpened { CaseId = "case-1", CustomerId = "ann", JourneyId = "buy", JourneyStepId = "delivery" };
        var closed = new CaseClosed { CaseId = "case-1", CustomerId = "ann", JourneyId = "buy", JourneyStepId = "delivery", Recovered = true, RootCauseCategory = "late-delivery", ClosedAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddHours(30)) };
        var openedCase2 = new CaseOpened { CaseId = "case-2", CustomerId = "ann", JourneyId = "buy", JourneyStepId = "delivery" };
        var closedCase2 = new CaseClosed { CaseId = "case-2", CustomerId = "ann", JourneyId = "buy", JourneyStepId = "delivery", Recovered = true, RootCauseCategory = "late-delivery", ClosedAt = closed.ClosedAt };

        // In order for one case; the close first for the other, then everything again.
        await host.DeliverAsync(tenant, "open-1", opened);
        await host.DeliverAsync(tenant, "close-1", closed);
        await host.DeliverAsync(tenant, "close-2", closedCase2);
        await host.DeliverAsync(tenant, "open-2", openedCase2);
        await host.DeliverAsync(tenant, "open-1", opened);
        await host.DeliverAsync(tenant, "close-2", closedCase2);

        var entries = await TimelineAsync(tenant);
        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            Assert.Equal((EntryKind.Case, "closed", true, "late-delivery"), (entry.Kind, entry.Case.Status, entry.Case.Recovered, entry.Case.RootCauseCategory));
            Assert.Equal(host.Clock.GetUtcNow(), entry.OccurredAt.ToDateTimeOffset());
            Assert.Equal(host.Clock.GetUtcNow(), entry.Case.OpenedAt.ToDateTimeOffset());
            Assert.Equal(closed.ClosedAt, entry.Case.ClosedAt);
            Assert.Equal($"Case {entry.SourceId} closed (late-delivery, recovered)", entry.Summary);
        }

        Assert.Equal(entries[0].Case.ClosedAt, entries[1].Case.ClosedAt);
    }

    [Fact]
    public async Task ACaseAboutAScope_IsNobodysHistory()
    {
        var tenant = NewTenant();

        await host.DeliverAsync(tenant, "e-1", new CaseOpened { CaseId = "case-1", MetricId = "ces", Bucket = "2026-10", JourneyId = "buy" });

        Assert.Empty((await host.Client.ListProfilesAsync(new ListProfilesRequest(), As(tenant))).Profiles);
    }
}
