using Cx.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceKit;

/// <summary>
/// The base of a discipline service: the service says what it is in <see cref="Describe"/>, and the
/// platform defaults (<see cref="CxServiceApplication"/>) do the rest.
/// </summary>
public abstract class CxServiceModule : ICxServiceModule
{
    public abstract string Name { get; }

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var declaration = new ServiceDeclaration(Name, services, configuration);
        Describe(declaration);
        declaration.Complete();
    }

    public virtual void ConfigurePipeline(IApplicationBuilder app)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.ServiceProvider.GetRequiredService<ServiceEndpoints>().MapAll(endpoints);
    }

    /// <summary>The service's data, APIs, subscriptions, jobs, peers and demo.</summary>
    protected abstract void Describe(ServiceDeclaration service);
}
