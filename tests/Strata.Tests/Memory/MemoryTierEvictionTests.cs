using Strata.Memory;
using Xunit.Abstractions;

namespace Strata.Tests.Memory;

public sealed class MemoryTierEvictionTests(ITestOutputHelper output)
{
    private const long Never = long.MaxValue;

    [Fact]
    public void Set_FloodOfDistinctKeys_WeightNeverExceedsMaxWeight()
    {
        var log = new EvictionLog<int>();
        var tier = new MemoryTier<int, Blob>(100_000, onEvicted: log.Record);
        var random = new Random(7);
        long setWeight = 0;

        for (var key = 0; key < 50_000; key++)
        {
            // Mostly small entries, some large ones (up to a quarter of the budget), as real payloads are.
            var weight = key % 97 == 0 ? random.Next(5_000, 25_000) : random.Next(1, 400);
            setWeight += weight;
            tier.Set(key, new Blob($"k{key}", weight), weight, Never);
            if (key % 3 == 0)
            {
                tier.TryGet(random.Next(0, key + 1), 0, out _);
            }

            tier.Weight.ShouldBeLessThanOrEqualTo(tier.MaxWeight);
        }

        TierAssert.Consistent(tier);
        tier.Weight.ShouldBeGreaterThan(tier.MaxWeight / 2);
        (setWeight - log.Weight).ShouldBe(tier.Weight);
        log.Entries.ShouldAllBe(entry => entry.Reason == MemoryEvictionReason.Capacity);
    }

    [Fact]
    public void Set_FloodFromSeveralThreads_WeightNeverExceedsMaxWeight()
    {
        var log = new EvictionLog<int>();
        var tier = new MemoryTier<int, Blob>(50_000, onEvicted: log.Record);
        const int threads = 4;
        const int perThread = 20_000;
        long setWeight = 0;
        var violations = 0;
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            var random = new Random(thread);
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                var key = (thread * perThread) + i;
                var weight = random.Next(1, 2_000);
                Interlocked.Add(ref setWeight, weight);
                tier.Set(key, new Blob($"k{key}", weight), weight, Never);
                tier.TryGet(key - random.Next(0, 50), 0, out _);
                if (tier.Weight > tier.MaxWeight)
                {
                    Interlocked.Increment(ref violations);
                }
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());

