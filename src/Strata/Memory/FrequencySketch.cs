using System.Numerics;

namespace Strata.Memory;

/// <summary>
/// A 4-bit count-min sketch estimating how often a key was seen recently (TinyLFU's popularity estimate), ported from
/// Caffeine's <c>FrequencySketch</c>: each key maps to one 64-byte block of the table (one cache line), and to four
/// 4-bit counters in it, one per pair of longs; the estimate is the minimum of the four. Counters saturate at 15.
/// After <see cref="SampleSize"/> counted additions every counter is halved ("aging", TinyLFU's reset), so the
/// history follows the workload instead of remembering the distant past forever.
/// </summary>
/// <remarks>
/// Not thread-safe: the tier only touches it under its policy lock. Callers pass the comparer's raw hash; it is mixed
/// here (a murmur-style finalizer, as Caffeine does) so sequential integers and weak <c>GetHashCode</c>s still spread
/// evenly. Caffeine's production sketch has no doorkeeper (the simulator's variant does); we follow production: the
/// doorkeeper mostly saves memory, which a table of one long per entry does not need.
/// </remarks>
internal sealed class FrequencySketch
{
    private const long ResetMask = 0x7777777777777777L;
    private const long OneMask = 0x1111111111111111L;

    private long[]? _table;
    private int _blockMask;
    private int _size;

    /// <summary>True once <see cref="EnsureCapacity"/> has sized the table; before that nothing is counted.</summary>
    public bool IsInitialized => _table is not null;

    /// <summary>How many counted additions trigger aging (ten per expected entry, as in Caffeine).</summary>
    public int SampleSize { get; private set; }

    /// <summary>
    /// Sizes the table for about <paramref name="maximumSize"/> distinct keys. Growing discards the history (it was
    /// sized for fewer keys, so its counts would be mostly collisions anyway); asking for less than the current size
    /// does nothing.
    /// </summary>
    public void EnsureCapacity(long maximumSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maximumSize);
        var maximum = (int)Math.Min(maximumSize, int.MaxValue >> 1);
        if (_table is not null && _table.Length >= maximum)
        {
            return;
        }

        _table = new long[Math.Max((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(maximum, 1)), 8)];
        _blockMask = (int)((uint)_table.Length >> 3) - 1;
        SampleSize = maximum == 0 ? 10 : 10 * maximum;
        if (SampleSize <= 0)
        {
            SampleSize = int.MaxValue;
        }

        _size = 0;
    }

    /// <summary>The estimated number of recent occurrences of the key with this hash, 0 to 15.</summary>
    public int Frequency(int hash)
    {
        var table = _table;
        if (table is null)
        {
            return 0;
        }

        var blockHash = Spread((uint)hash);
        var counterHash = Rehash(blockHash);
        var block = (int)(blockHash & (uint)_blockMask) << 3;
        var frequency = int.MaxValue;
        for (var i = 0; i < 4; i++)
        {
            var h = counterHash >> (i << 3);
            var index = (int)((h >> 1) & 15);
            var offset = (int)(h & 1);
            var count = (int)((ulong)table[block + offset + (i << 1)] >> (index << 2)) & 0xF;
            frequency = Math.Min(frequency, count);
        }

        return frequency;
    }

    /// <summary>Counts one occurrence of the key with this hash, aging the whole sketch when the sample is full.</summary>
    public void Increment(int hash)
    {
        var table = _table;
        if (table is null)
        {
            return;
        }

        var blockHash = Spread((uint)hash);
        var counterHash = Rehash(blockHash);
        var block = (int)(blockHash & (uint)_blockMask) << 3;
        var added = false;
        for (var i = 0; i < 4; i++)
        {
            var h = counterHash >> (i << 3);
            var index = (int)((h >> 1) & 15);
            var offset = (int)(h & 1);
            added |= IncrementAt(table, block + offset + (i << 1), index);
        }

        if (added && ++_size == SampleSize)
        {
            Age();
        }
    }

    /// <summary>
    /// Halves every counter (TinyLFU's reset). The sample size is corrected for the odd counters whose halving lost a
    /// unit, so aging happens after the same number of genuinely new additions each time.
    /// </summary>
    public void Age()
    {
        var table = _table;
        if (table is null)
        {
            return;
        }

        var count = 0;
        for (var i = 0; i < table.Length; i++)
        {
            count += BitOperations.PopCount((ulong)(table[i] & OneMask));
            table[i] = (long)((ulong)table[i] >> 1) & ResetMask;
        }

        _size = (int)((uint)(_size - (count >> 2)) >> 1);
    }

    private static bool IncrementAt(long[] table, int i, int j)
    {
        var offset = j << 2;
        var mask = 0xFL << offset;
        if ((table[i] & mask) != mask)
        {
            table[i] += 1L << offset;
            return true;
        }

        return false;
    }

    // Caffeine's spread: a 32-bit murmur-style finalizer ("hash prospector" constants), so every input bit affects
    // every output bit before the block is chosen.
    private static uint Spread(uint x)
    {
        x ^= x >> 17;
        x *= 0xED5AD4BB;
        x ^= x >> 11;
        x *= 0xAC4C1B51;
        x ^= x >> 15;
        return x;
    }

    // A second, cheaper mix that derives the four counter positions independently of the block index.
    private static uint Rehash(uint x)
    {
        x *= 0x31848BAB;
        x ^= x >> 14;
        return x;
    }
}
