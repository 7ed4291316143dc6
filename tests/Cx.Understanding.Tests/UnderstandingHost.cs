using Cx.Eventing.Subscribing;
using Cx.ServiceKit.Jobs;
using Cx.Understanding.Data;
using Cx.Understanding.PainPoints;
using Cx.Understanding.V1;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Understanding.Tests;

/// <summary>The understanding service on real ports with its database, as `cx up` runs it; its clock is the test's.</summary>
public class UnderstandingHost : ServiceHost
{
    public UnderstandingHost()
        : this(TestDatabase.Sqlite)
    {
    }

    protected UnderstandingHost(TestDatabase database)
        : base(new UnderstandingModule(), database)
    {
        // Tests detect pain points themselves; the job, even once at start, would race them for the same new rows.
        ConfigureServices = services => services.AddSingleton(new JobSchedule<PainPointDetectionJob>(TimeSpan.FromMinutes(1), InBackground: false));
    }

    public UnderstandingService.UnderstandingServiceClient Client => new(Channel);

    public Task<T> ReadAsync<T>(string tenant, Func<UnderstandingDb, Task<T>> read) => ReadAsync<UnderstandingDb, T>(tenant, read);

    /// <summary>Delivers an event as the transport would; the CloudEvent id is <paramref name="eventId"/> within the tenant.</summary>
    public Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, IMessage @event, string subject = "subject") =>
        DeliverAsync<UnderstandingDb>(tenant, eventId, @event, subject);
}

/// <summary>The understanding service with its data on a real PostgreSQL server of the test run's own.</summary>
public sealed class PostgreSqlUnderstandingHost() : UnderstandingHost(TestDatabase.PostgreSql);
