using Cx.Events.V1;
using Cx.Measurement.V1;
using Cx.Api.V1;
using Cx.ServiceKit;
using Cx.Strategy.CxIndex;
using Cx.Strategy.Data;
using Cx.Strategy.Demo;
using Cx.Strategy.Targets;
using Cx.Strategy.Vision;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Strategy;

/// <summary>
/// The strategy service: the tenant's CX vision tied to its objectives, brand and journeys; its CX
/// index, a composite of Measurement's metrics weighted by what drives loyalty; and targets judged
/// by the interval of what Measurement measures against the path to them, again as Measurement
/// announces moves.
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
            .On<SignificantChangeDetected, JudgeAfterSignificantChange>()
            .On<MetricThresholdBreached, JudgeAfterThresholdBreach>()
            .EveryTenant<TargetEvaluationJob>(TargetEvaluationJob.IntervalSetting, TimeSpan.FromMinutes(10))
            .Demo<StrategyDemoData>();
        service.Services
            .AddScoped<VisionApi>()
            .AddScoped<CxIndexApi>()
            .AddScoped<MeasuredScores>()
            .AddScoped<TargetsApi>();
    }
}
