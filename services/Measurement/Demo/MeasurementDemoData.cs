using Cx.Measurement.Api;
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
/// support agents who answered (four per support team), and a live post-delivery survey. Delivery speed is the one real driver of NPS, and a delivery fix in the last 60 days lifts it visibly. Submission ids are fixed
/// and the random source is seeded, so loading it again adds nothing.
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

    public string Description => "measurement: a year of NPS, CSAT, CES and touchpoint ratings over three journeys, and a live post-delivery survey, for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
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
        await scope.ServiceProvider.GetRequiredService<ResponsesApi>().RecordManyAsync(Responses(clock.GetUtcNow()), cancellationToken);
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

    private static List<V1.Response> Responses(DateTimeOffset now)
    {
        var random = new Random(20261124);
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
                    var speed = Math.Clamp(random.Next(1, 6) + (fixedDelivery && step == "delivery" ? 2 : 0), 1, 5);
                    var ease = random.Next(2, 6);
                    var nps = Math.Clamp((int)Math.Round((2.2 * speed) - 1.3 + ((random.NextDouble() - 0.5) * 3)), 0, 10);
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

                    responses.Add(response);
                }
            }
        }

        return responses;
    }
}
