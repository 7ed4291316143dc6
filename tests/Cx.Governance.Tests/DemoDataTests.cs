using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Governance.V1;
using Cx.ServiceDefaults.Hosting;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cx.Governance.Tests;

/// <summary>The governance service with `cx up --demo`'s governance data loaded once, on the test's clock.</summary>
public sealed class DemoGovernanceHost : GovernanceHost
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedDemoDataAsync();
    }
}

/// <summary>
/// The demo reads like a real programme's: most cases closed, the SLA met about four times in
/// five, a pattern registered before the plan that cites it. Every figure is worked out here from
/// what the API returns, office hours included, not taken from the service's own arithmetic.
/// </summary>
public sealed class DemoDataTests(DemoGovernanceHost host, ITestOutputHelper output) : IClassFixture<DemoGovernanceHost>
{
    private static readonly Metadata Demo = TestIdentity.For("governance", "demo");

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private DateTimeOffset Now => host.Clock.GetUtcNow();

    [Fact]
    public async Task DemoCases_MostClosed_OnlyRecentOnesOpen_SlaMetInABelievableShare()
    {
        var cases = await AllCasesAsync();
        var closed = cases.Count(c => c.Status == CaseStatus.Closed);
        var resolved = cases.Where(c => c.Resolution is not null).ToList();
        var active = cases.Where(c => c.Resolution is null).ToList();
        var missed = resolved.Where(c => c.Escalated).ToList();

        output.WriteLine($"{cases.Count} cases loaded in {host.DemoLoad.Elapsed.TotalSeconds:F1} s ({host.DemoLoad.Processor.TotalSeconds:F1} s of processor time): {closed} closed, {resolved.Count - closed} resolved, {active.Count} active; SLA met {resolved.Count - missed.Count} of {resolved.Count}");
        Assert.InRange(cases.Count, 150, 400);
        Assert.InRange((double)closed / cases.Count, 0.8, 1.0);
        Assert.Contains(cases, c => c.Status != CaseStatus.Closed);
        Assert.All(active, c => Assert.True(Now - c.OpenedAt.ToDateTimeOffset() < TimeSpan.FromDays(14), $"case {c.CaseId} has been open since {c.OpenedAt}"));
        Assert.InRange(1 - ((double)missed.Count / resolved.Count), 0.72, 0.88);

        // Counted here in Berlin office hours: an escalated case had used up its target before it
        // was escalated and before it was resolved; a case resolved inside its target in plain
        // office hours (the SLA clock may only have run less) was not escalated.
        var targets = new Dictionary<CasePriority, double> { [CasePriority.High] = 10, [CasePriority.Normal] = 30 };
        Assert.All(cases, c => Assert.Contains(c.Priority, targets.Keys));
        Assert.All(missed, c =>
        {
            Assert.True(OfficeHours(c.OpenedAt.ToDateTimeOffset(), c.EscalatedAt.ToDateTimeOffset()) >= targets[c.Priority] - 0.01, $"case {c.CaseId} was escalated early");
            Assert.True(c.Resolution.ResolvedAt.ToDateTimeOffset() > c.EscalatedAt.ToDateTimeOffset());
        });
        var withinTarget = resolved.Where(c => OfficeHours(c.OpenedAt.ToDateTimeOffset(), c.Resolution.ResolvedAt.ToDateTimeOffset()) <= targets[c.Priority]).ToList();
        Assert.All(withinTarget, c => Assert.False(c.Escalated, $"case {c.CaseId} was resolved in time yet escalated"));
        Assert.InRange((double)withinTarget.Count / resolved.Count, 0.6, 0.88);

        // Real recoveries: not all won back, customers answered in English and in Chinese. The
        // delivery step's own case has no customer to win back or to answer.
        var customers = resolved.Where(c => c.CustomerId.Length > 0).ToList();
        Assert.Single(resolved, c => c.CustomerId.Length == 0);
        Assert.InRange(customers.Count(c => c.Resolution.Recovered) / (double)customers.Count, 0.45, 0.8);
        Assert.Equal(["en", "zh-CN"], customers.Select(c => c.Resolution.FollowUpLanguage).Distinct().Order(StringComparer.Ordinal));
        Assert.True(customers.Count(c => c.Resolution.FollowUpLanguage == "zh-CN") > customers.Count / 10);
    }

    [Fact]
    public async Task DemoCases_LateDeliveriesDominateUntilTheFix_ThenFall()
    {
        var fix = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-60);
        var cases = await AllCasesAsync();
        double LateShare(IEnumerable<Case> period)
        {
            var list = period.Where(c => c.Resolution is not null).ToList();
            return list.Count(c => c.Resolution.RootCauseCategory == "late-delivery") / (double)list.Count;
        }

