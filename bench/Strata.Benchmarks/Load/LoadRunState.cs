using Strata.Benchmarks.Tier;

namespace Strata.Benchmarks.Load;

/// <summary>What the workers of one load case share: the phase flags, one counter and one latency histogram each.</summary>
internal sealed class LoadRunState(int workers)
{
    /// <summary>Each worker's counter sits on its own 128-byte stretch so workers on different cores never share a
    /// cache line; worker <c>i</c> counts at <c>Counters[i * CounterStride]</c>.</summary>
    public const int CounterStride = 16;

    public readonly long[] Counters = new long[workers * CounterStride];
    public readonly LatencyHistogram[] Histograms = [.. Enumerable.Range(0, workers).Select(static _ => new LatencyHistogram())];
    public volatile bool Measuring;
    public volatile bool Stopping;

    public long Sum()
    {
        long total = 0;
        for (var i = 0; i < Counters.Length; i += CounterStride)
        {
            total += Volatile.Read(ref Counters[i]);
        }

        return total;
    }
}
