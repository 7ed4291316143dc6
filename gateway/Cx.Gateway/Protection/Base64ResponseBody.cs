using System.Buffers.Text;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Cx.Gateway.Protection;

/// <summary>
/// The response body of a gRPC-Web text call: the binary gRPC-Web written to it (data frames, then
/// the trailer frame) reaches the caller as base64. Bytes are encoded in groups of three as they are
/// written; a flush pads and sends the one or two bytes left over, so every flush ends a padded
/// chunk, as the protocol allows ("chunks with potential padding whenever the runtime needs to
/// flush"). Nothing is held beyond those two bytes.
/// </summary>
/// <remarks>
/// Whether to encode is settled at the first write: a body that is not gRPC (a proxy error page,
/// say) is passed on as it is, so it stays readable under its own content type.
/// </remarks>
internal sealed class Base64ResponseBody : IHttpResponseBodyFeature
{
    private readonly IHttpResponseBodyFeature _inner;
    private readonly Base64Writer _writer;
    private Stream? _stream;

    /// <param name="inner">The body feature the caller's response is written to.</param>
    /// <param name="isGrpc">Asked once, at the first write: is the response gRPC (and so to be encoded)?</param>
    public Base64ResponseBody(IHttpResponseBodyFeature inner, Func<bool> isGrpc)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _writer = new Base64Writer(inner.Writer, isGrpc);
    }

    public Stream Stream => _stream ??= _writer.AsStream(leaveOpen: true);

    public PipeWriter Writer => _writer;

    public void DisableBuffering() => _inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => _inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(Stream, path, offset, count, cancellationToken);

    public Task CompleteAsync()
    {
        _writer.WriteHeldBytes();
        return _inner.CompleteAsync();
    }

    /// <summary>Sends any byte still held back (a write without a flush); nothing to do otherwise.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_writer.HoldsBytes)
        {
            await _writer.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Encodes what is written to it into the writer it wraps.</summary>
    private sealed class Base64Writer(PipeWriter inner, Func<bool> isGrpc) : PipeWriter
    {
        private const int MinimumBufferSize = 4096;

        // Raw bytes being written: up to two held back from the last Advance, then the caller's.
        private byte[] _raw = [];
        private int _held;
        private bool? _encodes;

        public bool HoldsBytes => _held > 0;

        private bool Encodes => _encodes ??= isGrpc();

        public override Memory<byte> GetMemory(int sizeHint = 0)
        {
            if (!Encodes)
            {
                return inner.GetMemory(sizeHint);
            }

            var needed = _held + Math.Max(sizeHint, 1);
            if (_raw.Length < needed)
            {
                var larger = new byte[Math.Max(needed, MinimumBufferSize)];
                _raw.AsSpan(0, _held).CopyTo(larger);
                _raw = larger;
            }

            return _raw.AsMemory(_held);
        }

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (!Encodes)
            {
                inner.Advance(bytes);
                return;
            }

            ArgumentOutOfRangeException.ThrowIfNegative(bytes);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, _raw.Length - _held);
            var written = _held + bytes;
            var whole = written - (written % 3);
            Encode(_raw.AsSpan(0, whole));
            _raw.AsSpan(whole, written - whole).CopyTo(_raw);
            _held = written - whole;
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            WriteHeldBytes();
            return inner.FlushAsync(cancellationToken);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            if (exception is null)
            {
                WriteHeldBytes();
            }

            inner.Complete(exception);
        }

        public override ValueTask CompleteAsync(Exception? exception = null)
        {
            if (exception is null)
            {
                WriteHeldBytes();
            }

            return inner.CompleteAsync(exception);
        }

        /// <summary>Ends the current chunk: the bytes held back go out, padded.</summary>
        public void WriteHeldBytes()
        {
            if (_held > 0)
            {
                Encode(_raw.AsSpan(0, _held));
                _held = 0;
            }
        }

        /// <summary>Encodes into the inner writer, in pieces its buffers take; only a last piece shorter than three bytes is padded.</summary>
        private void Encode(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                var target = inner.GetSpan(4);
                var piece = Math.Min(bytes.Length, target.Length / 4 * 3);
                Base64.EncodeToUtf8(bytes[..piece], target, out _, out var encoded);
                inner.Advance(encoded);
                bytes = bytes[piece..];
            }
        }
    }
}
