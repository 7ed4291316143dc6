using Cx.Common.V1;
using Cx.Events.V1;
using Cx.Strategy.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Strategy.Tests;

/// <summary>Maturity from the signals the other disciplines announce, at the moments they happened there.</summary>
public sealed class MaturityTests(StrategyHost host) : MaturityBehaviour(host), IClassFixture<StrategyHost>;

public sealed class MaturityPostgreSqlTests(PostgreSqlStrategyHost host) : MaturityBehaviour(host), IClassFixture<PostgreSqlStrategyHost>;

public abstract class MaturityBehaviour(StrategyHost host)
{
    private DateTimeOffset Now => host.Clock.GetUtcNow();

    private static CaseClosed Closed(string id, bool breached, DateTimeOffset at) => new() { CaseId = id, SlaBreached = breached, ClosedAt = Timestamp.FromDateTimeOffset(at) };

    private static double Value(MaturityAssessment assessment, string practice) => assessment.Practices.Single(p => p.Practice == practice).Value;

    [Fact]
    public async Task AnAssessment_CountsEachSignalOnce_InThe90DaysBeforeIt()
    {
        var tenant = NewTenant();
        await host.DeliverAsync(tenant, "c1", Closed("case-1", breached: false, Now.AddDays(-10)));
        await host.DeliverAsync(tenant, "c1", Closed("case-1", breached: false, Now.AddDays(-10)));
        await host.DeliverAsync(tenant, "c2", Closed("case-2", breached: false, Now.AddDays(-20)));
        await host.DeliverAsync(tenant, "c3", Closed("case-3", breached: true, Now.AddDays(-30)));
        await host.DeliverAsync(tenant, "c4", Closed("case-4", breached: true, Now.AddDays(-91)));
        await host.DeliverAsync(tenant, "r1", new RecognitionAwarded { RecognitionId = "r-1", EmployeeId = "li.wei", AwardedAt = Timestamp.FromDateTimeOffset(Now.AddDays(-1)) });
        await host.DeliverAsync(tenant, "r2", new RecognitionAwarded { RecognitionId = "r-2", EmployeeId = "li.wei", AwardedAt = Timestamp.FromDateTimeOffset(Now.AddDays(-2)) });
        await host.DeliverAsync(tenant, "r3", new RecognitionAwarded { RecognitionId = "r-3", EmployeeId = "anna.berg", AwardedAt = Timestamp.FromDateTimeOffset(Now.AddDays(-3)) });
        foreach (var i in Enumerable.Range(0, 3))
        {
            await host.DeliverAsync(tenant, "f" + i, new FeedbackEnriched { FeedbackId = "f" + i, Context = new ResponseContext { OccurredAt = Timestamp.FromDateTimeOffset(Now.AddDays(-i)) } });
        }

        // The same comment enriched again (a new taxonomy) is one comment read.
        await host.DeliverAsync(tenant, "f0-again", new FeedbackEnriched { FeedbackId = "f0", TaxonomyVersion = 2, Context = new ResponseContext { OccurredAt = Timestamp.FromDateTimeOffset(Now) } });
        await host.DeliverAsync(tenant, "d1", new DriverAnalysisCompleted { Analysis = new DriverAnalysis { OutcomeMetricId = "nps" } });
        await host.DeliverAsync(tenant, "d2", new DriverAnalysisCompleted { Analysis = new DriverAnalysis { OutcomeMetricId = "nps" } });

        var assessed = await host.Client.AssessMaturityAsync(new AssessMaturityRequest(), StrategyHost.As(tenant));

        // Cases 1 and 2 in time, 3 breached; case 4 is older than 90 days.
        Assert.Equal(2.0 / 3, Value(assessed, "loop-closed-in-time"), 12);
        Assert.Equal(2, Value(assessed, "employees-recognised"));
        Assert.Equal(3, Value(assessed, "comments-read"));
        Assert.Equal(2, Value(assessed, "driver-analysis"));
        Assert.Equal(PracticeRating.AdHoc, assessed.Practices.Single(p => p.Practice == "loop-closed-in-time").Rating);
        Assert.Equal((MaturityPhase.Repair, PracticeRating.Undeveloped), (assessed.Phase, assessed.Disciplines["governance"]));
        Assert.Equal("Repair: governance's loop-closed-in-time 0.67 is under the repeatable 0.75.", assessed.PhaseReason);

        var announced = MaturityAssessed.Parser.ParseJson(Assert.Single(await host.RaisedAsync(tenant, "cx.strategy.maturity_assessed.v1")));
        Assert.Equal((MaturityPhase.Repair, MaturityPhase.Unspecified), (announced.Phase, announced.PreviousPhase));
    }

