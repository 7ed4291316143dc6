using Cx.Events.V1;
using Cx.Measurement.Alerts;
using Cx.Measurement.Data;
using Cx.Measurement.Demo;
using Cx.Measurement.Drivers;
using Cx.Measurement.Instruments;
using Cx.Measurement.Metrics;
using Cx.Measurement.Responses;
using Cx.Measurement.Results;
using Cx.ServiceKit;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Measurement;

/// <summary>The measurement service: metrics, responses, results, drivers, instruments, alerts.</summary>
public sealed class MeasurementModule : CxServiceModule
{
    public const string ServiceName = "measurement";

    public override string Name => ServiceName;

    protected override void Describe(ServiceDeclaration service)
    {
        service
            .Data<MeasurementDb, MeasurementDbSqlite, MeasurementDbPostgreSql>()
            .Api<MeasurementApi>()
            .On<CaseClosed, SendFollowUpSurvey>()
            .On<SegmentMembershipChanged, KeepCustomerSegments>()
            .On<FeedbackEnriched, KeepCommentTopics>()
            .EveryTenant<BucketEvaluator>(BucketEvaluator.IntervalSetting, TimeSpan.FromMinutes(5))
            .Demo<MeasurementDemoData>();
        service.Services
            .AddScoped<MetricDefinitionsApi>()
            .AddScoped<ResponsesApi>()
            .AddScoped<ResponseRecorder>()
            .AddSingleton<ResponseGroupCommit>()
            .AddHostedService(sp => sp.GetRequiredService<ResponseGroupCommit>())
            .AddScoped<ResultsApi>()
            .AddScoped<TopicImpactApi>()
            .AddScoped<DriverAnalysisApi>()
            .AddScoped<InstrumentsApi>()
            .AddScoped<ResponseExportApi>()
            .AddScoped<FrameworkApi>()
            .AddScoped<CompositeIndexApi>();
    }
}
