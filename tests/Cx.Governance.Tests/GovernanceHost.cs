using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Governance.Data;
using Cx.Governance.Sla;
using Cx.Governance.V1;
using Cx.ServiceKit.Jobs;
using Cx.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Governance.Tests;

/// <summary>The governance service on real ports with its database, as `cx up` runs it; its clock is the test's.</summary>
public class GovernanceHost : ServiceHost
{
    public GovernanceHost()
        : this(TestDatabase.Sqlite, data: null)
    {
    }

    protected GovernanceHost(TestDatabase database, DirectoryInfo? data)
        : base(new GovernanceModule(), database, data)
    {
        // No measurement service runs beside it unless a test starts one (and says where it answers).
        Settings["Cx:Peers:measurement"] = "http://127.0.0.1:9";

        // Tests run the SLA check themselves, by the test's clock: the loop would race them whenever a test moves it.
        ConfigureServices = services => services.AddSingleton(new JobSchedule<SlaWatch>(TimeSpan.FromMinutes(1), InBackground: false));
    }

    public GovernanceService.GovernanceServiceClient Client => new(Channel);

    /// <summary>A host on a data directory the caller keeps, e.g. to start another on it as after a restart.</summary>
    public static GovernanceHost On(DirectoryInfo data) => new(TestDatabase.Sqlite, data);

    public Task<T> ReadAsync<T>(string tenant, Func<GovernanceDb, Task<T>> read) => ReadAsync<GovernanceDb, T>(tenant, read);

    /// <summary>Delivers a detractor_detected event as the transport would; the CloudEvent id is <paramref name="eventId"/> within the tenant.</summary>
    public Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, DetractorDetected detractor) =>
        DeliverAsync<GovernanceDb>(tenant, eventId, detractor, detractor.ResponseId);

    /// <summary>Delivers a metric_threshold_breached event as the transport would, its subject the metric (as Measurement raises it).</summary>
    public Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, MetricThresholdBreached breach) =>
        DeliverAsync<GovernanceDb>(tenant, eventId, breach, breach.MetricId);

    /// <summary>Delivers a feedback_enriched event as the transport would, its subject the comment.</summary>
    public Task<DeliveryOutcome> DeliverAsync(string tenant, string eventId, FeedbackEnriched feedback) =>
        DeliverAsync<GovernanceDb>(tenant, eventId, feedback, feedback.FeedbackId);
}

/// <summary>The governance service with its data on a real PostgreSQL server of the test run's own.</summary>
public sealed class PostgreSqlGovernanceHost() : GovernanceHost(TestDatabase.PostgreSql, data: null);
