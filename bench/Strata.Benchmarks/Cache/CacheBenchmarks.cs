using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Strata.Engine;
using Strata.Policies;
using Strata.Serialization;
using Strata.Tiers;

namespace Strata.Benchmarks.Cache;

/// <summary>
/// The cache's read paths, against a raw <c>MemoryCache.TryGetValue</c> in the same run (the baseline the
/// target is stated against: an L1 hit through <c>GetOrCreateAsync</c> within 2x of it, 0 bytes allocated).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CacheBenchmarks
{
    private const int Keys = 1_024;
    private static readonly Func<int, CancellationToken, ValueTask<string>> Factory = static (i, _) => ValueTask.FromResult("value");

    private readonly HybridCacheEntryOptions _options = new() { Expiration = TimeSpan.FromHours(1) };
    private string[] _keys = [];
    private string[] _manyKeys = [];
    private MemoryCache _memoryCache = null!;
    private CacheEngine _l1Only = null!;
    private CacheEngine _withL2 = null!;
    private HybridCache _hybrid = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _keys = [.. Enumerable.Range(0, Keys).Select(static i => $"LAX-JFK-2026-03-{i:D4}")];
        _manyKeys = _keys[..100];
        _memoryCache = new MemoryCache(new MemoryCacheOptions());
        foreach (var key in _keys)
        {
            _memoryCache.Set(key, "value", TimeSpan.FromHours(1));
        }

        _l1Only = Create(null);
        _hybrid = _l1Only.Root;
        _withL2 = Create(new InMemoryDistributedTier());
        foreach (var key in _keys)
        {
            _hybrid.GetOrCreateAsync(key, 0, Factory, _options).AsTask().GetAwaiter().GetResult();
            _withL2.Root.SetAsync(key, "value", _options).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _memoryCache.Dispose();
        _l1Only.Dispose();
        _withL2.Dispose();
    }

    [Benchmark(Baseline = true, Description = "MemoryCache.TryGetValue (hit)")]
    public object? MemoryCacheHit()
    {
        _memoryCache.TryGetValue(NextKey(), out var value);
        return value;
    }

    [Benchmark(Description = "GetOrCreateAsync, L1 hit")]
    public string L1Hit()
    {
        var pending = _hybrid.GetOrCreateAsync(NextKey(), 0, Factory, _options);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "GetOrCreateAsync, L1 miss -> in-memory L2 hit")]
    public string L2Hit()
    {
        var key = NextKey();
        // Drop the L1 copy so the read goes to L2 (and promotes it back).
        _withL2.L1.Remove(new L1Key(_withL2.GetNamespace("default"), key));
        return _withL2.Root.GetOrCreateAsync(key, 0, Factory, _options).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "GetManyAsync, 100 keys, L1 hits")]
    public int GetMany100() => _l1Only.Root.GetManyAsync<string>(_manyKeys).AsTask().GetAwaiter().GetResult().Count;

    private string NextKey() => _keys[_next++ & (Keys - 1)];

    private static CacheEngine Create(IDistributedTier? tier) => new(
        new StrataCacheOptions(),
        tier,
        new SerializerRegistry(null, [], null),
        new CachePolicyRegistry(new StrataPolicyOptions()),
        TimeProvider.System,
        loggerFactory: null,
        meterFactory: null);
}
