using System.Diagnostics;
using System.Net;
using System.Reflection;
using Cx.ServiceDefaults.Errors;
using Cx.ServiceDefaults.Health;
using Cx.ServiceDefaults.Hosting;
using Cx.ServiceDefaults.Identity;
using Cx.ServiceDefaults.Telemetry;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cx.ServiceDefaults;

/// <summary>How a service's process is set up: by itself, or as one of several inside `cx up`.</summary>
public sealed record CxServiceHostingOptions
{
    /// <summary>Command-line arguments (configuration overrides such as <c>--Cx:Ports:Grpc=9000</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Settings that win over every other configuration source.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Settings that every other configuration source (files, environment, arguments) may override.</summary>
    public IReadOnlyDictionary<string, string?> Defaults { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// True when several services share this process (`cx up`). The process then owns what is
    /// process-wide: the one tracer and meter provider (listeners are process-wide, so a provider
    /// per service would record every span several times) and the termination signals (the
    /// process stops its services in order, instead of each racing to stop itself).
    /// </summary>
    public bool SharesProcess { get; init; }

    /// <summary>Services the host shares with the service (for instance the platform directory).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>Builds a service's web application with every platform default, then the module's own parts.</summary>
public static class CxServiceApplication
{
    /// <summary>The running build's version, as stamped at build time.</summary>
    public static string Version { get; } = ReadVersion();

    public static WebApplication Create(ICxServiceModule module, CxServiceHostingOptions? hosting = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        hosting ??= new CxServiceHostingOptions();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = hosting.Args.ToArray(),
            ApplicationName = module.GetType().Assembly.GetName().Name,
        });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = hosting.Defaults });
        builder.Configuration.AddInMemoryCollection(hosting.Overrides);
        var settings = CxServiceSettings.From(builder.Configuration);

        builder.Services.AddSingleton(settings);
        ConfigureKestrel(builder, settings);
        ConfigureTelemetry(builder, module.Name, hosting.SharesProcess);
        if (hosting.SharesProcess)
        {
            builder.Services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>();
        }

        ConfigureIdentity(builder.Services, module.Name, IdentitySettings.From(builder.Configuration));
        ConfigureGrpc(builder.Services, settings);
        builder.Services.AddCxHealth();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        hosting.ConfigureServices?.Invoke(builder.Services);
        module.AddServices(builder.Services, builder.Configuration);

        // Last, after the module: a module that calls AddGrpc again would register the default binding anew.
        ReadableRequestBinding.Register(builder.Services);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            Activity.Current?.SetTag(CxTelemetry.ServiceAttribute, module.Name);
            return next(context);
        });
        app.Use(JsonRequestBodies.CheckAsync);
        app.Use(LineDelimitedStreams.LabelAsync);
        module.ConfigurePipeline(app);
        module.MapEndpoints(app);
        app.MapGrpcReflectionService();
        app.MapCxHealth();
        return app;
    }

    /// <summary>Runs one service as its own process until it is asked to stop.</summary>
    public static Task RunAsync(ICxServiceModule module, string[] args) =>
        Create(module, new CxServiceHostingOptions { Args = args }).RunAsync();

    /// <summary>Every gRPC service an application serves, by full name (health and reflection included).</summary>
    public static IReadOnlyList<string> GrpcServiceNames(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return GrpcServiceNames(app.Services);
    }

    /// <summary>The same, from the application's services: for a part of the service that has no <see cref="WebApplication"/> at hand.</summary>
    public static IReadOnlyList<string> GrpcServiceNames(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<GrpcServiceDirectory>().Names;
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, CxServiceSettings settings)
    {
        var endpoints = new BoundEndpoints();
        builder.Services.AddSingleton(endpoints);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.Parse(settings.BindAddress);

            // Cleartext gRPC needs prior-knowledge HTTP/2, which a mixed HTTP/1.1+2 listener
            // without TLS cannot offer; so gRPC and everything else get a port each.
            kestrel.Listen(address, settings.GrpcPort, listener =>
            {
                listener.Protocols = HttpProtocols.Http2;
                endpoints.Grpc = listener;
            });
            kestrel.Listen(address, settings.HttpPort, listener =>
            {
                listener.Protocols = HttpProtocols.Http1;
                endpoints.Http = listener;
            });
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;

            // The server's name and version help nobody but someone matching known flaws.
            kestrel.AddServerHeader = false;
        });
    }

    private static void ConfigureIdentity(IServiceCollection services, string name, IdentitySettings identity)
    {
        services.AddSingleton(new ServiceIdentity(name, identity, TimeProvider.System));
        services.AddScoped<CallerContext>();
        services.AddHostedService<IdentityKeysCheck>();
    }

    private static void ConfigureGrpc(IServiceCollection services, CxServiceSettings settings)
    {
        services.AddCxTenancy();
        services
            .AddGrpc(options =>
            {
                // Order matters: the error interceptor is outermost, so it also maps the tenant check's failures.
                options.Interceptors.Add<DomainErrorInterceptor>();
                options.Interceptors.Add<CallerInterceptor>();
                options.Interceptors.Add<RequestValuesInterceptor>();
                options.MaxReceiveMessageSize = settings.MaxReceiveMessageBytes;
                options.MaxSendMessageSize = settings.MaxSendMessageBytes;
                options.EnableDetailedErrors = false;
            })
            .AddJsonTranscoding(options => options.TypeRegistry = RpcErrorMapper.DetailTypes);
        services.AddGrpcReflection();
    }

    private static void ConfigureTelemetry(WebApplicationBuilder builder, string serviceName, bool ownedByHost)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // Logs are per application (not process-wide listeners), so each service exports its own.
        var otlp = CxTelemetry.IsOtlpConfigured(builder.Configuration);
        if (otlp)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
                logging.SetResourceBuilder(ResourceBuilder.CreateEmpty().ConfigureCxResource(builder.Configuration, "cx-" + serviceName, Version));
                logging.AddOtlpExporter();
            });
        }

        if (ownedByHost)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.ConfigureCxResource(builder.Configuration, "cx-" + serviceName, Version))
            .WithTracing(t => t.AddCxInstrumentation())
            .WithMetrics(m => m.AddCxInstrumentation());
        if (otlp)
        {
            telemetry.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }
    }

    private static string ReadVersion()
    {
        var informational = typeof(CxServiceApplication).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

        // The SDK appends "+<commit>"; callers want the semantic version.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