    [Fact]
    public async Task TheQuarterlyJob_WritesTheLastFourQuarterEndsAndNow_ThenEachQuarterOnce()
    {
        var tenant = NewTenant();
        await host.DeliverAsync(tenant, "c1", Closed("case-1", breached: false, Now.AddDays(-200)));
        await host.DeliverAsync(tenant, "c2", Closed("case-2", breached: false, Now.AddDays(-1)));
        await host.DeliverAsync(tenant, "d1", new DriverAnalysisCompleted { Analysis = new DriverAnalysis { OutcomeMetricId = "nps" } });
        await host.DeliverAsync(tenant, "d2", new DriverAnalysisCompleted { Analysis = new DriverAnalysis { OutcomeMetricId = "csat" } });
        await host.DeliverAsync(tenant, "j1", new JourneyPublished { JourneyId = "online-purchase", Version = 1, PublishedAt = Timestamp.FromDateTimeOffset(Now.AddDays(-200)) });
        await host.DeliverAsync(tenant, "j2", new JourneyPublished { JourneyId = "online-purchase", Version = 2, PublishedAt = Timestamp.FromDateTimeOffset(Now.AddDays(-1)) });

        await host.AssessQuartersAsync();
        await host.AssessQuartersAsync();

        // The host's clock starts on 23 November 2026: the quarter ends before it, and then.
        var history = await host.Client.ListMaturityAssessmentsAsync(new ListMaturityAssessmentsRequest(), StrategyHost.As(tenant));
        Assert.Equal(
            [Now, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)],
            history.Assessments.Select(a => a.AsOf.ToDateTimeOffset()));
        // The case closed 200 days ago counts at the quarter end that follows it (1 July), within its 90 days.
        Assert.Equal([1.0, 0, 1, 0, 0], history.Assessments.Select(a => Value(a, "loop-closed-in-time")));
        // A journey counts from its first publication: its second version does not move it later.
        Assert.Equal([1.0, 1, 1, 0, 0], history.Assessments.Select(a => Value(a, "journeys")));
        Assert.Equal(MaturityPhase.Elevate, history.Assessments[0].Phase);
        Assert.Equal(5, (await host.RaisedAsync(tenant, "cx.strategy.maturity_assessed.v1")).Count);
    }

    [Fact]
    public async Task TheSelfAssessment_NamesEachCapabilityOnce_AndTheNextAssessmentCarriesIt()
    {
        var tenant = NewTenant();
        var ratings = System.Enum.GetValues<Capability>().Where(c => c != Capability.Unspecified).Select(c => new CapabilityRating { Capability = c, Rating = PracticeRating.AdHoc }).ToList();

        var missing = await Refused(() => host.Client.SetCapabilitySelfAssessmentAsync(new SetCapabilitySelfAssessmentRequest { Ratings = { ratings.Skip(1) } }, StrategyHost.As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "ratings"), (missing.StatusCode, Violations(missing).Single().Field));

        await host.Client.SetCapabilitySelfAssessmentAsync(new SetCapabilitySelfAssessmentRequest { Ratings = { ratings } }, StrategyHost.As(tenant));
        var assessed = await host.Client.AssessMaturityAsync(new AssessMaturityRequest(), StrategyHost.As(tenant));

        Assert.Equal(5, assessed.SelfAssessment.Ratings.Count);
        Assert.Empty((await host.Client.ListMaturityAssessmentsAsync(new ListMaturityAssessmentsRequest(), StrategyHost.As(NewTenant()))).Assessments);
    }
}