        violations.ShouldBe(0);
        TierAssert.Consistent(tier);
        (setWeight - log.Weight).ShouldBe(tier.Weight);
    }

    [Fact]
    public void Set_ScanAfterHotSet_HotSetRetainedWhereLruLosesIt()
    {
        const long entryWeight = 100;
        const long budget = 1_000 * entryWeight;
        var tier = new MemoryTier<int, Blob>(budget);
        var lru = new WeightedLru<int>(budget);
        var hotKeys = Enumerable.Range(0, 300).ToArray();

        foreach (var key in hotKeys)
        {
            ReadThrough(tier, lru, key, entryWeight);
        }

        for (var round = 0; round < 10; round++)
        {
            foreach (var key in hotKeys)
            {
                ReadThrough(tier, lru, key, entryWeight);
            }
        }

        // A scan ten times the size of the cache, every key seen once (a batch job, a crawler, a report).
        for (var key = 1_000_000; key < 1_010_000; key++)
        {
            ReadThrough(tier, lru, key, entryWeight);
        }

        var tierRetained = hotKeys.Count(key => tier.TryPeek(key, out _));
        var lruRetained = hotKeys.Count(lru.Contains);
        output.WriteLine($"hot keys retained after the scan: W-TinyLFU {tierRetained}/300, LRU {lruRetained}/300");
        tierRetained.ShouldBeGreaterThanOrEqualTo(270);
        lruRetained.ShouldBe(0);
        tier.Weight.ShouldBeLessThanOrEqualTo(budget);
    }

    [Fact]
    public void Set_EntryBiggerThanWindowIntoRoomyTier_IsHeld()
    {
        var tier = new MemoryTier<int, Blob>(100_000);
        for (var key = 0; key < 100; key++)
        {
            tier.Set(key, new Blob($"k{key}", 100), 100, Never);
        }

        // The window is 1% (1,000 bytes): this entry is five windows wide.
        tier.Set(-1, new Blob("big", 5_000), 5_000, Never).ShouldBeTrue();

        tier.TryPeek(-1, out _).ShouldBeTrue();
        TierAssert.Consistent(tier);
        tier.Weight.ShouldBe(15_000);
    }

    [Fact]
    public void Set_BigColdEntryIntoFullHotTier_LosesAdmissionAndIsReported()
    {
        var log = new EvictionLog<int>();
        var tier = new MemoryTier<int, Blob>(100_000, onEvicted: log.Record);
        for (var key = 0; key < 1_000; key++)
        {
            tier.Set(key, new Blob($"k{key}", 100), 100, Never);
        }

        for (var round = 0; round < 5; round++)
        {
            for (var key = 0; key < 1_000; key++)
            {
                tier.TryGet(key, 0, out _);
            }
        }

        var big = new Blob("big", 5_000);
        tier.Set(-1, big, 5_000, Never).ShouldBeFalse();

        tier.TryPeek(-1, out _).ShouldBeFalse();
        log.Entries.ShouldContain((-1, big, MemoryEvictionReason.Capacity));
        tier.Count.ShouldBeGreaterThanOrEqualTo(990);
        TierAssert.Consistent(tier);
    }

    [Fact]
    public void Set_BigEntryRequestedRepeatedly_IsAdmittedOverColdEntries()
    {
        var tier = new MemoryTier<int, Blob>(100_000);
        for (var key = 0; key < 2_000; key++)
        {
            tier.Set(key, new Blob($"k{key}", 100), 100, Never);
        }

        var held = false;
        for (var attempt = 0; attempt < 3 && !held; attempt++)
        {
            held = tier.Set(-1, new Blob("big", 20_000), 20_000, Never);
        }

        held.ShouldBeTrue();
        tier.TryPeek(-1, out _).ShouldBeTrue();
        TierAssert.Consistent(tier);
    }

    [Fact]
    public void TryGet_ZipfWorkloadWithScan_HitRatioBeatsLru()
    {
        const int keys = 20_000;
        const long budget = 150_000;
        var tier = new MemoryTier<int, Blob>(budget);
        var lru = new WeightedLru<int>(budget);
        var zipf = new ZipfKeys(keys, exponent: 0.9, seed: 42);
        var tierHits = 0;
        var lruHits = 0;
        var requests = 0;
        var nextScanKey = 1_000_000;

        for (var phase = 0; phase < 6; phase++)
        {
            for (var i = 0; i < 50_000; i++)
            {
                var key = zipf.Next();
                var (tierHit, lruHit) = ReadThrough(tier, lru, key, WeightOf(key));
                tierHits += tierHit ? 1 : 0;
                lruHits += lruHit ? 1 : 0;
                requests++;
            }

            // Between phases a scan of one-time keys, about three caches' worth.
            for (var i = 0; i < 3_000; i++, nextScanKey++)
            {
                var (tierHit, lruHit) = ReadThrough(tier, lru, nextScanKey, WeightOf(nextScanKey));
                tierHits += tierHit ? 1 : 0;
                lruHits += lruHit ? 1 : 0;
                requests++;
            }
        }

        var tierRatio = (double)tierHits / requests;
        var lruRatio = (double)lruHits / requests;
        output.WriteLine($"requests {requests}, budget {budget} B (~{budget / 150} entries of ~150 B), {keys} Zipf(0.9) keys + scans");
        output.WriteLine($"hit ratio: W-TinyLFU {tierRatio:P2}, LRU {lruRatio:P2}");
        tierRatio.ShouldBeGreaterThan(lruRatio + 0.02);
        tier.Weight.ShouldBeLessThanOrEqualTo(budget);

        // Deterministic sizes from 50 to 249 bytes, so small and larger entries mix.
        static long WeightOf(int key) => 50 + ((key * 7_919L) & 0x7FFF_FFFF) % 200;
    }

    private static (bool TierHit, bool LruHit) ReadThrough(MemoryTier<int, Blob> tier, WeightedLru<int> lru, int key, long weight)
    {
        var tierHit = tier.TryGet(key, 0, out _);
        if (!tierHit)
        {
            tier.Set(key, new Blob($"k{key}", weight), weight, Never);
        }

        var lruHit = lru.TryGet(key);
        if (!lruHit)
        {
            lru.Set(key, weight);
        }

        return (tierHit, lruHit);
    }
}
