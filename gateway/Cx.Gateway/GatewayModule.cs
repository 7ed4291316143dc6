using Cx.Gateway.Auth;
using Cx.Gateway.Data;
using Cx.Gateway.Keys;
using Cx.Gateway.Operations;
using Cx.Gateway.Protection;
using Cx.Gateway.Routing;
using Cx.Gateway.Webhooks;
using Cx.ServiceKit;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;

namespace Cx.Gateway;

/// <summary>
/// The gateway as the platform runs it: beside the services in `cx up`, or alone in its pod. It
/// authenticates every call (outside development mode), takes the tenant from the credential, checks
/// the route's permission and the caller's rate, and forwards to the service the contract names.
/// </summary>
public sealed class GatewayModule : CxServiceModule
{
    public const string ServiceName = "gateway";

    public override string Name => ServiceName;

    protected override void Describe(ServiceDeclaration service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var settings = GatewaySettings.From(service.Configuration);
        service
            .Data<GatewayDb, GatewayDbSqlite, GatewayDbPostgreSql>()

            // Every event of the contract may be subscribed to by a tenant's webhook.
            .OnEach<FanOutToWebhooks>(WebhookEventTypes.All.Select(e => e.Message))
            .Api<ApiKeysApi>(api => api.Add(RequireContractPermission))
            .Api<WebhooksApi>(api => api.Add(RequireContractPermission))
            .Endpoints(endpoints =>
            {
                endpoints.MapReverseProxy();
                PlatformOverview.Map(endpoints);
                OpenApi.OpenApiEndpoints.Map(endpoints);
            });
        var services = service.Services;
        services.AddSingleton(settings);
        services.AddSingleton(new Cx.ServiceDefaults.Identity.SignsIdentityTokens());
        KeyRing.Add(services, settings.DataProtection);
        AddWebhooks(services, settings.Webhooks);
        AddAuthentication(services, settings);
        services.AddRateLimiter(options => RateLimits.Configure(options, settings.RateLimits));
        if (settings.RateLimits.Redis is not null)
        {
            services.AddSingleton(settings.RateLimits);
            services.AddSingleton<SharedRateLimiter>();
        }

        services.AddSingleton<FailedAuthentications>();

        services.AddRequestTimeouts();
        services.AddCors(options =>
        {
            if (settings.CorsOrigins.Count > 0)
            {
                options.AddPolicy(ContractProxyConfig.CorsPolicyName, policy => policy
                    .WithOrigins([.. settings.CorsOrigins])
                    .AllowAnyMethod()
                    .WithHeaders([.. GatewaySettings.CorsBaseHeaders, .. settings.CorsHeaders])
                    .WithExposedHeaders("grpc-status", "grpc-message", "grpc-status-details-bin", "retry-after", "www-authenticate")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1)));
            }
        });
        services.AddGrpc().AddServiceOptions<ApiKeysApi>(_ => { });
        services.AddScoped<ApiKeyIssuer>();
        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<ContractProxyConfig>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<ContractProxyConfig>());
        var proxy = services.AddReverseProxy();
        if (settings.ResolveDns)
        {
            // A headless Service's name gives every pod's address: one destination each, balanced per call.
            proxy.AddDnsDestinationResolver(o => o.RefreshPeriod = TimeSpan.FromSeconds(30));
        }

        services.AddHttpClient(PlatformOverview.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(3));
        services.AddSingleton<PlatformOverview>();
    }

    public override void ConfigurePipeline(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.ApplicationServices.GetRequiredService<GatewaySettings>();
        app.UseTrustedForwardedFor(settings.TrustedProxies);
        app.UseMiddleware<SecurityHeaders>();
        app.UseGrpcWebForProxiedCalls();
        app.UseCors();
        app.UseFailedAuthenticationLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCxRateLimits(settings.RateLimits);
        app.UseRequestTimeouts();
        app.UseMiddleware<ForwardCallerIdentity>();
    }

    private static void AddWebhooks(IServiceCollection services, WebhookSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookSecrets>();
        services.TryAddSingleton<WebhookAddressResolver>();
        services.AddSingleton<WebhookConnector>();
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A redirect could lead past the target check, and a proxy would be checked instead of the target.
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
            })
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.AddScoped<WebhookSubscriptions>();
        services.AddScoped<WebhookDeliveries>();
    }

    private static void AddAuthentication(IServiceCollection services, GatewaySettings settings)
    {
        const string selector = "cx";
        var authentication = services.AddAuthentication(selector)
            .AddPolicyScheme(selector, "API key, JWT or development", options => options.ForwardDefaultSelector = context =>
            {
                if (ApiKeyAuthentication.Presented(context.Request) is not null)
                {
                    return ApiKeyAuthentication.SchemeName;
                }

                if (settings.Jwt.Enabled && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
                {
                    return JwtAuthentication.Scheme;
                }

                return settings.Dev && context.Request.Headers.Authorization.Count == 0 ? DevAuthentication.SchemeName : ApiKeyAuthentication.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, _ => { });
        if (settings.Jwt.Enabled)
        {
            authentication.AddJwtBearer(JwtAuthentication.Scheme, options => JwtAuthentication.Configure(options, settings.Jwt));
        }

        if (settings.Dev)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, DevAuthentication>(DevAuthentication.SchemeName, _ => { });
        }

        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicies>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RefusalWriter>();
    }

    /// <summary>The gateway's own calls get the permission their contract declares, like the proxied ones.</summary>
    private static void RequireContractPermission(EndpointBuilder endpoint)
    {
        var grpc = endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault();
        var method = grpc is null ? null : ContractRoutes.All.FirstOrDefault(m => m.ServiceFullName == grpc.Method.ServiceName && m.MethodName == grpc.Method.Name);
        if (method is not null)
        {
            endpoint.Metadata.Add(new AuthorizeAttribute(PermissionPolicies.For(method.Discipline, method.Access)));
        }
    }
}
