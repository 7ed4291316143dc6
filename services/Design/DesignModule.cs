using Cx.Design.Cases;
using Cx.Design.Data;
using Cx.Design.Demo;
using Cx.Design.Ecosystem;
using Cx.Design.Experiments;
using Cx.Design.Journeys;
using Cx.Design.Opportunities;
using Cx.Design.PainPoints;
using Cx.Api.V1;
using Cx.Design.Briefs;
using Cx.Events.V1;
using Cx.Governance.V1;
using Cx.Measurement.V1;
using Cx.ServiceKit;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Design;

/// <summary>
/// The design service: the tenant's customer journeys, versioned, that every recorded journey and
/// step id resolves to, with the pain points Understanding identifies at their steps; experiments
/// that Measurement judges; and the review gate Governance holds to-be journeys to.
/// </summary>
public sealed class DesignModule : CxServiceModule
{
    public const string ServiceName = "design";

    public override string Name => ServiceName;

    protected override void Describe(ServiceDeclaration service)
    {
        service
            .Data<DesignDb, DesignDbSqlite, DesignDbPostgreSql>()
            .Api<DesignApi>()
            .On<PainPointIdentified, KeepStepPainPoint>()
            .On<CaseOpened, CountOpenedCase>()
            .On<CaseEscalated, MarkEscalatedCase>()
            .On<CaseClosed, UncountClosedCase>()
            .On<FeedbackEnriched, KeepNegativeFeedback>()
            .On<PraiseDetected, KeepPraise>()
            .On<DriverAnalysisCompleted, KeepJourneyDrivers>()
            .On<SuggestionAccepted, KeepAcceptedSuggestion>()

            .EveryTenant<ExperimentConclusionJob>(ExperimentConclusionJob.IntervalSetting, TimeSpan.FromMinutes(5))

            // Step scores and experiment results are the measurement service's own, asked for when needed.
            .Peer<MeasurementService.MeasurementServiceClient>("measurement")

            // A to-be journey is published once Governance's review passes; asking for one is a write there.
            .Peer<GovernanceService.GovernanceServiceClient>("governance", Access.Write)
            .Demo<DesignDemoData>();
        service.Services
            .AddScoped<JourneysApi>()
            .AddScoped<JourneyScoresApi>()
            .AddScoped<JourneyInterchange>()
            .AddScoped<JourneyReviewGate>()
            .AddScoped<ExperimentsApi>()
            .AddScoped<EcosystemMapsApi>()
            .AddScoped<EcosystemInterchange>()
            .AddScoped<BriefsApi>()
            .AddScoped<BriefInterchange>()
            .AddScoped<OpportunitiesApi>()
            .AddScoped<EcosystemSignals>()
            .AddScoped<StepCases>();
    }
}
