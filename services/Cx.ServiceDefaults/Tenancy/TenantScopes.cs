using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults.Tenancy;

/// <summary>
/// Work that no call carries (a periodic job, a demo loader, a command, an event delivery) acts for a
/// tenant through a scope opened here, so everything resolved in it (the service's database first)
/// sees that tenant's rows only and records who acted.
/// </summary>
public static class TenantScopes
{
    /// <summary>A scope acting for <paramref name="tenant"/> as <paramref name="actor"/>.</summary>
    /// <exception cref="ArgumentException">The tenant id is not valid.</exception>
    public static AsyncServiceScope CreateTenantScope(this IServiceScopeFactory scopes, string tenant, string actor = ActorContext.System)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var scope = scopes.CreateAsyncScope();
        try
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
            scope.ServiceProvider.GetRequiredService<ActorContext>().Set(actor);
            return scope;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="CreateTenantScope(IServiceScopeFactory, string, string)"/>
    public static AsyncServiceScope CreateTenantScope(this IServiceProvider services, string tenant, string actor = ActorContext.System) =>
        services.GetRequiredService<IServiceScopeFactory>().CreateTenantScope(tenant, actor);
}
