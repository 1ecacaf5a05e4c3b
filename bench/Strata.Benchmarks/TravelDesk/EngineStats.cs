namespace Strata.Benchmarks.TravelDesk;

/// <summary>The cache engine's counters from <c>/cache/stats</c>: every read (app-level and HTTP response cache) by
/// where it ended.</summary>
internal sealed record EngineStats(long L1Hits, long L2Hits, long Misses, long StaleServed, string? DistributedTier)
{
    public long Reads => L1Hits + L2Hits + Misses;

    public double HitRatio => Reads == 0 ? 0 : (double)(L1Hits + L2Hits) / Reads;

    public EngineStats Since(EngineStats before) =>
        new(L1Hits - before.L1Hits, L2Hits - before.L2Hits, Misses - before.Misses, StaleServed - before.StaleServed, DistributedTier);
}
