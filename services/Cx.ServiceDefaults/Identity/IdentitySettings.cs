using Microsoft.Extensions.Configuration;

namespace Cx.ServiceDefaults.Identity;

/// <summary>
/// Where a service finds the keys of the identity tokens it signs and accepts (section
/// <c>Cx:Identity</c>). The key directory holds <c>&lt;issuer&gt;.pub</c> (an EC P-256 public key or a
/// certificate, PEM) for every issuer, and <c>&lt;service&gt;.key</c> (its private key, PEM) for the
/// service that signs. `cx up` and `cx run` generate one pair per service in the data directory;
/// the chart mounts each pod's own private key and everyone's public keys there.
/// </summary>
public sealed record IdentitySettings
{
    public const string SectionName = "Cx:Identity";

    /// <summary>The issuer every service trusts: only the gateway turns a caller's credential into an identity.</summary>
    public const string Gateway = "gateway";

    public string? KeyDirectory { get; init; }

    /// <summary>Whose tokens this service accepts: the gateway, and the services that call it.</summary>
    public IReadOnlyList<string> TrustedIssuers { get; init; } = [Gateway];

    /// <summary>How long a token this service signs lives.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    public static IdentitySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var defaults = new IdentitySettings();
        var trusted = section["TrustedIssuers"];
        var lifetime = section.GetValue("TokenLifetimeSeconds", defaults.TokenLifetime.TotalSeconds);
        var settings = new IdentitySettings
        {
            KeyDirectory = string.IsNullOrWhiteSpace(section["KeyDirectory"]) ? null : section["KeyDirectory"],
            TrustedIssuers = string.IsNullOrWhiteSpace(trusted)
                ? defaults.TrustedIssuers
                : [.. trusted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)],
            TokenLifetime = TimeSpan.FromSeconds(lifetime),
        };
        if (!(lifetime >= 10) || settings.TokenLifetime > IdentityToken.MaxLifetime - TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"Cx:Identity:TokenLifetimeSeconds must be 10 to {(IdentityToken.MaxLifetime - TimeSpan.FromMinutes(1)).TotalSeconds} (was {lifetime}).");
        }

        if (settings.TrustedIssuers.FirstOrDefault(name => !IdentityKeyFiles.IsIssuerName(name)) is { } wrong)
        {
            throw new InvalidOperationException($"Cx:Identity:TrustedIssuers names services ({IdentityKeyFiles.IssuerRule}); '{wrong}' is not one.");
        }

        return settings;
    }
}
