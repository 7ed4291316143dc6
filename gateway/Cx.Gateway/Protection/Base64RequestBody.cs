using System.Buffers;
using System.Buffers.Text;

namespace Cx.Gateway.Protection;

/// <summary>
/// A gRPC-Web text request body, read as the binary bytes it encodes. The caller's base64 is
/// decoded in groups of four characters as it arrives: a caller may send several chunks, each
/// padded on its own and simply concatenated, so padding ends a chunk and decoding starts afresh
/// after it. At most one read of the caller's body is held at a time.
/// </summary>
/// <remarks>
/// Everything a read brings in is checked against the base64 alphabet before any of it is decoded,
/// and a body that is not base64 (a foreign character, padding inside a group, a body that ends in
/// the middle of a group) fails the read with <see cref="InvalidDataException"/> and sets
/// <see cref="Problem"/>; whoever copies the body (the proxy) then abandons the call.
/// </remarks>
internal sealed class Base64RequestBody : Stream
{
    /// <summary>The most base64 characters held at once (a multiple of four).</summary>
    internal const int MaxBufferedCharacters = 16 * 1024;

    private static readonly SearchValues<byte> Base64Characters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="u8);

    private readonly Stream _encoded;
    private readonly byte[] _text;
    private readonly byte[] _spill = new byte[3];
    private int _textStart;
    private int _textEnd;
    private int _spillStart;
    private int _spillEnd;
    private bool _encodedEnded;

    /// <param name="encoded">The caller's body, as sent.</param>
    /// <param name="encodedLength">The caller's body length when known (Content-Length), to hold no more than it needs.</param>
    public Base64RequestBody(Stream encoded, long? encodedLength = null)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        _encoded = encoded;
        var capacity = encodedLength is > 0 and < MaxBufferedCharacters ? (int)(encodedLength.Value + 3) / 4 * 4 : MaxBufferedCharacters;
        _text = new byte[capacity];
    }

    /// <summary>Why the body is not valid gRPC-Web text, once a read has found out; otherwise null.</summary>
    public string? Problem { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Whether a read can return bytes without reading the caller's body. A read into no room (a
    /// zero-byte read, which a proxy makes to wait for data before taking a buffer) returns once this holds.
    /// </summary>
    private bool CanDecode => _spillStart < _spillEnd || _textEnd - _textStart >= 4;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfFailed();
        while (true)
        {
            var decoded = DecodeBuffered(buffer.Span);
            if (decoded > 0 || _encodedEnded || (buffer.IsEmpty && CanDecode))
            {
                return decoded;
            }

            PrepareToRead();
            Accept(await _encoded.ReadAsync(_text.AsMemory(_textEnd), cancellationToken).ConfigureAwait(false));
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        ThrowIfFailed();
        while (true)
        {
            var decoded = DecodeBuffered(buffer);
            if (decoded > 0 || _encodedEnded || (buffer.IsEmpty && CanDecode))
            {
                return decoded;
            }

            PrepareToRead();
            Accept(_encoded.Read(_text.AsSpan(_textEnd)));
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Decodes what is already buffered into <paramref name="destination"/>; 0 when a read of the caller's body is needed (or it has ended).</summary>
    private int DecodeBuffered(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (_spillStart < _spillEnd)
        {
            var fromSpill = Math.Min(destination.Length, _spillEnd - _spillStart);
            _spill.AsSpan(_spillStart, fromSpill).CopyTo(destination);
            _spillStart += fromSpill;
            return fromSpill;
        }

        var groups = (_textEnd - _textStart) / 4;
        if (groups == 0)
        {
            if (_encodedEnded && _textEnd > _textStart)
            {
                Fail("it ends inside a group of four characters");
            }

            return 0;
        }

        var text = _text.AsSpan(_textStart, groups * 4);

        // A padded group ends its chunk: decode up to it, the next chunk is decoded on its own.
        var padding = text.IndexOf((byte)'=');
        if (padding >= 0)
        {
            text = text[..(((padding / 4) + 1) * 4)];
        }

        if (destination.Length < 3)
        {
            // Too little room for a whole group's bytes: decode one group aside and hand out what fits.
            _spillEnd = Decode(text[..4], _spill);
            _spillStart = 0;
            return DecodeBuffered(destination);
        }

        var fitting = Math.Min(text.Length / 4, destination.Length / 3) * 4;
        return Decode(text[..fitting], destination);
    }

    /// <summary>Decodes whole groups (only the last of which may be padded) and consumes them.</summary>
    private int Decode(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        var status = Base64.DecodeFromUtf8(text, destination, out var consumed, out var written, isFinalBlock: true);
        if (status != OperationStatus.Done || consumed != text.Length)
        {
            Fail("padding is misplaced");
        }

        _textStart += consumed;
        return written;
    }

    /// <summary>Moves the unread part of an incomplete group (at most three characters) to the start of the buffer.</summary>
    private void PrepareToRead()
    {
        var left = _textEnd - _textStart;
        _text.AsSpan(_textStart, left).CopyTo(_text);
        _textStart = 0;
        _textEnd = left;
    }

    private void Accept(int read)
    {
        if (read == 0)
        {
            _encodedEnded = true;
            return;
        }

        if (_text.AsSpan(_textEnd, read).ContainsAnyExcept(Base64Characters))
        {
            Fail("it holds a character outside the base64 alphabet");
        }

        _textEnd += read;
    }

    private void ThrowIfFailed()
    {
        if (Problem is not null)
        {
            throw new InvalidDataException(Problem);
        }
    }

    private void Fail(string why)
    {
        Problem ??= "The gRPC-Web text request body is not valid base64: " + why + ".";
        throw new InvalidDataException(Problem);
    }
}
