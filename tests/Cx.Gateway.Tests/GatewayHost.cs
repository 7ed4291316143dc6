using System.Security.Cryptography;
using Cx.Gateway.Data;
using Cx.Gateway.Keys;
using Cx.Governance;
using Cx.Measurement;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Culture;
using Cx.Strategy;
using Cx.Design;
using Cx.Understanding;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cx.Gateway.Tests;

/// <summary>
/// The gateway on real ports in front of a real measurement, governance and understanding service, each on its own
/// ports and SQLite database and all on one event log, as `cx up` runs them. The gateway's clock is
/// the test's.
/// </summary>
public class GatewayHost : IAsyncLifetime
{
    public const string Issuer = "https://id.example.test";
    public const string Audience = "cx-platform";
    public const string PortalOrigin = "https://portal.example.test";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("cx-gateway-");
    private readonly List<WebApplication> _apps = [];
    private WebApplication _gateway = null!;
    private Dictionary<string, string?> _gatewaySettings = [];

    /// <summary>The HS256 key the gateway trusts for JWTs.</summary>
    public byte[] JwtKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Starts at the real time (tokens and keys are issued by it); moves only forward, when a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Gateway settings added before start (e.g. tighter rate limits).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public BoundEndpoints Gateway => _gateway.Services.GetRequiredService<BoundEndpoints>();

    public BoundEndpoints Measurement => _apps[0].Services.GetRequiredService<BoundEndpoints>();

    /// <summary>The gateway's data directory (its SQLite database and key ring, unless configured elsewhere).</summary>
    public string GatewayDataDirectory => Path.Combine(_data.FullName, "gateway");

    /// <summary>HTTP/1.1 client for REST on the gateway.</summary>
    public HttpClient Rest { get; private set; } = null!;

