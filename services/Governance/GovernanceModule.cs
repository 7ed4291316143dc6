using Cx.Eventing;
using Cx.Events.V1;
using Cx.Governance.Api;
using Cx.Governance.Data;
using Cx.Governance.Demo;
using Cx.Governance.Events;
using Cx.Governance.Sla;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cx.Governance;

/// <summary>The governance service: its database, its events, its SLA watch, its API.</summary>
public sealed class GovernanceModule : ICxServiceModule
{
    public const string ServiceName = "governance";

    /// <summary>Where the measurement service answers gRPC (for the measured effect of action plans).</summary>
    public const string MeasurementAddressKey = "Cx:Peers:Measurement";

    public string Name => ServiceName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddCxDatabase<GovernanceDb, GovernanceDbSqlite, GovernanceDbPostgreSql>(ServiceName, configuration);
        // Everything governance consumes, in one place.
        services.AddCxEventing<GovernanceDb>(ServiceName, configuration, subscribe => subscribe
            .On<DetractorDetected, OpenCaseFromDetractor>());
        services.AddCxPeerClient<Cx.Measurement.V1.MeasurementService.MeasurementServiceClient>(configuration, MeasurementAddressKey);
        services.AddScoped<AuditLog>();
        services.AddScoped<OwnershipsApi>();
        services.AddScoped<CaseRulesApi>();
        services.AddScoped<PoliciesApi>();
        services.AddScoped<CasesApi>();
        services.AddScoped<PatternsApi>();
        services.AddScoped<ActionPlansApi>();
        services.AddScoped<StandardsApi>();
        services.AddSingleton<SlaWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaWatch>());
        services.AddSingleton<IDemoDataSeeder, GovernanceDemoData>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<GovernanceApi>();
        endpoints.MapCxEventing();
    }
}
