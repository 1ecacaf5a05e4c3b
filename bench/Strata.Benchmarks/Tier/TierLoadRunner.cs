using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Strata.Engine;
using Strata.Redis;
using Strata.Benchmarks.Load;
using Strata.Resp;

namespace Strata.Benchmarks.Tier;

/// <summary>
/// The Redis-tier macro benchmark. One Strata cache built the way an application builds it
/// (<c>AddStrata().WithRedis()</c>), N concurrent callers in every case:
/// <list type="bullet">
/// <item><c>raw_get</c>: <c>GET</c> through the tier's own <see cref="RespClient"/> (same connection, same tracking
/// state) of keys holding real Strata envelopes — the floor, measured first and last; the floor is their mean, since
/// the machine's load drifts.</item>
/// <item><c>tier_l1_disabled</c>: <c>GetOrCreateAsync</c> with <see cref="HybridCacheEntryFlags.DisableLocalCache"/> on
/// the same keys: every call is one L2 <c>GET</c> plus the engine (single-flight, gateway, envelope decode,
/// deserialization). The factory must never run.</item>
/// <item><c>zipf_l1_l2</c>: L1 on, with a budget smaller than the key set, keys drawn from Zipf(s); hit ratios per tier
/// from the engine's own counters.</item>
/// </list>
/// Each caller of the first two cases walks its own residue class of the keys, so no two callers ask for the same key
/// at once: the tier's single-flight joining would otherwise answer some calls without a round trip.
/// </summary>
internal static class TierLoadRunner
{
    private const int PopulateBatch = 1_000;
    private const string OverheadNamespace = "overhead";
    private const string ZipfNamespace = "zipf";
    private static readonly TimeSpan EntryDuration = TimeSpan.FromHours(1);

    public static async Task<int> RunAsync(TierLoadOptions options)
    {
        var services = new ServiceCollection();
        services.AddStrata(o =>
            {
                o.L1MaximumBytes = options.L1MaximumBytes;
                // Pre-population must fail loudly: a key missing from L2 would run the factory and skew every case.
                o.ThrowOnDistributedWriteErrors = true;
            })
            .WithRedis(string.Create(CultureInfo.InvariantCulture, $"redis://{options.Host}:{options.Port}"));
        await using var provider = services.BuildServiceProvider();
        var root = provider.GetRequiredService<StrataCache>();
        var tier = provider.GetRequiredService<RedisDistributedTier>();
        await tier.WhenCoherentAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var engine = ((NamespacedCache)root).Engine;
        var client = tier.Client;

        // ---- L2 contents: written through the cache, so the raw GETs read exactly the bytes the tier decodes ----
        var overhead = root.Namespace(OverheadNamespace);
        var overheadState = engine.GetNamespace(OverheadNamespace);
        var keys = new string[options.Keys];
        var fullKeys = new string[options.Keys];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = string.Create(CultureInfo.InvariantCulture, $"q{i:D7}");
            fullKeys[i] = overheadState.FullKey(keys[i]);
        }

        var zipf = root.Namespace(ZipfNamespace);
        var zipfKeys = new string[options.ZipfKeys];
        for (var i = 0; i < zipfKeys.Length; i++)
        {
            zipfKeys[i] = string.Create(CultureInfo.InvariantCulture, $"z{i:D7}");
        }

        var populate = new StrataEntryOptions { Duration = EntryDuration, Flags = HybridCacheEntryFlags.DisableLocalCacheWrite };
        var populateStart = Stopwatch.GetTimestamp();
        await PopulateAsync(overhead, keys, populate);
        await PopulateAsync(zipf, zipfKeys, populate);
        var populateElapsed = Stopwatch.GetElapsedTime(populateStart);
        if (engine.L1Count != 0)
        {
            throw new InvalidOperationException($"L1 holds {engine.L1Count} entries after a pre-population that disabled L1 writes.");
        }

