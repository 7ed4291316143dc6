using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Cx.Gateway.Protection;
using Microsoft.AspNetCore.Http.Features;

namespace Cx.Gateway.Tests;

/// <summary>
/// The gRPC-Web text bodies on their own: how a base64 request body is read (in any pieces, with
/// padded chunks concatenated) and how a response body is written as base64.
/// </summary>
public sealed class Base64BodyTests
{
    private static readonly byte[] Payload = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();

    public static TheoryData<int, int> Pieces => new()
    {
        { 1, 1 },
        { 1, 64 * 1024 },
        { 3, 2 },
        { 5, 7 },
        { 4096, 1 },
        { 64 * 1024, 64 * 1024 },
    };

    [Theory]
    [MemberData(nameof(Pieces))]
    public async Task Request_PaddedChunksConcatenated_DecodedWhateverTheReadSizes(int callerPiece, int readSize)
    {
        // Chunk lengths that leave 1 or 2 bytes over a group of three: padding ends each chunk mid-body.
        var text = string.Concat(Chunks(Payload, 5, 7, 1, 300, 2, 3).Select(Convert.ToBase64String));
        Assert.Contains("=", text[..^4], StringComparison.Ordinal);
        using var body = new Base64RequestBody(new TrickleStream(Encoding.ASCII.GetBytes(text), callerPiece));

        var read = await ReadAllAsync(body, readSize);

        Assert.Equal(Payload, read);
    }

    [Fact]
    public void Request_ReadSynchronously_SameBytes()
    {
        var text = Convert.ToBase64String(Payload[..10]) + Convert.ToBase64String(Payload[10..]);
        using var body = new Base64RequestBody(new TrickleStream(Encoding.ASCII.GetBytes(text), 3));
        var read = new List<byte>();
        var buffer = new byte[2];
        int n;
        while ((n = body.Read(buffer)) > 0)
        {
            read.AddRange(buffer[..n]);
        }

        Assert.Equal(Payload, read);
    }

    [Fact]
    public async Task Request_ZeroByteRead_WaitsForData_ThenReadsNormally()
    {
        using var body = new Base64RequestBody(new TrickleStream(Encoding.ASCII.GetBytes(Convert.ToBase64String(Payload)), 2));

        Assert.Equal(0, await body.ReadAsync(Memory<byte>.Empty));

        Assert.Equal(Payload, await ReadAllAsync(body, 100));
    }

    [Fact]
    public async Task Request_Empty_ReadsNothing()
    {
        using var body = new Base64RequestBody(new MemoryStream());

        Assert.Empty(await ReadAllAsync(body, 16));
        Assert.Null(body.Problem);
    }

    [Theory]
    [InlineData("AAAAAAEK!!!!", "outside the base64 alphabet")]
    [InlineData("AAAA AAE=", "outside the base64 alphabet")]
    [InlineData("AAAAAAEKAw", "ends inside a group")]
    [InlineData("AAAAAAEKA=A=", "padding is misplaced")]
    [InlineData("AAAAAAEKA===", "padding is misplaced")]
    [InlineData("====", "padding is misplaced")]
    public async Task Request_NotBase64_ReadFails_NamingWhy(string text, string why)
    {
        using var body = new Base64RequestBody(new MemoryStream(Encoding.ASCII.GetBytes(text)));

        var failed = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(body, 64));

