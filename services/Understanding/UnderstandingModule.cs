using Cx.Events.V1;
using Cx.Measurement.V1;
using Cx.ServiceKit;
using Cx.Understanding.Data;
using Cx.Understanding.Demo;
using Cx.Understanding.Domain.Enrichment;
using Cx.Understanding.Domain.PainPoints;
using Cx.Understanding.Feedback;
using Cx.Understanding.Insights;
using Cx.Understanding.Merges;
using Cx.Understanding.Names;
using Cx.Understanding.PainPoints;
using Cx.Understanding.Personas;
using Cx.Understanding.Profiles;
using Cx.Understanding.Segments;
using Cx.Understanding.Timeline;
using Cx.Understanding.Topics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Understanding;

/// <summary>The customer-understanding service: profiles, identities, consent, merges that can be undone, one history per customer, segments and personas.</summary>
public sealed class UnderstandingModule : CxServiceModule
{
    public const string ServiceName = "understanding";

    public override string Name => ServiceName;

    protected override void Describe(ServiceDeclaration service)
    {
        service
            .Data<UnderstandingDb, UnderstandingDbSqlite, UnderstandingDbPostgreSql>()
            .Api<UnderstandingApi>()
            .On<ResponseRecorded, FoldResponse>()
            .On<CaseOpened, FoldCaseOpened>()
            .On<CaseClosed, FoldCaseClosed>()
            .On<DriverAnalysisCompleted, ConfirmPainPoints>()
            .EveryTenant<SegmentUpkeepJob>(SegmentUpkeepJob.IntervalSetting, TimeSpan.FromSeconds(60))
            .EveryTenant<PainPointDetectionJob>(PainPointDetectionJob.IntervalSetting, TimeSpan.FromSeconds(60))

            // Personas' scores are the measurement service's own results, asked for when read.
            .Peer<MeasurementService.MeasurementServiceClient>("measurement")
            .Demo<UnderstandingDemoData>();
        service.Services
            .AddScoped<ProfilesApi>()
            .AddScoped<MergesApi>()
            .AddScoped<TimelineApi>()
            .AddScoped<ErasureApi>()
            .AddScoped<FeedbackEnrichment>()
            .AddScoped<FeedbackApi>()
            .AddScoped<SegmentsApi>()
            .AddScoped<SegmentUpkeep>()
            .AddScoped<PersonasApi>()
            .AddSingleton<CompiledSegmentRules>()
            .AddSingleton<CompiledTaxonomies>()
            .AddScoped<TaxonomyApi>()
            .AddScoped<ProfileStreamImport>()
            .AddSingleton(sp => ExternalModelSettings.From(sp.GetRequiredService<IConfiguration>()))
            .AddScoped<NamesApi>()
            .AddScoped<PainPointsApi>()
            .AddScoped<InsightsApi>()
            .AddSingleton(sp => PainPointSettings.From(sp.GetRequiredService<IConfiguration>()))

            // One engine for every tenant and thread: it keeps no state between calls, and loading
            // the Chinese segmenter's dictionary is the expensive part.
            .AddSingleton<EnrichmentEngine>();

        // The model's own timeout (its settings) bounds each call; the client's would only cut it shorter.
        service.Services.AddHttpClient<IExternalSentimentModel, ExternalSentimentModel>(http => http.Timeout = Timeout.InfiniteTimeSpan);
    }
}
