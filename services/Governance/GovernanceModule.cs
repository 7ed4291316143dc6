using Cx.Events.V1;
using Cx.Governance.Audit;
using Cx.Governance.Cases;
using Cx.Governance.Data;
using Cx.Governance.Demo;
using Cx.Governance.Owners;
using Cx.Governance.Patterns;
using Cx.Governance.Sla;
using Cx.Governance.Standards;
using Cx.Measurement.V1;
using Cx.ServiceKit;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Governance;

/// <summary>The governance service: cases from detractors, negative comments and threshold breaches, SLAs, owners, patterns, action plans, standards.</summary>
public sealed class GovernanceModule : CxServiceModule
{
    public const string ServiceName = "governance";

    public override string Name => ServiceName;

    protected override void Describe(ServiceDeclaration service)
    {
        service
            .Data<GovernanceDb, GovernanceDbSqlite, GovernanceDbPostgreSql>()
            .Api<GovernanceApi>()
            .On<DetractorDetected, OpenCaseFromDetractor>()
            .On<MetricThresholdBreached, OpenCaseFromThresholdBreach>()
            .On<FeedbackEnriched, OpenCaseFromNegativeFeedback>()
            .On<PainPointIdentified, OpenCaseFromPainPoint>()
            .On<JourneyPublished, KeepJourneySteps>()
            .EveryTenant<SlaWatch>(SlaWatch.IntervalSetting, TimeSpan.FromSeconds(30))
            .Peer<MeasurementService.MeasurementServiceClient>("measurement")
            .Demo<GovernanceDemoData>();
        service.Services
            .AddScoped<AuditLog>()
            .AddScoped<OwnershipsApi>()
            .AddScoped<CaseRulesApi>()
            .AddScoped<PoliciesApi>()
            .AddScoped<CasesApi>()
            .AddScoped<PatternsApi>()
            .AddScoped<ActionPlansApi>()
            .AddScoped<StandardsApi>();
    }
}
