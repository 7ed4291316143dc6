using System.Diagnostics;
using Cx.Common.V1;
using Cx.Governance.V1;
using Cx.Host.Launch;
using Cx.Understanding.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace Cx.Host.Tests;

/// <summary>
/// `cx up --demo` as a whole: governance's case history, then the measurement demo's latest
/// detractors opening cases live through the event log. Together they still read like a running
/// programme, most cases closed and only the last days' open, not a backlog of every detractor.
/// The understanding demo's customers are the ones those responses name, so each response joins
/// its customer's history beside the year of interactions.
/// </summary>
public sealed class DemoDataTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Metadata Demo => TestIdentity.For("governance", "demo", keyDirectory: Path.Combine(_data, "identity"));

    private readonly string _data = Path.Combine(Path.GetTempPath(), "cx-demo-" + Guid.NewGuid().ToString("N"));
    private RunningPlatform? _platform;
    private TimeSpan _loadTime;
    private DateTimeOffset _started;

    public async Task InitializeAsync()
    {
        _started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        _platform = await PlatformLauncher.StartAsync(new UpOptions { BasePort = 0, DataDirectory = _data, Demo = true }, new ConfigurationBuilder().Build(), CancellationToken.None);
        _loadTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        await _platform!.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task UpDemo_LiveDetractorsOpenAFewCases_BesideAHistoryThatIsMostlyClosed()
    {
        using var channel = GrpcChannel.ForAddress("http://" + _platform!.Service("governance").GrpcAddress);
        var governance = new GovernanceService.GovernanceServiceClient(channel);
        var cases = await SettledCasesAsync(governance);
        var live = cases.Where(IsLive).ToList();
        var closed = cases.Count(c => c.Status == CaseStatus.Closed);
        var resolved = cases.Where(c => c.Resolution is not null).ToList();
        var active = cases.Where(c => c.Resolution is null).ToList();
        var met = resolved.Count(c => !c.Escalated);
        output.WriteLine($"loaded in {_loadTime.TotalSeconds:F1} s; {cases.Count} cases: {closed} closed, {resolved.Count - closed} resolved, {active.Count} active ({live.Count} opened live); SLA met {met} of {resolved.Count} ({(double)met / resolved.Count:P0})");

        // The live ones come from the measurement demo's last days, as the rules allow.
        Assert.InRange(live.Count, 3, 40);
        Assert.All(live, c => Assert.All(c.Signals, s => Assert.True(_started - s.OccurredAt.ToDateTimeOffset() <= TimeSpan.FromDays(3.01), $"case {c.CaseId} took a signal from {s.OccurredAt}")));

        Assert.InRange((double)closed / cases.Count, 0.75, 0.97);
        Assert.All(active, c => Assert.True(_started - c.OpenedAt.ToDateTimeOffset() < TimeSpan.FromDays(14), $"case {c.CaseId} has been open since {c.OpenedAt}"));
        Assert.InRange((double)met / resolved.Count, 0.72, 0.88);

        // The courier plan, dated by the history, still measures the fix: every metric it cites up, significantly.
        var effect = await governance.GetActionPlanEffectAsync(new GetActionPlanEffectRequest { PlanId = "courier-second-collection" }, Demo);
        Assert.Equal(3, effect.Effects.Count);
        Assert.All(effect.Effects, e => Assert.True(e.Comparison.Change.Significant && e.Comparison.Change.Difference > 0, $"{e.MetricId}: {e.Comparison.Change}"));
    }

    [Fact]
    public async Task UpDemo_TheResponsesJoinTheHistoriesOfTheUnderstandingDemosCustomers_NoCustomerUnknown()
    {
        using var channel = GrpcChannel.ForAddress("http://" + _platform!.Service("understanding").GrpcAddress);
        var understanding = new UnderstandingService.UnderstandingServiceClient(channel);
        var demo = TestIdentity.For("understanding", "demo", keyDirectory: Path.Combine(_data, "identity"));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var histories = new List<List<TimelineEntry>>();
        do
        {
            await Task.Delay(500);
            histories.Clear();
            for (var n = 1; n <= 20; n++)
            {
                histories.Add([.. (await understanding.ListTimelineAsync(new ListTimelineRequest { CustomerId = $"customer-{n}", PageSize = 100 }, demo)).Entries]);
            }
        }
        while (histories.Count(h => h.Any(e => e.Kind == EntryKind.Survey)) < 10 && DateTime.UtcNow < deadline);

        var customer = await understanding.GetProfileAsync(new GetProfileRequest { CustomerId = "customer-1187" }, demo);
        Assert.Equal(["email:customer1187@example.com", "phone:+49305551187", "account:acct-001187"], customer.Identities.Select(i => i.Kind.ToString().ToLowerInvariant() + ":" + i.Value));
        Assert.False(customer.Minimal);

        // Of the first twenty customers, some have both: a survey with its scores beside an interaction.
        Assert.Contains(histories, h => h.Any(e => e.Kind == EntryKind.Survey && e.Survey.Answers.Any(a => a.MetricId == "nps-relationship")) && h.Any(e => e.Kind == EntryKind.Interaction));
        var profiles = await understanding.ListProfilesAsync(new ListProfilesRequest { PageSize = 100 }, demo);
        Assert.DoesNotContain(profiles.Profiles, p => p.Minimal);

        // The comments arrive with the responses and are enriched: in both languages, with the demo's topics.
        var feedback = new List<FeedbackItem>();
        do
        {
            feedback = [.. (await understanding.ListFeedbackAsync(new ListFeedbackRequest { PageSize = 100 }, demo)).Feedback];
        }
        while ((feedback.Select(f => f.Language).Distinct().Count() < 2 || !feedback.Any(f => f.TopicIds.Count > 0)) && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal(["en", "zh"], feedback.Select(f => f.Language).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(feedback, f => f.TopicIds.Contains("late-delivery") && f.TaxonomyVersion == 1);
    }

    [Fact]
    public async Task UpDemo_ThePersonas_AreSizedByTheirSegments_AndScoredByMeasurement()
    {
        using var channel = GrpcChannel.ForAddress("http://" + _platform!.Service("understanding").GrpcAddress);
        var understanding = new UnderstandingService.UnderstandingServiceClient(channel);
        var demo = TestIdentity.For("understanding", "demo", keyDirectory: Path.Combine(_data, "identity"));
        var deadline = DateTime.UtcNow.AddMinutes(3);

        // Promoters join as the responses arrive, and measurement learns of them from the membership events.
        Persona advocate;
        do
        {
            advocate = await understanding.GetPersonaAsync(new GetPersonaRequest { PersonaId = "loyal-advocate" }, demo);
        }
        while ((advocate.Scores.Count == 0 || advocate.Scores[0].Results is null || advocate.Scores[0].Results.Results.Single().N == 0) && advocate.ScoresUnavailable is null && DateTime.UtcNow < deadline && await Delay());

        Assert.Null(advocate.ScoresUnavailable);
        Assert.Equal(["nps-relationship", "delivery-speed"], advocate.Scores.Select(s => s.MetricId));
        Assert.All(advocate.Scores, s => Assert.Equal(string.Empty, s.Problem));
        Assert.True(advocate.Size > 0 && advocate.Scores[0].Results.Results.Single().N > 0, $"size {advocate.Size}, {advocate.Scores[0]}");
        var chaser = await understanding.GetPersonaAsync(new GetPersonaRequest { PersonaId = "anxious-chaser" }, demo);
        Assert.Equal(["frequent-contacts"], chaser.SegmentIds);
        Assert.Null(chaser.ScoresUnavailable);
        Assert.InRange(chaser.Size, 1, 1_499);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(500);
        return true;
    }

    /// <summary>A case opened by a detractor event since the platform started, not by the demo's history.</summary>
    private bool IsLive(Case c) =>
        c.OpenedAt.ToDateTimeOffset() >= _started && c.Signals.Any(s => !s.ResponseId.StartsWith("demo-history-", StringComparison.Ordinal));

    /// <summary>
    /// All the tenant's cases once the detractor events stopped opening new ones. Events leave in
    /// the order the responses were recorded, a year of them, the live ones last: so the count is
    /// taken as settled once live cases appeared and then stayed still for three seconds.
    /// </summary>
    private async Task<List<Case>> SettledCasesAsync(GovernanceService.GovernanceServiceClient governance)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var (last, stillSince) = (-1, DateTime.UtcNow);
        while (true)
        {
            var cases = await AllCasesAsync(governance);
            if (cases.Count != last || !cases.Any(IsLive))
            {
                (last, stillSince) = (cases.Count, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - stillSince > TimeSpan.FromSeconds(3) || DateTime.UtcNow > deadline)
            {
                return cases;
            }

            await Task.Delay(500);
        }
    }

    private async Task<List<Case>> AllCasesAsync(GovernanceService.GovernanceServiceClient governance)
    {
        var cases = new List<Case>();
        var request = new ListCasesRequest { PageSize = 100 };
        do
        {
            var page = await governance.ListCasesAsync(request, Demo);
            cases.AddRange(page.Cases);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return cases;
    }
}
