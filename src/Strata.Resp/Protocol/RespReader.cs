using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Strata.Resp.Protocol;

/// <summary>
/// A forward-only reader of RESP2/RESP3 tokens over a <see cref="ReadOnlySequence{T}"/>.
/// </summary>
/// <remarks>
/// <para>One token is one frame header and, for string-like frames, its payload: an aggregate
/// (array, map, set, push) is a header whose children follow as further tokens. Attributes are
/// skipped transparently, as RESP3 allows a client to do.</para>
/// <para>The reader never copies: payloads are reported as positions in the sequence, so skipping
/// a frame of any shape allocates nothing, and a frame may be split anywhere across segments.
/// <see cref="TryReadToken"/> returns <c>false</c> when the buffer ends before the token does;
/// malformed input throws <see cref="RespProtocolException"/> naming the offset and what was wrong.</para>
/// </remarks>
internal ref struct RespReader
{
    // Longest header line (prefix excluded) we accept for numbers: "-9223372036854775808" is 20 bytes.
    private const int MaxNumberLength = 20;

    // Doubles and big numbers are parsed from a short stack copy; Redis emits at most ~24 bytes for a double.
    private const int MaxScalarLineLength = 128;

    private readonly ReadOnlySequence<byte> _sequence;
    private readonly int _maxBulkLength;
    private readonly int _maxAggregateLength;
    private ReadOnlySpan<byte> _current;
    private int _index;
    private long _consumedBeforeCurrent;
    private SequencePosition _nextSegment;
    private SequencePosition _currentStart;

    // Payloads are kept as positions so slicing them never walks the sequence from its start.
    private SequencePosition _payloadStart;
    private int _payloadLength;

    /// <summary>Creates a reader over <paramref name="sequence"/> with the default limits.</summary>
    public RespReader(ReadOnlySequence<byte> sequence)
        : this(sequence, RespLimits.DefaultMaxBulkLength, RespLimits.DefaultMaxAggregateLength)
    {
    }

    /// <summary>Creates a reader with explicit limits on bulk and aggregate lengths.</summary>
    public RespReader(ReadOnlySequence<byte> sequence, int maxBulkLength, int maxAggregateLength)
    {
        _sequence = sequence;
        _maxBulkLength = maxBulkLength;
        _maxAggregateLength = maxAggregateLength;
        _nextSegment = sequence.Start;
        _currentStart = sequence.Start;
        _payloadStart = sequence.Start;
        _current = default;
        _index = 0;
        _consumedBeforeCurrent = 0;
        Type = RespType.None;
        MoveToNextSegment();
    }

    /// <summary>Creates a reader over one contiguous buffer.</summary>
    public RespReader(ReadOnlyMemory<byte> buffer)
        : this(new ReadOnlySequence<byte>(buffer))
    {
    }

    /// <summary>The type of the token last read.</summary>
    public RespType Type { get; private set; }

    /// <summary>
    /// For aggregates, the number of children that follow (a map counts pairs); for bulk strings and
    /// bulk errors the payload length; for integers the value. -1 for a RESP2 null bulk string or array.
    /// </summary>
    public long Length { get; private set; }

    /// <summary>Bytes consumed from the start of the sequence.</summary>
    public readonly long Consumed => _consumedBeforeCurrent + _index;

    /// <summary>Whether the token is a null: RESP3 <c>_</c> or RESP2 <c>$-1</c> / <c>*-1</c>.</summary>
    public readonly bool IsNull => Type == RespType.Null || (Length < 0 && (Type == RespType.BulkString || Type == RespType.Array));

    /// <summary>Whether the token is an error reply (simple or bulk).</summary>
    public readonly bool IsError => Type is RespType.SimpleError or RespType.BulkError;

    /// <summary>Whether the token is an aggregate whose children follow.</summary>
    public readonly bool IsAggregate => Type is RespType.Array or RespType.Map or RespType.Set or RespType.Push;

    /// <summary>The number of tokens that follow an aggregate header: children, or twice the pairs of a map. 0 for a null array.</summary>
    public readonly long ChildTokenCount => !IsAggregate || Length < 0 ? 0 : Type == RespType.Map ? Length * 2 : Length;

    /// <summary>The payload of a string-like token: its text, bytes, error message, number text or verbatim text (after <c>txt:</c>).</summary>
    public readonly ReadOnlySequence<byte> Payload => _sequence.Slice(_payloadStart, _payloadLength);

    /// <summary>The payload length in bytes.</summary>
    public readonly int PayloadLength => _payloadLength;

    /// <summary>The value of an integer token.</summary>
    public readonly long Integer => Type == RespType.Integer ? Length : throw WrongType(RespType.Integer);

    /// <summary>
    /// Reads the next token. Returns <c>false</c> when the buffer ends first (the reader's position is then
    /// unspecified: start again from a known position once more data has arrived).
    /// </summary>
    /// <exception cref="RespProtocolException">The bytes are not valid RESP.</exception>
    public bool TryReadToken()
    {
        while (true)
        {
            if (!TryReadTokenCore())
            {
                return false;
            }

            if (Type != RespType.Attribute)
            {
                return true;
            }

            // Attributes describe the reply that follows; no Strata command needs them, so skip the pairs.
            if (!TrySkipTokens(Length * 2))
            {
                return false;
            }
        }
    }

    /// <summary>Reads the next token of a frame known to be complete.</summary>
    /// <exception cref="RespProtocolException">The bytes are not valid RESP, or the frame ends early.</exception>
    public void ReadToken()
    {
        if (!TryReadToken())
        {
            throw new RespProtocolException($"The reply ended in the middle of a frame at offset {Consumed}.");
        }
    }

    /// <summary>Skips the children of the aggregate just read (nothing for other tokens).</summary>
    public bool TrySkipChildren() => TrySkipTokens(ChildTokenCount);

    /// <summary>Skips the children of an aggregate in a frame known to be complete.</summary>
    public void SkipChildren()
    {
        if (!TrySkipChildren())
        {
            throw new RespProtocolException($"The reply ended in the middle of a frame at offset {Consumed}.");
        }
    }

    /// <summary>Reads and skips one whole frame, children included.</summary>
    public bool TrySkipFrame() => TrySkipTokens(1);

    /// <summary>Skips <paramref name="count"/> frames, each with all its children, without recursion.</summary>
    /// <remarks>
    /// Reads raw tokens: an attribute met on the way adds its pairs to the count instead of recursing, so
    /// hostile input nested thousands deep costs a loop, not the stack.
    /// </remarks>
    public bool TrySkipTokens(long count)
    {
        var remaining = count;
        while (remaining > 0)
        {
            if (!TryReadTokenCore())
            {
                return false;
            }

            // An attribute precedes the value it describes, so it does not count as that value.
            remaining += Type == RespType.Attribute ? Length * 2 : ChildTokenCount - 1;
        }

        return true;
    }

    /// <summary>Whether the payload equals <paramref name="expected"/> byte for byte.</summary>
    public readonly bool PayloadEquals(ReadOnlySpan<byte> expected)
    {
        if (_payloadLength != expected.Length)
        {
            return false;
        }

        var payload = Payload;
        return payload.IsSingleSegment ? payload.FirstSpan.SequenceEqual(expected) : SequenceEqualSlow(payload, expected);
    }

    /// <summary>Whether the payload equals ASCII <paramref name="expected"/>, ignoring ASCII case.</summary>
    public readonly bool PayloadEqualsIgnoreCase(ReadOnlySpan<byte> expected)
    {
        if (_payloadLength != expected.Length)
        {
            return false;
        }

        foreach (var segment in Payload)
        {
            if (!Ascii.EqualsIgnoreCase(segment.Span, expected[..segment.Length]))
            {
                return false;
            }

            expected = expected[segment.Length..];
        }

        return true;
    }

    /// <summary>Decodes the payload as UTF-8. Null tokens give <c>null</c>.</summary>
    public readonly string? ReadString()
    {
        if (IsNull)
        {
            return null;
        }

        var payload = Payload;
        return payload.IsSingleSegment ? Encoding.UTF8.GetString(payload.FirstSpan) : Encoding.UTF8.GetString(payload);
    }

    /// <summary>Copies the payload into a new array. Null tokens give <c>null</c>.</summary>
    public readonly byte[]? ReadBytes() => IsNull ? null : Payload.ToArray();

    /// <summary>Copies the payload into <paramref name="destination"/>, which must be large enough.</summary>
    public readonly void CopyPayloadTo(Span<byte> destination) => Payload.CopyTo(destination);

    /// <summary>Reads the token as a 64-bit integer: an integer token, or a string-like token holding one.</summary>
    public readonly long ReadInt64()
    {
        if (Type == RespType.Integer)
        {
            return Length;
        }

        Span<byte> buffer = stackalloc byte[MaxNumberLength];
        if (_payloadLength > MaxNumberLength || IsAggregate || IsNull)
        {
            throw new RespProtocolException($"Expected an integer reply but got {Describe()}.");
        }

        Payload.CopyTo(buffer);
        if (!Utf8Parser.TryParse(buffer[.._payloadLength], out long value, out var used) || used != _payloadLength)
        {
            throw new RespProtocolException($"Expected an integer reply but got {Describe()}.");
        }

        return value;
    }

    /// <summary>Reads the token as a double: a RESP3 double, or a string-like token holding one (RESP2 replies).</summary>
    public readonly double ReadDouble()
    {
        if (Type == RespType.Integer)
        {
            return Length;
        }

        if (IsAggregate || IsNull || _payloadLength > MaxScalarLineLength)
        {
            throw new RespProtocolException($"Expected a double reply but got {Describe()}.");
        }

        Span<byte> buffer = stackalloc byte[MaxScalarLineLength];
        Payload.CopyTo(buffer);
        return TryParseDouble(buffer[.._payloadLength], out var value)
            ? value
            : throw new RespProtocolException($"Expected a double reply but got {Describe()}.");
    }

    /// <summary>Reads the token as a boolean: a RESP3 boolean, or the integers 0/1 RESP2 uses.</summary>
    public readonly bool ReadBoolean() => Type switch
    {
        RespType.Boolean => Length != 0,
        RespType.Integer => Length != 0,
        _ => throw new RespProtocolException($"Expected a boolean reply but got {Describe()}."),
    };

    /// <summary>A short description of the current token for error messages (never the payload of large values).</summary>
    public readonly string Describe()
    {
        if (IsNull)
        {
            return "null";
        }

        if (IsAggregate)
        {
            return $"{Type} of {Length}";
        }

        if (Type == RespType.Integer || Type == RespType.Boolean)
        {
            return $"{Type} {Length}";
        }

        return _payloadLength <= 64 ? $"{Type} \"{ReadString()}\"" : $"{Type} of {_payloadLength} bytes";
    }

    /// <summary>Parses RESP3's double text: a decimal or exponent number, <c>inf</c>, <c>-inf</c>, or <c>nan</c>.</summary>
    internal static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        if (Ascii.EqualsIgnoreCase(text, "inf"u8) || Ascii.EqualsIgnoreCase(text, "+inf"u8))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(text, "-inf"u8))
        {
            value = double.NegativeInfinity;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(text, "nan"u8) || Ascii.EqualsIgnoreCase(text, "-nan"u8))
        {
            value = double.NaN;
            return true;
        }

        return Utf8Parser.TryParse(text, out value, out var used, 'G') && used == text.Length
            || Utf8Parser.TryParse(text, out value, out used, 'E') && used == text.Length;
    }

    private bool TryReadTokenCore()
    {
        if (!TryReadByte(out var prefix))
        {
            return false;
        }

        var tokenStart = Consumed - 1;
        _payloadLength = 0;
        switch (prefix)
        {
            case (byte)'+':
            case (byte)'-':
                Type = (RespType)prefix;
                Length = 0;
                return TryReadLine(out _payloadStart, out _payloadLength);

            case (byte)':':
                Type = RespType.Integer;
                if (!TryReadNumberLine(tokenStart, out var integer))
                {
                    return false;
                }

                Length = integer;
                return true;

            case (byte)'$':
            case (byte)'!':
            case (byte)'=':
                Type = (RespType)prefix;
                return TryReadBulk(tokenStart);

            case (byte)'*':
            case (byte)'%':
            case (byte)'~':
            case (byte)'>':
            case (byte)'|':
                Type = (RespType)prefix;
                return TryReadAggregateHeader(tokenStart);

            case (byte)'_':
                Type = RespType.Null;
                Length = -1;
                if (!TryReadLine(out _, out var nullLength))
                {
                    return false;
                }

                return nullLength == 0 ? true : throw Malformed(tokenStart, "a null frame must be exactly \"_\\r\\n\"");

            case (byte)'#':
                Type = RespType.Boolean;
                if (!TryReadLine(out _payloadStart, out _payloadLength))
                {
                    return false;
                }

                Length = _payloadLength == 1 ? ReadPayloadByte() switch
                {
                    (byte)'t' => 1,
                    (byte)'f' => 0,
                    _ => throw Malformed(tokenStart, "a boolean must be \"#t\" or \"#f\""),
                }
                : throw Malformed(tokenStart, "a boolean must be \"#t\" or \"#f\"");
                return true;

            case (byte)',':
                Type = RespType.Double;
                return TryReadScalarLine(tokenStart, isDouble: true);

            case (byte)'(':
                Type = RespType.BigNumber;
                return TryReadScalarLine(tokenStart, isDouble: false);

            default:
                throw Malformed(tokenStart, $"unknown frame prefix 0x{prefix:X2}");
        }
    }

    private bool TryReadBulk(long tokenStart)
    {
        if (!TryReadNumberLine(tokenStart, out var length))
        {
            return false;
        }

        if (length == -1 && Type == RespType.BulkString)
        {
            Length = -1;
            return true;
        }

        if (length < 0)
        {
            throw Malformed(tokenStart, $"negative length {length}");
        }

        if (length > _maxBulkLength)
        {
            throw Malformed(tokenStart, $"length {length} exceeds the limit of {_maxBulkLength} bytes");
        }

        Length = length;
        _payloadStart = CurrentPosition;
        _payloadLength = (int)length;

        // Payload plus CRLF must be present before anything is consumed; checking the remaining
        // length first keeps a large, still-arriving bulk string O(1) per attempt.
        if (_sequence.Length - Consumed < length + 2)
        {
            return false;
        }

        Advance(length);
        if (!TryReadByte(out var cr) || !TryReadByte(out var lf))
        {
            return false;
        }

        if (cr != '\r' || lf != '\n')
        {
            throw Malformed(tokenStart, $"a {length}-byte payload is not followed by CRLF");
        }

        if (Type == RespType.VerbatimString)
        {
            // "=15\r\ntxt:Some string\r\n": three letters of format, a colon, then the text.
            if (length < 4 || _sequence.Slice(_payloadStart, 4).Slice(3).FirstSpan[0] != ':')
            {
                throw Malformed(tokenStart, "a verbatim string must start with a 3-byte format and ':'");
            }

            _payloadStart = _sequence.GetPosition(4, _payloadStart);
            _payloadLength -= 4;
        }

        return true;
    }

    private bool TryReadAggregateHeader(long tokenStart)
    {
        if (!TryReadNumberLine(tokenStart, out var count))
        {
            return false;
        }

        if (count == -1 && Type == RespType.Array)
        {
            Length = -1;
            return true;
        }

        if (count < 0)
        {
            throw Malformed(tokenStart, $"negative element count {count}");
        }

        if (count > _maxAggregateLength)
        {
            throw Malformed(tokenStart, $"element count {count} exceeds the limit of {_maxAggregateLength}");
        }

        Length = count;
        return true;
    }

    private bool TryReadScalarLine(long tokenStart, bool isDouble)
    {
        if (!TryReadLine(out _payloadStart, out _payloadLength))
        {
            return false;
        }

        if (_payloadLength == 0 || _payloadLength > MaxScalarLineLength)
        {
            throw Malformed(tokenStart, isDouble ? "a double must be 1 to 128 bytes" : "a big number must be 1 to 128 bytes");
        }

        Span<byte> text = stackalloc byte[MaxScalarLineLength];
        text = text[.._payloadLength];
        Payload.CopyTo(text);
        if (isDouble)
        {
            if (!TryParseDouble(text, out _))
            {
                throw Malformed(tokenStart, "a double is not a number");
            }

            return true;
        }

        var digits = text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            throw Malformed(tokenStart, "a big number must be decimal digits with an optional sign");
        }

        return true;
    }

    // Reads "<digits>\r\n" as a signed 64-bit number, byte by byte so a header split across segments needs no copy.
    private bool TryReadNumberLine(long tokenStart, out long value)
    {
        value = 0;
        ulong magnitude = 0;
        var negative = false;
        var digits = 0;
        var first = true;
        while (true)
        {
            if (!TryReadByte(out var b))
            {
                return false;
            }

            if (b == '\r')
            {
                break;
            }

            if (first && (b == '-' || b == '+'))
            {
                negative = b == '-';
                first = false;
                continue;
            }

            first = false;
            if (b < '0' || b > '9')
            {
                throw Malformed(tokenStart, $"a number contains the byte 0x{b:X2}");
            }

            if (++digits > 19)
            {
                throw Malformed(tokenStart, "a number has more than 19 digits");
            }

            // 19 digits always fit in a ulong; the signed range is checked once the number is complete.
            magnitude = (magnitude * 10) + (ulong)(b - '0');
        }

        if (!TryReadByte(out var lf))
        {
            return false;
        }

        if (lf != '\n')
        {
            throw Malformed(tokenStart, "CR is not followed by LF");
        }

        if (digits == 0)
        {
            throw Malformed(tokenStart, "a number has no digits");
        }

        if (magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            throw Malformed(tokenStart, "a number is outside the 64-bit range");
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    // Reads up to CRLF; the line is reported as a position and length, not copied.
    private bool TryReadLine(out SequencePosition position, out int length)
    {
        var start = Consumed;
        position = CurrentPosition;
        length = 0;
        while (true)
        {
            var rest = _current[_index..];
            var cr = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (cr >= 0)
            {
                if (rest[cr] == '\n')
                {
                    throw Malformed(start - 1, "LF without CR inside a line");
                }

                _index += cr + 1;
                var lineLength = Consumed - 1 - start;
                if (lineLength > _maxBulkLength)
                {
                    throw Malformed(start - 1, $"a line longer than {_maxBulkLength} bytes");
                }

                if (!TryReadByte(out var lf))
                {
                    return false;
                }

                if (lf != '\n')
                {
                    throw Malformed(start - 1, "CR is not followed by LF");
                }

                length = (int)lineLength;
                return true;
            }

            _index = _current.Length;
            if (Consumed - start > _maxBulkLength)
            {
                throw Malformed(start - 1, $"a line longer than {_maxBulkLength} bytes");
            }

            if (!MoveToNextSegment())
            {
                return false;
            }
        }
    }

    private readonly byte ReadPayloadByte() => Payload.FirstSpan[0];

    private readonly SequencePosition CurrentPosition => _sequence.GetPosition(_index, _currentStart);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadByte(out byte value)
    {
        if (_index < _current.Length)
        {
            value = _current[_index++];
            return true;
        }

        return TryReadByteSlow(out value);
    }

    private bool TryReadByteSlow(out byte value)
    {
        if (MoveToNextSegment())
        {
            value = _current[_index++];
            return true;
        }

        value = 0;
        return false;
    }

    // Moves past the current segment to the next non-empty one; false at the end of the sequence.
    private bool MoveToNextSegment()
    {
        if (_index < _current.Length)
        {
            return true;
        }

        while (true)
        {
            _consumedBeforeCurrent += _current.Length;
            var segmentStart = _nextSegment;
            if (!_sequence.TryGet(ref _nextSegment, out var memory))
            {
                // Stay at the end of the last segment so positions taken now are still valid.
                _index = _current.Length;
                _consumedBeforeCurrent -= _current.Length;
                return false;
            }

            _currentStart = segmentStart;
            _current = memory.Span;
            _index = 0;
            if (!_current.IsEmpty)
            {
                return true;
            }
        }
    }

    private void Advance(long count)
    {
        while (count > 0)
        {
            var available = _current.Length - _index;
            if (count <= available)
            {
                _index += (int)count;
                return;
            }

            count -= available;
            _index = _current.Length;
            if (!MoveToNextSegment())
            {
                throw new RespProtocolException("Advanced past the end of the buffer.");
            }
        }
    }

    private readonly RespProtocolException WrongType(RespType expected) =>
        new($"Expected {expected} but the token is {Describe()}.");

    private static RespProtocolException Malformed(long offset, string what) =>
        new($"Malformed RESP at offset {offset}: {what}.");

    private static bool SequenceEqualSlow(ReadOnlySequence<byte> payload, ReadOnlySpan<byte> expected)
    {
        foreach (var segment in payload)
        {
            if (!segment.Span.SequenceEqual(expected[..segment.Length]))
            {
                return false;
            }

            expected = expected[segment.Length..];
        }

        return true;
    }
}
