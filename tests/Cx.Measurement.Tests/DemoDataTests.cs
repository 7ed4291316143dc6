using Cx.Common.V1;
using Cx.Measurement.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Cx.Measurement.Tests;

/// <summary>The measurement service with `cx up --demo`'s measurement data loaded once.</summary>
public sealed class DemoMeasurementHost : MeasurementHost
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoDataAsync();
    }
}

/// <summary>
/// The demo's answers look like a real NPS programme's: skewed towards 8–10 with a second, smaller
/// peak at 0, and a driver that explains a plausible part of NPS, not nearly all of it. The figures
/// are computed here from the stored answers, then held against what the service reports.
/// </summary>
public sealed class DemoDataTests(DemoMeasurementHost host, ITestOutputHelper output) : IClassFixture<DemoMeasurementHost>
{
    private static readonly Metadata Demo = TestIdentity.For("measurement", "demo");

    [Fact]
    public async Task DemoNps_SkewedTowardsPromoters_WithASecondPeakAtZero_NotFlat()
    {
        var scores = (await AnswersAsync()).Select(r => r.Nps).ToList();
        var counts = Enumerable.Range(0, 11).Select(score => scores.Count(s => s == score)).ToArray();
        double Share(int from, int to) => (double)counts[from..(to + 1)].Sum() / scores.Count;
        var nps = 100 * (Share(9, 10) - Share(0, 6));
        output.WriteLine($"loaded in {host.DemoLoad.Elapsed.TotalSeconds:F1} s ({host.DemoLoad.Processor.TotalSeconds:F1} s of processor time)");
        output.WriteLine($"NPS answers 0..10: {string.Join(" ", counts)}; promoters {Share(9, 10):P1}, passives {Share(7, 8):P1}, detractors {Share(0, 6):P1}; NPS {nps:F1}");

        // A flat 0–10 would give 18% promoters and 64% detractors, and no score twice as common as another.
        Assert.InRange(Share(9, 10), 0.35, 0.55);
        Assert.InRange(Share(7, 8), 0.2, 0.4);
        Assert.InRange(Share(0, 6), 0.18, 0.4);
        Assert.InRange(Array.IndexOf(counts, counts.Max()), 9, 10);
        Assert.True(counts[10] > 4 * counts[3], "the top of the scale is far more common than its lower middle");

        // Bimodal: 0 stands out above 1 to 4, the valley between the angry few and the content many.
        Assert.All(counts[1..5], c => Assert.True(counts[0] > 1.5 * c, $"0 was answered {counts[0]} times, a score of 1 to 4 {c} times"));
        Assert.True(counts[0] < counts[8]);

        var results = await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps-relationship" }, Demo);
        Assert.Equal(scores.Count, results.Results[0].N);
        Assert.Equal(nps, results.Results[0].Score, 9);
    }

    [Fact]
    public async Task DemoDrivers_DeliverySpeedExplainsAPlausiblePartOfNps_AppEaseNone()
    {
        var answers = await AnswersAsync();
        var rSquared = RSquared(answers.Select(a => (double)a.Nps).ToArray(), answers.Select(a => (double)a.Speed).ToArray(), answers.Select(a => (double)a.Ease).ToArray());
        var speedAlone = Math.Pow(Correlation(answers.Select(a => (double)a.Speed).ToArray(), answers.Select(a => (double)a.Nps).ToArray()), 2);
        var easeAlone = Math.Pow(Correlation(answers.Select(a => (double)a.Ease).ToArray(), answers.Select(a => (double)a.Nps).ToArray()), 2);
        output.WriteLine($"R² of NPS on delivery speed and app ease: {rSquared:F3} (speed alone {speedAlone:F3}, ease alone {easeAlone:F4}) over {answers.Count} responses");

        // Real driver models explain 0.3 to 0.6 of an outcome; a single rating explaining 0.9 would be made up.
        Assert.InRange(rSquared, 0.3, 0.6);
        Assert.InRange(speedAlone, 0.3, 0.6);
        Assert.True(easeAlone < 0.01);

        var analysis = await host.Client.AnalyseDriversAsync(new AnalyseDriversRequest { OutcomeMetricId = "nps-relationship", DriverMetricIds = { "delivery-speed", "app-ease" }, BootstrapSamples = 50 }, Demo);
        Assert.Equal(answers.Count, analysis.N);
        Assert.Equal(rSquared, analysis.RSquared, 6);
        Assert.Equal("delivery-speed", analysis.Drivers[0].MetricId);
        Assert.InRange(analysis.Drivers[0].RawWeight, 0.3, 0.6);
    }

