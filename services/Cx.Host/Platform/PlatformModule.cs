using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cx.Host.Platform;

/// <summary>
/// The host's own small service: the deployment's directory, callable by gRPC and REST. Inside
/// `cx up` the host shares the directory it fills; alone (`cx serve platform`, a container) the
/// service builds it from configuration, because no host knows the other processes.
/// </summary>
internal sealed class PlatformModule(PlatformDirectory? directory) : ICxServiceModule
{
    public const string ServiceName = "platform";

    public string Name => ServiceName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        if (directory is not null)
        {
            services.AddSingleton(directory);
            return;
        }

        // Read now, so a wrong address stops start-up instead of surfacing in a listing later.
        var configured = ConfiguredServices.From(configuration);
        services.AddSingleton(sp => new PlatformDirectory(CxServiceApplication.Version, sp.GetRequiredService<CxServiceSettings>().Backend, DateTimeOffset.UtcNow));
        services.AddSingleton(configured);
        services.AddHostedService<ConfiguredDirectoryPublisher>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<PlatformApi>();
}

/// <summary>
/// Fills a lone platform service's directory once it listens: the services configured under
/// <c>Cx:Platform:Services</c>, and itself (from its configured entry, else where it listens).
/// </summary>
internal sealed class ConfiguredDirectoryPublisher(PlatformDirectory directory, ConfiguredServices configured, BoundEndpoints endpoints, IServiceProvider services) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var listed = configured.Services.ToList();
        if (listed.All(s => s.Name != PlatformModule.ServiceName))
        {
            listed.Add(new RunningService(PlatformModule.ServiceName, endpoints.GrpcAddress, endpoints.HttpUrl, CxServiceApplication.GrpcServiceNames(services)));
        }

        directory.Publish(listed);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The services a lone platform service lists, from <c>Cx:Platform:Services:&lt;name&gt;:Grpc</c> and
/// <c>:Http</c> (the same shape as the gateway's <c>Cx:Gateway:Services</c>). Their gRPC services
/// are the contract's <c>cx.&lt;name&gt;.*</c> services: the platform cannot ask a process it does not host.
/// </summary>
internal sealed record ConfiguredServices(IReadOnlyList<RunningService> Services)
{
    public const string SectionName = "Cx:Platform:Services";

    public static ConfiguredServices From(IConfiguration configuration)
    {
        var services = new List<RunningService>();
        var problems = new List<string>();
        foreach (var child in configuration.GetSection(SectionName).GetChildren())
        {
            var name = child.Key.ToLowerInvariant();
            if (!Uri.TryCreate(child["Grpc"], UriKind.Absolute, out var grpc) || !Uri.TryCreate(child["Http"], UriKind.Absolute, out var http))
            {
                problems.Add($"{SectionName}:{child.Key} needs absolute Grpc and Http addresses (was '{child["Grpc"]}', '{child["Http"]}')");
                continue;
            }

            var contract = Cx.Gateway.Routing.ContractRoutes.All
                .Where(m => m.Discipline == name)
                .Select(m => m.ServiceFullName)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            services.Add(new RunningService(name, grpc.Authority, http, contract));
        }

        return problems.Count > 0
            ? throw new InvalidOperationException("Invalid configuration: " + string.Join("; ", problems) + ".")
            : new ConfiguredServices(services);
    }
}
