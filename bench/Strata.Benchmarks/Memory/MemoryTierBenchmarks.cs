using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Memory;
using Strata.Memory;

namespace Strata.Benchmarks.Memory;

/// <summary>
/// The L1 hit path: <see cref="MemoryTier{TKey, TValue}.TryGet"/> against a bare <see cref="ConcurrentDictionary{TKey, TValue}"/>
/// lookup (the floor: the tier is one such lookup plus an expiry check and a lossy read-buffer append) and against
/// <see cref="MemoryCache"/>. Each invocation reads 1,024 distinct keys that are all present, so the cost of draining the
/// read buffer into the policy (every 16 reads per thread) is included. The budget is ≤ ~2× the dictionary, 0 bytes.
/// <c>MemoryTier_TryGet</c> has room to spare (everything sits in the admission window, the sketch is not yet sized);
/// <c>MemoryTier_TryGet_AtBudget</c> is full, so every replayed read also updates the sketch and, because the sweep
/// touches every entry in turn, promotes from probation and demotes from protected (the segmented LRU's worst case).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class MemoryTierBenchmarks
{
    private const int Keys = 1_024;
    private const long EntryWeight = 200;

    private readonly object _value = new();
    private string[] _keys = [];
    private ConcurrentDictionary<string, object> _dictionary = new();
    private MemoryCache _memoryCache = new(new MemoryCacheOptions());
    private MemoryTier<string, object> _tier = new(1);
    private MemoryTier<string, object> _fullTier = new(1);
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        // Keys shaped like the engine's ({prefix}:{namespace}:{key}), so hashing costs what it will in production.
        _keys = Enumerable.Range(0, Keys)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"tripsage:flight-search:LAX-JFK-2026-03-{i:D4}"))
            .ToArray();
        _now = DateTimeOffset.UtcNow.UtcTicks;
        var expiresAt = _now + TimeSpan.TicksPerHour;

        _dictionary = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);
        _memoryCache = new MemoryCache(new MemoryCacheOptions());
        _tier = new MemoryTier<string, object>(64L * 1024 * 1024, StringComparer.Ordinal);

        // Exactly at budget: the frequency sketch is live and reads promote between the policy's segments.
        _fullTier = new MemoryTier<string, object>(Keys * EntryWeight, StringComparer.Ordinal);
        foreach (var key in _keys)
        {
            _dictionary[key] = _value;
            _memoryCache.Set(key, _value, TimeSpan.FromHours(1));
            _tier.Set(key, _value, EntryWeight, expiresAt);
            _fullTier.Set(key, _value, EntryWeight, expiresAt);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _memoryCache.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    public int ConcurrentDictionary_TryGetValue()
    {
        var hits = 0;
        foreach (var key in _keys)
        {
            hits += _dictionary.TryGetValue(key, out _) ? 1 : 0;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Keys)]
    public int MemoryCache_TryGetValue()
    {
        var hits = 0;
        foreach (var key in _keys)
        {
            hits += _memoryCache.TryGetValue(key, out _) ? 1 : 0;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Keys)]
    public int MemoryTier_TryGet()
    {
        var hits = 0;
        var now = _now;
        foreach (var key in _keys)
        {
            hits += _tier.TryGet(key, now, out _) ? 1 : 0;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Keys)]
    public int MemoryTier_TryGet_AtBudget()
    {
        var hits = 0;
        var now = _now;
        foreach (var key in _keys)
        {
            hits += _fullTier.TryGet(key, now, out _) ? 1 : 0;
        }

        return hits;
    }
}
