using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Cx.Common.V1;
using Cx.Measurement.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace Cx.Gateway.Tests;

/// <summary>
/// gRPC-Web text mode (base64, grpc-web's default) through the gateway to a real service. Requests
/// are built by hand and answers decoded here, independently of the gateway's own code, as well
/// as made with a text-mode client.
/// </summary>
public sealed class GrpcWebTextTests(GatewayHost host) : IClassFixture<GatewayHost>
{
    private const string Service = "/cx.measurement.v1.MeasurementService/";

    [Fact]
    public async Task HandBuiltCall_ReachesTheService_AnswerIsABase64DataFrameAndAnOkTrailer()
    {
        var key = await host.CreateKeyAsync(NewTenant(), "measurement:admin");
        var request = new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "ces", Kind = MetricKind.Ces, Name = "Effort" } };

        var answer = await CallAsync("CreateMetricDefinition", key, Convert.ToBase64String(Frame(request)));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/grpc-web-text", answer.ContentType);
        var created = MetricDefinition.Parser.ParseFrom(Assert.Single(answer.DataFrames));
        Assert.Equal(("ces", 1, MetricKind.Ces, "Effort"), (created.MetricId, created.Version, created.Kind, created.Name));
        Assert.Equal("0", answer.Trailers["grpc-status"]);
        var stored = await new MeasurementService.MeasurementServiceClient(host.Grpc).GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "ces" }, Key(key));
        Assert.Equal("Effort", stored.Name);
    }

    [Fact]
    public async Task BodyInTwoSeparatelyPaddedChunks_ArrivingInPieces_Decoded_AnswerKeepsTheProtoSuffix()
    {
        var key = await host.CreateKeyAsync(NewTenant(), "measurement:admin");
        var frame = Frame(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "split", Kind = MetricKind.Nps, Name = "Split in two" } });
        var first = Convert.ToBase64String(frame[..7]);
        var second = Convert.ToBase64String(frame[7..]);
        Assert.EndsWith("=", first, StringComparison.Ordinal);

        // The pieces cut through groups of four and through the first chunk's padding.
        var body = first + second;
        var answer = await CallAsync("CreateMetricDefinition", key, [body[..6], body[6..11], body[11..]], "application/grpc-web-text+proto");

        Assert.Equal("application/grpc-web-text+proto", answer.ContentType);
        Assert.Equal("Split in two", MetricDefinition.Parser.ParseFrom(Assert.Single(answer.DataFrames)).Name);
        Assert.Equal("0", answer.Trailers["grpc-status"]);
    }

    [Fact]
    public async Task NoCredential_Unauthenticated_ReadableByATextClient()
    {
        var request = Convert.ToBase64String(Frame(new ListMetricDefinitionsRequest()));

        var answer = await CallAsync("ListMetricDefinitions", key: null, request);
        using var channel = TextChannel();
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await new MeasurementService.MeasurementServiceClient(channel).ListMetricDefinitionsAsync(new ListMetricDefinitionsRequest()));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/grpc-web-text", answer.ContentType);
        Assert.Equal("16", answer.Trailers["grpc-status"]);
        Assert.Contains("credential is required", answer.Trailers["grpc-message"], StringComparison.Ordinal);
        Assert.Empty(answer.DataFrames);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("credential is required", refused.Status.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string> NotBase64 => ["garbage", "bad character after the message", "bad character sent after the message", "truncated", "misplaced padding"];

    [Theory]
    [MemberData(nameof(NotBase64))]
    public async Task NotBase64_InternalError_AndTheServiceRecordsNothing(string how)
    {
        var key = await host.CreateKeyAsync(NewTenant(), "measurement:admin");
        var message = Convert.ToBase64String(Frame(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "bad", Kind = MetricKind.Ces, Name = "Never" } }));
        string[] body = how switch
        {
            "garbage" => ["this is not base64!"],
            "bad character after the message" => [message + "@@@@"],
            "bad character sent after the message" => [message, "@@@@"],
            "truncated" => [message[..^2]],
            _ => [message + "QQ=A"],
        };

        var answer = await CallAsync("CreateMetricDefinition", key, body);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/grpc-web-text", answer.ContentType);
        Assert.Equal("13", answer.Trailers["grpc-status"]);
        Assert.Contains("not valid base64", answer.Trailers["grpc-message"], StringComparison.Ordinal);
        var lookup = await Assert.ThrowsAsync<RpcException>(async () =>
            await new MeasurementService.MeasurementServiceClient(host.Grpc).GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "bad" }, Key(key)));
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task TextClient_UnaryCalls_AndAServerStreamOfManyMessages()
    {
        var key = await host.CreateKeyAsync(NewTenant(), "measurement:admin");
        using var channel = TextChannel();
        var client = new MeasurementService.MeasurementServiceClient(channel);
        var headers = Key(key);

        await client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, headers);
        var read = await client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "nps" }, headers);
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.GetMetricDefinitionAsync(new GetMetricDefinitionRequest { MetricId = "none" }, headers));

        // A request larger than the gateway decodes at once, and an answer of many frames.
        var batch = new RecordResponsesRequest();
        batch.Responses.AddRange(Enumerable.Range(0, 300).Select(i => new Response
        {
            SubmissionId = $"s-{i:D3}",
            Context = new ResponseContext { Channel = "web", JourneyId = "buy", JourneyStepId = "pay", CustomerId = $"customer-{i}" },
            Answers = { new Answer { MetricId = "nps", Score = i % 11 } },
        }));
        var recorded = await client.RecordResponsesAsync(batch, headers);
        var exported = new List<RecordedResponse>();
        using (var export = client.ExportResponses(new ExportResponsesRequest(), headers))
        {
            await foreach (var response in export.ResponseStream.ReadAllAsync())
            {
                exported.Add(response);
            }
        }

        Assert.Equal("NPS", read.Name);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(300, recorded.Recorded);
        Assert.Equal(batch.Responses.Select(r => r.SubmissionId), exported.Select(r => r.Response.SubmissionId));
        Assert.Equal("customer-299", exported[^1].Response.Context.CustomerId);
    }

    private static string NewTenant() => "text-" + Guid.NewGuid().ToString("N")[..8];

    private static Metadata Key(string key) => new() { { "x-api-key", key } };

    /// <summary>A gRPC-Web frame as the protocol lays it out: flag 0, the length (4 bytes, big-endian), the message.</summary>
    private static byte[] Frame(IMessage message)
    {
        var bytes = message.ToByteArray();
        var frame = new byte[5 + bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)bytes.Length);
        bytes.CopyTo(frame, 5);
        return frame;
    }

    private GrpcChannel TextChannel() => GrpcChannel.ForAddress(host.Gateway.HttpUrl, new GrpcChannelOptions
    {
        HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
        HttpVersion = HttpVersion.Version11,
        HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    });

    private Task<TextAnswer> CallAsync(string method, string? key, string body) => CallAsync(method, key, [body]);

    /// <summary>Posts a text-mode call as a browser would, its body sent in the given pieces, and reads the answer.</summary>
    private async Task<TextAnswer> CallAsync(string method, string? key, string[] pieces, string contentType = "application/grpc-web-text")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Service + method) { Content = new PiecesContent(pieces) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Accept.ParseAdd("application/grpc-web-text");
        request.Headers.Add("x-grpc-web", "1");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        using var response = await host.Rest.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var frames = Base64BodyTests.DecodeChunks(body);
        var data = new List<byte[]>();
        var trailers = new Dictionary<string, string>();
        for (var at = 0; at < frames.Length;)
        {
            var flag = frames[at];
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(frames.AsSpan(at + 1));
            var payload = frames[(at + 5)..(at + 5 + length)];
            if ((flag & 0x80) == 0)
            {
                data.Add(payload);
            }
            else
            {
                foreach (var line in Encoding.ASCII.GetString(payload).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    trailers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            at += 5 + length;
        }

        // A trailers-only answer (a refusal) carries its status in the headers, with no body.
        foreach (var name in new[] { "grpc-status", "grpc-message" })
        {
            if (!trailers.ContainsKey(name) && response.Headers.TryGetValues(name, out var values))
            {
                trailers[name] = Uri.UnescapeDataString(values.Single());
            }
        }

        return new TextAnswer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), data, trailers);
    }

    private sealed record TextAnswer(HttpStatusCode Status, string? ContentType, IReadOnlyList<byte[]> DataFrames, IReadOnlyDictionary<string, string> Trailers);

    /// <summary>A request body sent in pieces, each flushed and followed by a pause, so the gateway reads them separately.</summary>
    private sealed class PiecesContent(string[] pieces) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(100);
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(pieces[i]));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = pieces.Sum(p => p.Length);
            return true;
        }
    }
}
