using System.Net;
using Cx.Gateway.Webhooks;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.Extensions.Configuration;

namespace Cx.Gateway;

/// <summary>Where one service answers: gRPC on its HTTP/2 port, REST and probes on its HTTP/1.1 port.</summary>
internal sealed record ServiceAddress(string Name, Uri Grpc, Uri Http);

/// <summary>
/// The gateway's settings (section <c>Cx:Gateway</c>). Services are listed under
/// <c>Cx:Gateway:Services:&lt;discipline&gt;:Grpc</c> and <c>:Http</c>, e.g.
/// <c>Cx__Gateway__Services__measurement__Grpc=http://cx-measurement:8081</c>.
/// </summary>
internal sealed record GatewaySettings
{
    public const string SectionName = "Cx:Gateway";

    /// <summary>Development mode (`cx up --dev`): a call without a credential acts for <see cref="DevTenant"/> with every permission.</summary>
    public bool Dev { get; init; }

    public string DevTenant { get; init; } = "demo";

    public IReadOnlyList<ServiceAddress> Services { get; init; } = [];

    /// <summary>Expand each service host name to every address DNS gives (a headless Service: one destination per pod).</summary>
    public bool ResolveDns { get; init; }

    /// <summary>How long a unary call may take before the gateway answers 504 / DEADLINE_EXCEEDED; streaming calls have no limit.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Browser origins (portals) allowed to call the REST and gRPC-Web routes.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Request headers a browser may send besides <see cref="CorsBaseHeaders"/> (a portal's own, e.g. a request id).</summary>
    public IReadOnlyList<string> CorsHeaders { get; init; } = [];

    /// <summary>
    /// What every browser client needs: credentials, gRPC-Web's own headers, and the W3C trace
    /// context, so a portal's trace continues through the platform.
    /// </summary>
    public static readonly IReadOnlyList<string> CorsBaseHeaders =
        ["authorization", "content-type", "x-api-key", "x-grpc-web", "x-user-agent", "grpc-timeout", "traceparent", "tracestate", "baggage"];

    public RateLimitSettings RateLimits { get; init; } = new();

    public JwtSettings Jwt { get; init; } = new();

    /// <summary>How long a looked-up API key is trusted before it is read again (revocation through the API is immediate).</summary>
    public TimeSpan KeyCacheDuration { get; init; } = TimeSpan.FromSeconds(10);

    public WebhookSettings Webhooks { get; init; } = new();

    public DataProtectionSettings DataProtection { get; init; } = new();

    /// <summary>
    /// Proxies (addresses, or networks as CIDR) whose X-Forwarded-For is believed: a call through one
    /// counts as coming from the address it names. From anyone else the header is ignored, so a
    /// caller cannot choose the address its failed authentications count against.
    /// </summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    public static GatewaySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var defaults = new GatewaySettings();
        var problems = new List<string>();
        var dev = section.GetValue("Dev", defaults.Dev);
        var settings = new GatewaySettings
        {
            Dev = dev,
            DevTenant = section["DevTenant"] ?? defaults.DevTenant,
            Services = ReadServices(section.GetSection("Services"), problems),
            ResolveDns = section.GetValue("ResolveDns", defaults.ResolveDns),
            RequestTimeout = TimeSpan.FromSeconds(section.GetValue("RequestTimeoutSeconds", defaults.RequestTimeout.TotalSeconds)),
            CorsOrigins = section.GetSection("Cors:Origins").Get<string[]>() ?? [],
            CorsHeaders = section.GetSection("Cors:Headers").Get<string[]>() ?? [],
            RateLimits = new RateLimitSettings
            {
                PerKeyPerSecond = section.GetValue("RateLimits:PerKeyPerSecond", defaults.RateLimits.PerKeyPerSecond),
                PerKeyBurst = section.GetValue("RateLimits:PerKeyBurst", defaults.RateLimits.PerKeyBurst),
                PerTenantPerSecond = section.GetValue("RateLimits:PerTenantPerSecond", defaults.RateLimits.PerTenantPerSecond),
                PerTenantBurst = section.GetValue("RateLimits:PerTenantBurst", defaults.RateLimits.PerTenantBurst),
                Redis = string.IsNullOrWhiteSpace(section["RateLimits:Redis"]) ? null : section["RateLimits:Redis"],
                FailedAuthentications = section.GetValue("RateLimits:FailedAuthentications", defaults.RateLimits.FailedAuthentications),
                FailedAuthenticationWindow = TimeSpan.FromSeconds(section.GetValue("RateLimits:FailedAuthenticationWindowSeconds", defaults.RateLimits.FailedAuthenticationWindow.TotalSeconds)),
            },
            Jwt = new JwtSettings
            {
                Issuer = section["Jwt:Issuer"],
                Audience = section["Jwt:Audience"],
                SigningKeys = section.GetSection("Jwt:SigningKeys").Get<string[]>() ?? [],
                TenantClaim = section["Jwt:TenantClaim"] ?? defaults.Jwt.TenantClaim,
                PermissionsClaim = section["Jwt:PermissionsClaim"] ?? defaults.Jwt.PermissionsClaim,
            },
            KeyCacheDuration = TimeSpan.FromSeconds(section.GetValue("KeyCacheSeconds", defaults.KeyCacheDuration.TotalSeconds)),
            Webhooks = WebhookSettings.From(section.GetSection("Webhooks"), dev, problems),
            DataProtection = new DataProtectionSettings
            {
                KeyRingPath = section["DataProtection:KeyRingPath"] is { Length: > 0 } keyRing
                    ? keyRing
                    : Path.Combine(CxServiceSettings.From(configuration).DataDirectory, DataProtectionSettings.DefaultFolder),
                GenerateKeys = section.GetValue("DataProtection:GenerateKeys", defaults.DataProtection.GenerateKeys),
            },
            TrustedProxies = ReadProxies(section.GetSection("TrustedProxies").Get<string[]>() ?? [], problems),
        };
        settings.Validate(problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid gateway configuration: " + string.Join("; ", problems) + ".");
        }