        var before = LateShare(cases.Where(c => c.OpenedAt.ToDateTimeOffset() < fix));
        var after = LateShare(cases.Where(c => c.OpenedAt.ToDateTimeOffset() >= fix));

        Assert.True(before > 0.3 && after < before / 2, $"late deliveries: {before:P0} of cases before the fix, {after:P0} after");
        Assert.True(cases.Min(c => c.OpenedAt.ToDateTimeOffset()) < Now.AddDays(-100), "the history goes back months");
    }

    [Fact]
    public async Task DemoPattern_RegisteredByItsCases_BeforeItsRootCauseAndThePlanThatCitesIt()
    {
        var plans = (await host.Client.ListActionPlansAsync(new ListActionPlansRequest { PageSize = 100 }, Demo)).Plans;
        var plan = Assert.Single(plans, p => p.PatternId.Length > 0);
        var pattern = await host.Client.GetPatternAsync(new GetPatternRequest { PatternId = plan.PatternId }, Demo);
        var registered = pattern.RegisteredAt.ToDateTimeOffset();
        var lateDeliveries = (await AllCasesAsync()).Where(c => c.JourneyStepId == "delivery" && c.Resolution?.RootCauseCategory == "late-delivery").ToList();
        var resolvedByThen = lateDeliveries.Count(c => c.Resolution.ResolvedAt.ToDateTimeOffset() <= registered);
        Assert.Contains(pattern.CaseIds, id => lateDeliveries.Any(c => c.CaseId == id));
        Assert.Equal(lateDeliveries.Min(c => c.Resolution.ResolvedAt.ToDateTimeOffset()), pattern.FirstSeen.ToDateTimeOffset());

        var cause = Assert.Single(pattern.RootCauses);
        output.WriteLine($"pattern registered {registered:u} ({resolvedByThen} cases resolved by then), root cause {cause.RecordedAt.ToDateTimeOffset():u}, plan created {plan.CreatedAt.ToDateTimeOffset():u}, completed {plan.CompletedAt.ToDateTimeOffset():u}");
        Assert.Equal(("delivery", "late-delivery"), (pattern.JourneyStepId, pattern.RootCauseCategory));
        Assert.True(resolvedByThen >= 3, $"{resolvedByThen} cases were resolved when the pattern registered");
        Assert.True(registered < cause.RecordedAt.ToDateTimeOffset(), "the root cause is found after the pattern registers");
        Assert.True(cause.RecordedAt.ToDateTimeOffset() < plan.CreatedAt.ToDateTimeOffset(), "the plan answers a known root cause");
        Assert.True(plan.CreatedAt.ToDateTimeOffset() < plan.CompletedAt.ToDateTimeOffset());
        Assert.Equal(ActionPlanStatus.Completed, plan.Status);

        // The plan's last day is the day before the measurement demo's delivery fix.
        Assert.Equal(Now.UtcDateTime.Date.AddDays(-61), plan.CompletedAt.ToDateTime().Date);

        // Every pattern, not only the cited one, is dated no earlier than the cases that made it.
        var patterns = (await host.Client.ListPatternsAsync(new ListPatternsRequest { PageSize = 100 }, Demo)).Patterns;
        Assert.All(patterns, p => Assert.True(p.FirstSeen.ToDateTimeOffset() <= p.RegisteredAt.ToDateTimeOffset() && p.RegisteredAt.ToDateTimeOffset() <= Now));
    }

    [Fact]
    public async Task DemoScopeCase_OpenedByTheMonthsOfDeliveryEffortBelowTarget_EscalatedThenResolvedAfterTheFix()
    {
        var fix = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-60);
        var scope = Assert.Single(await AllCasesAsync(), c => c.MetricId.Length > 0);
        output.WriteLine($"{scope.Title}: opened {scope.OpenedAt.ToDateTimeOffset():u}, buckets {string.Join(", ", scope.Breaches.Select(b => $"{b.Bucket} {b.Score} (n {b.N})"))}, resolved {scope.Resolution.ResolvedAt.ToDateTimeOffset():u}");

        Assert.Equal(("ces-delivery", "", "online-purchase", "delivery", "delivery-effort-breaches", "jon.berg", CaseStatus.Closed), (scope.MetricId, scope.CustomerId, scope.JourneyId, scope.JourneyStepId, scope.RuleId, scope.Owner, scope.Status));
        Assert.Empty(scope.Signals);
        Assert.NotEmpty(scope.Breaches);
        Assert.All(scope.Breaches, b =>
        {
            // A closed month, raised minutes after it closed, before the fix; its interval wholly below the target.
            var closes = DateTimeOffset.ParseExact(b.Bucket, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal).AddMonths(1);
            Assert.Equal(closes.AddMinutes(5), b.ReceivedAt.ToDateTimeOffset());
            Assert.True(closes <= fix, $"{b.Bucket} closed after the fix");
            Assert.Equal(("ces-delivery", "online-purchase", "delivery", 5.5), (b.MetricId, b.JourneyId, b.JourneyStepId, b.Target));
            Assert.True(b.Interval.Lower < b.Score && b.Score < b.Interval.Upper && b.Interval.Upper < b.Target, $"{b.Bucket}: {b.Interval}");
        });
        Assert.Equal(scope.Breaches[0].ReceivedAt, scope.OpenedAt);
        Assert.True(scope.Escalated && scope.EscalatedAt.ToDateTimeOffset() < scope.Resolution.ResolvedAt.ToDateTimeOffset());
        Assert.Equal(("late-delivery", false), (scope.Resolution.RootCauseCategory, scope.Resolution.Recovered));
        Assert.True(scope.Resolution.ResolvedAt.ToDateTimeOffset() > fix.AddDays(14), "resolved once two weeks after the fix held");
    }

    [Fact]
    public async Task DemoData_LoadedAgain_AddsNothing()
    {
        var before = (await AllCasesAsync()).Count;

        await host.Service<IDemoDataSeeder>().SeedAsync(CancellationToken.None);

        Assert.Equal(before, (await AllCasesAsync()).Count);
        Assert.Single((await host.Client.ListActionPlansAsync(new ListActionPlansRequest(), Demo)).Plans);
    }

    [Fact]
    public async Task DemoFeedbackRule_ABitterDeliveryCommentOpensACaseForTheCouriersOwner_AMildOneNone()
    {
        var rule = Assert.Single((await host.Client.ListCaseRulesAsync(new ListCaseRulesRequest(), Demo)).Rules, r => r.RuleId == "negative-delivery-feedback");
        Assert.Equal((CaseTrigger.NegativeFeedback, -0.6, 4), (rule.Trigger, rule.MaxSentiment, rule.Precedence));
        FeedbackEnriched Comment(string customer, double sentiment) => new()
        {
            FeedbackId = customer + "-response:0",
            ResponseId = customer + "-response",
            MetricId = "delivery-speed",
            Context = new ResponseContext { CustomerId = customer, JourneyId = "online-purchase", JourneyStepId = "delivery", Touchpoint = "courier", Channel = "web", OccurredAt = Timestamp.FromDateTimeOffset(Now.AddHours(-2)) },
            Language = "en",
            Sentiment = sentiment,
            Label = SentimentLabel.Negative,
            TopicIds = { "late-delivery" },
        };

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync("demo", "feedback-mild", Comment("c-feedback-mild", -0.5))).Verdict);
        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync("demo", "feedback-bitter", Comment("c-feedback-bitter", -0.72))).Verdict);

        var cases = await AllCasesAsync();
        Assert.DoesNotContain(cases, c => c.CustomerId == "c-feedback-mild");
        var opened = Assert.Single(cases, c => c.CustomerId == "c-feedback-bitter");
        Assert.Equal(("negative-delivery-feedback", "jon.berg", CasePriority.Normal, "c-feedback-bitter-response:0"), (opened.RuleId, opened.Owner, opened.Priority, Assert.Single(opened.Signals).FeedbackId));
    }

    private async Task<List<Case>> AllCasesAsync()
    {
        var cases = new List<Case>();
        var request = new ListCasesRequest { PageSize = 100 };
        do
        {
            var page = await host.Client.ListCasesAsync(request, Demo);
            cases.AddRange(page.Cases);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return cases;
    }

    /// <summary>Hours between two instants that fall on Berlin's working days (Monday to Friday, not 24–26 December), 08:00 to 18:00 local time.</summary>
    private static double OfficeHours(DateTimeOffset from, DateTimeOffset to)
    {
        var hours = 0.0;
        for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Berlin).Date); day <= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, Berlin).Date); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || (day.Month == 12 && day.Day is >= 24 and <= 26))
            {
                continue;
            }

            var opens = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(8, 0)), Berlin));
            var closes = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(18, 0)), Berlin));
            var start = opens > from ? opens : from;
            var end = closes < to ? closes : to;
            hours += Math.Max(0, (end - start).TotalHours);
        }

        return hours;
    }
}
