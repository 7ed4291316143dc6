using Microsoft.Extensions.Configuration;

namespace Cx.Eventing.Redis;

/// <summary>
/// The Redis Streams transport's settings (section <c>Cx:Eventing:Redis</c>). Each event type is a
/// stream; each subscription is a consumer group on it; each process is a consumer in the group.
/// </summary>
public sealed record RedisEventingOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. "redis:6379,password=...".</summary>
    public string Configuration { get; init; } = "localhost:6379";

    /// <summary>
    /// Streams are trimmed to about this many entries (XADD MAXLEN ~): events older than that are
    /// gone from Redis once every group has read them; the services' databases keep what matters.
    /// </summary>
    public int StreamMaxLength { get; init; } = 100_000;

    /// <summary>A delivery pending this long with a consumer that stopped answering is claimed by another (XAUTOCLAIM).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a published event id is remembered, so a republished batch adds no duplicates.</summary>
    public TimeSpan PublishedIdRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// After the connection to Redis dropped and came back, events published within this long
    /// before the drop are published again, where Redis no longer has them: a Redis restarted from
    /// an append-only file synced every second may lack its last writes.
    /// </summary>
    public TimeSpan ReconnectRecheck { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A consumer of the group that has not read for this long and holds no pending deliveries is
    /// removed (its process stopped); what it held pending is claimed after the visibility timeout first.
    /// </summary>
    public TimeSpan ConsumerExpiry { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>This process's consumer name within each group.</summary>
    public string ConsumerName { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public static RedisEventingOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Cx:Eventing:Redis");
        var defaults = new RedisEventingOptions();
        return defaults with
        {
            Configuration = configuration.GetConnectionString("redis") ?? section["Configuration"] ?? defaults.Configuration,
            StreamMaxLength = section.GetValue("StreamMaxLength", defaults.StreamMaxLength),
            VisibilityTimeout = TimeSpan.FromSeconds(section.GetValue("VisibilityTimeoutSeconds", defaults.VisibilityTimeout.TotalSeconds)),
            ConsumerExpiry = TimeSpan.FromSeconds(section.GetValue("ConsumerExpirySeconds", defaults.ConsumerExpiry.TotalSeconds)),
        };
    }
}

/// <summary>The keys the transport uses, in one place.</summary>
internal static class RedisKeys
{
    public const string NotifyChannel = "cx:events:appended";
    public const string DeadLetters = "cx:dead-letters";

    public static string Stream(string eventType) => "cx:stream:" + eventType;

    public static string Published(string eventId) => "cx:published:" + eventId;

    public static string Replays(string subscription) => "cx:replay:" + subscription;

    /// <summary>Present while Redis holds what the relay of this event source published (see <see cref="RedisTransport"/>).</summary>
    public static string RelayMarker(string source) => "cx:relay:" + source;
}
