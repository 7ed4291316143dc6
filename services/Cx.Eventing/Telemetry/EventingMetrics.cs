using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Cx.Eventing.Telemetry;

/// <summary>
/// What an operator watches on the event path: how far each relay is behind, and every time a
/// transport healed itself (a consumer group re-created, a dead consumer removed, lost events
/// republished). The meter is the process's; `cx up` runs several services in one process, so
/// every instrument carries the service's event source.
/// </summary>
public static class EventingMetrics
{
    public const string MeterName = "Cx.Eventing";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, Func<double>> Lags = new(StringComparer.Ordinal);

    private static readonly Counter<long> GroupsRecreated = Meter.CreateCounter<long>(
        "cx.eventing.consumer_group.recreations", "{group}", "Consumer groups re-created because the broker no longer had them.");

    private static readonly Counter<long> ConsumersRemoved = Meter.CreateCounter<long>(
        "cx.eventing.consumer.removals", "{consumer}", "Consumers of stopped processes removed from their groups.");

    private static readonly Counter<long> Republished = Meter.CreateCounter<long>(
        "cx.eventing.outbox.republished", "{event}", "Published events queued for publishing again because the broker lost them.");

    static EventingMetrics()
    {
        Meter.CreateObservableGauge(
            "cx.eventing.outbox.lag",
            () => Lags.Select(l => new Measurement<double>(l.Value(), new KeyValuePair<string, object?>("cx.event_source", l.Key))),
            "s",
            "Age of the oldest committed event the relay has not published yet; 0 when it is caught up.");
    }

    /// <summary>Reports a relay's lag while it runs; dispose the result when the relay stops.</summary>
    public static IDisposable TrackLag(string source, Func<double> lagSeconds)
    {
        Lags[source] = lagSeconds;
        return new Untrack(source, lagSeconds);
    }

    public static void GroupRecreated(string stream, string group) =>
        GroupsRecreated.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", stream), new KeyValuePair<string, object?>("messaging.consumer.group.name", group));

    public static void ConsumerRemoved(string group) =>
        ConsumersRemoved.Add(1, new KeyValuePair<string, object?>("messaging.consumer.group.name", group));

    public static void EventsRepublished(string source, long count) =>
        Republished.Add(count, new KeyValuePair<string, object?>("cx.event_source", source));

    private sealed class Untrack(string source, Func<double> lag) : IDisposable
    {
        public void Dispose() => Lags.TryRemove(new KeyValuePair<string, Func<double>>(source, lag));
    }
}