    /// <summary>gRPC (HTTP/2) channel to the gateway.</summary>
    public GrpcChannel Grpc { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        // Measurement believes governance and strategy too, which call it, as the catalog has it.
        var measurement = await StartAsync(new MeasurementModule(), "measurement", new() { ["Cx:Identity:TrustedIssuers"] = "gateway,governance,strategy" });
        var governance = await StartAsync(new GovernanceModule(), "governance", new()
        {
            ["Cx:Peers:Measurement"] = "http://" + measurement.GrpcAddress,
        });
        var understanding = await StartAsync(new UnderstandingModule(), "understanding", []);
        var design = await StartAsync(new DesignModule(), "design", []);
        var culture = await StartAsync(new CultureModule(), "culture", []);
        var strategy = await StartAsync(new StrategyModule(), "strategy", new()
        {
            ["Cx:Peers:Measurement"] = "http://" + measurement.GrpcAddress,
            ["Cx:Peers:Understanding"] = "http://" + understanding.GrpcAddress,
        });
        var settings = new Dictionary<string, string?>
        {
            ["Cx:Gateway:Services:measurement:Grpc"] = "http://" + measurement.GrpcAddress,
            ["Cx:Gateway:Services:measurement:Http"] = measurement.HttpUrl.ToString(),
            ["Cx:Gateway:Services:governance:Grpc"] = "http://" + governance.GrpcAddress,
            ["Cx:Gateway:Services:governance:Http"] = governance.HttpUrl.ToString(),
            ["Cx:Gateway:Services:understanding:Grpc"] = "http://" + understanding.GrpcAddress,
            ["Cx:Gateway:Services:understanding:Http"] = understanding.HttpUrl.ToString(),
            ["Cx:Gateway:Services:design:Grpc"] = "http://" + design.GrpcAddress,
            ["Cx:Gateway:Services:design:Http"] = design.HttpUrl.ToString(),
            ["Cx:Gateway:Services:culture:Grpc"] = "http://" + culture.GrpcAddress,
            ["Cx:Gateway:Services:culture:Http"] = culture.HttpUrl.ToString(),
            ["Cx:Gateway:Services:strategy:Grpc"] = "http://" + strategy.GrpcAddress,
            ["Cx:Gateway:Services:strategy:Http"] = strategy.HttpUrl.ToString(),
            ["Cx:Gateway:Jwt:Issuer"] = Issuer,
            ["Cx:Gateway:Jwt:Audience"] = Audience,
            ["Cx:Gateway:Jwt:SigningKeys:0"] = Convert.ToBase64String(JwtKey),
            ["Cx:Gateway:Cors:Origins:0"] = PortalOrigin,
            ["Cx:Gateway:Cors:Headers:0"] = "x-portal-request-id",

            // Small, so a test can exceed it cheaply.
            ["Cx:Http:MaxRequestBodyBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        _gatewaySettings = settings;
        _gateway = CreateGateway();
        await _gateway.StartAsync();
        Rest = new HttpClient { BaseAddress = Gateway.HttpUrl };
        Grpc = GrpcChannel.ForAddress("http://" + Gateway.GrpcAddress);
    }

    /// <summary>Calls on the gRPC channel to the gateway, each with <paramref name="key"/> as its credential.</summary>
    public CallInvoker CallsWith(string key) => Grpc.Intercept(metadata =>
    {
        metadata.Add("x-api-key", key);
        return metadata;
    });

    /// <summary>Another replica of the gateway: the same settings and database, ports of its own.</summary>
    public async Task<BoundEndpoints> StartReplicaAsync()
    {
        var replica = CreateGateway();
        await replica.StartAsync();
        _apps.Add(replica);
        return replica.Services.GetRequiredService<BoundEndpoints>();
    }

    private WebApplication CreateGateway() =>
        CxServiceApplication.Create(new GatewayModule(), Hosting("gateway", _gatewaySettings, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureGateway(services);
        }));

    /// <summary>Replaces gateway services before start (e.g. the DNS resolver of webhook targets).</summary>
    protected virtual void ConfigureGateway(IServiceCollection services)
    {
    }

    public virtual async Task DisposeAsync()
    {
        Rest.Dispose();
        Grpc.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _data.Delete(recursive: true);
    }

    /// <summary>Creates a key as an operator would (`cx keys create`); returns the whole key.</summary>
    public async Task<string> CreateKeyAsync(string tenant, params string[] permissions) =>
        (await CreateKeyRecordAsync(tenant, null, permissions)).Key;

    public async Task<(string KeyId, string Key)> CreateKeyRecordAsync(string tenant, DateTime? expiresAtUtc, params string[] permissions)
    {
        await using var scope = _gateway.Services.CreateTenantScope(tenant);
        var (record, key) = await scope.ServiceProvider.GetRequiredService<ApiKeyIssuer>().CreateAsync("test", permissions, expiresAtUtc, "operator", CancellationToken.None);
        return (record.KeyId, key);
    }

    /// <summary>A token as an identity provider would issue it, signed with <paramref name="key"/> (the trusted one by default).</summary>
    public string Token(string? tenant, string permissions, TimeSpan? lifetime = null, byte[]? key = null, string audience = Audience, string issuer = Issuer)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "user-17", ["cx_permissions"] = permissions };
        if (tenant is not null)
        {
            claims["cx_tenant"] = tenant;
        }

        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now.AddMinutes(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? JwtKey), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<BoundEndpoints> StartAsync(ICxServiceModule module, string name, Dictionary<string, string?> settings)
    {
        var app = CxServiceApplication.Create(module, Hosting(name, settings, null));
        await app.StartAsync();
        _apps.Add(app);
        return app.Services.GetRequiredService<BoundEndpoints>();
    }

    private CxServiceHostingOptions Hosting(string name, Dictionary<string, string?> settings, Action<IServiceCollection>? services) => new()
    {
        ConfigureServices = services,
        Overrides = new Dictionary<string, string?>
        {
            ["Cx:BindAddress"] = "127.0.0.1",
            ["Cx:Ports:Grpc"] = "0",
            ["Cx:Ports:Http"] = "0",
            ["Cx:DataDirectory"] = Path.Combine(_data.FullName, name),
            ["Cx:Identity:KeyDirectory"] = TestIdentity.KeyDirectory,

            // One event log for all, as `cx up` runs them: the gateway's webhooks see the services' events.
            ["Cx:Eventing:LogPath"] = Path.Combine(_data.FullName, "events.db"),
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(settings).ToDictionary(),
    };
}