        var envelope = await client.GetBytesAsync(fullKeys[0])
            ?? throw new InvalidOperationException($"GET {fullKeys[0]} found nothing after the cache wrote it.");
        var payloadBytes = JsonSerializer.SerializeToUtf8Bytes(FareQuote.For(0), new JsonSerializerOptions(JsonSerializerDefaults.Web)).Length;
        var entryWeight = payloadBytes + (zipfKeys[0].Length * 2L) + CacheEngine.EntryOverheadBytes;
        var l1Capacity = (int)Math.Min(int.MaxValue, options.L1MaximumBytes / entryWeight);

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"# one Strata cache (AddStrata().WithRedis(), coherence={tier.ActiveCoherence}), {options.Clients} concurrent callers, {options.Duration.TotalSeconds:0.###} s per case after {options.Warmup.TotalSeconds:0.###} s warm-up"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"# value: FareQuote (mutable record), {payloadBytes} B JSON, {envelope.Length} B envelope; L2 written with SetManyAsync in batches of {PopulateBatch}: {options.Keys + options.ZipfKeys} keys in {populateElapsed.TotalSeconds:F2} s"));

        // ---- raw GET vs the tier with L1 disabled, the floor measured before and after ----
        var factory = new CountingFactory();
        var readL2Only = new StrataEntryOptions { Duration = EntryDuration, Flags = HybridCacheEntryFlags.DisableLocalCache };
        var rawBefore = await MeasureAsync(options, options.Warmup, engine, w => RawGetLoopAsync(client, fullKeys, w));
        var tierRead = await MeasureAsync(options, options.Warmup, engine, w => TierLoopAsync(overhead, keys, readL2Only, factory, w));
        var rawAfter = await MeasureAsync(options, options.Warmup, engine, w => RawGetLoopAsync(client, fullKeys, w));
        var floor = (rawBefore.OperationsPerSecond + rawAfter.OperationsPerSecond) / 2;
        var overheadRatio = floor / tierRead.OperationsPerSecond;

        Console.WriteLine(Line("raw_get_before", rawBefore));
        Console.WriteLine(Line("tier_l1_disabled", tierRead) + string.Create(
            CultureInfo.InvariantCulture,
            $" l2_hits={tierRead.Engine.L2Hits} misses={tierRead.Engine.Misses} l2_errors={tierRead.Engine.L2Errors} factory_calls={factory.Calls}"));
        Console.WriteLine(Line("raw_get_after", rawAfter));
        if (factory.Calls != 0 || tierRead.Engine.Misses != 0 || tierRead.Engine.L2Errors != 0)
        {
            throw new InvalidOperationException(
                $"The L1-disabled case must read every value from L2; the factory ran {factory.Calls} times, {tierRead.Engine.Misses} misses, {tierRead.Engine.L2Errors} L2 errors.");
        }

        // ---- L1 + L2 under Zipf ----
        // L1 starts empty; a longer warm-up lets the hot set settle in before the hit ratios are counted.
        var sampler = new ZipfSampler(options.ZipfKeys, options.ZipfExponent);
        var zipfRead = new StrataEntryOptions { Duration = EntryDuration };
        var zipfWarmup = options.Warmup * 3;
        var zipfResult = await MeasureAsync(options, zipfWarmup, engine, w => ZipfLoopAsync(zipf, zipfKeys, sampler, zipfRead, factory, options.Seed, w));
        var reads = (double)zipfResult.Operations;
        var delta = zipfResult.Engine;
        var joined = zipfResult.Operations - delta.L1Hits - delta.L2Hits - delta.Misses;
        Console.WriteLine(Line("zipf_l1_l2", zipfResult) + string.Create(
            CultureInfo.InvariantCulture,
            $" keys={options.ZipfKeys} s={options.ZipfExponent:F2} warmup_s={zipfWarmup.TotalSeconds:0.###} l1_max_bytes={options.L1MaximumBytes} l1_hit_ratio={delta.L1Hits / reads:F4} l2_hit_ratio={delta.L2Hits / reads:F4} miss_ratio={delta.Misses / reads:F4} joined_ratio={joined / reads:F4} l1_entries={engine.L1Count} l1_bytes={engine.L1Weight} l1_ideal_hit_ratio={sampler.TopShare(l1Capacity):F4} factory_calls={factory.Calls}"));
        Console.WriteLine("# zipf ratios are shares of all reads: l1 = served by L1, l2 = an L1 miss answered by an L2 GET, miss = the factory ran,");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"# joined = an L1 miss that joined another caller's L2 read of the key; l1_ideal_hit_ratio = Zipf mass of the {l1Capacity} hottest keys (what fits in L1 at {entryWeight} B/entry)"));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overhead_vs_raw_get={overheadRatio:F2}"));
        return 0;
    }

    private static async Task PopulateAsync(StrataCache cache, string[] keys, StrataEntryOptions options)
    {
        var batch = new List<KeyValuePair<string, FareQuote>>(PopulateBatch);
        for (var i = 0; i < keys.Length; i++)
        {
            batch.Add(KeyValuePair.Create(keys[i], FareQuote.For(i)));
            if (batch.Count == PopulateBatch || i == keys.Length - 1)
            {
                await cache.SetManyAsync(batch, options);
                batch.Clear();
            }
        }
    }

    private static string Line(string name, Measurement result) => string.Create(
        CultureInfo.InvariantCulture,
        $"case={name} ops_per_sec={result.OperationsPerSecond:F1} p50_us={result.P50Microseconds:F1} p99_us={result.P99Microseconds:F1} cpu_us_per_op={result.CpuMicrosecondsPerOperation:F2} alloc_bytes_per_op={result.AllocatedBytesPerOperation:F0} gc0={result.Gen0Collections} gc2={result.Gen2Collections}");

    private static async Task RawGetLoopAsync(RespClient client, string[] fullKeys, Worker worker)
    {
        await Task.Yield();
        var i = worker.Index;
        while (!worker.Stopping)
        {
            var started = Stopwatch.GetTimestamp();
            var bytes = await client.GetBytesAsync(fullKeys[i]);
            worker.Completed(started);
            if (bytes is null)
            {
                throw new InvalidOperationException($"GET {fullKeys[i]} found no value; the key was deleted during the run.");
            }

            i += worker.Stride;
            if (i >= fullKeys.Length)
            {
                i = worker.Index;
            }
        }
    }

    private static async Task TierLoopAsync(StrataCache cache, string[] keys, StrataEntryOptions options, CountingFactory factory, Worker worker)
    {
        await Task.Yield();
        var i = worker.Index;
        while (!worker.Stopping)
        {
            var started = Stopwatch.GetTimestamp();
            var quote = await cache.GetOrCreateAsync(keys[i], factory, static (f, _) => f.CreateAsync(), options);
            worker.Completed(started);
            if (quote.Origin is null)
            {
                throw new InvalidOperationException($"The value of {keys[i]} came back empty.");
            }

            i += worker.Stride;
            if (i >= keys.Length)
            {
                i = worker.Index;
            }
        }
    }

    private static async Task ZipfLoopAsync(StrataCache cache, string[] keys, ZipfSampler sampler, StrataEntryOptions options, CountingFactory factory, int seed, Worker worker)
    {
        await Task.Yield();
        var random = new Random(seed + worker.Index);
        while (!worker.Stopping)
        {
            var key = keys[sampler.Next(random)];
            var started = Stopwatch.GetTimestamp();
            var quote = await cache.GetOrCreateAsync(key, factory, static (f, _) => f.CreateAsync(), options);
            worker.Completed(started);
            if (quote.Origin is null)
            {
                throw new InvalidOperationException($"The value of {key} came back empty.");
            }
        }
    }

    private static async Task<Measurement> MeasureAsync(TierLoadOptions options, TimeSpan warmup, CacheEngine engine, Func<Worker, Task> loop)
    {
        var run = new LoadRunState(options.Clients);
        var workers = new Task[options.Clients];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = loop(new Worker(i, options.Clients, run));
        }

        var all = Task.WhenAll(workers);
        try
        {
            await WaitOrFailAsync(all, warmup);
            using var process = Process.GetCurrentProcess();
            var engineStart = EngineCounts.Read(engine);
            var startCount = run.Sum();
            var startCpu = process.TotalProcessorTime;
            var startAllocated = GC.GetTotalAllocatedBytes();
            var startGen0 = GC.CollectionCount(0);
            var startGen2 = GC.CollectionCount(2);
            var start = Stopwatch.GetTimestamp();
            run.Measuring = true;
            await WaitOrFailAsync(all, options.Duration);
            run.Measuring = false;
            var count = run.Sum() - startCount;
            var elapsed = Stopwatch.GetElapsedTime(start);
            var engineDelta = EngineCounts.Read(engine) - engineStart;
            var allocated = GC.GetTotalAllocatedBytes() - startAllocated;
            var gen0 = GC.CollectionCount(0) - startGen0;
            var gen2 = GC.CollectionCount(2) - startGen2;
            process.Refresh();
            var cpu = process.TotalProcessorTime - startCpu;
            run.Stopping = true;
            await all;

            var latency = new LatencyHistogram();
            foreach (var histogram in run.Histograms)
            {
                latency.Add(histogram);
            }

            return new Measurement(
                count,
                count / elapsed.TotalSeconds,
                latency.PercentileMicroseconds(50),
                latency.PercentileMicroseconds(99),
                count == 0 ? 0 : cpu.TotalMicroseconds / count,
                count == 0 ? 0 : (double)allocated / count,
                gen0,
                gen2,
                engineDelta);
        }
        finally
        {
            run.Stopping = true;
            await Task.WhenAny(all);
        }
    }

    // Returns after the delay, or throws at once when a caller failed (a broken run must not report a number).
    private static async Task WaitOrFailAsync(Task workers, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.WhenAny(workers, Task.Delay(delay));
        }

        if (workers.IsCompleted)
        {
            await workers;
            throw new InvalidOperationException("Every caller stopped before the run ended.");
        }
    }

    /// <summary>One caller: its index (and first key), the step between its keys, and where it records.</summary>
    private sealed class Worker(int index, int stride, LoadRunState run)
    {
        private readonly LatencyHistogram _histogram = run.Histograms[index];
        private readonly int _slot = index * LoadRunState.CounterStride;
        private long _done;

        public int Index => index;

        public int Stride => stride;

        public bool Stopping => run.Stopping;

        public void Completed(long startedTimestamp)
        {
            var ended = Stopwatch.GetTimestamp();
            if (run.Measuring)
            {
                _histogram.Record(ended - startedTimestamp);
            }

            Volatile.Write(ref run.Counters[_slot], ++_done);
        }
    }

    /// <summary>The factory every read passes; the values are all in L2, so any call is a finding (it is counted,
    /// and the run fails if the L1-disabled case saw one).</summary>
    private sealed class CountingFactory
    {
        private long _calls;

        public long Calls => Volatile.Read(ref _calls);

        public ValueTask<FareQuote> CreateAsync()
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(FareQuote.For(-1));
        }
    }

    private readonly record struct EngineCounts(long L1Hits, long L2Hits, long Misses, long L2Errors)
    {
        public static EngineCounts Read(CacheEngine engine) =>
            new(engine.Metrics.L1Hits, engine.Metrics.L2Hits, engine.Metrics.Misses, engine.Metrics.L2Errors);

        public static EngineCounts operator -(EngineCounts a, EngineCounts b) =>
            new(a.L1Hits - b.L1Hits, a.L2Hits - b.L2Hits, a.Misses - b.Misses, a.L2Errors - b.L2Errors);
    }

    private readonly record struct Measurement(
        long Operations,
        double OperationsPerSecond,
        double P50Microseconds,
        double P99Microseconds,
        double CpuMicrosecondsPerOperation,
        double AllocatedBytesPerOperation,
        int Gen0Collections,
        int Gen2Collections,
        EngineCounts Engine);
}
