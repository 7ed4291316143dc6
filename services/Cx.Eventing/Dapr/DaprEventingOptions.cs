using Microsoft.Extensions.Configuration;

namespace Cx.Eventing.Dapr;

/// <summary>
/// How a service meets its Dapr sidecar (section <c>Cx:Eventing:Dapr</c>, plus the variables the
/// sidecar injector sets: DAPR_HTTP_PORT, DAPR_API_TOKEN, APP_API_TOKEN).
/// </summary>
public sealed record DaprEventingOptions
{
    /// <summary>How long the relay waits for the sidecar to answer a publish; the chart keeps the sidecar's outbound retries within it.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The pub/sub component's name, as in the chart's Component resource.</summary>
    public string PubSubName { get; init; } = "cx-pubsub";

    /// <summary>The sidecar's HTTP API.</summary>
    public Uri SidecarUrl { get; init; } = new("http://127.0.0.1:3500");

    /// <summary>Where Dapr sends what a subscription drops or gives up on.</summary>
    public string DeadLetterTopic { get; init; } = "cx.dead-letters";

    /// <summary>Sent to the sidecar as dapr-api-token when the sidecar requires one.</summary>
    public string? SidecarApiToken { get; init; }

    /// <summary>Expected from the sidecar as dapr-api-token on every delivery, when set.</summary>
    public string? AppApiToken { get; init; }

    public static DaprEventingOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Cx:Eventing:Dapr");
        var defaults = new DaprEventingOptions();
        var port = configuration["DAPR_HTTP_PORT"];
        var sidecar = section["SidecarUrl"] ?? configuration["DAPR_HTTP_ENDPOINT"] ?? (port is null ? null : $"http://127.0.0.1:{port}");
        return defaults with
        {
            PubSubName = section["PubSubName"] ?? defaults.PubSubName,
            SidecarUrl = sidecar is null ? defaults.SidecarUrl : new Uri(sidecar),
            DeadLetterTopic = section["DeadLetterTopic"] ?? defaults.DeadLetterTopic,
            SidecarApiToken = configuration["DAPR_API_TOKEN"],
            AppApiToken = configuration["APP_API_TOKEN"],
        };
    }
}
