using System.Diagnostics;
using System.Globalization;
using Strata.RateLimiting;
using Strata.Resp;

namespace Strata.Benchmarks.RateLimiting;

/// <summary>
/// The rate-limit macro benchmark: decisions per second of each Redis algorithm with N concurrent callers on one
/// <see cref="RespClient"/>, against the floor of a raw <c>INCR</c> round trip through the same client in the same run
/// (measured first and last; the floor is their mean, since the machine's load drifts). Each caller has its own
/// partition with a limit it never reaches, so every decision is a full admit-and-write.
/// </summary>
internal static class RateLimitLoadRunner
{
    // Each caller's counter sits on its own 128-byte stretch so callers on different cores never share a cache line.
    private const int CounterStride = 16;
    private const int NeverReached = 1_000_000_000;

    public static async Task<int> RunAsync(RateLimitLoadOptions options)
    {
        await using var client = await RespClient.ConnectAsync(new RespClientOptions { Host = options.Host, Port = options.Port });
        var redis = new RedisRateLimiterOptions { Client = client, KeyPrefix = "bench:" + Guid.NewGuid().ToString("N") + ":", FailurePolicy = RedisFailurePolicy.FailClosed };
        var window = TimeSpan.FromHours(1);

        var incrBefore = await MeasureAsync(options, "incr", static (c, _, key, _) => IncrAsync(c, key), client, null);
        var results = new List<(string Name, Measurement Result)>();
        foreach (var (name, create) in new (string, Func<StrataPartitionedRateLimiter>)[]
        {
            ("gcra", () => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PolicyName = "gcra", PermitLimit = NeverReached, Window = window }, redis)),
            ("sliding_window_counter", () => StrataRateLimiter.CreateSlidingWindowCounter(
                new SlidingWindowCounterRateLimiterOptions { PolicyName = "swc", PermitLimit = NeverReached, Window = window }, redis)),
            ("sliding_window_log", () => StrataRateLimiter.CreateSlidingWindowLog(
                new SlidingWindowLogRateLimiterOptions { PolicyName = "swl", PermitLimit = NeverReached, Window = TimeSpan.FromSeconds(2) }, redis)),
            ("quota", () => StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions { PolicyName = "quota", PermitLimit = NeverReached, Period = QuotaPeriod.Day }, redis)),
            ("concurrency", () => StrataRateLimiter.CreateConcurrency(new ConcurrencyRateLimiterOptions { PolicyName = "conc", PermitLimit = NeverReached }, redis)),
        })
        {
            using var limiter = create();
            results.Add((name, await MeasureAsync(options, name, static (_, l, key, _) => DecideAsync(l!, key), client, limiter)));
        }

        var incrAfter = await MeasureAsync(options, "incr", static (c, _, key, _) => IncrAsync(c, key), client, null);
        var floor = (incrBefore.OperationsPerSecond + incrAfter.OperationsPerSecond) / 2;

        Console.WriteLine(Line("incr_before", incrBefore, floor));
        foreach (var (name, result) in results)
        {
            Console.WriteLine(Line(name, result, floor));
        }

        Console.WriteLine(Line("incr_after", incrAfter, floor));
        return 0;
    }

    private static string Line(string name, Measurement result, double floor) => string.Create(
        CultureInfo.InvariantCulture,
        $"case={name} ops_per_sec={result.OperationsPerSecond:F1} ratio_vs_incr={result.OperationsPerSecond / floor:F2} cpu_us_per_op={result.CpuMicrosecondsPerOperation:F2}");

    private static async ValueTask IncrAsync(RespClient client, string key) => await client.IncrAsync(key);

    private static async ValueTask DecideAsync(StrataPartitionedRateLimiter limiter, string key)
    {
        using var lease = await limiter.AcquireAsync(key);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"{limiter.PolicyName} rejected a request under a limit it should never reach.");
        }
    }

    private static async Task<Measurement> MeasureAsync(
        RateLimitLoadOptions options,
        string name,
        Func<RespClient, StrataPartitionedRateLimiter?, string, int, ValueTask> operation,
        RespClient client,
        StrataPartitionedRateLimiter? limiter)
    {
        var counters = new long[options.Clients * CounterStride];
        using var stop = new CancellationTokenSource();
        var workers = new Task[options.Clients];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = LoopAsync(operation, client, limiter, $"{name}:caller{i}", counters, i * CounterStride, stop.Token);
        }

        var all = Task.WhenAll(workers);
        try
        {
            await WaitOrFailAsync(all, options.Warmup);
            using var process = Process.GetCurrentProcess();
            var startCount = Sum(counters);
            var startCpu = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            await WaitOrFailAsync(all, options.Duration);
            var count = Sum(counters) - startCount;
            var elapsed = Stopwatch.GetElapsedTime(start);
            process.Refresh();
            return new Measurement(count / elapsed.TotalSeconds, count == 0 ? 0 : (process.TotalProcessorTime - startCpu).TotalMicroseconds / count);
        }
        finally
        {
            await stop.CancelAsync();
            await all;
        }
    }

    private static async Task LoopAsync(
        Func<RespClient, StrataPartitionedRateLimiter?, string, int, ValueTask> operation,
        RespClient client,
        StrataPartitionedRateLimiter? limiter,
        string key,
        long[] counters,
        int slot,
        CancellationToken stop)
    {
        await Task.Yield();
        long done = 0;
        while (!stop.IsCancellationRequested)
        {
            await operation(client, limiter, key, slot);
            Volatile.Write(ref counters[slot], ++done);
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

    private static long Sum(long[] counters)
    {
        long total = 0;
        for (var i = 0; i < counters.Length; i += CounterStride)
        {
            total += Volatile.Read(ref counters[i]);
        }

        return total;
    }

    private readonly record struct Measurement(double OperationsPerSecond, double CpuMicrosecondsPerOperation);
}
