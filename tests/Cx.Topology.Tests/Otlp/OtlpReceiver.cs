using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Cx.Topology.Tests.Otlp;

/// <summary>A span as a service exported it, with the name of the service (its resource's service.name).</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, Span.Types.SpanKind Kind, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>How each attribute was typed on the wire (conventions require some to be integers).</summary>
    public IReadOnlyDictionary<string, AnyValue.ValueOneofCase> Types { get; init; } = new Dictionary<string, AnyValue.ValueOneofCase>();
}

/// <summary>
/// An OTLP/HTTP collector of the test's own (protobuf, <c>POST /v1/traces</c>): the services'
/// exporters send it what they record, as they would to a real collector, and the test reads the
/// spans back. Metrics and logs are accepted and dropped.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The value for OTEL_EXPORTER_OTLP_ENDPOINT (the exporters add /v1/traces themselves).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", receiver.ReceiveTracesAsync);
        app.MapPost("/v1/metrics", Accept);
        app.MapPost("/v1/logs", Accept);
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Urls.Single());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult Accept() => Results.Bytes([], "application/x-protobuf");

    private async Task<IResult> ReceiveTracesAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        var source = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        await using (source)
        {
            await source.CopyToAsync(body);
        }

        var export = ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray());
        foreach (var resource in export.ResourceSpans)
        {
            var service = resource.Resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? string.Empty;
            foreach (var span in resource.ScopeSpans.SelectMany(s => s.Spans))
            {
                _spans.Enqueue(new ReceivedSpan(
                    service,
                    Hex(span.TraceId),
                    Hex(span.SpanId),
                    Hex(span.ParentSpanId),
                    span.Name,
                    span.Kind,
                    span.Attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => Text(g.Last().Value)))
                {
                    Types = span.Attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value?.ValueCase ?? AnyValue.ValueOneofCase.None),
                });
            }
        }

        return Accept();
    }

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
