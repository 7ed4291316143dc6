using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cx.ServiceDefaults.Tenancy;

public static class TenancyServiceCollectionExtensions
{
    /// <summary>One tenant per scope (a call, an event delivery), set at the edge, read everywhere below.</summary>
    public static IServiceCollection AddCxTenancy(this IServiceCollection services)
    {
        services.TryAddScoped<TenantContext>();
        services.TryAddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.TryAddScoped<ActorContext>();
        return services;
    }
}
