using Cx.Culture.Data;
using Cx.Culture.Rituals;
using Cx.Culture.V1;
using Cx.Eventing.Subscribing;
using Cx.ServiceKit.Jobs;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Culture.Tests;

/// <summary>The culture service on real ports with its database, as `cx up` runs it; its clock is the test's.</summary>
public class CultureHost : ServiceHost
{
    public CultureHost()
        : this(TestDatabase.Sqlite)
    {
    }

    protected CultureHost(TestDatabase database)
        : base(new CultureModule(), database)
    {
        // Tests write the rituals' digests themselves, by the test's clock: the loop would race them.
        ConfigureServices = services => services.AddSingleton(new JobSchedule<RitualDigestJob>(TimeSpan.FromHours(1), InBackground: false));
    }

    /// <summary>One run of the rituals' job over every tenant, at the test clock's now.</summary>
    public Task<int> WriteDigestsAsync() => Service<PeriodicTenantJob<RitualDigestJob>>().RunOnceAsync(CancellationToken.None);

    public CultureService.CultureServiceClient Client => new(Channel);

    /// <summary>A call as the person signed in as <paramref name="actor"/>: the employee whose login it is, or an administrator.</summary>
    public static Metadata As(string tenant, string actor = "jwt:admin@example.com") => TestIdentity.For(CultureModule.ServiceName, tenant, actor);

    public Task<T> ReadAsync<T>(string tenant, Func<CultureDb, Task<T>> read) => ReadAsync<CultureDb, T>(tenant, read);

    public Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, IMessage @event, string subject = "subject", DateTimeOffset? occurredAt = null) =>
        DeliverAsync<CultureDb>(tenant, eventId, @event, subject, occurredAt);
}

/// <summary>The culture service with its data on a real PostgreSQL server of the test run's own.</summary>
public sealed class PostgreSqlCultureHost() : CultureHost(TestDatabase.PostgreSql);