        Assert.Contains(why, failed.Message, StringComparison.Ordinal);
        Assert.Equal(failed.Message, body.Problem);
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(body, 8));
    }

    [Fact]
    public async Task Request_BadCharacterAfterGoodGroupsInTheSameRead_NothingDecoded()
    {
        var text = Convert.ToBase64String(Payload[..30]) + "@@@@";
        using var body = new Base64RequestBody(new MemoryStream(Encoding.ASCII.GetBytes(text)));

        var decoded = 0;

        await Assert.ThrowsAsync<InvalidDataException>(async () => decoded += await body.ReadAsync(new byte[100]));

        Assert.Equal(0, decoded);
    }

    [Fact]
    public async Task Request_Cancelled_ReadStops()
    {
        var pipe = new Pipe();
        using var body = new Base64RequestBody(pipe.Reader.AsStream());
        using var cancel = new CancellationTokenSource();

        var read = body.ReadAsync(new byte[16], cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read);
    }

    [Fact]
    public async Task Response_EachFlushEndsAPaddedChunk_TheWholeDecodesBack()
    {
        var sent = new Pipe();
        var body = new Base64ResponseBody(new PipeBody(sent.Writer), () => true);

        // As a proxy copies: a write (then flush) per piece it reads, in sizes that do not divide by three.
        foreach (var piece in Chunks(Payload, 5, 1, 100, 2, 892))
        {
            await body.Stream.WriteAsync(piece);
        }

        await body.Writer.CompleteAsync();
        var text = Encoding.ASCII.GetString(await ReadAllAsync(sent.Reader.AsStream(), 4096));

        Assert.Equal(0, text.Length % 4);
        Assert.Equal(Payload, DecodeChunks(text));
        Assert.Equal(Convert.ToBase64String(Payload[..5]), text[..8]);
    }

    [Fact]
    public async Task Response_BytesHeldBetweenWrites_GoOutAtTheFlush()
    {
        var sent = new Pipe();
        var body = new Base64ResponseBody(new PipeBody(sent.Writer), () => true);

        body.Writer.Write(Payload.AsSpan(0, 4));
        body.Writer.Write(Payload.AsSpan(4, 4));
        await body.FinishAsync(CancellationToken.None);
        await sent.Writer.CompleteAsync();

        Assert.Equal(Convert.ToBase64String(Payload[..8]), Encoding.ASCII.GetString(await ReadAllAsync(sent.Reader.AsStream(), 64)));
    }

    [Fact]
    public async Task Response_NotGrpc_PassedOnAsItIs()
    {
        var sent = new Pipe();
        var body = new Base64ResponseBody(new PipeBody(sent.Writer), () => false);

        await body.Stream.WriteAsync("{\"error\":1}"u8.ToArray());
        await body.Writer.CompleteAsync();

        Assert.Equal("{\"error\":1}", Encoding.ASCII.GetString(await ReadAllAsync(sent.Reader.AsStream(), 64)));
    }

    /// <summary>Decodes base64 made of padded chunks, independently of the gateway: each chunk ends at its padding.</summary>
    internal static byte[] DecodeChunks(string text)
    {
        var bytes = new List<byte>();
        var start = 0;
        for (var group = 0; group < text.Length; group += 4)
        {
            if (text[group + 3] == '=' || group + 4 == text.Length)
            {
                bytes.AddRange(Convert.FromBase64String(text[start..(group + 4)]));
                start = group + 4;
            }
        }

        return [.. bytes];
    }

    private static IEnumerable<byte[]> Chunks(byte[] bytes, params int[] lengths)
    {
        var at = 0;
        foreach (var length in lengths)
        {
            yield return bytes[at..(at + length)];
            at += length;
        }

        if (at < bytes.Length)
        {
            yield return bytes[at..];
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int readSize)
    {
        var all = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            all.Write(buffer, 0, n);
        }

        return all.ToArray();
    }

    /// <summary>A caller's body arriving a few bytes at a time.</summary>
    private sealed class TrickleStream(byte[] bytes, int piece) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _at;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(piece, buffer.Length), bytes.Length - _at);
            bytes.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A response body feature over a pipe the test reads.</summary>
    private sealed class PipeBody(PipeWriter writer) : IHttpResponseBodyFeature
    {
        public Stream Stream => writer.AsStream();

        public PipeWriter Writer => writer;

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task CompleteAsync() => writer.CompleteAsync().AsTask();
    }
}
