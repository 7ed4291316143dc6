using Cx.Culture.V1;
using Cx.Events.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Testing.Hosting.Refusals;
using CommonV1 = Cx.Common.V1;

namespace Cx.Culture.Tests;

public sealed class SuggestionTests(CultureHost host) : SuggestionBehaviour(host), IClassFixture<CultureHost>;

public sealed class SuggestionPostgreSqlTests(PostgreSqlCultureHost host) : SuggestionBehaviour(host), IClassFixture<PostgreSqlCultureHost>;

/// <summary>Front-line suggestions: made by an employee, voted by colleagues, decided by a manager, and what their experiment found reported back.</summary>
public abstract class SuggestionBehaviour(CultureHost host)
{
    private const string Third = "tom.evans";

    [Fact]
    public async Task Suggestion_IsVotedOncePerColleague_AndAcceptedByAManager_ThenAnnouncedForDesign()
    {
        var tenant = await TenantAsync();
        var submitted = await host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion() }, As(tenant, Org.Agent));

        var own = await Refused(() => host.Client.VoteSuggestionAsync(new VoteSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Org.Agent)).ResponseAsync);
        await host.Client.VoteSuggestionAsync(new VoteSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Org.Colleague));
        await host.Client.VoteSuggestionAsync(new VoteSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Org.Colleague));
        await host.Client.VoteSuggestionAsync(new VoteSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Third));
        var byPeer = await Refused(() => host.Client.DecideSuggestionAsync(new DecideSuggestionRequest { SuggestionId = "sms-notice", Accept = true, Note = "Yes" }, As(tenant, Org.Colleague)).ResponseAsync);
        var accepted = await host.Client.DecideSuggestionAsync(new DecideSuggestionRequest { SuggestionId = "sms-notice", Accept = true, Note = "Let us pilot it on the delivery step." }, As(tenant, Org.Head));
        var twice = await Refused(() => host.Client.DecideSuggestionAsync(new DecideSuggestionRequest { SuggestionId = "sms-notice", Accept = false, Note = "No" }, As(tenant, Org.Lead)).ResponseAsync);
        var late = await Refused(() => host.Client.VoteSuggestionAsync(new VoteSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Org.Lead)).ResponseAsync);

        Assert.Equal((Org.Agent, Org.Team, SuggestionState.Open, 0), (submitted.SubmittedBy, submitted.TeamId, submitted.State, submitted.Votes));
        Assert.Equal("OWN_SUGGESTION", Precondition(own).Type);
        Assert.Equal("NOT_MANAGER", Precondition(byPeer).Type);
        Assert.Equal((SuggestionState.Accepted, 2, Org.Head, "Let us pilot it on the delivery step."), (accepted.State, accepted.Votes, accepted.DecidedBy, accepted.DecisionNote));
        Assert.Equal(("ALREADY_DECIDED", "ALREADY_DECIDED"), (Precondition(twice).Type, Precondition(late).Type));
        var announced = (await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.culture.suggestion_accepted.v1").Select(m => m.Data).ToListAsync()))
            .Select(SuggestionAccepted.Parser.ParseJson).ToList();
        var accept = Assert.Single(announced);
        Assert.Equal(("sms-notice", "online-purchase", "delivery", "ces-delivery", Org.Agent, 2, Org.Head), (accept.SuggestionId, accept.JourneyId, accept.JourneyStepId, accept.MetricId, accept.SubmittedBy, accept.Votes, accept.AcceptedBy));
        Assert.Single(await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.culture.frontline_suggestion_submitted.v1").ToListAsync()));
    }

    [Fact]
    public async Task DeclinedSuggestion_IsNotAnnounced()
    {
        var tenant = await TenantAsync();
        await host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion() }, As(tenant, Org.Agent));

        var declined = await host.Client.DecideSuggestionAsync(new DecideSuggestionRequest { SuggestionId = "sms-notice", Accept = false, Note = "The carrier sends one already." }, As(tenant, Org.Lead));

        Assert.Equal(SuggestionState.Declined, declined.State);
        Assert.Empty(await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.culture.suggestion_accepted.v1").ToListAsync()));
        var listed = await host.Client.ListSuggestionsAsync(new ListSuggestionsRequest { State = SuggestionState.Declined, SubmittedBy = Org.Agent }, As(tenant, Org.Agent));
        Assert.Equal("sms-notice", Assert.Single(listed.Suggestions).SuggestionId);
    }

    [Fact]
    public async Task VotesAtTheSameMoment_AreEachCountedOnce()
    {
        var tenant = await TenantAsync();
        await host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion() }, As(tenant, Org.Agent));
        var voters = new[] { Org.Colleague, Third, Org.Lead, Org.Head, Org.Colleague, Third };

        await Task.WhenAll(voters.Select(v => host.Client.VoteSuggestionAsync(new VoteSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, v)).ResponseAsync));

        Assert.Equal(4, (await host.Client.GetSuggestionAsync(new GetSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Org.Agent))).Votes);
        Assert.Equal(4, await host.ReadAsync(tenant, db => db.SuggestionVotes.CountAsync()));
    }

    [Fact]
    public async Task ExperimentThatTriedIt_IsReportedBack_TheLatestConclusionStanding()
    {
        var tenant = await TenantAsync();
        await host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion() }, As(tenant, Org.Agent));
        var concluded = Concluded("sms-pilot", ServiceHost.Start.AddDays(-2), 3.7, 4.875);

        await host.DeliverAsync(tenant, "e1", concluded);
        await host.DeliverAsync(tenant, "e0", Concluded("older-pilot", ServiceHost.Start.AddDays(-9), 3.0, 2.0));
        await host.DeliverAsync(tenant, "e-other", Concluded("other", ServiceHost.Start, 1, 2, suggestionId: "no-such-suggestion"));

        var effect = (await host.Client.GetSuggestionAsync(new GetSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Org.Agent))).Effect;
        Assert.Equal(("sms-pilot", "ces-delivery", CommonV1.ExperimentOutcome.Supported, 3.7, 4.875, concluded.Change, concluded.ConcludedAt),
            (effect.ExperimentId, effect.MetricId, effect.Outcome, effect.ControlScore, effect.TreatmentScore, effect.Change, effect.ConcludedAt));
    }

    [Fact]
    public async Task ActionPlanThatTookItUp_IsReportedWhenGovernanceCompletesIt()
    {
        var tenant = await TenantAsync();
        await host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion() }, As(tenant, Org.Agent));
        await host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion("second") }, As(tenant, Org.Colleague));
        var declining = await Refused(() => host.Client.DecideSuggestionAsync(new DecideSuggestionRequest { SuggestionId = "second", Accept = false, Note = "No.", ActionPlanId = "courier-plan" }, As(tenant, Org.Lead)).ResponseAsync);
        var accepted = await host.Client.DecideSuggestionAsync(new DecideSuggestionRequest { SuggestionId = "sms-notice", Accept = true, Note = "Part of the courier plan.", ActionPlanId = "courier-plan" }, As(tenant, Org.Lead));
        var completedAt = ServiceHost.Start.AddDays(-1);

        await host.DeliverAsync(tenant, "plan-other", new ActionPlanCompleted { PlanId = "other-plan", CompletedAt = Timestamp.FromDateTimeOffset(completedAt) });
        var before = await host.Client.GetSuggestionAsync(new GetSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Org.Agent));
        await host.DeliverAsync(tenant, "plan", new ActionPlanCompleted { PlanId = "courier-plan", CompletedAt = Timestamp.FromDateTimeOffset(completedAt) });
        await host.DeliverAsync(tenant, "plan-again", new ActionPlanCompleted { PlanId = "courier-plan", CompletedAt = Timestamp.FromDateTimeOffset(completedAt.AddDays(3)) });

        var after = await host.Client.GetSuggestionAsync(new GetSuggestionRequest { SuggestionId = "sms-notice" }, As(tenant, Org.Agent));
        Assert.Equal(["action_plan_id"], Violations(declining).Select(v => v.Field).ToArray());
        Assert.Equal(("courier-plan", null), (accepted.ActionPlanId, before.PlanCompletedAt));
        Assert.Equal(completedAt, after.PlanCompletedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task BadSuggestions_AreRefused_AndNothingIsKept()
    {
        var tenant = await TenantAsync();
        await host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion() }, As(tenant, Org.Agent));

        var shape = await Refused(() => host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = new Suggestion { SuggestionId = "Bad Id", Title = " ", JourneyId = "online-purchase", MetricId = "NPS!" } }, As(tenant, Org.Agent)).ResponseAsync);
        var taken = await Refused(() => host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion() }, As(tenant, Org.Colleague)).ResponseAsync);
        var stranger = await Refused(() => host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = Suggestion("other") }, CultureHost.As(tenant, "jwt:visitor")).ResponseAsync);
        var unknown = await Refused(() => host.Client.VoteSuggestionAsync(new VoteSuggestionRequest { SuggestionId = "missing" }, As(tenant, Org.Colleague)).ResponseAsync);
        var noNote = await Refused(() => host.Client.DecideSuggestionAsync(new DecideSuggestionRequest { SuggestionId = "sms-notice", Accept = true }, As(tenant, Org.Lead)).ResponseAsync);
        var otherTenant = await Refused(() => host.Client.GetSuggestionAsync(new GetSuggestionRequest { SuggestionId = "sms-notice" }, CultureHost.As(NewTenant())).ResponseAsync);

        Assert.Equal(["suggestion.suggestion_id", "suggestion.title", "suggestion.description", "suggestion.journey_step_id", "suggestion.metric_id"], Violations(shape).Select(v => v.Field).ToArray());
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["note"], Violations(noNote).Select(v => v.Field).ToArray());
        Assert.Equal(StatusCode.NotFound, otherTenant.StatusCode);
        var kept = Assert.Single((await host.Client.ListSuggestionsAsync(new ListSuggestionsRequest(), CultureHost.As(tenant))).Suggestions);
        Assert.Equal((SuggestionState.Open, Org.Agent), (kept.State, kept.SubmittedBy));
    }

    private async Task<string> TenantAsync()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings());
        await host.Client.PutEmployeeAsync(new PutEmployeeRequest { Employee = new Employee { EmployeeId = Third, DisplayName = "Tom Evans", TeamId = Org.Team, ManagerId = Org.Lead, Login = Org.Login(Third) } }, CultureHost.As(tenant));
        return tenant;
    }

    private static Grpc.Core.Metadata As(string tenant, string employeeId) => CultureHost.As(tenant, Org.Login(employeeId));

    private static Suggestion Suggestion(string id = "sms-notice") => new()
    {
        SuggestionId = id,
        Title = "Text customers when a parcel will be late",
        Description = "Most calls about late parcels come the day after the promised date.",
        JourneyId = "online-purchase",
        JourneyStepId = "delivery",
        MetricId = "ces-delivery",
    };

    private static ExperimentConcluded Concluded(string experimentId, DateTimeOffset at, double control, double treatment, string suggestionId = "sms-notice") => new()
    {
        ExperimentId = experimentId,
        JourneyId = "online-purchase",
        JourneyStepId = "delivery",
        MetricId = "ces-delivery",
        SuggestionId = suggestionId,
        Outcome = treatment > control ? CommonV1.ExperimentOutcome.Supported : CommonV1.ExperimentOutcome.Refuted,
        ControlScore = control,
        TreatmentScore = treatment,
        ControlN = 120,
        TreatmentN = 96,
        Change = new CommonV1.ChangeFromPrevious { Difference = treatment - control, Significant = true, PValue = 0.001, Confidence = 0.95, Test = "welch_t" },
        ConcludedAt = Timestamp.FromDateTimeOffset(at),
    };
}
