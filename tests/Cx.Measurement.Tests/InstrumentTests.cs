using Cx.Measurement.V1;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cx.Measurement.Tests;

public sealed class InstrumentTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => new() { { "x-cx-tenant", tenant } };

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
        var started = host.Clock.Now;
        try
        {
            host.Clock.Now = started.AddDays(4);
            var first = await host.Client.SendRemindersAsync(new SendRemindersRequest { InstrumentId = "tracked" }, Tenant(tenant));
            var sameDay = await host.Client.SendRemindersAsync(new SendRemindersRequest { InstrumentId = "tracked" }, Tenant(tenant));
            host.Clock.Now = started.AddDays(8);
            var second = await host.Client.SendRemindersAsync(new SendRemindersRequest { InstrumentId = "tracked", MaxReminders = 1 }, Tenant(tenant));

            Assert.Equal((0, 3, 0, 0), (notYet.Reminded, first.Reminded, sameDay.Reminded, second.Reminded));
        }
        finally
        {
            host.Clock.Now = started;
        }
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
        var subscription = Assert.Single(host.Service<Cx.Eventing.Subscribing.EventSubscriptions>().All);
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
