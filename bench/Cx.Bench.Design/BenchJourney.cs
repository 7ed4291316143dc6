using System.Globalization;
using Cx.Common.V1;
using Cx.Design.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Data.Sqlite;
using M = Cx.Measurement.V1;

namespace Cx.Bench.Design;

/// <summary>
/// The measured journey, drawn as a team would draw an online purchase: five stages of six steps,
/// each step with its touchpoint, lanes and how two personas feel there; the NPS responses recorded
/// on its steps; and the pain points Understanding would have announced on some of them.
/// </summary>
internal static class BenchJourney
{
    public const string JourneyId = "bench-journey";

    public const string MetricId = "nps";

    private static readonly (string Id, string Title, string Channel, string[] Steps)[] Stages =
    [
        ("discover", "Discover", "web", ["see-advert", "search-online", "read-reviews", "compare-offers", "ask-friends", "visit-site"]),
        ("choose", "Choose", "web", ["browse-catalogue", "filter-products", "view-product", "check-stock", "check-delivery-options", "add-to-basket"]),
        ("buy", "Buy", "app", ["open-basket", "sign-in", "enter-address", "choose-delivery", "pay", "confirm-order"]),
        ("receive", "Receive", "in_person", ["order-email", "track-parcel", "change-delivery-slot", "courier-arrives", "unpack", "first-use"]),
        ("support", "Support", "phone", ["find-help", "call-contact-centre", "return-item", "get-refund", "review-purchase", "buy-again"]),
    ];

    private static readonly string[] Personas = ["busy-parent", "bargain-hunter"];

    private static readonly string[] Channels = ["web", "app", "phone", "store"];

    private static readonly string[] Regions = ["north", "south", "east", "west"];

    /// <summary>Every step's id, in the journey's order.</summary>
    public static IReadOnlyList<string> StepIds { get; } = [.. Stages.SelectMany(s => s.Steps)];

    public static Journey Journey()
    {
        var journey = new Journey
        {
            JourneyId = JourneyId,
            Title = "Online purchase, end to end",
            Description = "From the first advert to buying again: what the customer does at each step, where it happens, and what the team behind it runs.",
            Type = JourneyType.ServiceBlueprint,
            State = JourneyState.AsIs,
            PersonaIds = { Personas },
            Stages = { Stages.Select(s => new JourneyStage { StageId = s.Id, Title = s.Title }) },
        };
        var n = 0;
        foreach (var (stageId, stageTitle, channel, steps) in Stages)
        {
            foreach (var stepId in steps)
            {
                var title = char.ToUpperInvariant(stepId[0]) + stepId[1..].Replace('-', ' ');
                journey.Steps.Add(new JourneyStep
                {
                    StepId = stepId,
                    StageId = stageId,
                    Title = title,
                    Description = $"{title}, in the {stageTitle.ToLowerInvariant()} stage.",
                    Touchpoints =
                    {
                        new Touchpoint { TouchpointId = stepId + "-front", Title = title, Channel = channel, Staging = Staging.Front, OwningTeamId = stageId + "-team" },
                        new Touchpoint { TouchpointId = stepId + "-back", Channel = channel, Staging = Staging.Back, OwningTeamId = "operations", SupportingSystems = { "order-system", "crm" } },
                    },
                    Actions = { $"Starts to {stepId.Replace('-', ' ')}", "Checks what happens next" },
                    Thoughts = { n % 3 == 0 ? "Is this taking too long?" : "So far so good." },
                    PainPoints = { n % 4 == 0 ? "Has to repeat what they already said" : "Not sure what the next step is" },
                    Opportunities = { "Say what comes next and when" },
                    Emotions =
                    {
                        new StepEmotion { PersonaId = Personas[0], Value = (n % 5) - 2, Note = "Short of time" },
                        new StepEmotion { PersonaId = Personas[1], Value = ((n + 2) % 5) - 2, Note = "Watching the price" },
                    },
                });
                n++;
            }
        }

        return journey;
    }

