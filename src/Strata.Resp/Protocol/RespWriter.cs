using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Strata.Resp.Protocol;

/// <summary>
/// Writes commands as RESP arrays of bulk strings straight into an <see cref="IBufferWriter{T}"/>:
/// no intermediate strings or arrays, UTF-8 encoded in place.
/// </summary>
/// <remarks>Call <see cref="Commit"/> when done; until then the written bytes are not advanced in the output.</remarks>
internal ref struct RespWriter
{
    // "$" + up to 20 digits + CRLF, the largest header a length can need.
    private const int MaxHeaderLength = 24;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _written;

    public RespWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = output.GetSpan(256);
        _written = 0;
    }

    /// <summary>Writes <c>*count\r\n</c>, the header of a command with <paramref name="count"/> parts.</summary>
    public void WriteArrayHeader(int count) => WriteHeader((byte)'*', count);

    /// <summary>Writes one argument as a bulk string.</summary>
    public void WriteBulk(scoped ReadOnlySpan<byte> value)
    {
        WriteHeader((byte)'$', value.Length);
        Ensure(value.Length + 2);
        value.CopyTo(_span[_written..]);
        _written += value.Length;
        WriteCrlf();
    }

    /// <summary>Writes one argument as a UTF-8 bulk string.</summary>
    public void WriteBulk(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteHeader((byte)'$', length);
        Ensure(length + 2);
        _written += Encoding.UTF8.GetBytes(value, _span[_written..]);
        WriteCrlf();
    }

    /// <summary>Writes one argument as the decimal text of <paramref name="value"/>.</summary>
    public void WriteBulk(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        WriteBulk(digits[..length]);
    }

    /// <summary>Writes one argument as the shortest round-trippable text of <paramref name="value"/>.</summary>
    public void WriteBulk(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            WriteBulk("+inf"u8);
            return;
        }

        if (double.IsNegativeInfinity(value))
        {
            WriteBulk("-inf"u8);
            return;
        }

        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var length, "R", System.Globalization.CultureInfo.InvariantCulture);
        WriteBulk(text[..length]);
    }

    /// <summary>Advances the output past everything written so far.</summary>
    public void Commit()
    {
        if (_written > 0)
        {
            _output.Advance(_written);
            _written = 0;
            _span = default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteHeader(byte prefix, long length)
    {
        Ensure(MaxHeaderLength);
        var span = _span[_written..];
        span[0] = prefix;
        Utf8Formatter.TryFormat(length, span[1..], out var digits);
        span[digits + 1] = (byte)'\r';
        span[digits + 2] = (byte)'\n';
        _written += digits + 3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteCrlf()
    {
        _span[_written] = (byte)'\r';
        _span[_written + 1] = (byte)'\n';
        _written += 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_span.Length - _written < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        _output.Advance(_written);
        _written = 0;
        _span = _output.GetSpan(count);
    }
}
