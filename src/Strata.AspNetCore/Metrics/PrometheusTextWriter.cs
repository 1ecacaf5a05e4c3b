using System.Buffers;
using System.Globalization;

namespace Strata.AspNetCore.Metrics;

/// <summary>
/// Writes UTF-8 straight into an <see cref="IBufferWriter{T}"/> (the response's pipe), asking it for a fresh span
/// only when the current one is full; numbers are formatted in place, so a sample line allocates nothing.
/// Call <see cref="Commit"/> before the output is flushed.
/// </summary>
internal ref struct PrometheusTextWriter
{
    private const int ChunkSize = 4096;
    private const int MaxNumberLength = 32;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _position;

    public PrometheusTextWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = default;
        _position = 0;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _span.Length - _position)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_span[_position..]);
        _position += bytes.Length;
    }

    public void Write(byte value)
    {
        if (_position == _span.Length)
        {
            Grow(1);
        }

        _span[_position++] = value;
    }

    public void Write(long value)
    {
        if (MaxNumberLength > _span.Length - _position)
        {
            Grow(MaxNumberLength);
        }

        value.TryFormat(_span[_position..], out var written, default, CultureInfo.InvariantCulture);
        _position += written;
    }

    /// <summary>Shortest round-trip form in invariant culture, like Go's; infinities and NaN spelled as Prometheus does.</summary>
    public void Write(double value)
    {
        if (double.IsNaN(value))
        {
            Write("NaN"u8);
        }
        else if (double.IsPositiveInfinity(value))
        {
            Write("+Inf"u8);
        }
        else if (double.IsNegativeInfinity(value))
        {
            Write("-Inf"u8);
        }
        else
        {
            if (MaxNumberLength > _span.Length - _position)
            {
                Grow(MaxNumberLength);
            }

            value.TryFormat(_span[_position..], out var written, "R", CultureInfo.InvariantCulture);
            // 1e-05 rather than .NET's 1E-05: what Go (Prometheus and its client libraries) writes.
            _span.Slice(_position, written).Replace((byte)'E', (byte)'e');
            _position += written;
        }
    }

    /// <summary>
    /// <c>name{labels[,extra]} </c>: the name, the series' pre-encoded labels and an optional extra label
    /// (<c>le="…"</c>), then the space before the value.
    /// </summary>
    public void WriteSeriesStart(ReadOnlySpan<byte> name, ReadOnlySpan<byte> labels, ReadOnlySpan<byte> extraLabel = default)
    {
        Write(name);
        if (!labels.IsEmpty || !extraLabel.IsEmpty)
        {
            Write((byte)'{');
            Write(labels);
            if (!extraLabel.IsEmpty)
            {
                if (!labels.IsEmpty)
                {
                    Write((byte)',');
                }

                Write(extraLabel);
            }

            Write((byte)'}');
        }

        Write((byte)' ');
    }

    /// <summary>Hands what was written to the output.</summary>
    public void Commit()
    {
        if (_position > 0)
        {
            _output.Advance(_position);
        }

        _span = default;
        _position = 0;
    }

    private void Grow(int needed)
    {
        Commit();
        _span = _output.GetSpan(Math.Max(needed, ChunkSize));
    }
}
