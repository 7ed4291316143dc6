using Cx.Design.Cases;
using Cx.Design.Data;
using Cx.Design.Demo;
using Cx.Design.Journeys;
using Cx.Design.PainPoints;
using Cx.Events.V1;
using Cx.Measurement.V1;
using Cx.ServiceKit;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Design;

/// <summary>
/// The design service: the tenant's customer journeys, versioned, that every recorded journey and
/// step id resolves to, with the pain points Understanding identifies at their steps.
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

            // Step scores are the measurement service's own results, asked for when read.
            .Peer<MeasurementService.MeasurementServiceClient>("measurement")
            .Demo<DesignDemoData>();
        service.Services
            .AddScoped<JourneysApi>()
            .AddScoped<JourneyScoresApi>()
            .AddScoped<JourneyInterchange>()
            .AddScoped<StepCases>();
    }
}
