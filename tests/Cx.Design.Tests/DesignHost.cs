using Cx.Design.Data;
using Cx.Design.Experiments;
using Cx.Design.V1;
using Cx.Eventing.Subscribing;
using Cx.ServiceKit.Jobs;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Design.Tests;

/// <summary>The design service on real ports with its database, as `cx up` runs it; its clock is the test's.</summary>
public class DesignHost : ServiceHost
{
    public DesignHost()
        : this(TestDatabase.Sqlite)
    {
    }

    protected DesignHost(TestDatabase database)
        : base(new DesignModule(), database)
    {
        // Tests conclude ended experiments themselves, by the test's clock: the loop would race them.
        ConfigureServices = services => services.AddSingleton(new JobSchedule<ExperimentConclusionJob>(TimeSpan.FromMinutes(5), InBackground: false));
    }

    public DesignService.DesignServiceClient Client => new(Channel);

    public static Metadata As(string tenant, string actor = "maria") => TestIdentity.For(DesignModule.ServiceName, tenant, actor);

    public Task<T> ReadAsync<T>(string tenant, Func<DesignDb, Task<T>> read) => ReadAsync<DesignDb, T>(tenant, read);

    /// <summary>Delivers an event as the transport would; the CloudEvent id is <paramref name="eventId"/> within the tenant.</summary>
    public Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, IMessage @event, string subject = "subject", DateTimeOffset? occurredAt = null) =>
        DeliverAsync<DesignDb>(tenant, eventId, @event, subject, occurredAt);
}

/// <summary>The design service with its data on a real PostgreSQL server of the test run's own.</summary>
public sealed class PostgreSqlDesignHost() : DesignHost(TestDatabase.PostgreSql);