        return settings;
    }

    private static ServiceAddress[] ReadServices(IConfigurationSection section, List<string> problems)
    {
        var services = new List<ServiceAddress>();
        foreach (var child in section.GetChildren().OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var grpc = child["Grpc"];
            var http = child["Http"];
            if (!Uri.TryCreate(grpc, UriKind.Absolute, out var grpcUri) || !Uri.TryCreate(http, UriKind.Absolute, out var httpUri))
            {
                problems.Add($"Cx:Gateway:Services:{child.Key} needs absolute Grpc and Http addresses (was '{grpc}', '{http}')");
                continue;
            }

            services.Add(new ServiceAddress(child.Key.ToLowerInvariant(), grpcUri, httpUri));
        }

        return services.ToArray();
    }

    private static IPNetwork[] ReadProxies(string[] entries, List<string> problems)
    {
        var proxies = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                proxies.Add(network);
            }
            else
            {
                problems.Add($"Cx:Gateway:TrustedProxies entries are addresses or networks like 10.0.0.0/8 (was '{entry}')");
            }
        }

        return proxies.ToArray();
    }

    private void Validate(List<string> problems)
    {
        if (!TenantId.IsValid(DevTenant))
        {
            problems.Add($"Cx:Gateway:DevTenant must be a tenant id ({TenantId.Rule}); was '{DevTenant}'");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("Cx:Gateway:RequestTimeoutSeconds must be positive");
        }

        if (RateLimits.PerKeyPerSecond <= 0 || RateLimits.PerTenantPerSecond <= 0 || RateLimits.PerKeyBurst <= 0 || RateLimits.PerTenantBurst <= 0)
        {
            problems.Add("Cx:Gateway:RateLimits values must be positive");
        }

        if (RateLimits.FailedAuthentications <= 0 || RateLimits.FailedAuthenticationWindow <= TimeSpan.Zero)
        {
            problems.Add("Cx:Gateway:RateLimits:FailedAuthentications and FailedAuthenticationWindowSeconds must be positive");
        }

        foreach (var origin in CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                problems.Add($"Cx:Gateway:Cors:Origins entries are origins like https://portal.example.com (was '{origin}')");
            }
        }

        foreach (var header in CorsHeaders)
        {
            if (header.Length == 0 || !header.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                problems.Add($"Cx:Gateway:Cors:Headers entries are header names like x-request-id (was '{header}')");
            }
        }

        if (Jwt.SigningKeys.Count > 0 && (string.IsNullOrEmpty(Jwt.Issuer) || string.IsNullOrEmpty(Jwt.Audience)))
        {
            problems.Add("Cx:Gateway:Jwt needs Issuer and Audience when SigningKeys are set");
        }
    }
}

/// <summary>Token buckets: a steady rate per second and a burst, per API key (or JWT subject) and per tenant, in each replica or shared through Redis.</summary>
internal sealed record RateLimitSettings
{
    /// <summary>Tokens per second; below one, a token every 1/rate seconds (e.g. 0.5: one every 2 s).</summary>
    public double PerKeyPerSecond { get; init; } = 100;

    public int PerKeyBurst { get; init; } = 200;

    public double PerTenantPerSecond { get; init; } = 500;

    public int PerTenantBurst { get; init; } = 1000;

    /// <summary>A StackExchange.Redis configuration (e.g. "redis:6379,password=..."): the buckets are then shared by every replica.</summary>
    public string? Redis { get; init; }

    /// <summary>
    /// Failed authentications (an unknown, revoked or expired key, a refused token) one client address
    /// may make per <see cref="FailedAuthenticationWindow"/>; past them its calls are refused before
    /// any credential is looked up, until the window has given some back.
    /// </summary>
    public int FailedAuthentications { get; init; } = 20;

    public TimeSpan FailedAuthenticationWindow { get; init; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The ASP.NET Core Data Protection key ring that encrypts webhook signing secrets at rest. Every
/// replica must read the same ring: a directory each one sees (in the chart, a Secret mounted as
/// files, with <see cref="GenerateKeys"/> off because it is read-only).
/// </summary>
internal sealed record DataProtectionSettings
{
    /// <summary>The ring's folder inside the data directory when no path is configured.</summary>
    public const string DefaultFolder = "key-ring";

    public string KeyRingPath { get; init; } = Path.Combine("data", DefaultFolder);

    /// <summary>Make a key when the ring has none in force (off for a ring mounted read-only, whose keys are made outside).</summary>
    public bool GenerateKeys { get; init; } = true;
}

/// <summary>JWT bearer tokens from an identity provider: the tenant and permissions come from claims.</summary>
internal sealed record JwtSettings
{
    public string? Issuer { get; init; }

    public string? Audience { get; init; }

    /// <summary>Base64 symmetric keys (HS256) or PEM public keys (RS256/ES256); several allow rotation.</summary>
    public IReadOnlyList<string> SigningKeys { get; init; } = [];

    public string TenantClaim { get; init; } = "cx_tenant";

    /// <summary>A claim holding permissions, as an array or space-separated (like OAuth scopes).</summary>
    public string PermissionsClaim { get; init; } = "cx_permissions";

    public bool Enabled => SigningKeys.Count > 0;
}
