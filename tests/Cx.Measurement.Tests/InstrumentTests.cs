using Cx.Common.V1;
using Cx.Measurement.V1;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Cx.Measurement.Tests;

public sealed class InstrumentTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private async Task<string> TenantAsync()
    {
        var tenant = "i" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        return tenant;
    }

    private async Task<Instrument> LiveInstrumentAsync(string tenant, string id, double samplingRate = 0)
    {
        await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest
        {
            Instrument = new Instrument
            {
                InstrumentId = id,
                Name = "Post-purchase survey",
                SamplingRate = samplingRate,
                Questions = { new Question { MetricId = "nps", Text = { ["en"] = "How likely are you to recommend us?", ["zh-CN"] = "您向朋友推荐我们的可能性有多大？" } } },
            },
        }, Tenant(tenant));
        return await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = id, Status = InstrumentStatus.Live }, Tenant(tenant));
    }

    private static Contact Contact(string id, string channel = "email", string? segment = null)
    {
        var contact = new Contact { ContactId = id, Channel = channel, Language = "en" };
        if (segment is not null)
        {
            contact.Attributes["segment"] = segment;
        }

        return contact;
    }

    [Fact]
    public async Task CreateInstrument_IsDraftWithItsQuestionsInEveryLanguage_AndNotTwice()
    {
        var tenant = await TenantAsync();

        var live = await LiveInstrumentAsync(tenant, "post-purchase");
        var fetched = await host.Client.GetInstrumentAsync(new GetInstrumentRequest { InstrumentId = "post-purchase" }, Tenant(tenant));
        var again = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest { Instrument = fetched }, Tenant(tenant)));

        Assert.Equal(InstrumentStatus.Live, live.Status);
        Assert.Equal("您向朋友推荐我们的可能性有多大？", fetched.Questions[0].Text["zh-CN"]);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
    }

    [Fact]
    public async Task CreateInstrument_QuestionOnAnUnknownMetric_IsNamedByPath()
    {
        var tenant = await TenantAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest
        {
            Instrument = new Instrument { InstrumentId = "x", Name = "x", Questions = { new Question { MetricId = "nps", Text = { ["en"] = "?" } }, new Question { MetricId = "loyalty" } } },
        }, Tenant(tenant)));

        Assert.Equal(["instrument.questions[1].metric_id", "instrument.questions[1].text"], error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray());
    }

    [Fact]
    public async Task ChangeStatus_BackwardsOrFromClosed_IsFailedPrecondition_AndADraftTakesNoInvitations()
    {
        var tenant = await TenantAsync();
        await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest
        {
            Instrument = new Instrument { InstrumentId = "draft-one", Name = "d", Questions = { new Question { MetricId = "nps", Text = { ["en"] = "?" } } } },
        }, Tenant(tenant));

        var draftInvite = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "draft-one", Contacts = { Contact("c1") } }, Tenant(tenant)));
        await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "draft-one", Status = InstrumentStatus.Closed }, Tenant(tenant));
        var reopen = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "draft-one", Status = InstrumentStatus.Live }, Tenant(tenant)));

        Assert.Equal(StatusCode.FailedPrecondition, draftInvite.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, reopen.StatusCode);
        Assert.Equal("STATE_TRANSITION", reopen.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations[0].Type);
    }

    [Fact]
    public async Task Invitations_FrequencyRules_SuppressAndSayWhich_AcrossInstrumentsAndByAttribute()
    {
        var tenant = await TenantAsync();
        await host.Client.SetContactFrequencyRuleAsync(new SetContactFrequencyRuleRequest { Rule = new ContactFrequencyRule { RuleId = "any-14d", MinDaysBetween = 14 } }, Tenant(tenant));
        await host.Client.SetContactFrequencyRuleAsync(new SetContactFrequencyRuleRequest { Rule = new ContactFrequencyRule { RuleId = "vip-sms-90d", MinDaysBetween = 90, Channel = "sms", AttributeKey = "segment", AttributeValue = "vip" } }, Tenant(tenant));
        await LiveInstrumentAsync(tenant, "first");
        await LiveInstrumentAsync(tenant, "second");

        var first = await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "first", Contacts = { Contact("ann"), Contact("bob", "sms", "vip") } }, Tenant(tenant));
        var second = await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "second", Contacts = { Contact("ann"), Contact("bob", "sms", "vip"), Contact("cat") } }, Tenant(tenant));
        var repeated = await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "first", Contacts = { Contact("ann") } }, Tenant(tenant));

        Assert.All(first.Invitations, i => Assert.Equal(InvitationStatus.Sent, i.Status));
        Assert.Equal(
            [("ann", InvitationStatus.Suppressed, "frequency-rule:any-14d"), ("bob", InvitationStatus.Suppressed, "frequency-rule:any-14d"), ("cat", InvitationStatus.Sent, "")],
            second.Invitations.Select(i => (i.ContactId, i.Status, i.SuppressedBy)).ToArray());
        Assert.Equal(first.Invitations[0].InvitationId, Assert.Single(repeated.Invitations).InvitationId);
        var requested = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.measurement.invitation_requested.v1").CountAsync());
        Assert.Equal(3, requested);

        // Once the rule's 14 days have passed, asking again sends the invitation it held back (the same one), and only it.
        var started = host.Clock.GetUtcNow();
        host.Clock.SetUtcNow(started.AddDays(15));
        var later = await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "second", Contacts = { Contact("ann"), Contact("bob", "sms", "vip"), Contact("cat") } }, Tenant(tenant));

        Assert.Equal(
            [("ann", InvitationStatus.Sent, ""), ("bob", InvitationStatus.Suppressed, "frequency-rule:vip-sms-90d"), ("cat", InvitationStatus.Sent, "")],
            later.Invitations.Select(i => (i.ContactId, i.Status, i.SuppressedBy)).ToArray());
        Assert.Equal(second.Invitations.Select(i => i.InvitationId), later.Invitations.Select(i => i.InvitationId));
        Assert.Equal(second.Invitations[2].SentAt, later.Invitations[2].SentAt);
        Task<int> RequestsFor(string invitationId) =>
            host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.measurement.invitation_requested.v1" && m.Subject == invitationId).CountAsync());
        Assert.Equal((1, 0), (await RequestsFor(later.Invitations[0].InvitationId), await RequestsFor(later.Invitations[1].InvitationId)));
    }

    [Fact]
    public async Task SuppressedInvitation_CannotBeAnsweredOrOpened_AndTheStatsCountOnlyWhatWasSent()
    {
        var tenant = await TenantAsync();
        await host.Client.SetContactFrequencyRuleAsync(new SetContactFrequencyRuleRequest { Rule = new ContactFrequencyRule { RuleId = "any-30d", MinDaysBetween = 30 } }, Tenant(tenant));
        await LiveInstrumentAsync(tenant, "earlier");
        await LiveInstrumentAsync(tenant, "later");
        await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "earlier", Contacts = { Contact("dan") } }, Tenant(tenant));
        var later = await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "later", Contacts = { Contact("dan"), Contact("eve") } }, Tenant(tenant));
        var suppressed = later.Invitations.Single(i => i.ContactId == "dan");
        Assert.Equal(InvitationStatus.Suppressed, suppressed.Status);

        var answer = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(new RecordResponseRequest
        {
            Response = new Response { SubmissionId = "answer-dan", InvitationId = suppressed.InvitationId, Answers = { new Answer { MetricId = "nps", Score = 9 } } },
        }, Tenant(tenant)));
        var open = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.MarkInvitationOpenedAsync(new MarkInvitationOpenedRequest { InvitationId = suppressed.InvitationId }, Tenant(tenant)));
        var stats = await host.Client.GetInstrumentStatsAsync(new GetInstrumentStatsRequest { InstrumentId = "later" }, Tenant(tenant));

        var violation = Assert.Single(answer.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("response.invitation_id", violation.Field);
        Assert.Contains("frequency-rule:any-30d", violation.Description, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, open.StatusCode);
        Assert.Equal("INVITATION_SUPPRESSED", open.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations[0].Type);
        Assert.Equal((1L, 1L, 0L, 0L, 0.0), (stats.Sent, stats.Suppressed, stats.Opened, stats.Answered, stats.ResponseRate));
        Assert.Equal(0L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }

    [Fact]
    public async Task ResponsesToAnInstrument_MustFitItsStateDatesAndQuestions_AndKeepItAndTheInvitation()
    {
        var tenant = await TenantAsync();
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "ces", Kind = MetricKind.Ces, Name = "CES" } }, Tenant(tenant));
        var live = await LiveInstrumentAsync(tenant, "live");
        await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest { Instrument = new Instrument { InstrumentId = "draft", Name = "Draft", Questions = { new Question { MetricId = "nps", Text = { ["en"] = "?" } } } } }, Tenant(tenant));
        DateTime Day(int month, int day) => new(2026, month, day, 0, 0, 0, DateTimeKind.Utc);
        await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest
        {
            Instrument = new Instrument
            {
                InstrumentId = "dated",
                Name = "Dated",
                OpensAt = Timestamp.FromDateTime(Day(11, 1)),
                ClosesAt = Timestamp.FromDateTime(Day(11, 20)),
                Questions = { new Question { MetricId = "nps", Text = { ["en"] = "?" } } },
            },
        }, Tenant(tenant));
        await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "dated", Status = InstrumentStatus.Live }, Tenant(tenant));
        var pastItsDates = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.SendRemindersAsync(new SendRemindersRequest { InstrumentId = "dated" }, Tenant(tenant)));
        Assert.Equal(StatusCode.FailedPrecondition, pastItsDates.StatusCode);
        await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "dated", Status = InstrumentStatus.Closed }, Tenant(tenant));
        var invitation = (await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "live", Contacts = { Contact("fay") } }, Tenant(tenant))).Invitations[0];
        Response To(string id, string instrument, DateTime? occurred = null, string metric = "nps", string invitationId = "") => new()
        {
            SubmissionId = id,
            InstrumentId = instrument,
            InvitationId = invitationId,
            Context = new ResponseContext { OccurredAt = Timestamp.FromDateTime(occurred ?? Day(11, 23)) },
            Answers = { new Answer { MetricId = metric, Score = 5 } },
        };

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponsesAsync(new RecordResponsesRequest
        {
            Responses =
            {
                To("unknown", "no-such-survey"),
                To("draft", "draft"),
                To("unasked", "live", metric: "ces"),
                To("too-early", "dated", Day(10, 15)),
                To("too-late", "dated", Day(11, 21)),
                To("other-survey", "dated", Day(11, 10), invitationId: invitation.InvitationId),
            },
        }, Tenant(tenant)));
        var lateArrival = To("late-arrival", "dated", Day(11, 10));
        lateArrival.Context.JourneyStepId = "doorstep";
        await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = lateArrival }, Tenant(tenant));
        var invited = await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = To("invited", "", invitationId: invitation.InvitationId.ToUpperInvariant()) }, Tenant(tenant));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violations = refused.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations;
        Assert.Equal(
            ["responses[0].instrument_id", "responses[1].instrument_id", "responses[2].answers[0].metric_id", "responses[3].instrument_id", "responses[4].instrument_id", "responses[5].instrument_id"],
            violations.Select(v => v.Field).ToArray());
        Assert.Contains("is a draft", violations[1].Description, StringComparison.Ordinal);
        Assert.Contains("opens at 2026-11-01", violations[3].Description, StringComparison.Ordinal);
        Assert.Contains("closes at 2026-11-20", violations[4].Description, StringComparison.Ordinal);
        Assert.Contains("is for instrument 'live'", violations[5].Description, StringComparison.Ordinal);
        var recorded = (await host.Client.ListResponsesAsync(new ListResponsesRequest(), Tenant(tenant))).Responses.ToDictionary(r => r.Response.SubmissionId);
        Assert.Equal(["invited", "late-arrival"], recorded.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(("dated", "", "doorstep"), (recorded["late-arrival"].Response.InstrumentId, recorded["late-arrival"].Response.InvitationId, recorded["late-arrival"].Response.Context.JourneyStepId));
        Assert.Equal((live.InstrumentId, invitation.InvitationId), (recorded["invited"].Response.InstrumentId, recorded["invited"].Response.InvitationId));
        var events = await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.measurement.response_recorded.v1" && m.Subject == invited.ResponseId).ToListAsync());
        var recordedEvent = Cx.Events.V1.ResponseRecorded.Parser.ParseJson(Assert.Single(events).Data);
        Assert.Equal(("live", invitation.InvitationId), (recordedEvent.InstrumentId, recordedEvent.InvitationId));
        Assert.Equal(1L, (await host.Client.GetInstrumentStatsAsync(new GetInstrumentStatsRequest { InstrumentId = "live" }, Tenant(tenant))).Answered);
    }

    [Fact]
    public async Task Lists_InstrumentsInvitationsAndRules_PageByIdAndFilterByStatus_DeletedRuleHoldsNothingBack()
    {
        var tenant = await TenantAsync();
        await LiveInstrumentAsync(tenant, "b-live");
        await LiveInstrumentAsync(tenant, "c-closed");
        await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "c-closed", Status = InstrumentStatus.Closed }, Tenant(tenant));
        await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest { Instrument = new Instrument { InstrumentId = "a-draft", Name = "Draft", Questions = { new Question { MetricId = "nps", Text = { ["en"] = "?" } } } } }, Tenant(tenant));
        await host.Client.SetContactFrequencyRuleAsync(new SetContactFrequencyRuleRequest { Rule = new ContactFrequencyRule { RuleId = "any-30d", MinDaysBetween = 30 } }, Tenant(tenant));
        await host.Client.SetContactFrequencyRuleAsync(new SetContactFrequencyRuleRequest { Rule = new ContactFrequencyRule { RuleId = "sms-7d", MinDaysBetween = 7, Channel = "sms" } }, Tenant(tenant));
        await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "b-live", Contacts = { Contact("zoe"), Contact("amy"), Contact("kim") } }, Tenant(tenant));

        var first = await host.Client.ListInstrumentsAsync(new ListInstrumentsRequest { PageSize = 2 }, Tenant(tenant));
        var second = await host.Client.ListInstrumentsAsync(new ListInstrumentsRequest { PageSize = 2, PageToken = first.NextPageToken }, Tenant(tenant));
        var live = await host.Client.ListInstrumentsAsync(new ListInstrumentsRequest { Status = InstrumentStatus.Live }, Tenant(tenant));
        var invitations = await host.Client.ListInvitationsAsync(new ListInvitationsRequest { InstrumentId = "b-live", PageSize = 2 }, Tenant(tenant));
        var moreInvitations = await host.Client.ListInvitationsAsync(new ListInvitationsRequest { InstrumentId = "b-live", PageSize = 2, PageToken = invitations.NextPageToken }, Tenant(tenant));

        // Contact ids are free text: a page boundary between U+E000 and a character beyond U+FFFF (by
        // code point the first comes first; by UTF-16 unit the second) loses nothing.
        await LiveInstrumentAsync(tenant, "e-wide");
        string[] wide = ["a", "\uE000", "\U0001F600"];
        await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "e-wide", Contacts = { wide.Select(id => Contact(id)) } }, Tenant(tenant));
        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await host.Client.ListInvitationsAsync(new ListInvitationsRequest { InstrumentId = "e-wide", PageSize = 1, PageToken = token }, Tenant(tenant));
            seen.AddRange(page.Invitations.Select(i => i.ContactId));
            token = page.NextPageToken;
        }
        while (token.Length > 0 && seen.Count <= wide.Length);
        Assert.Equal(wide, seen);
        var rules = await host.Client.ListContactFrequencyRulesAsync(new ListContactFrequencyRulesRequest(), Tenant(tenant));
        await host.Client.DeleteContactFrequencyRuleAsync(new DeleteContactFrequencyRuleRequest { RuleId = "any-30d" }, Tenant(tenant));
        var afterDelete = await host.Client.ListContactFrequencyRulesAsync(new ListContactFrequencyRulesRequest(), Tenant(tenant));
        await LiveInstrumentAsync(tenant, "d-next");
        var next = await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "d-next", Contacts = { Contact("zoe") } }, Tenant(tenant));

        Assert.Equal(["a-draft", "b-live"], first.Instruments.Select(i => i.InstrumentId).ToArray());
        Assert.Equal(["c-closed"], second.Instruments.Select(i => i.InstrumentId).ToArray());
        Assert.Empty(second.NextPageToken);
        Assert.Equal(InstrumentStatus.Draft, first.Instruments[0].Status);
        Assert.Equal(["b-live"], live.Instruments.Select(i => i.InstrumentId).ToArray());
        Assert.Equal(["amy", "kim", "zoe"], invitations.Invitations.Concat(moreInvitations.Invitations).Select(i => i.ContactId).ToArray());
        Assert.All(invitations.Invitations, i => Assert.Equal(("b-live", InvitationStatus.Sent), (i.InstrumentId, i.Status)));
        Assert.Equal([("any-30d", 30, ""), ("sms-7d", 7, "sms")], rules.Rules.Select(r => (r.RuleId, r.MinDaysBetween, r.Channel)).ToArray());
        Assert.Equal(["sms-7d"], afterDelete.Rules.Select(r => r.RuleId).ToArray());
        Assert.Equal(InvitationStatus.Sent, Assert.Single(next.Invitations).Status);

        var unknownInstrument = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.ListInvitationsAsync(new ListInvitationsRequest { InstrumentId = "none" }, Tenant(tenant)));
        var unknownRule = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.DeleteContactFrequencyRuleAsync(new DeleteContactFrequencyRuleRequest { RuleId = "any-30d" }, Tenant(tenant)));
        var badStatus = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.ListInstrumentsAsync(new ListInstrumentsRequest { Status = (InstrumentStatus)42 }, Tenant(tenant)));
        var badToken = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.ListInstrumentsAsync(new ListInstrumentsRequest { PageToken = "not-ours" }, Tenant(tenant)));
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (unknownInstrument.StatusCode, unknownRule.StatusCode));
        Assert.Equal("status", Assert.Single(badStatus.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.Equal("page_token", Assert.Single(badToken.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Fact]
    public async Task InstrumentClosedBeforeItsClosingDate_TakesLateAnswersFromBeforeItClosed_NotAfter()
    {
        var tenant = await TenantAsync();
        await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest
        {
            Instrument = new Instrument
            {
                InstrumentId = "closed-early",
                Name = "Closed early",
                ClosesAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddDays(30)),
                Questions = { new Question { MetricId = "nps", Text = { ["en"] = "?" } } },
            },
        }, Tenant(tenant));
        await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "closed-early", Status = InstrumentStatus.Live }, Tenant(tenant));
        await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "closed-early", Status = InstrumentStatus.Closed }, Tenant(tenant));
        Response At(string id, DateTimeOffset occurred) => new()
        {
            SubmissionId = id,
            InstrumentId = "closed-early",
            Context = new ResponseContext { OccurredAt = Timestamp.FromDateTimeOffset(occurred) },
            Answers = { new Answer { MetricId = "nps", Score = 8 } },
        };

        await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = At("before-closing", host.Clock.GetUtcNow().AddHours(-1)) }, Tenant(tenant));
        var after = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = At("after-closing", host.Clock.GetUtcNow().AddMinutes(3)) }, Tenant(tenant)));

        var violation = Assert.Single(after.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("response.instrument_id", violation.Field);
        Assert.Contains($"closes at {host.Clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z", violation.Description, StringComparison.Ordinal);
        Assert.Equal(1L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }

    [Fact]
    public async Task InstrumentAtAJourneyStep_ItsInvitationsCarryIt_AndResponsesWithoutAJourneyAreRecordedThere()
    {
        var tenant = await TenantAsync();
        Instrument AtDelivery(string id, string journey, string step) => new()
        {
            InstrumentId = id,
            Name = "Post-delivery survey",
            JourneyId = journey,
            JourneyStepId = step,
            Questions = { new Question { MetricId = "nps", Text = { ["en"] = "How likely are you to recommend us?" } } },
        };
        var stepWithoutJourney = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest { Instrument = AtDelivery("no-journey", "", "delivery") }, Tenant(tenant)));
        var created = await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest { Instrument = AtDelivery("post-delivery", "buy", "delivery") }, Tenant(tenant));
        await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "post-delivery", Status = InstrumentStatus.Live }, Tenant(tenant));
        var invitation = (await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "post-delivery", Contacts = { Contact("gus") } }, Tenant(tenant))).Invitations[0];

        await host.Client.RecordResponseAsync(new RecordResponseRequest
        {
            Response = new Response { SubmissionId = "by-invitation", InvitationId = invitation.InvitationId, Answers = { new Answer { MetricId = "nps", Score = 3 } } },
        }, Tenant(tenant));
        await host.Client.RecordResponseAsync(new RecordResponseRequest
        {
            Response = new Response { SubmissionId = "own-journey", InstrumentId = "post-delivery", Context = new ResponseContext { JourneyId = "return", JourneyStepId = "pickup" }, Answers = { new Answer { MetricId = "nps", Score = 9 } } },
        }, Tenant(tenant));

        Assert.Equal("instrument.journey_step_id", Assert.Single(stepWithoutJourney.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.Equal(("buy", "delivery"), (created.JourneyId, created.JourneyStepId));
        var requested = await host.ReadAsync(tenant, db => db.Outbox.SingleAsync(m => m.TenantId == tenant && m.Type == "cx.measurement.invitation_requested.v1"));
        var @event = Cx.Events.V1.InvitationRequested.Parser.ParseJson(requested.Data);
        Assert.Equal(("buy", "delivery"), (@event.JourneyId, @event.JourneyStepId));
        var recorded = (await host.Client.ListResponsesAsync(new ListResponsesRequest(), Tenant(tenant))).Responses.ToDictionary(r => r.Response.SubmissionId, r => r.Response.Context);
        Assert.Equal(("buy", "delivery"), (recorded["by-invitation"].JourneyId, recorded["by-invitation"].JourneyStepId));
        Assert.Equal(("return", "pickup"), (recorded["own-journey"].JourneyId, recorded["own-journey"].JourneyStepId));
        var atDelivery = await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", Filter = new ResultFilter { JourneyStepIds = { "delivery" } } }, Tenant(tenant));
        Assert.Equal((1L, -100.0), (atDelivery.Results[0].N, atDelivery.Results[0].Score));
    }

    [Fact]
    public async Task Invitations_Sampling_AsksAboutTheRateAndTheSameContactsEveryTime()
    {
        var tenant = await TenantAsync();
        await LiveInstrumentAsync(tenant, "sampled", samplingRate: 0.3);
        var request = new SendInvitationsRequest { InstrumentId = "sampled", Contacts = { Enumerable.Range(0, 400).Select(i => Contact("contact-" + i)) } };

        var sent = await host.Client.SendInvitationsAsync(request, Tenant(tenant));

        var asked = sent.Invitations.Count(i => i.Status == InvitationStatus.Sent);
        Assert.InRange(asked, 90, 150);
        Assert.All(sent.Invitations.Where(i => i.Status == InvitationStatus.Suppressed), i => Assert.Equal("sampling", i.SuppressedBy));
        Assert.Equal(sent.Invitations.Select(i => i.Status), (await host.Client.SendInvitationsAsync(request, Tenant(tenant))).Invitations.Select(i => i.Status));
    }

    [Fact]
    public async Task Stats_OpenedAndAnswered_ResponseRateWithWilsonInterval_RemindersOnlyToWhoDidNotAnswer()
    {
        var tenant = await TenantAsync();
        await LiveInstrumentAsync(tenant, "tracked");
        var invited = await host.Client.SendInvitationsAsync(new SendInvitationsRequest { InstrumentId = "tracked", Contacts = { Enumerable.Range(0, 4).Select(i => Contact("p" + i)) } }, Tenant(tenant));
        var answering = invited.Invitations[0].InvitationId;

        await host.Client.MarkInvitationOpenedAsync(new MarkInvitationOpenedRequest { InvitationId = answering }, Tenant(tenant));
        await host.Client.RecordResponseAsync(new RecordResponseRequest
        {
            Response = new Response { SubmissionId = "answer-p0", InvitationId = answering, Answers = { new Answer { MetricId = "nps", Score = 9 } } },
        }, Tenant(tenant));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(new RecordResponseRequest
        {
            Response = new Response { SubmissionId = "answer-x", InvitationId = Guid.NewGuid().ToString(), Answers = { new Answer { MetricId = "nps", Score = 9 } } },
        }, Tenant(tenant)));
        var stats = await host.Client.GetInstrumentStatsAsync(new GetInstrumentStatsRequest { InstrumentId = "tracked" }, Tenant(tenant));

        Assert.Equal("response.invitation_id", Assert.Single(unknown.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.Equal((4L, 0L, 1L, 1L, 25.0), (stats.Sent, stats.Suppressed, stats.Opened, stats.Answered, stats.ResponseRate));
        var wilson = Cx.Measurement.Domain.Statistics.Proportion.Of(1, 4).Interval!.Value;
        Assert.Equal((wilson.Lower, wilson.Upper), (stats.ResponseRateInterval.Lower, stats.ResponseRateInterval.Upper));

        var notYet = await host.Client.SendRemindersAsync(new SendRemindersRequest { InstrumentId = "tracked" }, Tenant(tenant));
        var started = host.Clock.GetUtcNow();
        host.Clock.SetUtcNow(started.AddDays(4));
        var first = await host.Client.SendRemindersAsync(new SendRemindersRequest { InstrumentId = "tracked" }, Tenant(tenant));
        var sameDay = await host.Client.SendRemindersAsync(new SendRemindersRequest { InstrumentId = "tracked" }, Tenant(tenant));
        host.Clock.SetUtcNow(started.AddDays(8));
        var second = await host.Client.SendRemindersAsync(new SendRemindersRequest { InstrumentId = "tracked", MaxReminders = 1 }, Tenant(tenant));

        Assert.Equal((0, 3, 0, 0), (notYet.Reminded, first.Reminded, sameDay.Reminded, second.Reminded));
    }

    [Fact]
    public async Task CaseClosed_RecoveredCustomer_InvitedToTheFollowUpInstrumentOnce_OthersNot()
    {
        var tenant = await TenantAsync();
        await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest
        {
            Instrument = new Instrument { InstrumentId = "follow-up", Name = "After your case", FollowUpRecoveredCases = true, Questions = { new Question { MetricId = "nps", Text = { ["en"] = "?" } } } },
        }, Tenant(tenant));
        await host.Client.ChangeInstrumentStatusAsync(new ChangeInstrumentStatusRequest { InstrumentId = "follow-up", Status = InstrumentStatus.Live }, Tenant(tenant));
        await LiveInstrumentAsync(tenant, "not-a-follow-up");
        var dispatcher = host.Service<Cx.Eventing.Subscribing.EventDispatcher<Cx.Measurement.Data.MeasurementDb>>();
        var subscription = Assert.Single(host.Service<Cx.Eventing.Subscribing.EventSubscriptions>().All, s => s.EventType == "cx.governance.case_closed.v1");
        Cx.Eventing.Envelope.EventEnvelope Closed(string eventId, string customer, bool recovered) => new(
            eventId, "cx.governance.case_closed.v1", "/cx/governance", "case-" + customer, DateTimeOffset.UtcNow, tenant, "corr", null, null,
            Google.Protobuf.JsonFormatter.Default.Format(new Cx.Events.V1.CaseClosed { CaseId = "case-" + customer, CustomerId = customer, Recovered = recovered, ContactChannel = "sms", JourneyStepId = "delivery" }));

        var recovered = Closed("e-1", "ann", recovered: true);
        await dispatcher.DispatchAsync(subscription, recovered, 1, CancellationToken.None);
        await dispatcher.DispatchAsync(subscription, recovered, 1, CancellationToken.None);
        await dispatcher.DispatchAsync(subscription, Closed("e-2", "bob", recovered: false), 1, CancellationToken.None);

        var invitations = await host.ReadAsync(tenant, db => db.Invitations.ToListAsync());
        var invitation = Assert.Single(invitations);
        Assert.Equal(("follow-up", "ann", "sms", "Sent"), (invitation.InstrumentId, invitation.ContactId, invitation.Channel, invitation.Status));
        Assert.Equal("cx.governance.case_closed.v1", subscription.EventType);
    }
}
