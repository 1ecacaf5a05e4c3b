using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Primitives;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>
/// The L2 form of a <see cref="CachedResponse"/>, hand-written and compact (no JSON, no base64 body): version 1,
/// little-endian — status (int32), created-at ticks (int64), ETag, header count and per header its name, value count
/// and values, secondary-key count and per name a presence byte and value, body length and body. Strings are UTF-8
/// with a 7-bit-encoded byte length. Anything malformed throws, which the engine treats as a corrupt entry (a miss).
/// </summary>
internal sealed class CachedResponseSerializer : IHybridCacheSerializer<CachedResponse>
{
    private const byte Version = 1;

    public static readonly CachedResponseSerializer Instance = new();

    public void Serialize(CachedResponse value, IBufferWriter<byte> target)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(target);
        var header = target.GetSpan(13);
        header[0] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], value.StatusCode);
        BinaryPrimitives.WriteInt64LittleEndian(header[5..], value.CreatedAtTicks);
        target.Advance(13);
        WriteString(target, value.ETag);
        WriteLength(target, value.HeaderNames.Length);
        for (var i = 0; i < value.HeaderNames.Length; i++)
        {
            WriteString(target, value.HeaderNames[i]);
            var values = value.HeaderValues[i];
            WriteLength(target, values.Count);
            foreach (var item in values)
            {
                WriteString(target, item ?? string.Empty);
            }
        }

        WriteLength(target, value.VaryNames.Length);
        for (var i = 0; i < value.VaryNames.Length; i++)
        {
            WriteString(target, value.VaryNames[i]);
            var present = value.VaryValues[i] is not null;
            target.GetSpan(1)[0] = present ? (byte)1 : (byte)0;
            target.Advance(1);
            if (present)
            {
                WriteString(target, value.VaryValues[i]!);
            }
        }

        WriteLength(target, value.Body.Length);
        target.Write(value.Body);
    }

    public CachedResponse Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.IsSingleSegment ? source.FirstSpan : source.ToArray();
        var reader = new Reader(bytes);
        if (reader.Byte() != Version)
        {
            throw new InvalidDataException("Unknown cached response format version.");
        }

        var status = reader.Int32();
        var created = reader.Int64();
        var etag = reader.String();
        var headerCount = reader.Count();
        var names = new string[headerCount];
        var values = new StringValues[headerCount];
        for (var i = 0; i < headerCount; i++)
        {
            names[i] = reader.String();
            var count = reader.Count();
            if (count == 1)
            {
                values[i] = reader.String();
                continue;
            }

            var items = new string[count];
            for (var j = 0; j < count; j++)
            {
                items[j] = reader.String();
            }

            values[i] = items;
        }

        var varyCount = reader.Count();
        var varyNames = new string[varyCount];
        var varyValues = new string?[varyCount];
        for (var i = 0; i < varyCount; i++)
        {
            varyNames[i] = reader.String();
            varyValues[i] = reader.Byte() == 1 ? reader.String() : null;
        }

        var body = reader.Bytes(reader.Length()).ToArray();
        if (!reader.AtEnd || status is < 100 or > 999)
        {
            throw new InvalidDataException("Malformed cached response.");
        }

        return new CachedResponse(status, created, etag, names, values, varyNames, varyValues, body);
    }

    private static void WriteLength(IBufferWriter<byte> target, int length)
    {
        var span = target.GetSpan(5);
        var written = 0;
        var value = (uint)length;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        target.Advance(written);
    }

    private static void WriteString(IBufferWriter<byte> target, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteLength(target, length);
        if (length > 0)
        {
            var span = target.GetSpan(length);
            target.Advance(Encoding.UTF8.GetBytes(value, span));
        }
    }

    /// <summary>A bounds-checked cursor over the payload.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public byte Byte() => Bytes(1)[0];

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));

        public int Length()
        {
            uint result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                result |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return result <= int.MaxValue ? (int)result : throw new InvalidDataException("Malformed cached response length.");
                }
            }

            throw new InvalidDataException("Malformed cached response length.");
        }

        /// <summary>An item count: each item takes at least one byte, so a count above what is left is corrupt
        /// (and must not size an array).</summary>
        public int Count()
        {
            var count = Length();
            return count <= _data.Length - _position ? count : throw new InvalidDataException("Malformed cached response count.");
        }

        public string String()
        {
            var length = Length();
            return length == 0 ? string.Empty : Encoding.UTF8.GetString(Bytes(length));
        }

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count < 0 || count > _data.Length - _position)
            {
                throw new InvalidDataException("Truncated cached response.");
            }

            var slice = _data.Slice(_position, count);
            _position += count;
            return slice;
        }
    }
}
