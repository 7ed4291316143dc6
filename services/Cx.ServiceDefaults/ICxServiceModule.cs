using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.ServiceDefaults;

/// <summary>
/// One service of the platform, as every host runs it: `cx up` runs several in one process,
/// a container runs one. The module adds only what is its own; the defaults come from
/// <see cref="CxServiceApplication"/>.
/// </summary>
public interface ICxServiceModule
{
    /// <summary>Short lower-case name, e.g. "platform" or "measurement"; also the telemetry service name suffix.</summary>
    string Name { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>
    /// Middleware the module needs between routing and its endpoints (the gateway's authentication,
    /// for instance). Most services need none.
    /// </summary>
    void ConfigurePipeline(IApplicationBuilder app)
    {
    }

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