    [Fact]
    public async Task DemoRatings_LeanHigh_DeliveryHurtsUntilTheFix()
    {
        var answers = await AnswersAsync();
        var fix = host.Clock.GetUtcNow().UtcDateTime.Date.AddDays(-60);
        static double Nps(IEnumerable<int> scores)
        {
            var list = scores.ToList();
            return 100.0 * (list.Count(s => s >= 9) - list.Count(s => s <= 6)) / list.Count;
        }

        var deliveryBefore = Nps(answers.Where(a => a.Step == "delivery" && a.At < fix).Select(a => a.Nps));
        var deliveryAfter = Nps(answers.Where(a => a.Step == "delivery" && a.At >= fix).Select(a => a.Nps));
        var elsewhere = Nps(answers.Where(a => a.Step != "delivery").Select(a => a.Nps));
        output.WriteLine($"NPS at delivery before the fix {deliveryBefore:F1}, after {deliveryAfter:F1}; other steps {elsewhere:F1}");

        Assert.True(deliveryBefore < elsewhere - 15, "delivery is the step that hurts");
        Assert.True(deliveryAfter > deliveryBefore + 20, "the fix shows");
        var ratings = answers.Where(a => a.Step != "delivery").ToList();
        Assert.InRange(ratings.Count(a => a.Speed >= 4) / (double)ratings.Count, 0.5, 0.8);
        Assert.InRange(answers.Count(a => a.Ease >= 4) / (double)answers.Count, 0.5, 0.85);
    }

    /// <summary>About one response in four carries a comment, in English or Chinese, on its own step; support comments name the agent.</summary>
    [Fact]
    public async Task DemoComments_AQuarterOfResponses_InEnglishAndChinese_NamingAgents()
    {
        var responses = await host.ReadAsync("demo", db => db.Responses.CountAsync());
        var comments = await host.ReadAsync("demo", db => db.Comments
            .Select(c => new { c.MetricId, c.Text, c.Language, c.Response!.JourneyStepId, c.Response.EmployeeId })
            .ToListAsync());
        output.WriteLine($"{comments.Count} comments on {responses} responses; {comments.Count(c => c.Language == "zh-CN")} in Chinese");

        Assert.InRange(comments.Count / (double)responses, 0.2, 0.3);
        Assert.InRange(comments.Count(c => c.Language == "zh-CN") / (double)comments.Count, 0.3, 0.5);
        Assert.Equal(["en", "zh-CN"], comments.Select(c => c.Language).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.All(comments.Where(c => c.JourneyStepId == "delivery"), c => Assert.Equal("delivery-speed", c.MetricId));
        Assert.All(comments.Where(c => c.JourneyStepId == "support"), c => Assert.Equal("csat-support", c.MetricId));
        Assert.Contains(comments, c => c.EmployeeId == "agent-1" && c.Text.StartsWith("Li Wei ", StringComparison.Ordinal));
        Assert.Contains(comments, c => c.EmployeeId == "agent-4" && c.Text.StartsWith("小王", StringComparison.Ordinal));
        Assert.DoesNotContain(comments, c => c.Text.Contains('{', StringComparison.Ordinal));

        var listed = await host.Client.ListResponsesAsync(new ListResponsesRequest { PageSize = 100 }, Demo);
        var ids = listed.Responses.Select(r => Guid.Parse(r.ResponseId)).ToList();
        Assert.Equal(await host.ReadAsync("demo", db => db.Comments.CountAsync(c => ids.Contains(c.ResponseId))), listed.Responses.Sum(r => r.Response.Comments.Count));
    }

    private async Task<List<(string Step, DateTime At, int Nps, int Speed, int Ease)>> AnswersAsync()
    {
        var rows = await host.ReadAsync("demo", db => db.Answers
            .Where(a => a.Score != null && (a.MetricId == "nps-relationship" || a.MetricId == "delivery-speed" || a.MetricId == "app-ease"))
            .Select(a => new { a.ResponseId, a.MetricId, Score = a.Score!.Value, a.Response!.JourneyStepId, a.Response.OccurredAtUtc })
            .ToListAsync());
        return rows.GroupBy(a => a.ResponseId)
            .Where(g => g.Count() == 3)
            .Select(g => (g.First().JourneyStepId, g.First().OccurredAtUtc, g.Single(a => a.MetricId == "nps-relationship").Score, g.Single(a => a.MetricId == "delivery-speed").Score, g.Single(a => a.MetricId == "app-ease").Score))
            .ToList();
    }

    private static double Correlation(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return sxy / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }

    /// <summary>R² of the least-squares fit of y on two predictors, from the correlations: (r₁² + r₂² − 2·r₁·r₂·r₁₂) / (1 − r₁₂²).</summary>
    private static double RSquared(double[] y, double[] x1, double[] x2)
    {
        var (r1, r2, r12) = (Correlation(x1, y), Correlation(x2, y), Correlation(x1, x2));
        return ((r1 * r1) + (r2 * r2) - (2 * r1 * r2 * r12)) / (1 - (r12 * r12));
    }
}
