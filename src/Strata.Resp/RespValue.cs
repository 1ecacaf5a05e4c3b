using System.Globalization;
using System.Text;
using Strata.Resp.Protocol;

namespace Strata.Resp;

/// <summary>
/// A reply materialized as a tree, as returned by <see cref="RespClient.ExecuteAsync(string, RespArgument[])"/>
/// for commands the client has no typed method for.
/// </summary>
/// <remarks>Maps are kept as their flat key, value, key, value... sequence in <see cref="Items"/>, in server order.</remarks>
public sealed class RespValue
{
    private const int MaxDepth = 128;

    private static readonly RespValue[] NoItems = [];

    private readonly byte[]? _bytes;
    private readonly long _integer;
    private readonly double _double;

    private RespValue(RespType type, byte[]? bytes, long integer, double @double, RespValue[]? items, bool isNull)
    {
        Type = type;
        _bytes = bytes;
        _integer = integer;
        _double = @double;
        Items = items ?? NoItems;
        IsNull = isNull;
    }

    /// <summary>The frame type the server sent.</summary>
    public RespType Type { get; }

    /// <summary>Whether the reply is a null (RESP3 null, or RESP2 null bulk string / array).</summary>
    public bool IsNull { get; }

    /// <summary>Whether the reply is an error; <see cref="ToString"/> gives its message.</summary>
    public bool IsError => Type is RespType.SimpleError or RespType.BulkError;

    /// <summary>The children of an array, set, push or map (flattened key, value pairs); empty otherwise.</summary>
    public IReadOnlyList<RespValue> Items { get; }

    /// <summary>The bytes of a string-like reply (string, error, verbatim text, number text); empty for others.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The reply as a 64-bit integer: integers, booleans, and strings that hold an integer.</summary>
    /// <exception cref="InvalidCastException">The reply is not an integer.</exception>
    public long AsInt64() => Type switch
    {
        RespType.Integer or RespType.Boolean => _integer,
        _ when _bytes is not null && long.TryParse(_bytes, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new InvalidCastException($"A {Type} reply is not an integer."),
    };

    /// <summary>The reply as a double: doubles, integers, and strings that hold a number.</summary>
    /// <exception cref="InvalidCastException">The reply is not a number.</exception>
    public double AsDouble() => Type switch
    {
        RespType.Double => _double,
        RespType.Integer => _integer,
        _ when _bytes is not null && RespReader.TryParseDouble(_bytes, out var value) => value,
        _ => throw new InvalidCastException($"A {Type} reply is not a number."),
    };

    /// <summary>The reply as a boolean: RESP3 booleans, and integers (non-zero is true).</summary>
    public bool AsBoolean() => Type is RespType.Boolean or RespType.Integer
        ? _integer != 0
        : throw new InvalidCastException($"A {Type} reply is not a boolean.");

    /// <summary>The reply as text: a string-like reply decoded as UTF-8, a number's text, <c>null</c> for a null.</summary>
    public string? AsString() => IsNull ? null : ToString();

    /// <summary>A readable rendering: the text of string-like replies, numbers, and bracketed aggregates.</summary>
    public override string ToString()
    {
        if (IsNull)
        {
            return "(nil)";
        }

        return Type switch
        {
            RespType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
            RespType.Boolean => _integer != 0 ? "true" : "false",
            RespType.Double => _double.ToString("R", CultureInfo.InvariantCulture),
            RespType.Array or RespType.Set or RespType.Map or RespType.Push =>
                "[" + string.Join(", ", Items.Select(static item => item.ToString())) + "]",
            _ => Encoding.UTF8.GetString(_bytes ?? []),
        };
    }

    /// <summary>Reads one whole frame (the reader positioned before it) into a tree.</summary>
    internal static RespValue Read(ref RespReader reader) => Read(ref reader, 0);

    /// <summary>Builds the tree of the token the reader has just read (its children follow).</summary>
    internal static RespValue FromCurrent(ref RespReader reader) => FromCurrent(ref reader, 0);

    private static RespValue Read(ref RespReader reader, int depth)
    {
        reader.ReadToken();
        return FromCurrent(ref reader, depth);
    }

    private static RespValue FromCurrent(ref RespReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new RespProtocolException($"A reply is nested deeper than {MaxDepth} levels.");
        }

        var type = reader.Type;
        if (reader.IsNull)
        {
            return new RespValue(type, null, 0, 0, null, isNull: true);
        }

        switch (type)
        {
            case RespType.Integer:
            case RespType.Boolean:
                return new RespValue(type, null, reader.Length, 0, null, isNull: false);
            case RespType.Double:
                return new RespValue(type, reader.ReadBytes(), 0, reader.ReadDouble(), null, isNull: false);
            case RespType.Array:
            case RespType.Set:
            case RespType.Map:
            case RespType.Push:
                var items = new RespValue[reader.ChildTokenCount];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Read(ref reader, depth + 1);
                }

                return new RespValue(type, null, 0, 0, items, isNull: false);
            default:
                return new RespValue(type, reader.ReadBytes(), 0, 0, null, isNull: false);
        }
    }
}
