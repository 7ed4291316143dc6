using System.Globalization;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Data;
using Cx.Understanding.PainPoints;
using Cx.Understanding.Personas;
using Cx.Understanding.Profiles;
using Cx.Understanding.Segments;
using Cx.Understanding.Timeline;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Demo;

/// <summary>
/// `cx up --demo`: the tenant "demo" gets the customers the measurement demo's responses name
/// (customer-1 to customer-1499), each with an email, a phone number and an account, a tier, a
/// language and their consent, and a year of interactions on the phone, by email, in chat and in
/// self-service, spread over the journeys the responses come from; the topics and agents' names
/// their comments are enriched with; and two segments, promoters-90d (nps-relationship 9 or 10 in
/// the last 90 days, filled as the measurement demo's responses arrive) and frequent-contacts (three
/// interactions within a week, which a dozen customers had this week), built by the upkeep's own
/// pages; a persona on each, loyal-advocate and anxious-chaser; a pain point from a workshop
/// (refund-uncertainty) and an insight from interviews (courier-interviews). The random source is seeded
/// and every interaction has a fixed external id, so loading it again adds nothing. The responses
/// and cases fold into the same histories as their events arrive.
/// </summary>
internal sealed class UnderstandingDemoData(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    public const string Tenant = "demo";
    public const int Customers = 1499;
    public const int Days = 365;
    public const int InteractionsPerDay = 4;

    private static readonly (string Channel, string Journey, string Step, string Summary)[] Contacts =
    [
        ("phone", "online-purchase", "delivery", "Called to ask where the parcel is; tracking had not moved for two days."),
        ("phone", "online-purchase", "support", "Called about a missing item; a replacement was sent."),
        ("email", "online-purchase", "checkout", "Wrote that the discount code was refused at checkout."),
        ("email", "returns", "refund", "Asked when the refund for the returned order will arrive."),
        ("chat", "online-purchase", "delivery", "Chatted to change the delivery address before dispatch."),
        ("chat", "onboarding", "first-use", "Asked in chat how to connect the app to the account."),
        ("self_service", "returns", "request", "Started a return in the self-service portal."),
        ("self_service", "onboarding", "signup", "Reset the password in the self-service portal."),
    ];

    public string Description => "understanding: 1,499 customer profiles with email, phone and account, a year of interactions on phone, email, chat and self-service, the segments promoters-90d and frequent-contacts with a persona on each, a pain point from a workshop and an insight from interviews, for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(Tenant, actor: "demo-loader");
        var profiles = scope.ServiceProvider.GetRequiredService<ProfilesApi>();
        foreach (var batch in Profiles().Chunk(ProfilesApi.MaxImport))
        {
            await profiles.ImportAsync(batch, cancellationToken);
        }

        var timeline = scope.ServiceProvider.GetRequiredService<TimelineApi>();
        foreach (var interaction in Interactions(clock.GetUtcNow()).Concat(FrequentContacts(clock.GetUtcNow())))
        {
            await timeline.AddAsync(interaction, cancellationToken);
        }

        var db = scope.ServiceProvider.GetRequiredService<UnderstandingDb>();
        await DemoFeedbackSettings.SeedAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await SeedSegmentsAsync(scope.ServiceProvider, cancellationToken);
        await SeedPainPointsAsync(scope.ServiceProvider, cancellationToken);
        var insights = scope.ServiceProvider.GetRequiredService<Insights.InsightsApi>();
        if (!await db.Insights.AnyAsync(i => i.InsightId == CourierInterviews.InsightId, cancellationToken))
        {
            await insights.RecordAsync(CourierInterviews, cancellationToken);
        }
        await SeedPersonasAsync(scope.ServiceProvider, cancellationToken);
    }

    /// <summary>The demo's personas, one on each segment; one already there is left as it is (it may have been edited).</summary>
    private static async Task SeedPersonasAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var personas = services.GetRequiredService<PersonasApi>();
        var db = services.GetRequiredService<UnderstandingDb>();
        foreach (var persona in Personas())
        {
            if (!await db.Personas.AnyAsync(p => p.PersonaId == persona.PersonaId, cancellationToken))
            {
                await personas.CreateAsync(persona, cancellationToken);
            }
        }
    }

    private static IEnumerable<V1.Persona> Personas()
    {
        yield return new V1.Persona
        {
            PersonaId = "loyal-advocate",
            Name = "Loyal advocate",
            Narrative = "Has bought from us for years and tells friends about it. Orders online, mostly in the evening, and rarely needs help; when something goes wrong they expect it put right without having to explain twice.",
            Goals = { "Reorder favourites quickly", "Get what was ordered, when promised" },
            Motivations = { "Trust built over many orders", "Being recognised as a regular" },
            Behaviours = { "Recommends us to friends and family", "Answers surveys", "Uses self-service before calling" },
            Needs = { "Reliable delivery dates", "A record of past orders" },
            Expectations = { "Problems fixed at the first contact", "Loyalty noticed, not just rewarded with codes" },
            SegmentIds = { "promoters-90d" },
            MetricIds = { "nps-relationship", "delivery-speed" },
        };
        yield return new V1.Persona
        {
            PersonaId = "anxious-chaser",
            Name = "Anxious chaser",
            Narrative = "Ordered something that matters to them and is not sure where it is. Tracking has not moved, so they call, then write, then chat, each time telling the story again.",
            Goals = { "Know when the parcel will arrive", "Stop having to chase" },
            Motivations = { "An order needed by a date", "Uncertainty after a late delivery before" },
            Behaviours = { "Contacts us three or more times in a week", "Switches channels when the first answer does not help" },
            Needs = { "Tracking that moves", "One answer, whoever they reach" },
            Expectations = { "Told first when something is late", "Not asked to repeat themselves" },
            SegmentIds = { "frequent-contacts" },
            MetricIds = { "nps-relationship", "delivery-speed" },
        };
    }

    /// <summary>
    /// The pain point the returns team brought from its workshop. The other, late delivery, is
    /// found in the comments by the detection job once they are enriched, and confirmed by the
    /// measurement demo's driver analysis.
    /// </summary>
    private static async Task SeedPainPointsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<UnderstandingDb>();
        if (!await db.PainPoints.AnyAsync(p => p.PainPointId == WorkshopPainPoint.PainPointId, cancellationToken))
        {
            await services.GetRequiredService<PainPointsApi>().CreateAsync(WorkshopPainPoint, cancellationToken);
        }
    }

    /// <summary>What the delivery team heard when it called customers back: why a late parcel costs so much.</summary>
    private static V1.Insight CourierInterviews => new()
    {
        InsightId = "courier-interviews",
        Kind = V1.InsightKind.Interview,
        Title = "Customers plan their day around the delivery slot",
        Text = "Eight of twelve customers called back after a late delivery had taken time off work to receive it: a missed slot costs them a day, and no call from the courier means they cannot plan. 八位客户表示，快递员没有提前打电话，只能在家等一整天。",
        JourneyId = "online-purchase",
        JourneyStepIds = { "delivery" },
        Tags = { "courier", "time-slot" },
    };

    private static V1.PainPoint WorkshopPainPoint => new()
    {
        PainPointId = "refund-uncertainty",
        Title = "Customers cannot tell when their refund will arrive",
        Description = "From the returns journey workshop: after a return is accepted nothing says when the money comes back, so customers call and write to ask.",
        JourneyId = "returns",
        JourneyStepId = "refund",
        TopicId = "refund",
        MetricIds = { "nps-relationship" },
    };

    /// <summary>The demo's segments, every page of their build done now (what the upkeep job would do over its next runs).</summary>
    private static async Task SeedSegmentsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var segments = services.GetRequiredService<SegmentsApi>();
        var upkeep = services.GetRequiredService<SegmentUpkeep>();
        var db = services.GetRequiredService<UnderstandingDb>();
        foreach (var segment in Segments())
        {
            if (!await db.Segments.AnyAsync(s => s.SegmentId == segment.SegmentId, cancellationToken))
            {
                await segments.CreateAsync(segment, cancellationToken);
            }

            while ((await segments.GetAsync(segment.SegmentId, cancellationToken)).State == V1.SegmentState.Building)
            {
                await upkeep.InTransactionAsync(() => segments.BuildPageAsync(segment.SegmentId, MembershipReasons.Rule, cancellationToken), cancellationToken);
            }
        }
    }

    private static IEnumerable<V1.Segment> Segments()
    {
        yield return new V1.Segment
        {
            SegmentId = "promoters-90d",
            Name = "Promoters in the last 90 days",
            Description = "Scored the relationship NPS 9 or 10 in the last 90 days.",
            Rule = new V1.SegmentRule { AllOf = { new V1.SegmentCondition { Score = new V1.ScoreCondition { MetricId = "nps-relationship", MinScore = 9, MaxScore = 10, WindowDays = 90 } } } },
        };
        yield return new V1.Segment
        {
            SegmentId = "frequent-contacts",
            Name = "Frequent contacts",
            Description = "Three or more interactions within a week, on any channel.",
            Rule = new V1.SegmentRule { AllOf = { new V1.SegmentCondition { Contacts = new V1.ContactCondition { Count = 3, WindowDays = 7 } } } },
        };
    }

    /// <summary>A dozen customers in touch three times this week (customer-100, -200, ... -1200).</summary>
    private static IEnumerable<V1.Interaction> FrequentContacts(DateTimeOffset now)
    {
        var today = now.UtcDateTime.Date;
        for (var n = 100; n <= 1200; n += 100)
        {
            for (var k = 0; k < 3; k++)
            {
                var (channel, journey, step, summary) = Contacts[(n / 100 + k) % Contacts.Length];
                yield return new V1.Interaction
                {
                    CustomerId = CustomerId(n),
                    Channel = channel,
                    JourneyId = journey,
                    JourneyStepId = step,
                    OccurredAt = Timestamp.FromDateTime(today.AddDays(-(2 * k) - 1).AddHours(10)),
                    Summary = summary,
                    ExternalId = $"demo-frequent-{n}-{k}",
                };
            }
        }
    }

    private static IEnumerable<V1.Profile> Profiles()
    {
        for (var n = 1; n <= Customers; n++)
        {
            yield return new V1.Profile
            {
                CustomerId = CustomerId(n),
                Identities =
                {
                    new V1.Identity { Kind = V1.IdentityKind.Email, Value = $"customer{n}@example.com" },
                    new V1.Identity { Kind = V1.IdentityKind.Phone, Value = "+49 30 " + (5550000 + n).ToString(CultureInfo.InvariantCulture) },
                    new V1.Identity { Kind = V1.IdentityKind.Account, Value = "acct-" + n.ToString("D6", CultureInfo.InvariantCulture) },
                },
                Attributes = { ["tier"] = n % 2 == 0 ? "consumer" : "business", ["language"] = n % 5 == 0 ? "zh" : "en" },
                Consents =
                {
                    new V1.Consent { Purpose = "analytics", Granted = n % 20 != 0 },
                    new V1.Consent { Purpose = "stories", Granted = n % 3 == 0 },
                    new V1.Consent { Purpose = "contact", Granted = n % 10 != 0 },
                },
            };
        }
    }

    private static IEnumerable<V1.Interaction> Interactions(DateTimeOffset now)
    {
        var random = new Random(20261207);
        var start = now.UtcDateTime.Date.AddDays(-Days);
        for (var day = 0; day < Days; day++)
        {
            for (var k = 0; k < InteractionsPerDay; k++)
            {
                var (channel, journey, step, summary) = Contacts[random.Next(Contacts.Length)];
                yield return new V1.Interaction
                {
                    CustomerId = CustomerId(random.Next(1, Customers + 1)),
                    Channel = channel,
                    JourneyId = journey,
                    JourneyStepId = step,
                    OccurredAt = Timestamp.FromDateTime(start.AddDays(day).AddHours(9 + (2 * k)).AddMinutes(random.Next(0, 60))),
                    Summary = summary,
                    ExternalId = $"demo-{day}-{k}",
                };
            }
        }
    }

    private static string CustomerId(int n) => "customer-" + n.ToString(CultureInfo.InvariantCulture);
}
