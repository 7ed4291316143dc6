using Cx.Events.V1;
using Cx.Measurement.V1;
using Cx.Understanding.V1;
using Cx.Api.V1;
using Cx.ServiceKit;
using Cx.Strategy.CxIndex;
using Cx.Strategy.Data;
using Cx.Strategy.Demo;
using Cx.Strategy.Initiatives;
using Cx.Strategy.Maturity;
using Cx.Strategy.Targets;
using Cx.Strategy.Vision;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Strategy;

/// <summary>
/// The strategy service: the tenant's CX vision tied to its objectives, brand and journeys; its CX
/// index, a composite of Measurement's metrics weighted by what drives loyalty; targets judged by
/// the interval of what Measurement measures against the path to them, again as Measurement
/// announces moves; the transformation programme's initiatives, ranked by expected impact per
/// person-week from the pain points and drivers the other disciplines announce, with their
/// business case; and maturity, rated from what every discipline announces.
/// </summary>
public sealed class StrategyModule : CxServiceModule
{
    public const string ServiceName = "strategy";

    public override string Name => ServiceName;

    protected override void Describe(ServiceDeclaration service)
    {
        service
            .Data<StrategyDb, StrategyDbSqlite, StrategyDbPostgreSql>()
            .Api<StrategyApi>()
            // Admin: the CX index is a composite Measurement keeps, and defining one is an administrator's act there.
            .Peer<MeasurementService.MeasurementServiceClient>(MeasuredScores.MeasurementService, Access.Admin)
            .Peer<UnderstandingService.UnderstandingServiceClient>(Personas.UnderstandingService)
            .On<SignificantChangeDetected, JudgeAfterSignificantChange>()
            .On<MetricThresholdBreached, JudgeAfterThresholdBreach>()
            .On<PainPointIdentified, KeepPainPoint>()
            .On<DriverAnalysisCompleted, KeepDriverAnalysis>()
            .On<OpportunityIdentified, KeepOpportunity>()
            .On<ExperimentConcluded, KeepExperimentOutcome>()
            .On<ActionPlanCompleted, KeepActionPlanCompletion>()
            .On<CaseClosed, SignalCaseClosed>()
            .On<RecognitionAwarded, SignalRecognitionAwarded>()
            .On<SuggestionAccepted, SignalSuggestionAdopted>()
            .On<FeedbackEnriched, SignalCommentEnriched>()
            .On<JourneyPublished, SignalJourneyPublished>()
            .On<StandardPublished, SignalStandardPublished>()
            .EveryTenant<TargetEvaluationJob>(TargetEvaluationJob.IntervalSetting, TimeSpan.FromMinutes(10))
            .EveryTenant<InitiativeRankingJob>(InitiativeRankingJob.IntervalSetting, TimeSpan.FromMinutes(5))
            .EveryTenant<MaturityAssessmentJob>(MaturityAssessmentJob.IntervalSetting, TimeSpan.FromMinutes(10))
            .Demo<StrategyDemoData>();
        service.Services
            .AddScoped<VisionApi>()
            .AddScoped<CxIndexApi>()
            .AddScoped<MeasuredScores>()
            .AddScoped<Personas>()
            .AddScoped<TargetsApi>()
            .AddScoped<InitiativesApi>()
            .AddScoped<InitiativeInputs>()
            .AddScoped<BusinessCaseApi>()
            .AddScoped<Signals>()
            .AddScoped<MaturityApi>();
    }
}
