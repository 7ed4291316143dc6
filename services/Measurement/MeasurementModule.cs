using Cx.Eventing;
using Cx.Measurement.Alerts;
using Cx.Measurement.Api;
using Cx.Measurement.Data;
using Cx.Measurement.Demo;
using Cx.Measurement.Events;
using Cx.Events.V1;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cx.Measurement;

/// <summary>The measurement service: its database, its events, its API.</summary>
public sealed class MeasurementModule : ICxServiceModule
{
    public const string ServiceName = "measurement";

    public string Name => ServiceName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddCxDatabase<MeasurementDb, MeasurementDbSqlite, MeasurementDbPostgreSql>(ServiceName, configuration);
        // Everything measurement consumes, in one place.
        services.AddCxEventing<MeasurementDb>(ServiceName, configuration, subscribe => subscribe
            .On<CaseClosed, SendFollowUpSurvey>());
        services.AddScoped<MetricDefinitionsApi>();
        services.AddScoped<ResponsesApi>();
        services.AddScoped<ResponseRecorder>();
        services.AddSingleton<ResponseGroupCommit>();
        services.AddHostedService(sp => sp.GetRequiredService<ResponseGroupCommit>());
        services.AddScoped<ResultsApi>();
        services.AddScoped<DriverAnalysisApi>();
        services.AddScoped<InstrumentsApi>();
        services.AddScoped<ResponseExportApi>();
        services.AddScoped<FrameworkApi>();
        services.AddScoped<CompositeIndexApi>();
        services.AddScoped<BucketEvaluator>();
        services.AddSingleton<BucketEvaluationService>();
        services.AddHostedService(sp => sp.GetRequiredService<BucketEvaluationService>());
        services.AddSingleton<IDemoDataSeeder, MeasurementDemoData>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<MeasurementApi>();
        endpoints.MapCxEventing();
    }
}
