using System.Text;

namespace Strata.Resp.Cluster;

/// <summary>
/// Redis Cluster key-to-slot mapping: CRC16-XMODEM of the key (or of its hash tag) modulo 16384.
/// </summary>
/// <remarks>
/// A hash tag is the part between the first <c>{</c> and the next <c>}</c>, when that part is non-empty;
/// it lets related keys (<c>{user:1}:a</c>, <c>{user:1}:b</c>) share a slot so multi-key commands work in a cluster.
/// </remarks>
public static class HashSlot
{
    /// <summary>The number of slots in a Redis Cluster.</summary>
    public const int SlotCount = 16384;

    // XMODEM: polynomial 0x1021, initial value 0, no reflection, no final xor.
    private static readonly ushort[] Table = BuildTable();

    /// <summary>Computes the slot of a key given as UTF-8 bytes.</summary>
    public static int Of(ReadOnlySpan<byte> key) => Crc16(HashTagOf(key)) & (SlotCount - 1);

    /// <summary>Computes the slot of a key given as a string (encoded as UTF-8, without allocating for short keys).</summary>
    public static int Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[max];
            return Of(buffer[..Encoding.UTF8.GetBytes(key, buffer)]);
        }

        return Of(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Returns the part of the key that is hashed: the hash tag when there is a non-empty one, else the whole key.</summary>
    public static ReadOnlySpan<byte> HashTagOf(ReadOnlySpan<byte> key)
    {
        var open = key.IndexOf((byte)'{');
        if (open >= 0)
        {
            var close = key[(open + 1)..].IndexOf((byte)'}');
            if (close > 0)
            {
                return key.Slice(open + 1, close);
            }
        }

        return key;
    }

    /// <summary>CRC16-XMODEM (the checksum Redis Cluster uses).</summary>
    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (var b in data)
        {
            crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ b) & 0xFF]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
