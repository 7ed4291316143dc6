using System.Globalization;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Data;
using Cx.Understanding.Profiles;
using Cx.Understanding.Timeline;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Demo;

/// <summary>
/// `cx up --demo`: the tenant "demo" gets the customers the measurement demo's responses name
/// (customer-1 to customer-1499), each with an email, a phone number and an account, a tier, a
/// language and their consent, and a year of interactions on the phone, by email, in chat and in
/// self-service, spread over the journeys the responses come from; the topics and agents' names
/// their comments are enriched with. The random source is seeded
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

    public string Description => "understanding: 1,499 customer profiles with email, phone and account, and a year of interactions on phone, email, chat and self-service, for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(Tenant, actor: "demo-loader");
        var profiles = scope.ServiceProvider.GetRequiredService<ProfilesApi>();
        foreach (var batch in Profiles().Chunk(ProfilesApi.MaxImport))
        {
            await profiles.ImportAsync(batch, cancellationToken);
        }

        var timeline = scope.ServiceProvider.GetRequiredService<TimelineApi>();
        foreach (var interaction in Interactions(clock.GetUtcNow()))
        {
            await timeline.AddAsync(interaction, cancellationToken);
        }

        var db = scope.ServiceProvider.GetRequiredService<UnderstandingDb>();
        await DemoFeedbackSettings.SeedAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
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
