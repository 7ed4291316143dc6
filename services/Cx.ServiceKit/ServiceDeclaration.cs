using Cx.Api.V1;
using Cx.Eventing;
using Cx.Eventing.Subscribing;
using Cx.Persistence;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceKit.Jobs;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cx.ServiceKit;

/// <summary>
/// What a service is, said once in its module's <see cref="CxServiceModule.Describe"/>: its data, the
/// gRPC APIs it serves, the events it consumes, its periodic work per tenant, the peers it calls and
/// its demo. Each call registers what that part needs; the service adds only its own classes.
/// </summary>
public sealed class ServiceDeclaration
{
    private readonly List<Action<EventSubscriptions>> _subscriptions = [];
    private readonly ServiceEndpoints _endpoints = new();
    private Action<Action<EventSubscriptions>>? _addEventing;

    internal ServiceDeclaration(string name, IServiceCollection services, IConfiguration configuration)
    {
        Name = name;
        Services = services;
        Configuration = configuration;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_endpoints);
    }

    /// <summary>The service's name, as the catalog, its database and its events know it.</summary>
    public string Name { get; }

    /// <summary>For the service's own classes (its API parts, domain services).</summary>
    public IServiceCollection Services { get; }

    public IConfiguration Configuration { get; }

    /// <summary>
    /// The service's database, <typeparamref name="TDb"/>, on the provider the configuration picks
    /// (each provider subclass keeps its own migrations), with its outbox and inbox, so every change
    /// and the events it raises commit together; the relay publishes them on the configured transport.
    /// </summary>
    public ServiceDeclaration Data<TDb, TSqlite, TPostgreSql>()
        where TDb : ServiceDbContext
        where TSqlite : TDb
        where TPostgreSql : TDb
    {
        if (_addEventing is not null)
        {
            throw new InvalidOperationException($"The {Name} service declares its data twice.");
        }

        Services.AddCxDatabase<TDb, TSqlite, TPostgreSql>(Name, Configuration);
        _addEventing = subscribe => Services.AddCxEventing<TDb>(Name, Configuration, subscribe);
        return this;
    }

    /// <summary>Serves the gRPC service <typeparamref name="TApi"/> (and its REST routes, transcoded from the contract).</summary>
    public ServiceDeclaration Api<TApi>(Action<IEndpointConventionBuilder>? conventions = null)
        where TApi : class
    {
        _endpoints.Add(endpoints =>
        {
            var api = endpoints.MapGrpcService<TApi>();
            conventions?.Invoke(api);
        });
        return this;
    }

    /// <summary>Consumes <typeparamref name="TEvent"/> with <typeparamref name="THandler"/>, once per event however often it arrives.</summary>
    public ServiceDeclaration On<TEvent, THandler>()
        where TEvent : IMessage<TEvent>, new()
        where THandler : class, IHandleEvent<TEvent>
    {
        _subscriptions.Add(s => s.On<TEvent, THandler>());
        return this;
    }

    /// <summary>Consumes each of <paramref name="events"/> with one handler that treats them alike.</summary>
    public ServiceDeclaration OnEach<THandler>(IEnumerable<MessageDescriptor> events)
        where THandler : class, IHandleAnyEvent
    {
        var all = events.ToList();
        _subscriptions.Add(s => s.OnEach<THandler>(all));
        return this;
    }

    /// <summary>
    /// Runs <typeparamref name="TJob"/> for every tenant with work, every <paramref name="setting"/>
    /// seconds (a configuration key; <paramref name="defaultInterval"/> when unset).
    /// </summary>
    public ServiceDeclaration EveryTenant<TJob>(string setting, TimeSpan defaultInterval)
        where TJob : class, ITenantJob
    {
        var seconds = Configuration.GetValue(setting, defaultInterval.TotalSeconds);
        if (!(seconds > 0))
        {
            throw new InvalidOperationException($"{setting} must be a number of seconds above zero (was {seconds}).");
        }

        Services.AddScoped<TJob>();
        Services.TryAddSingleton(new JobSchedule<TJob>(TimeSpan.FromSeconds(seconds)));
        Services.AddSingleton<PeriodicTenantJob<TJob>>();
        Services.AddHostedService(sp => sp.GetRequiredService<PeriodicTenantJob<TJob>>());
        return this;
    }

    /// <summary>
    /// A gRPC client of the service named <paramref name="peer"/>, at the address the host gives it
    /// (<c>Cx:Peers:&lt;peer&gt;</c>): a service never names another's port. Its calls carry the
    /// <paramref name="access"/> permission of the peer's discipline, no more.
    /// </summary>
    public ServiceDeclaration Peer<TClient>(string peer, Access access = Access.Read)
        where TClient : class
    {
        ArgumentException.ThrowIfNullOrEmpty(peer);

        // Settings are read without regard to case; written as every other section's keys are.
        Services.AddCxPeerClient<TClient>(Configuration, $"{PeerClients.SectionName}:{char.ToUpperInvariant(peer[0])}{peer[1..]}", access);
        return this;
    }

    /// <summary>What the service loads for `cx up --demo`.</summary>
    public ServiceDeclaration Demo<TSeeder>()
        where TSeeder : class, IDemoDataSeeder
    {
        Services.AddSingleton<IDemoDataSeeder, TSeeder>();
        return this;
    }

    /// <summary>Endpoints beyond gRPC APIs (the gateway's proxy and documents, for instance).</summary>
    public ServiceDeclaration Endpoints(Action<IEndpointRouteBuilder> map)
    {
        _endpoints.Add(map);
        return this;
    }

    internal void Complete()
    {
        if (_addEventing is not null)
        {
            _addEventing(subscriptions => _subscriptions.ForEach(add => add(subscriptions)));
            _endpoints.Add(endpoints => endpoints.MapCxEventing());
        }
        else if (_subscriptions.Count > 0)
        {
            throw new InvalidOperationException($"The {Name} service consumes events but declares no data: its inbox lives in its database.");
        }
    }
}

/// <summary>What the declaration maps once the application is built.</summary>
internal sealed class ServiceEndpoints
{
    private readonly List<Action<IEndpointRouteBuilder>> _maps = [];

    public void Add(Action<IEndpointRouteBuilder> map) => _maps.Add(map);

    public void MapAll(IEndpointRouteBuilder endpoints) => _maps.ForEach(map => map(endpoints));
}
