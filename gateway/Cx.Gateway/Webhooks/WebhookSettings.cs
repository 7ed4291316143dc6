using Microsoft.Extensions.Configuration;

namespace Cx.Gateway.Webhooks;

/// <summary>
/// Outbound webhooks (section <c>Cx:Gateway:Webhooks</c>). Outside development mode a delivery
/// must use https and reach a public address; development mode (`cx up --dev`) allows local
/// receivers.
/// </summary>
internal sealed record WebhookSettings
{
    /// <summary>The waits after the 1st, 2nd, ... failed attempt; after the last, the delivery fails.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Allow loopback, private and link-local targets (a receiver inside the cluster, or on this machine).</summary>
    public bool AllowPrivateTargets { get; init; }

    public bool RequireHttps { get; init; } = true;

    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } = DefaultRetryDelays;

    public int MaxAttempts => RetryDelays.Count + 1;

    /// <summary>How long a receiver has to answer one attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the sender looks for due deliveries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxConcurrentSends { get; init; } = 8;

    public int MaxSubscriptionsPerTenant { get; init; } = 100;

    /// <summary>How long finished deliveries (succeeded or failed) and their attempts are kept, counted from when they were made.</summary>
    public TimeSpan DeliveryRetention { get; init; } = TimeSpan.FromDays(30);

    public static WebhookSettings From(IConfigurationSection section, bool dev, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(problems);
        var defaults = new WebhookSettings();
        var delays = section.GetSection("RetryDelaysSeconds").Get<double[]>();
        var settings = new WebhookSettings
        {
            AllowPrivateTargets = section.GetValue("AllowPrivateTargets", dev),
            RequireHttps = section.GetValue("RequireHttps", !dev),
            RetryDelays = delays is null ? DefaultRetryDelays : delays.Select(TimeSpan.FromSeconds).ToArray(),
            AttemptTimeout = TimeSpan.FromSeconds(section.GetValue("AttemptTimeoutSeconds", defaults.AttemptTimeout.TotalSeconds)),
            PollInterval = TimeSpan.FromSeconds(section.GetValue("PollSeconds", defaults.PollInterval.TotalSeconds)),
            MaxConcurrentSends = section.GetValue("MaxConcurrentSends", defaults.MaxConcurrentSends),
            MaxSubscriptionsPerTenant = section.GetValue("MaxSubscriptionsPerTenant", defaults.MaxSubscriptionsPerTenant),
            DeliveryRetention = TimeSpan.FromDays(section.GetValue("DeliveryRetentionDays", defaults.DeliveryRetention.TotalDays)),
        };
        if (settings.RetryDelays.Any(d => d < TimeSpan.Zero) || settings.RetryDelays.Count > 20)
        {
            problems.Add("Cx:Gateway:Webhooks:RetryDelaysSeconds must hold at most 20 delays, none negative");
        }

        if (settings.AttemptTimeout <= TimeSpan.Zero || settings.PollInterval <= TimeSpan.Zero)
        {
            problems.Add("Cx:Gateway:Webhooks:AttemptTimeoutSeconds and PollSeconds must be positive");
        }

        if (settings.DeliveryRetention <= TimeSpan.Zero)
        {
            problems.Add("Cx:Gateway:Webhooks:DeliveryRetentionDays must be positive");
        }

        if (settings.MaxConcurrentSends <= 0 || settings.MaxSubscriptionsPerTenant <= 0)
        {
            problems.Add("Cx:Gateway:Webhooks:MaxConcurrentSends and MaxSubscriptionsPerTenant must be positive");
        }

        return settings;
    }
}