    /// <summary>
    /// <paramref name="perStep"/> responses on every step at random minutes of the <paramref name="days"/>
    /// days up to <paramref name="now"/>, each answering NPS. Each step has a typical score of its own,
    /// and every fourth step did worse over the last 90 days than before, so the steps and the two
    /// windows differ as real ones do. Seeded, so every run records the same.
    /// </summary>
    public static List<M.Response> Responses(int perStep, int days, DateTimeOffset now)
    {
        var random = new Random(30);
        var responses = new List<M.Response>(StepIds.Count * perStep);
        for (var s = 0; s < StepIds.Count; s++)
        {
            var typical = 6 + ((s * 7) % 9 / 2.0);
            for (var i = 0; i < perStep; i++)
            {
                var at = now.AddMinutes(-random.Next(1, 60 * 24 * days));
                var recent = now - at < TimeSpan.FromDays(90);
                var mean = typical - (recent && s % 4 == 0 ? 1.5 : 0);

                // Box-Muller: scores spread round the step's typical one, as NPS answers are.
                var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                var channel = Channels[random.Next(Channels.Length)];
                responses.Add(new M.Response
                {
                    SubmissionId = "bench-" + StepIds[s] + "-" + i.ToString(CultureInfo.InvariantCulture),
                    Context = new ResponseContext
                    {
                        Channel = channel,
                        JourneyId = JourneyId,
                        JourneyStepId = StepIds[s],
                        Touchpoint = StepIds[s] + "-front",
                        Region = Regions[random.Next(Regions.Length)],
                        TeamId = channel is "phone" or "store" ? "team-" + random.Next(8).ToString(CultureInfo.InvariantCulture) : string.Empty,
                        CustomerId = "c-" + random.Next(5_000).ToString("D5", CultureInfo.InvariantCulture),
                        OccurredAt = Timestamp.FromDateTimeOffset(at),
                    },
                    Answers = { new Answer { MetricId = MetricId, Score = (int)Math.Clamp(Math.Round(mean + (2.5 * normal)), 0, 10) } },
                });
            }
        }

        return responses;
    }

    /// <summary>
    /// Pain points on a third of the steps, written into the design service's <c>step_pain_points</c>
    /// as its handler of <c>pain_point_identified</c> keeps them (three of them dismissed, so off the
    /// map): the bench runs no understanding service to announce them.
    /// </summary>
    public static async Task<int> PainPointsAsync(string databaseFile, string tenant)
    {
        var written = 0;
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO step_pain_points (\"TenantId\", \"PainPointId\", \"JourneyId\", \"JourneyStepId\", \"Title\", \"FoundInComments\", \"Confirmed\", \"Dismissed\", \"Mentions\", \"Share\", \"AnnouncedVersion\") "
            + "VALUES (@tenant, @id, @journey, @step, @title, @comments, @confirmed, @dismissed, @mentions, @share, 1)";
        string[] names = ["@tenant", "@id", "@journey", "@step", "@title", "@comments", "@confirmed", "@dismissed", "@mentions", "@share"];
        var parameters = names.Select(name => insert.Parameters.Add(new SqliteParameter(name, DBNull.Value))).ToArray();
        for (var s = 0; s < StepIds.Count; s += 3)
        {
            for (var p = 0; p < 1 + (s % 2); p++)
            {
                parameters[0].Value = tenant;
                parameters[1].Value = "pp-" + StepIds[s] + "-" + p.ToString(CultureInfo.InvariantCulture);
                parameters[2].Value = JourneyId;
                parameters[3].Value = StepIds[s];
                parameters[4].Value = p == 0 ? "Waits without knowing why" : "Asked for the same details twice";
                parameters[5].Value = p == 0;
                parameters[6].Value = s % 6 == 0;
                parameters[7].Value = s % 9 == 0 && p == 0 && s > 0;
                parameters[8].Value = 10 + (s * 3);
                parameters[9].Value = 0.05 + (s / 100.0);
                await insert.ExecuteNonQueryAsync();
                written++;
            }
        }

        await transaction.CommitAsync();
        return written;
    }

    /// <summary>Waits until the service's relay has published every event the seeding raised, so the timings are of an idle service.</summary>
    public static async Task OutboxDrainedAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var pending = connection.CreateCommand();
        pending.CommandText = "SELECT COUNT(*) FROM cx_outbox WHERE \"PublishedAt\" IS NULL";
        while (Convert.ToInt64(await pending.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0)
        {
            await Task.Delay(1_000);
        }
    }
}
