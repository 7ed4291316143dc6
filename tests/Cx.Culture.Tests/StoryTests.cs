using Cx.Culture.V1;
using Cx.Events.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Cx.Testing.Hosting.Refusals;
using CommonV1 = Cx.Common.V1;

namespace Cx.Culture.Tests;

/// <summary>Customer stories told in training, and the culture signals read from everything recorded here.</summary>
public sealed class StoryTests(CultureHost host) : IClassFixture<CultureHost>
{
    [Fact]
    public async Task Story_IsToldOnlyFromAnAwardedRecognitionFromCustomers_WithTheirConsent()
    {
        var tenant = await TenantAsync();
        var admin = CultureHost.As(tenant);
        await host.DeliverAsync(tenant, "consented", CustomerRecognitionBehaviour.Praise("f-1:0", Org.Agent));
        var redacted = CustomerRecognitionBehaviour.Praise("f-2:0", Org.Agent);
        (redacted.Quote, redacted.QuoteRedacted) = ("… Li Wei …", true);
        await host.DeliverAsync(tenant, "redacted", redacted);
        await host.DeliverAsync(tenant, "waiting", CustomerRecognitionBehaviour.Praise("f-3:0", Org.Colleague));
        var kudos = await host.Client.GiveRecognitionAsync(new GiveRecognitionRequest { RequestId = "k-1", EmployeeId = Org.Agent, ValueIds = { "one-team" }, Message = "Thanks." }, CultureHost.As(tenant, Org.Login(Org.Colleague)));
        var byFeedback = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { Source = CommonV1.RecognitionSource.CustomerPraise }, admin)).Recognitions.ToDictionary(r => r.Evidence.FeedbackId, r => r.RecognitionId);

        var story = await host.Client.CreateStoryAsync(new CreateStoryRequest { Story = Story("patient-li", byFeedback["f-1:0"]) }, admin);
        var noConsent = await Refused(() => host.Client.CreateStoryAsync(new CreateStoryRequest { Story = Story("redacted", byFeedback["f-2:0"]) }, admin).ResponseAsync);
        var notAwarded = await Refused(() => host.Client.CreateStoryAsync(new CreateStoryRequest { Story = Story("waiting", byFeedback["f-3:0"]) }, admin).ResponseAsync);
        var notCustomers = await Refused(() => host.Client.CreateStoryAsync(new CreateStoryRequest { Story = Story("kudos", kudos.RecognitionId) }, admin).ResponseAsync);
        var taken = await Refused(() => host.Client.CreateStoryAsync(new CreateStoryRequest { Story = Story("patient-li", byFeedback["f-1:0"]) }, admin).ResponseAsync);
        var shape = await Refused(() => host.Client.CreateStoryAsync(new CreateStoryRequest { Story = new Story { StoryId = "Bad", RecognitionId = "x", ValueIds = { "kindness" } } }, admin).ResponseAsync);

        Assert.Equal(("Li Wei was so patient with me.", Org.Agent, "resolve", CommonV1.RecognitionSource.CustomerPraise, "jwt:admin@example.com"), (story.CustomerWords, story.EmployeeId, story.JourneyStepId, story.Source, story.CreatedBy));
        Assert.Equal(("NO_CONSENT", "NOT_AWARDED", "NOT_FROM_CUSTOMERS"), (Precondition(noConsent).Type, Precondition(notAwarded).Type, Precondition(notCustomers).Type));
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Equal(["story.story_id", "story.title", "story.recognition_id", "story.narrative", "story.value_ids"], Violations(shape).Select(v => v.Field).ToArray());
        Assert.Equal(story, Assert.Single((await host.Client.ListStoriesAsync(new ListStoriesRequest { ValueId = "customer-first" }, admin)).Stories));
        Assert.Empty((await host.Client.ListStoriesAsync(new ListStoriesRequest { JourneyStepId = "checkout" }, admin)).Stories);
    }

    [Fact]
    public async Task TrainingModule_TellsStoriesCuratedHere_WithAWellFormedCheck()
    {
        var tenant = await TenantAsync();
        var admin = CultureHost.As(tenant);
        await host.DeliverAsync(tenant, "consented", CustomerRecognitionBehaviour.Praise("f-1:0", Org.Agent));
        var recognition = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest(), admin)).Recognitions.Single();
        await host.Client.CreateStoryAsync(new CreateStoryRequest { Story = Story("patient-li", recognition.RecognitionId) }, admin);

        var module = await host.Client.CreateTrainingModuleAsync(new CreateTrainingModuleRequest { Module = Module("patience-101", "patient-li") }, admin);
        var missing = await Refused(() => host.Client.CreateTrainingModuleAsync(new CreateTrainingModuleRequest { Module = Module("other", "patient-li", "no-such-story") }, admin).ResponseAsync);
        var bad = Module("bad", "patient-li");
        bad.Check[0].Answer = 5;
        bad.Check.Add(new CheckQuestion { Prompt = "Only one option?", Options = { "Yes" } });
        var refused = await Refused(() => host.Client.CreateTrainingModuleAsync(new CreateTrainingModuleRequest { Module = bad }, admin).ResponseAsync);

        Assert.Equal(("patient-li", 1, "jwt:admin@example.com"), (string.Join(",", module.StoryIds), module.Check[0].Answer, module.CreatedBy));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(["module.check[0].answer", "module.check[1].options"], Violations(refused).Select(v => v.Field).ToArray());
        Assert.Equal(module, await host.Client.GetTrainingModuleAsync(new GetTrainingModuleRequest { ModuleId = "patience-101" }, admin));
        Assert.Equal(["patience-101"], (await host.Client.ListTrainingModulesAsync(new ListTrainingModulesRequest(), admin)).Modules.Select(m => m.ModuleId));
    }

    [Fact]
    public async Task Signals_CountWhoWasRecognised_HowSoon_WhatWasAdopted_AndWhatIsTaught()
    {
        var tenant = await TenantAsync();
        var admin = CultureHost.As(tenant);
        var now = host.Clock.GetUtcNow();
        var empty = await host.Client.GetCultureSignalsAsync(new GetCultureSignalsRequest(), CultureHost.As(NewTenant()));

        // Li Wei accepts in advance: awarded 6 hours after the customer spoke. Anna accepts herself, 12 hours after.
        await host.DeliverAsync(tenant, "p-li", Praised("f-1:0", Org.Agent, now.AddHours(-6)));
        await host.DeliverAsync(tenant, "p-anna", Praised("f-2:0", Org.Colleague, now.AddHours(-10)));
        host.Clock.Advance(TimeSpan.FromHours(2));
        var anna = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { EmployeeId = Org.Colleague }, admin)).Recognitions.Single();
        await host.Client.AcceptRecognitionAsync(new AcceptRecognitionRequest { RecognitionId = anna.RecognitionId }, CultureHost.As(tenant, Org.Login(Org.Colleague)));
        var li = (await host.Client.ListRecognitionsAsync(new ListRecognitionsRequest { EmployeeId = Org.Agent }, admin)).Recognitions.Single();

        foreach (var id in new[] { "s-one", "s-two" })
        {
            await host.Client.SubmitSuggestionAsync(new SubmitSuggestionRequest { Suggestion = new Suggestion { SuggestionId = id, Title = id, Description = id, JourneyId = "support", JourneyStepId = "resolve" } }, CultureHost.As(tenant, Org.Login(Org.Agent)));
        }

        await host.Client.DecideSuggestionAsync(new DecideSuggestionRequest { SuggestionId = "s-one", Accept = true, Note = "Try it." }, CultureHost.As(tenant, Org.Login(Org.Lead)));
        await host.DeliverAsync(tenant, "e-1", new ExperimentConcluded { ExperimentId = "trial", SuggestionId = "s-one", Outcome = CommonV1.ExperimentOutcome.Supported, ConcludedAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()) });
        await host.Client.CreateStoryAsync(new CreateStoryRequest { Story = Story("li", li.RecognitionId) }, admin);
        await host.Client.CreateStoryAsync(new CreateStoryRequest { Story = Story("anna", anna.RecognitionId) }, admin);
        await host.Client.CreateTrainingModuleAsync(new CreateTrainingModuleRequest { Module = Module("patience-101", "li") }, admin);

        var signals = await host.Client.GetCultureSignalsAsync(new GetCultureSignalsRequest(), admin);

        Assert.Equal((0, 0.0, false, 0), (empty.Employees, empty.ShareRecognised, empty.HasMedianHoursToRecognition, empty.Stories));
        Assert.Equal((4, 2, 0.5), (signals.Employees, signals.EmployeesRecognised, signals.ShareRecognised));
        Assert.Equal((2, (6.0 + 12.0) / 2), (signals.CustomerRecognitions, signals.MedianHoursToRecognition));
        Assert.Equal((2, 1, 1), (signals.SuggestionsSubmitted, signals.SuggestionsAccepted, signals.SuggestionsAdopted));
        Assert.Equal((2, 1), (signals.Stories, signals.StoriesInTraining));
        Assert.Equal(host.Clock.GetUtcNow().AddDays(-90), signals.From.ToDateTimeOffset());
    }

    private async Task<string> TenantAsync()
    {
        var tenant = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings(autoApprove: true));
        var agent = await host.Client.GetEmployeeAsync(new GetEmployeeRequest { EmployeeId = Org.Agent }, CultureHost.As(tenant));
        agent.AcceptsAutomatically = true;
        await host.Client.PutEmployeeAsync(new PutEmployeeRequest { Employee = agent }, CultureHost.As(tenant));
        return tenant;
    }

    private static PraiseDetected Praised(string feedbackId, string employeeId, DateTimeOffset at)
    {
        var praise = CustomerRecognitionBehaviour.Praise(feedbackId, employeeId);
        praise.Context.OccurredAt = Timestamp.FromDateTimeOffset(at);
        return praise;
    }

    private static Story Story(string id, string recognitionId) => new()
    {
        StoryId = id,
        Title = "Patience on a hard call",
        RecognitionId = recognitionId,
        Narrative = "A customer called for the third time about a lost parcel; Li Wei stayed with her until it was found.",
        ValueIds = { "customer-first" },
    };

    private static TrainingModule Module(string id, params string[] stories) => new()
    {
        ModuleId = id,
        Title = "Patience",
        StoryIds = { stories },
        Check = { new CheckQuestion { Prompt = "What did the customer need most?", Options = { "A refund", "To be heard until it was solved" }, Answer = 1 } },
    };
}
