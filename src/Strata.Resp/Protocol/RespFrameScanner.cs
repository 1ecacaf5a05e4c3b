using System.Buffers;

namespace Strata.Resp.Protocol;

/// <summary>
/// Finds where each complete top-level frame ends in a stream of bytes that arrives in pieces.
/// </summary>
/// <remarks>
/// The scanner remembers how far it got inside an incomplete frame (the offset of the last whole token
/// and how many tokens the frame still needs), so a large reply arriving over many reads is scanned
/// once, not again from its start on every read.
/// </remarks>
internal struct RespFrameScanner
{
    private readonly int _maxBulkLength;
    private readonly int _maxAggregateLength;
    private long _scanned;
    private long _remaining;

    public RespFrameScanner(int maxBulkLength, int maxAggregateLength)
    {
        _maxBulkLength = maxBulkLength;
        _maxAggregateLength = maxAggregateLength;
    }

    /// <summary>
    /// Looks for the end of the frame that starts at the beginning of <paramref name="buffer"/>.
    /// Call again with the same start (and more bytes) after <c>false</c>; after <c>true</c>, the
    /// next call starts a new frame at the beginning of the buffer it is given.
    /// </summary>
    /// <exception cref="RespProtocolException">The bytes are not valid RESP.</exception>
    public bool TryFindFrame(in ReadOnlySequence<byte> buffer, out long frameLength)
    {
        if (_remaining == 0)
        {
            _scanned = 0;
            _remaining = 1;
        }

        var reader = new RespReader(buffer.Slice(_scanned), _maxBulkLength, _maxAggregateLength);
        long boundary = 0;
        while (_remaining > 0)
        {
            if (!reader.TryReadToken())
            {
                _scanned += boundary;
                frameLength = 0;
                return false;
            }

            boundary = reader.Consumed;
            _remaining += reader.ChildTokenCount - 1;
        }

        frameLength = _scanned + boundary;
        _scanned = 0;
        return true;
    }

    /// <summary>Forgets a partly scanned frame (after the connection it belonged to is gone).</summary>
    public void Reset()
    {
        _scanned = 0;
        _remaining = 0;
    }
}
