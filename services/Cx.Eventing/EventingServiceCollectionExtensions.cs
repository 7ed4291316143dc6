using Cx.Eventing.Embedded;
using Cx.Eventing.Outbox;
using Cx.Eventing.Subscribing;
using Cx.Persistence;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cx.Eventing;

public static class EventingServiceCollectionExtensions
{
    /// <summary>
    /// Gives a service its events: the relay that publishes its outbox, and delivery of what it
    /// subscribes to (declared in <paramref name="subscribe"/>, handlers registered with it).
    /// The transport is the embedded log, at <c>Cx:Eventing:LogPath</c> (default: events.db in
    /// the data directory); `cx up` points every service at one shared log.
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
        services.TryAddSingleton(new OutboxRelayOptions());
        services.TryAddSingleton(new EmbeddedDeliveryOptions());
        services.AddSingleton(subscriptions);
        services.AddSingleton(new Outbox.EventSource("/cx/" + serviceName));
        services.AddSingleton<EventDispatcher<TContext>>();

        var logPath = configuration["Cx:Eventing:LogPath"]
            ?? Path.Combine(CxServiceSettings.From(configuration).DataDirectory, "events.db");
        services.TryAddSingleton(new EmbeddedEventLog(logPath));
        services.AddSingleton<IEventTransport, EmbeddedTransport>();
        services.AddHostedService<OutboxRelay<TContext>>();
        if (subscriptions.All.Count > 0)
        {
            services.AddHostedService<EmbeddedSubscriber<TContext>>();
        }

        return services;
    }
}
