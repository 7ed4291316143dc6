using Cx.Design.Briefs;
using Cx.Design.Data;
using Cx.Design.Ecosystem;
using Cx.Design.Experiments;
using Cx.Design.Journeys;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Design.V1;

namespace Cx.Design.Demo;

/// <summary>
/// `cx up --demo`: the tenant "demo" gets the three journeys the other demos record against
/// (online-purchase, onboarding, returns), drawn with the steps and touchpoints their responses,
/// interactions and cases carry and published, and a to-be redraw of online purchase whose
/// delivery step answers the late deliveries customers write about, still a draft. Emotions are
/// drawn for the understanding demo's personas. The delay notice was piloted at delivery, a
/// before/after experiment concluded by Measurement's figures, and is the evidence the to-be
/// journey's review rests on. The delivery ecosystem map is weighed by the demo's cases and
/// comments as they flow. What is already there is left as it is (it may have been edited), so
/// loading again adds nothing.
/// </summary>
internal sealed class DesignDemoData(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    public const string Tenant = "demo";
    public const string Advocate = "loyal-advocate";
    public const string Chaser = "anxious-chaser";
    public const string DelayNoticePilot = "delay-notice-pilot";
    public const string DeliveryEcosystem = "delivery-ecosystem";
    public const string DelayNoticeBrief = "told-before-they-ask";
    public const string DelayNoticeSuggestion = "delay-notice-sms";

    /// <summary>The pilot started with the measurement demo's delivery fix (60 days ago) and ran for 30 days.</summary>
    public const int PilotStartedDaysAgo = 60;
    public const int PilotDays = 30;

    public string Description => "design: the journeys online-purchase, onboarding and returns, published, a to-be online purchase in draft, the delay notice pilot, the delivery ecosystem map and a brief, for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(Tenant);
        var db = scope.ServiceProvider.GetRequiredService<DesignDb>();
        var journeys = scope.ServiceProvider.GetRequiredService<JourneysApi>();
        foreach (var (journey, publish) in Journeys())
        {
            if (await db.Journeys.AnyAsync(j => j.JourneyId == journey.JourneyId, cancellationToken))
            {
                continue;
            }

            await journeys.CreateAsync(journey, cancellationToken);
            if (publish)
            {
                await journeys.PublishAsync(new V1.PublishJourneyRequest { JourneyId = journey.JourneyId }, cancellationToken);
            }
        }

        if (!await db.Experiments.AnyAsync(e => e.ExperimentId == DelayNoticePilot, cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<ExperimentsApi>().CreateAsync(Pilot(clock.GetUtcNow()), cancellationToken);
        }

        if (!await db.EcosystemMaps.AnyAsync(m => m.MapId == DeliveryEcosystem, cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<EcosystemMapsApi>().CreateAsync(DeliveryMap(), cancellationToken);
        }

        if (!await db.Briefs.AnyAsync(b => b.BriefId == DelayNoticeBrief, cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<BriefsApi>().CreateAsync(Brief(), cancellationToken);
        }
    }

    /// <summary>
    /// The brief behind the to-be delivery step, by the five steps. The pain point it answers is the
    /// one Understanding finds in the demo's comments a minute after start; its id is Understanding's
    /// to give, so the brief names the step, and a person links the pain point once it is found.
    /// </summary>
    private static V1.DesignBrief Brief() => new()
    {
        BriefId = DelayNoticeBrief,
        Title = "Told before they ask",
        JourneyId = "online-purchase-to-be",
        Positioning = new V1.BriefPositioning
        {
            PersonaIds = { Chaser },
            SegmentIds = { "frequent-contacts" },
            Statement = "For customers who chase a late parcel: the retailer that tells them first, with a date they can trust.",
        },
        Scenarios =
        {
            new V1.BriefScenario { Title = "The parcel will be a day late", Description = "The evening before the promised day; the customer is at work and planned to be home.", StepIds = { "delivery" } },
            new V1.BriefScenario { Title = "Nobody is home", Description = "The courier is at the door and nobody answers.", StepIds = { "delivery" } },
        },
        CoreConcerns = { "Knowing when it will really arrive", "Not having to call to find out", "Changing the day or the place without starting over" },
        Ideas =
        {
            new V1.BriefIdea { Title = "Delay notice by SMS", Description = "The new date, and a link to change it, as soon as the delay is known.", StepIds = { "delivery" }, AnswersConcerns = { 0, 1 } },
            new V1.BriefIdea { Title = "One-step redelivery", Description = "Another day or a pick-up point, chosen from the notice.", StepIds = { "delivery" }, AnswersConcerns = { 2 } },
        },
        Senses = new V1.SensesStrategy
        {
            Sight = "A calm message: the new date first, the apology second, the link last.",
            Sound = "No call: a message the customer reads when it suits them.",
            Touch = "One tap to change the date; the parcel arrives in packaging that shows it was handled with care.",
        },
    };

    /// <summary>
    /// Who stands behind a delivery: the courier partner at the door, the warehouse that dispatches,
    /// the tracking system, the support agents customers call (the teams the measurement demo's
    /// support answers carry) and the people who own and follow up the governance demo's cases.
    /// </summary>
    private static V1.EcosystemMap DeliveryMap() => new()
    {
        MapId = DeliveryEcosystem,
        Title = "Delivery ecosystem",
        Description = "The people, partners and systems behind a parcel reaching the customer, and who calls whom when it does not.",
        JourneyId = "online-purchase",
        Actors =
        {
            MapActor("customer", V1.ActorKind.Customer, "Customer", [], "courier", "tracking", "contact-centre"),
            MapActor("courier-partner", V1.ActorKind.Partner, "Parcel courier", [], "courier"),
            MapActor("warehouse-team", V1.ActorKind.Team, "Warehouse team", ["warehouse-team"], "warehouse"),
            MapActor("tracking-system", V1.ActorKind.System, "Tracking system", ["tracking-system"], "tracking"),
            MapActor("support-agents", V1.ActorKind.Team, "Support agents", ["support-1", "support-2", "support-3"], "contact-centre"),
            MapActor("case-handlers", V1.ActorKind.Employee, "Case handlers", ["cx-agent-1", "cx-agent-2", "cx-agent-3", "jon.berg"]),
        },
        Relationships =
        {
            MapLink("customer-courier", "customer", "courier-partner", V1.RelationshipKind.Interaction, "The parcel handed over at the door.", "courier"),
            MapLink("customer-tracking", "customer", "tracking-system", V1.RelationshipKind.Interaction, "Where is my parcel?", "tracking"),
            MapLink("courier-warehouse", "courier-partner", "warehouse-team", V1.RelationshipKind.Dependency, "The courier collects what the warehouse dispatched."),
            MapLink("tracking-courier", "courier-partner", "tracking-system", V1.RelationshipKind.ValueFlow, "Scans at each hand-over feed the tracking."),
            MapLink("customer-support", "customer", "support-agents", V1.RelationshipKind.Interaction, "Calls and chats about a late or missing parcel.", "contact-centre"),
            MapLink("customer-case-handlers", "customer", "case-handlers", V1.RelationshipKind.Interaction, "Call-backs on the cases customers' answers open."),
        },
    };

    private static V1.EcosystemActor MapActor(string id, V1.ActorKind kind, string name, string[] references, params string[] touchpoints) =>
        new() { ActorId = id, Kind = kind, Name = name, References = { references }, TouchpointIds = { touchpoints } };

    private static V1.EcosystemRelationship MapLink(string id, string from, string to, V1.RelationshipKind kind, string description, params string[] touchpoints) =>
        new() { RelationshipId = id, FromActorId = from, ToActorId = to, Kind = kind, Description = description, TouchpointIds = { touchpoints } };

    /// <summary>The pilot ended a month ago: concluded on Measurement's demo answers, once they are in.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(Tenant);
        try
        {
            await scope.ServiceProvider.GetRequiredService<ExperimentsApi>().ConcludeEndedAsync(clock.GetUtcNow(), cancellationToken);
        }
        catch (RpcException e) when (PeerAnswers.IsUnreachable(e.StatusCode))
        {
            // Measurement is not answering: the conclusion job concludes the pilot when it does.
        }
    }

    /// <summary>
    /// The delay notice was piloted on deliveries from the day the measurement demo's delivery fix
    /// shipped, for 30 days, against the 30 days before; its result is evidence for the to-be journey.
    /// </summary>
    private static V1.Experiment Pilot(DateTimeOffset now) => new()
    {
        ExperimentId = DelayNoticePilot,
        Title = "Delay notice pilot",
        Hypothesis = "Customers told of a late parcel before they notice, with a new date, find delivery less effort.",
        JourneyId = "online-purchase",
        JourneyStepId = "delivery",
        MetricId = "ces-delivery",
        ExpectedDirection = V1.ExpectedDirection.Increase,
        Design = V1.ExperimentDesign.BeforeAfter,
        Control = new V1.ExperimentVariant { VariantId = "no-notice", Description = "Customers find out when the parcel does not arrive." },
        Treatment = new V1.ExperimentVariant { VariantId = "delay-notice", Description = "An SMS with the new date and a link to change the delivery." },
        StartsAt = Timestamp.FromDateTimeOffset(now.AddDays(-PilotStartedDaysAgo)),
        EndsAt = Timestamp.FromDateTimeOffset(now.AddDays(-PilotStartedDaysAgo + PilotDays)),
        EvidenceForJourneyId = "online-purchase-to-be",

        // It tries what a support agent suggested (the culture demo's suggestion).
        SuggestionId = DelayNoticeSuggestion,
    };

    private static IEnumerable<(V1.Journey Journey, bool Publish)> Journeys()
    {
        yield return (OnlinePurchase(), true);
        yield return (OnlinePurchaseToBe(), false);
        yield return (Onboarding(), true);
        yield return (Returns(), true);
    }

    private static V1.Journey OnlinePurchase() => new()
    {
        JourneyId = "online-purchase",
        Title = "Online purchase",
        Description = "From finding a product on the website to having it at the door, and getting help when something goes wrong.",
        Type = V1.JourneyType.ServiceBlueprint,
        State = V1.JourneyState.AsIs,
        PersonaIds = { Advocate, Chaser },
        Stages =
        {
            Stage("buy", "Buy"),
            Stage("receive", "Receive"),
            Stage("after-sale", "After the sale"),
        },
        Steps =
        {
            new V1.JourneyStep
            {
                StepId = "browse", StageId = "buy", Title = "Browse",
                Touchpoints = { Website() },
                Actions = { "Searches and compares products" },
                Thoughts = { "Is it in stock, and when would it come?" },
                Emotions = { Emotion(Advocate, 1), Emotion(Chaser, 0) },
            },
            new V1.JourneyStep
            {
                StepId = "checkout", StageId = "buy", Title = "Checkout",
                Touchpoints = { Website() },
                Actions = { "Enters address and pays", "Applies a discount code" },
                PainPoints = { "Discount codes refused without a reason" },
                Emotions = { Emotion(Advocate, 1), Emotion(Chaser, -1, "Unsure the code worked") },
            },
            new V1.JourneyStep
            {
                StepId = "delivery", StageId = "receive", Title = "Delivery",
                Description = "The parcel leaves the warehouse, the courier brings it, tracking tells the customer where it is.",
                Touchpoints =
                {
                    new V1.Touchpoint { TouchpointId = "courier", Title = "Courier at the door", Channel = "in_person", Staging = V1.Staging.Front, OwningTeamId = "logistics-team", SupportingSystems = { "courier-app" } },
                    new V1.Touchpoint { TouchpointId = "tracking", Title = "Parcel tracking", Channel = "web", Staging = V1.Staging.Front, OwningTeamId = "logistics-team", SupportingSystems = { "tracking-system" } },
                    new V1.Touchpoint { TouchpointId = "warehouse", Title = "Picking and dispatch", Staging = V1.Staging.Back, OwningTeamId = "warehouse-team", SupportingSystems = { "warehouse-system" } },
                },
                Actions = { "Waits for the parcel", "Checks tracking", "Calls or chats when tracking does not move" },
                Thoughts = { "Where is it?", "Will it come before I need it?" },
                PainPoints = { "Late parcels, tracking that does not move for days" },
                Opportunities = { "Tell the customer first when a parcel is late" },
                Emotions = { Emotion(Advocate, -1), Emotion(Chaser, -2, "Has to chase, tells the story again each time") },
            },
            new V1.JourneyStep
            {
                StepId = "support", StageId = "after-sale", Title = "Support",
                Touchpoints = { new V1.Touchpoint { TouchpointId = "contact-centre", Title = "Contact centre", Channel = "phone", Staging = V1.Staging.Front, OwningTeamId = "support-team", SupportingSystems = { "crm" } } },
                Actions = { "Calls, writes or chats about a missing or damaged item" },
                Emotions = { Emotion(Advocate, 1, "Fixed at the first contact"), Emotion(Chaser, -1) },
            },
        },
    };

    /// <summary>The redraw of delivery: the customer is told first, and one answer follows them across channels.</summary>
    private static V1.Journey OnlinePurchaseToBe()
    {
        var journey = OnlinePurchase();
        journey.JourneyId = "online-purchase-to-be";
        journey.Title = "Online purchase (to be)";
        journey.State = V1.JourneyState.ToBe;
        journey.AsIsJourneyId = "online-purchase";
        var delivery = journey.Steps.Single(s => s.StepId == "delivery");
        delivery.Description = "The customer is told of a delay before they notice it, with a new date and a way to change the delivery.";
        delivery.Actions.Clear();
        delivery.Actions.Add("Receives a message with the new date when a parcel is late");
        delivery.Actions.Add("Changes the date or the address in one step");
        delivery.Thoughts.Clear();
        delivery.Thoughts.Add("They told me before I had to ask");
        delivery.PainPoints.Clear();
        delivery.Opportunities.Clear();
        delivery.Touchpoints.Add(new V1.Touchpoint { TouchpointId = "delay-notice", Title = "Delay notice", Channel = "sms", Staging = V1.Staging.Front, OwningTeamId = "logistics-team", SupportingSystems = { "tracking-system", "messaging" } });
        delivery.Emotions.Clear();
        delivery.Emotions.Add(Emotion(Advocate, 1));
        delivery.Emotions.Add(Emotion(Chaser, 0, "Still late, but no longer chasing"));
        return journey;
    }

    private static V1.Journey Onboarding() => new()
    {
        JourneyId = "onboarding",
        Title = "Onboarding",
        Description = "Signing up in the app and getting it to work with the account.",
        Type = V1.JourneyType.Micro,
        State = V1.JourneyState.AsIs,
        Stages = { Stage("start", "Start") },
        Steps =
        {
            new V1.JourneyStep
            {
                StepId = "signup", StageId = "start", Title = "Sign up",
                Touchpoints = { App() },
                Actions = { "Creates an account", "Resets a forgotten password" },
            },
            new V1.JourneyStep
            {
                StepId = "first-use", StageId = "start", Title = "First use",
                Touchpoints = { App() },
                Actions = { "Connects the app to the account" },
                PainPoints = { "Not clear how to connect the app to the account" },
            },
        },
    };

    private static V1.Journey Returns() => new()
    {
        JourneyId = "returns",
        Title = "Returns",
        Description = "Sending something back and getting the money back.",
        Type = V1.JourneyType.Micro,
        State = V1.JourneyState.AsIs,
        Stages = { Stage("return", "Return") },
        Steps =
        {
            new V1.JourneyStep
            {
                StepId = "request", StageId = "return", Title = "Request a return",
                Touchpoints = { Website() },
                Actions = { "Starts a return in the self-service portal" },
            },
            new V1.JourneyStep
            {
                StepId = "refund", StageId = "return", Title = "Refund",
                Touchpoints = { new V1.Touchpoint { TouchpointId = "bank-transfer", Title = "Refund by bank transfer", Channel = "bank", Staging = V1.Staging.Back, OwningTeamId = "finance-team", SupportingSystems = { "payments" } } },
                Thoughts = { "When will the money be back?" },
                PainPoints = { "Nothing says when the refund arrives" },
                PainPointIds = { "refund-uncertainty" },
            },
        },
    };

    private static V1.JourneyStage Stage(string id, string title) => new() { StageId = id, Title = title };

    private static V1.Touchpoint Website() => new() { TouchpointId = "website", Title = "Website", Channel = "web", Staging = V1.Staging.Front, OwningTeamId = "web-team", SupportingSystems = { "storefront" } };

    private static V1.Touchpoint App() => new() { TouchpointId = "app", Title = "Mobile app", Channel = "app", Staging = V1.Staging.Front, OwningTeamId = "app-team", SupportingSystems = { "identity" } };

    private static V1.StepEmotion Emotion(string persona, int value, string note = "") => new() { PersonaId = persona, Value = value, Note = note };
}
