using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace Cx.Testing.Hosting;

/// <summary>What a server answered to hand-built gRPC frames: its status, message and details, and the messages it sent.</summary>
public sealed record RawGrpcAnswer(int Status, string Message, byte[]? StatusDetails, IReadOnlyList<byte[]> Messages);

/// <summary>
/// gRPC as bytes on HTTP/2 (cleartext, prior knowledge): length-prefixed frames a generated client
/// would never send (text that is not UTF-8, a message cut short), so a test sees what the server
/// does with them.
/// </summary>
public static class RawGrpc
{
    /// <summary>One uncompressed message frame: flag 0, the length in 4 big-endian bytes, the payload.</summary>
    public static byte[] Frame(params byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>Sends <paramref name="frames"/> as the request body of <paramref name="method"/> (<c>/package.Service/Method</c>).</summary>
    public static async Task<RawGrpcAnswer> CallAsync(string grpcAddress, string method, IReadOnlyDictionary<string, string> headers, params byte[][] frames)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(frames);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("http://" + grpcAddress + method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frames.SelectMany(f => f).ToArray()),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var messages = new List<byte[]>();
        for (var at = 0; at + 5 <= body.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 1));
            messages.Add(body[(at + 5)..(at + 5 + length)]);
            at += 5 + length;
        }

        // A call that fails before it answers anything ends "trailers-only": the status is in the headers.
        string? Read(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var trailing) ? trailing.First()
            : response.Headers.TryGetValues(name, out var leading) ? leading.First()
            : null;
        var details = Read("grpc-status-details-bin");
        return new RawGrpcAnswer(
            int.Parse(Read("grpc-status") ?? "-1", System.Globalization.CultureInfo.InvariantCulture),
            Uri.UnescapeDataString(Read("grpc-message") ?? string.Empty),
            details is null ? null : Convert.FromBase64String(PadBase64(details)),
            messages);
    }

    private static string PadBase64(string unpadded) => unpadded.PadRight(unpadded.Length + ((4 - (unpadded.Length % 4)) % 4), '=');
}
