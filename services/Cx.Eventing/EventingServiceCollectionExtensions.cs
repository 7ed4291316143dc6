using Cx.Eventing.Dapr;
using Cx.Eventing.Embedded;
using Cx.Eventing.Outbox;
using Cx.Eventing.Redis;
using Cx.Eventing.Subscribing;
using Cx.Eventing.Telemetry;
using Cx.Persistence;
using Cx.ServiceDefaults.Health;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Cx.Eventing;

public static class EventingServiceCollectionExtensions
{
    /// <summary>
    /// Gives a service its events: the relay that publishes its outbox, and delivery of what it
    /// subscribes to (declared in <paramref name="subscribe"/>, handlers registered with it).
    /// <c>Cx:Backend</c> picks the transport: the embedded log at <c>Cx:Eventing:LogPath</c> (default:
    /// events.db in the data directory; `cx up` points every service at one shared log), Redis
    /// Streams (<c>Cx:Eventing:Redis</c>), or the Dapr sidecar (<c>Cx:Eventing:Dapr</c>; the service
    /// then maps the delivery routes with <see cref="MapCxEventing"/>).
    /// </summary>
    public static IServiceCollection AddCxEventing<TContext>(
        this IServiceCollection services, string serviceName, IConfiguration configuration, Action<EventSubscriptions>? subscribe = null)
        where TContext : ServiceDbContext
    {
        var subscriptions = new EventSubscriptions(serviceName);
        subscribe?.Invoke(subscriptions);
        foreach (var subscription in subscriptions.All)
        {
            services.TryAddScoped(subscription.Handler);
        }

        services.AddCxTenancy();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => OutboxRelayOptions.From(configuration));
        services.TryAddSingleton(new DeliveryOptions());
        services.AddSingleton(subscriptions);
        services.AddSingleton(new Outbox.EventSource("/cx/" + serviceName));
        services.AddSingleton<EventDispatcher<TContext>>();
        services.AddSingleton<RetryingDelivery<TContext>>();
        services.AddSingleton<IOutboxReplay, OutboxReplay<TContext>>();
        services.TryAddSingleton<EventPathHealth>();
        services.AddHealthChecks().AddCheck<EventPathReadinessCheck>("event-path", tags: [HealthTags.Ready]);

        var backend = CxServiceSettings.From(configuration).Backend;
        services.AddSingleton(new EventingSpans(serviceName, backend switch
        {
            "redis" => "redis",
            "dapr" => "dapr",
            _ => EventingTelemetry.MessagingSystem,
        }));
        switch (backend)
        {
            case "embedded":
                AddEmbeddedTransport<TContext>(services, configuration, subscriptions);
                break;
            case "redis":
                AddRedisTransport<TContext>(services, configuration, subscriptions);
                break;
            default:
                AddDaprTransport<TContext>(services, configuration);
                break;
        }

        services.AddHostedService<OutboxRelay<TContext>>();
        return services;
    }

    private static void AddEmbeddedTransport<TContext>(IServiceCollection services, IConfiguration configuration, EventSubscriptions subscriptions)
        where TContext : ServiceDbContext
    {
        var logPath = configuration["Cx:Eventing:LogPath"]
            ?? Path.Combine(CxServiceSettings.From(configuration).DataDirectory, "events.db");
        services.TryAddSingleton(sp => new EmbeddedEventLog(logPath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEventTransport, EmbeddedTransport>();
        services.AddSingleton<IDeadLetters>(sp => sp.GetRequiredService<EmbeddedEventLog>());
        if (subscriptions.All.Count > 0)
        {
            services.AddHostedService<EmbeddedSubscriber<TContext>>();
        }
    }

    /// <summary>
    /// Maps what the transport needs: with Dapr, the subscription document and the delivery routes
    /// (answered only on the sidecar's app port, with its token); with the other transports, nothing.
    /// </summary>
    public static IEndpointRouteBuilder MapCxEventing(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.ServiceProvider.GetService<EventingRoutes>()?.Map(endpoints);
        return endpoints;
    }

    private static void AddDaprTransport<TContext>(IServiceCollection services, IConfiguration configuration)
        where TContext : ServiceDbContext
    {
        services.TryAddSingleton(DaprEventingOptions.From(configuration));
        services.TryAddSingleton<DaprAppPort>();
        services.AddOptions<KestrelServerOptions>().Configure<DaprAppPort>((kestrel, port) => port.Listen(kestrel));
        services.AddTransient<IStartupFilter, DaprAppPortStartup>();
        services.AddSingleton<DaprDeadLetters<TContext>>();
        services.AddSingleton<IDeadLetters>(sp => sp.GetRequiredService<DaprDeadLetters<TContext>>());
        services.AddHttpClient<IEventTransport, DaprTransport>(http => http.Timeout = DaprEventingOptions.PublishTimeout);
        services.AddHttpClient<DaprSidecarReadinessCheck>(http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddHealthChecks().AddCheck<DaprSidecarReadinessCheck>("dapr-sidecar", tags: [HealthTags.Ready]);
        services.AddSingleton(new EventingRoutes(DaprSubscriptionRoutes.Map<TContext>));
    }

    private static void AddRedisTransport<TContext>(IServiceCollection services, IConfiguration configuration, EventSubscriptions subscriptions)
        where TContext : ServiceDbContext
    {
        var options = RedisEventingOptions.From(configuration);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IConnectionMultiplexer>(_ =>
        {
            // Start even while Redis is down: readiness reports it, and the relay and subscribers retry.
            var redis = ConfigurationOptions.Parse(options.Configuration);
            redis.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(redis);
        });
        services.AddSingleton<IEventTransport, RedisTransport>();
        services.AddSingleton<IDeadLetters, RedisDeadLetters>();
        // One instance, so it remembers whether Redis ever answered.
        services.AddSingleton<RedisReadinessCheck>();
        services.AddHealthChecks().AddCheck<RedisReadinessCheck>("redis", tags: [HealthTags.Ready]);
        if (subscriptions.All.Count > 0)
        {
            services.AddHostedService<RedisSubscriber<TContext>>();
        }
    }
}

/// <summary>What a transport maps on the service's HTTP port (only the Dapr transport has routes).</summary>
internal sealed record EventingRoutes(Action<IEndpointRouteBuilder> Map);
