using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// The response body while an endpoint runs for the cache: everything is buffered (pooled memory) so the response can
/// be stored, replaced by a stale copy (stale-if-error) or sent as it was. Past the size limit the buffered bytes and
/// the rest stream through to the client (the response is then not stored); on a synthetic revalidation request,
/// with no client, they are dropped. Flushes and <c>StartAsync</c> do not start the real response while buffering.
/// </summary>
internal sealed class ResponseCaptureStream : Stream, IHttpResponseBodyFeature
{
    private const int InitialSize = 4096;

    private readonly IHttpResponseBodyFeature? _inner;
    private readonly HttpContext _context;
    private readonly long _limit;
    private byte[]? _buffer;
    private int _length;
    private PipeWriter? _writer;

    /// <param name="inner">The real body, or null on a synthetic request.</param>
    /// <param name="context">The request (for the synchronous-IO setting and the pass-through <c>X-Cache</c>).</param>
    /// <param name="limit">The largest body buffered.</param>
    public ResponseCaptureStream(IHttpResponseBodyFeature? inner, HttpContext context, long limit)
    {
        _inner = inner;
        _context = context;
        _limit = limit;
    }

    /// <summary>The body outgrew the limit and went (or, synthetic, was dropped) without being buffered.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The body outgrew the limit and is streaming to the client: the response has started.</summary>
    public bool PassedThrough { get; private set; }

    /// <summary>The buffered body.</summary>
    public ReadOnlyMemory<byte> Written => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, _length);

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void DisableBuffering()
    {
        // Buffering is the point; a streaming endpoint should not be cached.
    }

    public Task StartAsync(CancellationToken cancellationToken = default) =>
        PassedThrough ? _inner!.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    /// <summary>Flushes what the endpoint's <see cref="Writer"/> still holds (the endpoint has finished).</summary>
    public async Task CompleteAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
        if (PassedThrough)
        {
            _inner!.Stream.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        PassedThrough ? _inner!.Stream.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // The real body refuses synchronous writes unless allowed; buffering must not hide that from the endpoint.
        if (_context.Features.Get<IHttpBodyControlFeature>() is { AllowSynchronousIO: false })
        {
            throw new InvalidOperationException("Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.");
        }

        if (PassedThrough)
        {
            _inner!.Stream.Write(buffer);
            return;
        }

        if (TryAppend(buffer))
        {
            return;
        }

        BeginPassThrough();
        _inner!.Stream.Write(Written.Span);
        Release();
        _inner.Stream.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (PassedThrough)
        {
            return _inner!.Stream.WriteAsync(buffer, cancellationToken);
        }

        return TryAppend(buffer.Span) ? default : PassThroughAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    private async ValueTask PassThroughAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        BeginPassThrough();
        if (_length > 0)
        {
            await _inner!.Stream.WriteAsync(Written, cancellationToken).ConfigureAwait(false);
        }

        Release();
        await _inner!.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    private void BeginPassThrough()
    {
        Overflowed = true;
        PassedThrough = true;
        _context.Response.Headers[ResponseCacheHeaders.XCache] = ResponseCacheHeaders.Bypass;
    }

    /// <summary>Buffers <paramref name="data"/>; false when it would pass the limit and there is a client to stream to.</summary>
    private bool TryAppend(ReadOnlySpan<byte> data)
    {
        if (Overflowed)
        {
            return true;
        }

        var needed = (long)_length + data.Length;
        if (needed > _limit)
        {
            if (_inner is not null)
            {
                return false;
            }

            Overflowed = true;
            Release();
            return true;
        }

        if (_buffer is null || needed > _buffer.Length)
        {
            Grow((int)needed);
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
        return true;
    }

    private void Grow(int needed)
    {
        var size = (int)Math.Min(_limit, Math.Max(needed, _buffer is null ? InitialSize : (long)_buffer.Length * 2));
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(size, needed));
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).CopyTo(next);
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }

    private void Release()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _length = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
