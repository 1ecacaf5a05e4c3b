using System.Text;
using Strata.Resp.Protocol;

namespace Strata.Resp;

/// <summary>
/// One argument of a command: text, bytes, an integer or a double, converted implicitly so
/// <c>ExecuteAsync("HSET", "key", "field", 42)</c> reads naturally. Written as a RESP bulk string.
/// </summary>
public readonly struct RespArgument : IEquatable<RespArgument>
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _integer;
    private readonly double _double;
    private readonly Kind _kind;

    private RespArgument(string? text, ReadOnlyMemory<byte> bytes, long integer, double @double, Kind kind)
    {
        _text = text;
        _bytes = bytes;
        _integer = integer;
        _double = @double;
        _kind = kind;
    }

    private enum Kind : byte
    {
        Bytes,
        Text,
        Integer,
        Double,
    }

    /// <summary>The hash slot of a text or bytes argument taken as a key (cluster routing of <c>ExecuteAsync</c>).</summary>
    internal bool TryGetSlot(out int slot)
    {
        slot = _kind switch
        {
            Kind.Text => Cluster.HashSlot.Of(_text!),
            Kind.Bytes => Cluster.HashSlot.Of(_bytes.Span),
            _ => -1,
        };
        return slot >= 0;
    }

    /// <summary>The argument's length as sent, in bytes.</summary>
    public int ByteCount => _kind switch
    {
        Kind.Text => Encoding.UTF8.GetByteCount(_text!),
        Kind.Bytes => _bytes.Length,
        _ => 32,
    };

    /// <summary>A text argument, sent as UTF-8.</summary>
    public static implicit operator RespArgument(string value) =>
        new(value ?? throw new ArgumentNullException(nameof(value), "A command argument cannot be null."), default, 0, 0, Kind.Text);

    /// <summary>A binary argument.</summary>
    public static implicit operator RespArgument(byte[] value) =>
        new(null, value ?? throw new ArgumentNullException(nameof(value), "A command argument cannot be null."), 0, 0, Kind.Bytes);

    /// <summary>A binary argument.</summary>
    public static implicit operator RespArgument(ReadOnlyMemory<byte> value) => new(null, value, 0, 0, Kind.Bytes);

    /// <summary>An integer argument, sent as its decimal text.</summary>
    public static implicit operator RespArgument(long value) => new(null, default, value, 0, Kind.Integer);

    /// <summary>An integer argument, sent as its decimal text.</summary>
    public static implicit operator RespArgument(int value) => new(null, default, value, 0, Kind.Integer);

    /// <summary>A double argument, sent as its shortest round-trip text (<c>+inf</c>/<c>-inf</c> for infinities).</summary>
    public static implicit operator RespArgument(double value) => new(null, default, 0, value, Kind.Double);

    /// <summary>Creates a text argument.</summary>
    public static RespArgument FromString(string value) => value;

    /// <summary>Creates a binary argument.</summary>
    public static RespArgument FromBytes(ReadOnlyMemory<byte> value) => value;

    /// <summary>Creates an integer argument.</summary>
    public static RespArgument FromInt64(long value) => value;

    /// <summary>Creates a double argument.</summary>
    public static RespArgument FromDouble(double value) => value;

    /// <inheritdoc/>
    public override string ToString() => _kind switch
    {
        Kind.Text => _text!,
        Kind.Integer => _integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Kind.Double => _double.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"<{_bytes.Length} bytes>",
    };

    /// <inheritdoc/>
    public bool Equals(RespArgument other) =>
        _kind == other._kind && _text == other._text && _bytes.Span.SequenceEqual(other._bytes.Span) && _integer == other._integer && _double.Equals(other._double);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RespArgument other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_kind, _text, _bytes.Length, _integer, _double);

    /// <summary>Equality.</summary>
    public static bool operator ==(RespArgument left, RespArgument right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(RespArgument left, RespArgument right) => !left.Equals(right);

    internal void Write(ref RespWriter writer)
    {
        switch (_kind)
        {
            case Kind.Text:
                writer.WriteBulk(_text!);
                break;
            case Kind.Integer:
                writer.WriteBulk(_integer);
                break;
            case Kind.Double:
                writer.WriteBulk(_double);
                break;
            default:
                writer.WriteBulk(_bytes.Span);
                break;
        }
    }
}
