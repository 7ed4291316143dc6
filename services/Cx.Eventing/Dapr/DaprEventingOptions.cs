using System.Net;
using Cx.ServiceDefaults.Hosting;
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

    /// <summary>The variable holding the token the sidecar sends (Dapr's name for it, on the sidecar and on the app).</summary>
    public const string AppApiTokenVariable = "APP_API_TOKEN";

    /// <summary>The pub/sub component's name, as in the chart's Component resource.</summary>
    public string PubSubName { get; init; } = "cx-pubsub";

    /// <summary>The sidecar's HTTP API.</summary>
    public Uri SidecarUrl { get; init; } = new("http://127.0.0.1:3500");

    /// <summary>
    /// Where Dapr sends what a subscription drops or gives up on: each service has its own topic
    /// under this name (<see cref="DeadLetterTopicOf"/>), so a dead letter names the service whose
    /// subscription gave up.
    /// </summary>
    public string DeadLetterTopic { get; init; } = "cx.dead-letters";

    /// <summary>Sent to the sidecar as dapr-api-token when the sidecar requires one.</summary>
    public string? SidecarApiToken { get; init; }

    /// <summary>Expected from the sidecar as dapr-api-token on every delivery; a service refuses to start without it.</summary>
    public string? AppApiToken { get; init; }

    /// <summary>
    /// The port the sidecar calls (dapr.io/app-port): the subscription document and the delivery
    /// routes answer there and nowhere else, so no port a caller can reach serves them. 0 picks a free port.
    /// </summary>
    public int AppPort { get; init; } = 8082;

    /// <summary>
    /// The address of that port: loopback, where the sidecar of the same pod or machine calls it
    /// (Dapr's app channel address, 127.0.0.1 unless told otherwise).
    /// </summary>
    public string AppAddress { get; init; } = "127.0.0.1";

    /// <summary>The dead-letter topic of one service's subscriptions, which that service alone reads.</summary>
    public string DeadLetterTopicOf(string service) => $"{DeadLetterTopic}.{service}";

    public static DaprEventingOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Cx:Eventing:Dapr");
        var defaults = new DaprEventingOptions();
        var port = configuration["DAPR_HTTP_PORT"];
        var sidecar = section["SidecarUrl"] ?? configuration["DAPR_HTTP_ENDPOINT"] ?? (port is null ? null : $"http://127.0.0.1:{port}");
        var options = defaults with
        {
            PubSubName = section["PubSubName"] ?? defaults.PubSubName,
            SidecarUrl = sidecar is null ? defaults.SidecarUrl : new Uri(sidecar),
            DeadLetterTopic = section["DeadLetterTopic"] ?? defaults.DeadLetterTopic,
            SidecarApiToken = configuration["DAPR_API_TOKEN"],
            AppApiToken = configuration[AppApiTokenVariable],
            AppPort = section.GetValue("AppPort", defaults.AppPort),
            AppAddress = section["AppAddress"] ?? defaults.AppAddress,
        };
        options.Validate(configuration);
        return options;
    }

    /// <summary>
    /// The token is checked when the service starts to serve (<see cref="DaprAppPort"/>), not here:
    /// `cx db migrate --service` builds the service with its configuration and serves nothing.
    /// </summary>
    private void Validate(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (AppPort is < 0 or > 65535)
        {
            problems.Add($"Cx:Eventing:Dapr:AppPort must be 0-65535 (was {AppPort})");
        }
        else if (AppPort != 0 && CxServiceSettings.From(configuration) is var ports && (AppPort == ports.HttpPort || AppPort == ports.GrpcPort))
        {
            problems.Add($"Cx:Eventing:Dapr:AppPort must differ from Cx:Ports:Http and Cx:Ports:Grpc (was {AppPort}): the delivery routes answer on no port a caller reaches");
        }

        if (!IPAddress.TryParse(AppAddress, out _))
        {
            problems.Add($"Cx:Eventing:Dapr:AppAddress must be an IP address (was '{AppAddress}')");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid configuration: " + string.Join("; ", problems) + ".");
        }
    }
}
