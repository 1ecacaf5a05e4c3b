using System.Diagnostics;
using System.Numerics;

namespace Strata.Benchmarks.Tier;

/// <summary>
/// Per-operation durations in <see cref="Stopwatch"/> ticks, in log-linear buckets (exact below 64 ticks, then 64
/// buckets per power of two: under 1.6% error), so a caller records every operation with one array increment and no
/// allocation, however long the run. One histogram per caller (no sharing); merged once at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int BucketCount = (64 - SubBucketBits + 1) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public void Record(long ticks)
    {
        _counts[IndexOf(Math.Max(0, ticks))]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The duration at or under which <paramref name="percentile"/> (0-100) of the operations completed, in
    /// microseconds (the middle of its bucket); 0 when nothing was recorded.</summary>
    public double PercentileMicroseconds(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var (low, width) = BoundsOf(i);
                return (low + ((width - 1) / 2.0)) * 1_000_000.0 / Stopwatch.Frequency;
            }
        }

        return 0;
    }

    private static int IndexOf(long ticks)
    {
        if (ticks < SubBuckets)
        {
            return (int)ticks;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)ticks);
        var sub = (int)(ticks >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return ((exponent - SubBucketBits + 1) * SubBuckets) + sub;
    }

    private static (long Low, long Width) BoundsOf(int index)
    {
        if (index < SubBuckets)
        {
            return (index, 1);
        }

        var shift = (index / SubBuckets) - 1;
        var sub = index % SubBuckets;
        return ((long)(SubBuckets + sub) << shift, 1L << shift);
    }
}
