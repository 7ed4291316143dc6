using System.Net;
using Cx.Gateway.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Cx.Gateway.Routing;

/// <summary>
/// YARP's routes and clusters: the routes from the contract (one gRPC and one REST route per call,
/// each with its permission policy), the clusters from configuration. Rebuilt when configuration
/// reloads, so a service's address changes without a restart.
/// </summary>
internal sealed class ContractProxyConfig : IProxyConfigProvider, IDisposable
{
    public const string CorsPolicyName = "portals";
    private readonly IConfiguration _configuration;
    private readonly ILogger<ContractProxyConfig> _logger;
    private readonly IDisposable _reloads;
    private Snapshot _current;

    public ContractProxyConfig(IConfiguration configuration, GatewaySettings settings, ILogger<ContractProxyConfig> logger)
    {
        _configuration = configuration;
        _logger = logger;
        _current = new Snapshot(settings);
        _reloads = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    public IProxyConfig GetConfig() => _current;

    public void Dispose() => _reloads.Dispose();

    public static IReadOnlyList<RouteConfig> Routes(GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var served = settings.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var routes = new List<RouteConfig>();
        foreach (var method in ContractRoutes.All.Where(m => served.Contains(m.Discipline)))
        {
            var policy = PermissionPolicies.For(method.Discipline, method.Access);

            // Streams run as long as their caller needs; a unary call is bounded.
            var timeout = method.IsStreaming ? (TimeSpan?)null : settings.RequestTimeout;
            var cors = settings.CorsOrigins.Count > 0 ? CorsPolicyName : null;
            routes.Add(new RouteConfig
            {
                RouteId = method.RouteName + ".grpc",
                ClusterId = GrpcCluster(method.Discipline),
                AuthorizationPolicy = policy,
                CorsPolicy = cors,
                Timeout = timeout,
                Match = new RouteMatch { Path = method.GrpcPath, Methods = ["POST"] },
                Metadata = new Dictionary<string, string> { ["permission"] = method.Permission, [Auth.ForwardCallerIdentity.AudienceMetadata] = method.Discipline },
            });
            if (method.HttpRoute is not null && method.HttpVerb is not null)
            {
                routes.Add(new RouteConfig
                {
                    RouteId = method.RouteName + ".rest",
                    ClusterId = HttpCluster(method.Discipline),
                    AuthorizationPolicy = policy,
                    CorsPolicy = cors,
                    Timeout = timeout,
                    Match = new RouteMatch { Path = method.HttpRoute, Methods = [method.HttpVerb] },
                    Metadata = new Dictionary<string, string> { ["permission"] = method.Permission, [Auth.ForwardCallerIdentity.AudienceMetadata] = method.Discipline },
                });
            }
        }

        return routes;
    }

    public static IReadOnlyList<ClusterConfig> Clusters(GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clusters = new List<ClusterConfig>();
        foreach (var service in settings.Services)
        {
            var health = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(10),
                    Timeout = TimeSpan.FromSeconds(5),
                    Policy = "ConsecutiveFailures",
                    Path = "/health/ready",
                },
            };
            clusters.Add(new ClusterConfig
            {
                ClusterId = GrpcCluster(service.Name),
                LoadBalancingPolicy = "PowerOfTwoChoices",
                HealthCheck = health,

                // Cleartext gRPC is prior-knowledge HTTP/2: never negotiate down.
                HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact },
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    // Probed on the port it serves (HTTP/2): the readiness path answers on both of a service's ports.
                    [service.Name] = new() { Address = service.Grpc.ToString() },
                },
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = HttpCluster(service.Name),
                LoadBalancingPolicy = "PowerOfTwoChoices",
                HealthCheck = health,
                HttpRequest = new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact },
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    [service.Name] = new() { Address = service.Http.ToString() },
                },
            });
        }

        return clusters;
    }

    private static string GrpcCluster(string discipline) => discipline + "-grpc";

    private static string HttpCluster(string discipline) => discipline + "-http";

    private void Reload()
    {
        GatewaySettings settings;
        try
        {
            settings = GatewaySettings.From(_configuration);
        }
        catch (InvalidOperationException e)
        {
            // A bad edit keeps the routes that work; the log says what to fix.
            _logger.LogError(e, "The gateway kept its routes: the reloaded configuration is invalid.");
            return;
        }

        var previous = _current;
        _current = new Snapshot(settings);
        previous.Expire();
    }

    // Never disposed: YARP may still hold the token of a replaced snapshot; cancelling is all it needs.
#pragma warning disable CA1001
    private sealed class Snapshot(GatewaySettings settings) : IProxyConfig
    {
        private readonly CancellationTokenSource _expired = new();

        public IReadOnlyList<RouteConfig> Routes { get; } = ContractProxyConfig.Routes(settings);

        public IReadOnlyList<ClusterConfig> Clusters { get; } = ContractProxyConfig.Clusters(settings);

        public IChangeToken ChangeToken => new CancellationChangeToken(_expired.Token);

        public void Expire() => _expired.Cancel();
    }
}
#pragma warning restore CA1001
