using System.Diagnostics;
using Strata.Resp;

namespace Strata.Benchmarks.Load;

/// <summary>
/// The macro load runner: one <see cref="RespClient"/> (one connection) shared by N concurrent callers, each
/// awaiting one command at a time in a loop, as an application's requests would. Throughput is what the
/// client's coalescing of concurrent callers into shared writes achieves, measured against the same server
/// redis-benchmark is run against.
/// </summary>
internal static class RespLoadRunner
{
    // Each caller's counter sits on its own 128-byte stretch so callers on different cores never share a cache line.
    private const int CounterStride = 16;

    public static async Task<RespLoadResult> RunAsync(RespLoadOptions options)
    {
        await using var client = await RespClient.ConnectAsync(new RespClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            ClusterMode = options.Cluster ? RespClusterMode.Enabled : RespClusterMode.Disabled,
        });
        var value = new byte[options.ValueSize];
        value.AsSpan().Fill((byte)'x');
        // Built before the run so picking a key allocates nothing.
        var keys = options.Keyspace == 1
            ? [options.Key]
            : Enumerable.Range(0, options.Keyspace).Select(static i => "key:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (options.Operation == "get")
        {
            // GETs must find the value: a miss would measure a shorter reply and no lease copy.
            foreach (var batch in keys.Chunk(1000))
            {
                await Task.WhenAll(batch.Select(key => client.SetAsync(key, value).AsTask()));
            }
        }

        var counters = new long[options.Clients * CounterStride];
        using var stop = new CancellationTokenSource();
        var workers = new Task[options.Clients];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = options.Operation == "get"
                ? GetLoopAsync(client, keys, counters, i * CounterStride, stop.Token)
                : SetLoopAsync(client, keys, value, counters, i * CounterStride, stop.Token);
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
            var endCount = Sum(counters);
            var elapsed = Stopwatch.GetElapsedTime(start);
            process.Refresh();
            var cpu = process.TotalProcessorTime - startCpu;
            return new RespLoadResult(options.Operation, options.Clients, endCount - startCount, elapsed, cpu);
        }
        finally
        {
            await stop.CancelAsync();
            await all;
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

    private static async Task GetLoopAsync(RespClient client, string[] keys, long[] counters, int slot, CancellationToken stop)
    {
        await Task.Yield();
        long done = 0;
        var random = new Random(slot);
        while (!stop.IsCancellationRequested)
        {
            var key = keys.Length == 1 ? keys[0] : keys[random.Next(keys.Length)];
            // The lease, not GetAsync's string: this measures the client, not UTF-16 decoding of the value.
            using (var lease = await client.GetLeaseAsync(key))
            {
                if (lease is null)
                {
                    throw new InvalidOperationException($"GET {key} found no value; the key was deleted during the run.");
                }
            }

            Volatile.Write(ref counters[slot], ++done);
        }
    }

    private static async Task SetLoopAsync(RespClient client, string[] keys, ReadOnlyMemory<byte> value, long[] counters, int slot, CancellationToken stop)
    {
        await Task.Yield();
        long done = 0;
        var random = new Random(slot);
        while (!stop.IsCancellationRequested)
        {
            await client.SetAsync(keys.Length == 1 ? keys[0] : keys[random.Next(keys.Length)], value);
            Volatile.Write(ref counters[slot], ++done);
        }
    }
}
