using System.Collections.Concurrent;
using System.Diagnostics;
using Cx.ServiceDefaults.Hosting;
using Cx.Testing.Hosting;
using Cx.Testing.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Cx.ServiceDefaults.Tests.Support;

/// <summary>The probe service on real Kestrel ports chosen by the system, as a real client sees it.</summary>
public sealed class ProbeHost : IAsyncLifetime
{
    public const int MaxReceiveMessageBytes = 64 * 1024;

    private WebApplication? _app;

    public SwitchableDependency Dependency { get; } = new();

    public CallGate Gate { get; } = new();

    public Microsoft.AspNetCore.Builder.WebApplication App => _app!;

    public RecordingLoggerProvider Logs { get; } = new();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public BoundEndpoints Endpoints => _app!.Services.GetRequiredService<BoundEndpoints>();

    public GrpcChannel Channel { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ProbeService.ProbeServiceClient Probe => new(Channel);

    /// <summary>A call for <paramref name="tenant"/> as the gateway forwards one.</summary>
    public static Metadata Tenant(string tenant = "acme") => TestIdentity.For("probe", tenant);

    public async Task InitializeAsync()
    {
        _app = CxServiceApplication.Create(new ProbeModule(Dependency, Gate), new CxServiceHostingOptions
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Cx:BindAddress"] = "127.0.0.1",
                ["Cx:Ports:Grpc"] = "0",
                ["Cx:Ports:Http"] = "0",
                ["Cx:Identity:KeyDirectory"] = TestIdentity.KeyDirectory,

                // Measurement plays a peer that calls the probe (PeerClientTests).
                ["Cx:Identity:TrustedIssuers"] = "gateway,measurement",
                ["Cx:Grpc:MaxReceiveMessageBytes"] = MaxReceiveMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            ConfigureServices = services =>
            {
                services.AddSingleton<ILoggerProvider>(Logs);
                services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new SimpleActivityExportProcessor(new SpanCollector(Spans))));
            },
        });
        await _app.StartAsync();
        Channel = GrpcChannel.ForAddress("http://" + Endpoints.GrpcAddress);
        Http = new HttpClient { BaseAddress = Endpoints.HttpUrl };
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class SpanCollector(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                spans.Enqueue(activity);
            }

            return ExportResult.Success;
        }
    }
}
