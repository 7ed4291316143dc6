using Cx.Measurement.Drivers;
using Cx.Measurement.Instruments;
using Cx.Measurement.Metrics;
using Cx.Measurement.Responses;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Demo;

/// <summary>
/// `cx up --demo`: the tenant "demo" gets a year of responses over three journeys (online
/// purchase, onboarding and returns), three channels, two segments and two regions, with the
/// support agents who answered (four per support team), and a live post-delivery survey. The
/// answers are shaped like a real programme's: NPS skewed towards 8–10 with a second peak at 0,
/// ratings leaning high. Delivery speed is the one real driver of NPS, explaining about 0.4 of its
/// variance, and a delivery fix in the last 60 days lifts it visibly. Submission ids are fixed
/// and the random source is seeded, so loading it again adds nothing. About one response in four
/// has a comment, in English or Chinese (<see cref="DemoComments"/>).
/// </summary>
internal sealed class MeasurementDemoData(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    public const string Tenant = "demo";
    public const int Days = 365;
    public const int FixDaysAgo = 60;

    private static readonly (string Journey, string Step, string Touchpoint, int PerDay)[] Steps =
    [
        ("online-purchase", "browse", "website", 2),
        ("online-purchase", "checkout", "website", 2),
        ("online-purchase", "delivery", "courier", 4),
        ("online-purchase", "support", "contact-centre", 2),
        ("onboarding", "signup", "app", 2),
        ("onboarding", "first-use", "app", 2),
        ("returns", "request", "website", 1),
        ("returns", "refund", "bank-transfer", 1),
    ];

    public string Description => "measurement: a year of NPS, CSAT, CES and touchpoint ratings over three journeys, whether each customer was retained, and a live post-delivery survey, for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(Tenant);
        var metrics = scope.ServiceProvider.GetRequiredService<MetricDefinitionsApi>();
        foreach (var (id, kind, name, target, min, max) in new[]
        {
            ("nps-relationship", V1.MetricKind.Nps, "Relationship NPS", 30.0, 0, 0),
            ("csat-support", V1.MetricKind.Csat, "Support satisfaction", 85.0, 0, 0),
            ("ces-delivery", V1.MetricKind.Ces, "Delivery effort", 5.5, 0, 0),
            ("delivery-speed", V1.MetricKind.Rating, "Delivery speed", 4.0, 1, 5),
            ("app-ease", V1.MetricKind.Rating, "App ease of use", 4.0, 1, 5),
        })
        {
            if (await metrics.LatestAsync(id, cancellationToken) is null)
            {
                await metrics.CreateAsync(new V1.MetricDefinition { MetricId = id, Kind = kind, Name = name, Target = target, ScaleMin = min, ScaleMax = max, HigherIsBetter = true }, cancellationToken);
            }
        }

        await SurveyAsync(scope.ServiceProvider.GetRequiredService<InstrumentsApi>(), cancellationToken);
        var now = clock.GetUtcNow();
        var responses = Responses(now);
        var recorded = await scope.ServiceProvider.GetRequiredService<ResponsesApi>().RecordManyAsync(responses, cancellationToken);
        if (recorded.Recorded > 0)
        {
            await scope.ServiceProvider.GetRequiredService<FrameworkApi>().RecordAsync(new V1.RecordOutcomesRequest { Outcomes = { Retention(responses, now) } }, cancellationToken);

            // What drives NPS on the purchase journey over the last 90 days, announced
            // (driver_analysis_completed): Understanding confirms the delivery pain point from it.
            await scope.ServiceProvider.GetRequiredService<DriverAnalysisApi>().AnalyseAsync(new V1.AnalyseDriversRequest
            {
                OutcomeMetricId = "nps-relationship",
                DriverMetricIds = { "delivery-speed", "app-ease" },
                Filter = new CommonV1.ResultFilter { JourneyIds = { "online-purchase" }, From = Timestamp.FromDateTimeOffset(now.AddDays(-90)), To = Timestamp.FromDateTimeOffset(now) },
            }, cancellationToken);
        }
    }

    /// <summary>The survey customers get after a delivery, live, in English and Chinese.</summary>
    private static async Task SurveyAsync(InstrumentsApi instruments, CancellationToken cancellationToken)
    {
        V1.Question Question(string metricId, string english, string chinese) => new() { MetricId = metricId, Text = { ["en"] = english, ["zh-CN"] = chinese } };
        try
        {
            await instruments.CreateAsync(new V1.Instrument
            {
                InstrumentId = "post-delivery",
                Name = "After your delivery",
                JourneyId = "online-purchase",
                JourneyStepId = "delivery",
                SamplingRate = 0.5,
                Questions =
                {
                    Question("nps-relationship", "How likely are you to recommend us to a friend?", "您向朋友推荐我们的可能性有多大？"),
                    Question("delivery-speed", "How satisfied are you with the delivery speed?", "您对配送速度满意吗？"),
                    Question("ces-delivery", "The delivery was easy for me.", "这次配送让我很省心。"),
                },
            }, cancellationToken);
            await instruments.ChangeStatusAsync(new V1.ChangeInstrumentStatusRequest { InstrumentId = "post-delivery", Status = V1.InstrumentStatus.Live }, cancellationToken);
        }
        catch (Cx.Domain.Errors.AlreadyExistsException)
        {
            // Loaded before: the survey is there already.
        }
    }

    // Ratings lean to the top of the scale, as real ones do; before the fix, delivery was the
    // step that let customers down.
    private static readonly double[] SpeedBeforeFix = [0.22, 0.22, 0.22, 0.20, 0.14];
    private static readonly double[] SpeedAfterFix = [0.04, 0.06, 0.18, 0.37, 0.35];
    private static readonly double[] SpeedElsewhere = [0.05, 0.09, 0.21, 0.36, 0.29];
    private static readonly double[] Ease = [0.03, 0.07, 0.20, 0.40, 0.30];

    /// <summary>How likely a customer is to answer in anger, by the delivery speed they rated (1 to 5).</summary>
    private static readonly double[] AngerBySpeed = [0.45, 0.22, 0.07, 0.025, 0.012];

    /// <summary>What angry customers answer: mostly a flat 0.</summary>
    private static readonly int[] AngryScores = [0, 0, 0, 0, 0, 1, 1, 2, 3, 4, 5];

    /// <summary>
    /// An NPS answer as real programmes see them: most customers content and crowding 8 to 10, a
    /// few angry ones at 0, so the distribution is skewed with a second peak at the bottom. Speed
    /// moves both the content scores and the chance of anger, yet explains well under half of
    /// the variance (R² about 0.4): the rest is everything the survey did not ask.
    /// </summary>
    private static int NetPromoterAnswer(Random random, int speed)
    {
        if (random.NextDouble() < AngerBySpeed[speed - 1])
        {
            return AngryScores[random.Next(AngryScores.Length)];
        }

        return Math.Clamp((int)Math.Round(8.2 + (speed - 3.7) + (1.45 * Gaussian(random)), MidpointRounding.AwayFromZero), 0, 10);
    }

    /// <summary>A rating from 1 up, drawn by the given shares of each.</summary>
    private static int Pick(Random random, double[] shares)
    {
        var draw = random.NextDouble();
        for (var i = 0; i < shares.Length - 1; i++)
        {
            draw -= shares[i];
            if (draw < 0)
            {
                return i + 1;
            }
        }

        return shares.Length;
    }

    /// <summary>A standard normal draw (Box–Muller), from the seeded source so the demo stays the same.</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// Whether each customer stayed a year on: the likelier the more they recommend (their mean NPS
    /// answer), so the measurement framework finds the chain from delivery to NPS to retention.
    /// </summary>
    private static IEnumerable<V1.CustomerOutcome> Retention(IEnumerable<V1.Response> responses, DateTimeOffset now)
    {
        var random = new Random(20261208);
        return responses
            .Where(r => r.Context.CustomerId.Length > 0)
            .GroupBy(r => r.Context.CustomerId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var nps = g.SelectMany(r => r.Answers).Where(a => a.MetricId == "nps-relationship").Average(a => a.Score);
                var stays = random.NextDouble() < Math.Clamp(0.35 + (0.06 * nps), 0, 1);
                return new V1.CustomerOutcome { CustomerId = g.Key, Outcome = "retained", Value = stays ? 1 : 0, MeasuredAt = Timestamp.FromDateTimeOffset(now) };
            });
    }

    private static List<V1.Response> Responses(DateTimeOffset now)
    {
        var random = new Random(20261124);
        var comments = new DemoComments();
        var start = now.UtcDateTime.Date.AddDays(-Days);
        string[] channels = ["web", "app", "phone"];
        var responses = new List<V1.Response>();
        for (var day = 0; day < Days; day++)
        {
            var fixedDelivery = day >= Days - FixDaysAgo;
            foreach (var (journey, step, touchpoint, perDay) in Steps)
            {
                for (var k = 0; k < perDay; k++)
                {
                    // Delivery speed drives NPS and app ease does not (it is asked, and found not to
                    // matter); the fix lifts speed.
                    var speed = Pick(random, step != "delivery" ? SpeedElsewhere : fixedDelivery ? SpeedAfterFix : SpeedBeforeFix);
                    var ease = Pick(random, Ease);
                    var nps = NetPromoterAnswer(random, speed);
                    var response = new V1.Response
                    {
                        SubmissionId = $"demo-{day}-{step}-{k}",
                        Context = new CommonV1.ResponseContext
                        {
                            Channel = channels[(day + k) % 3],
                            JourneyId = journey,
                            JourneyStepId = step,
                            Touchpoint = touchpoint,
                            Segment = k % 2 == 0 ? "consumer" : "business",
                            Region = (day + k) % 4 == 0 ? "north" : "south",
                            TeamId = step == "support" ? $"support-{(day % 3) + 1}" : string.Empty,
                            EmployeeId = step == "support" ? $"agent-{((day % 3) * 4) + ((day + k) % 4) + 1}" : string.Empty,
                            CustomerId = $"customer-{random.Next(1, 1500)}",
                            OccurredAt = Timestamp.FromDateTime(start.AddDays(day).AddHours(8 + (2 * k))),
                        },
                        Answers =
                        {
                            new CommonV1.Answer { MetricId = "nps-relationship", Score = nps },
                            new CommonV1.Answer { MetricId = "delivery-speed", Score = speed },
                            new CommonV1.Answer { MetricId = "app-ease", Score = ease },
                        },
                    };
                    if (step == "support")
                    {
                        response.Answers.Add(new CommonV1.Answer { MetricId = "csat-support", Score = Math.Clamp((nps / 2) + random.Next(-1, 2), 1, 5) });
                    }

                    if (step == "delivery")
                    {
                        response.Answers.Add(new CommonV1.Answer { MetricId = "ces-delivery", Score = Math.Clamp(speed + random.Next(0, 3), 1, 7) });
                    }

                    if (comments.For(response.Context, nps, speed) is { } comment)
                    {
                        response.Comments.Add(comment);
                    }

                    responses.Add(response);
                }
            }
        }

        return responses;
    }
}
