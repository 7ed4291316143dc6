using Cx.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Host.Platform;

/// <summary>The host's own small service: the deployment's directory, callable by gRPC and REST.</summary>
internal sealed class PlatformModule(PlatformDirectory directory) : ICxServiceModule
{
    public string Name => "platform";

    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(directory);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<PlatformApi>();
}
