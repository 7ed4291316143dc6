using Cx.Measurement.Api;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Demo;

/// <summary>
/// `cx up --demo`: the tenant "demo" gets NPS, CSAT and CES metrics and four weeks of responses
/// along an online-purchase journey, where delivery is the weak step and improves in the last week.
/// Submission ids are fixed and the random source is seeded, so loading it again adds nothing.
/// </summary>
internal sealed class MeasurementDemoData(IServiceScopeFactory scopes, TimeProvider clock) : IDemoDataSeeder
{
    public const string Tenant = "demo";

    private static readonly (string Step, string Touchpoint, double Promoter, double Detractor)[] Steps =
    [
        ("browse", "website", 0.55, 0.10),
        ("checkout", "website", 0.50, 0.15),
        ("delivery", "courier", 0.30, 0.40),
        ("support", "contact-centre", 0.45, 0.20),
    ];

    public string Description => "measurement: NPS, CSAT and CES with 4 weeks of responses for tenant 'demo'";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(Tenant);
        var metrics = scope.ServiceProvider.GetRequiredService<MetricDefinitionsApi>();
        foreach (var (id, kind, name, target) in new[]
        {
            ("nps-relationship", V1.MetricKind.Nps, "Relationship NPS", 30.0),
            ("csat-support", V1.MetricKind.Csat, "Support satisfaction", 85.0),
            ("ces-delivery", V1.MetricKind.Ces, "Delivery effort", 5.5),
        })
        {
            if (await metrics.LatestAsync(id, cancellationToken) is null)
            {
                await metrics.CreateAsync(new V1.MetricDefinition { MetricId = id, Kind = kind, Name = name, Target = target, HigherIsBetter = true }, cancellationToken);
            }
        }

        await scope.ServiceProvider.GetRequiredService<ResponsesApi>().RecordManyAsync(Responses(clock.GetUtcNow()), cancellationToken);
    }

    private static List<V1.Response> Responses(DateTimeOffset now)
    {
        var random = new Random(20261124);
        var start = now.UtcDateTime.Date.AddDays(-28);
        var responses = new List<V1.Response>();
        for (var day = 0; day < 28; day++)
        {
            foreach (var (step, touchpoint, promoter, detractor) in Steps)
            {
                // The delivery fix lands in the last week: fewer detractors, more promoters.
                var improved = step == "delivery" && day >= 21;
                for (var k = 0; k < 6; k++)
                {
                    var roll = random.NextDouble();
                    var nps = roll < (improved ? 0.50 : promoter) ? random.Next(9, 11)
                        : roll > 1 - (improved ? 0.15 : detractor) ? random.Next(0, 7)
                        : random.Next(7, 9);
                    var response = new V1.Response
                    {
                        SubmissionId = $"demo-{day}-{step}-{k}",
                        Context = new V1.ResponseContext
                        {
                            Channel = k % 3 == 0 ? "app" : "web",
                            JourneyId = "online-purchase",
                            JourneyStepId = step,
                            Touchpoint = touchpoint,
                            Segment = k % 2 == 0 ? "consumer" : "business",
                            Region = k % 4 == 0 ? "north" : "south",
                            CustomerId = $"customer-{random.Next(1, 400)}",
                            OccurredAt = Timestamp.FromDateTime(start.AddDays(day).AddHours(8 + k)),
                        },
                        Answers = { new V1.Answer { MetricId = "nps-relationship", Score = nps } },
                    };
                    if (step == "support")
                    {
                        response.Answers.Add(new V1.Answer { MetricId = "csat-support", Score = Math.Clamp((nps / 2) + random.Next(-1, 2), 1, 5) });
                    }

                    if (step == "delivery")
                    {
                        response.Answers.Add(new V1.Answer { MetricId = "ces-delivery", Score = Math.Clamp((nps * 7 / 10) + random.Next(-1, 2), 1, 7) });
                    }

                    responses.Add(response);
                }
            }
        }

        return responses;
    }
}
