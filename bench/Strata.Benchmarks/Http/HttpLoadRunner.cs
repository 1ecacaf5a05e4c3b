using System.Diagnostics;
using System.Globalization;
using System.Net;
using Strata.Benchmarks.Load;
using Strata.Benchmarks.Tier;

namespace Strata.Benchmarks.Http;

/// <summary>
/// The HTTP response-caching macro benchmark (mode <c>http-load</c>). For each <see cref="HttpServerConfiguration"/>
/// in turn it starts a <see cref="HttpServerProcess"/> on the same port and drives <c>GET /quote</c> with the same
/// closed-loop generator: N workers, each with its own keep-alive HTTP/1.1 connection (one
/// <see cref="SocketsHttpHandler"/> with <c>MaxConnectionsPerServer = N</c>) and one request in flight, for a warm-up
/// and then a measured duration. Every response must be a 200 with the endpoint's exact body length.
/// It prints one line per configuration (requests/s, p50/p99 in ms, the upstream's calls over the server's whole
/// life, and the server's and generator's CPU and the server's allocations per request), then
/// <c>strata_vs_outputcache_rps=X.XX</c>: Strata with L1 over ASP.NET Core's output cache, same run.
/// </summary>
internal static class HttpLoadRunner
{
    // Each worker's counter sits on its own 128-byte stretch so workers on different cores never share a cache line.
    // The /_stats request that closes a window is counted in it.
    private const long StatsRequests = 1;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(HttpLoadOptions options)
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"# machine: {Environment.ProcessorCount} cores, load average {MachineLoad.Average()}; the server (Kestrel, HTTP/1.1, {options.Host}:{options.Port}, its own process) and this load generator share them"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"# load: {options.Clients} connections, closed loop (one request in flight each), {options.Duration.TotalSeconds:0.###} s per configuration after {options.Warmup.TotalSeconds:0.###} s warm-up; GET {HttpBenchServer.QuotePath} = {QuoteUpstream.Latency.TotalMilliseconds:0} ms upstream + {QuoteUpstream.BodyLength} B JSON"));

        var rates = new Dictionary<HttpServerConfiguration, double>();
        var cpu = new Dictionary<HttpServerConfiguration, double>();
        foreach (var configuration in HttpServerConfiguration.All)
        {
            if (configuration.NeedsRedis && options.RedisPort is null)
            {
                Console.WriteLine($"config={configuration} skipped: no redis-server (--redis-port not given; scripts/bench.sh http passes one when redis-server is installed)");
                continue;
            }

            HttpServerProcess server;
            try
            {
                server = await HttpServerProcess.StartAsync(configuration, options.Host, options.Port, options.RedisPort);
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException)
            {
                // The server's own log (a bind failure, Redis not answering) is already on stderr.
                await Console.Error.WriteLineAsync($"http-load: {error.Message}");
                return 1;
            }

            Measurement result;
            await using (server)
            {
                result = await MeasureAsync(options, server);
            }

            rates[configuration] = result.RequestsPerSecond;
            cpu[configuration] = result.ServerCpuMicrosecondsPerRequest;
            Console.WriteLine(Line(configuration, result));
            if (configuration != HttpServerConfiguration.Uncached && result.Server.UpstreamCalls > 1)
            {
                // Single flight (Strata) and request coalescing (output cache) should hold the first burst to one call.
                Console.WriteLine($"# {configuration}: the upstream ran {result.Server.UpstreamCalls} times, expected once");
            }
        }

        var ratio = rates[HttpServerConfiguration.StrataL1] / rates[HttpServerConfiguration.OutputCache];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"# server CPU per request, output cache over Strata L1: {cpu[HttpServerConfiguration.OutputCache] / cpu[HttpServerConfiguration.StrataL1]:F2} (above 1: Strata costs the server less; steadier than rps on a shared machine)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"strata_vs_outputcache_rps={ratio:F2}"));
        return 0;
    }

    private static string Line(HttpServerConfiguration configuration, Measurement result)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"config={configuration.Name} rps={result.RequestsPerSecond:F1} p50_ms={result.P50Microseconds / 1000:F2} p99_ms={result.P99Microseconds / 1000:F2} upstream_calls={result.Server.UpstreamCalls} requests={result.Requests} server_cpu_us_per_req={result.ServerCpuMicrosecondsPerRequest:F1} server_alloc_b_per_req={result.ServerAllocatedBytesPerRequest:F0} server_gc0={result.Window.Gen0Collections} server_gc2={result.Window.Gen2Collections} client_cpu_us_per_req={result.ClientCpuMicrosecondsPerRequest:F1}");
        return configuration == HttpServerConfiguration.StrataL1 || configuration == HttpServerConfiguration.StrataRedisL2
            ? line + string.Create(
                CultureInfo.InvariantCulture,
                $" l1_hits={result.Window.L1Hits} l2_hits={result.Window.L2Hits} joined={Joined(result.Window)}")
            : line;
    }

    // Requests the engine answered by joining another request's read of the key (single flight) rather than with its
    // own L1 or L2 read. Approximate: requests in flight at the window's edges are counted on one side only.
    private static long Joined(HttpServerStats window) =>
        Math.Max(0, window.Requests - StatsRequests - window.L1Hits - window.L2Hits - window.Misses);

    private static async Task<Measurement> MeasureAsync(HttpLoadOptions options, HttpServerProcess server)
    {
        var uri = new Uri(server.BaseAddress, HttpBenchServer.QuotePath);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Clients,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var statsClient = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        using var abort = new CancellationTokenSource();

        var run = new LoadRunState(options.Clients);
        var workers = new Task[options.Clients];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkerLoopAsync(invoker, uri, new Worker(i, run), abort.Token);
        }

        var all = Task.WhenAll(workers);
        try
        {
            await WaitOrFailAsync(all, options.Warmup);
            using var process = Process.GetCurrentProcess();
            var serverStart = await server.ReadStatsAsync(statsClient);
            var startCount = run.Sum();
            var startCpu = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            run.Measuring = true;
            await WaitOrFailAsync(all, options.Duration);
            run.Measuring = false;
            var count = run.Sum() - startCount;
            var elapsed = Stopwatch.GetElapsedTime(start);
            process.Refresh();
            var clientCpu = process.TotalProcessorTime - startCpu;
            var serverEnd = await server.ReadStatsAsync(statsClient);
            run.Stopping = true;
            await StopAsync(all, abort);

            var latency = new LatencyHistogram();
            foreach (var histogram in run.Histograms)
            {
                latency.Add(histogram);
            }

            var window = serverEnd - serverStart;
            return new Measurement(
                count,
                count / elapsed.TotalSeconds,
                latency.PercentileMicroseconds(50),
                latency.PercentileMicroseconds(99),
                serverEnd,
                window,
                count == 0 ? 0 : (double)window.CpuMicroseconds / count,
                count == 0 ? 0 : (double)window.AllocatedBytes / count,
                count == 0 ? 0 : clientCpu.TotalMicroseconds / count);
        }
        finally
        {
            run.Stopping = true;
            await StopAsync(all, abort);
        }
    }

    private static async Task WorkerLoopAsync(HttpMessageInvoker invoker, Uri uri, Worker worker, CancellationToken abort)
    {
        await Task.Yield();
        var buffer = new byte[16 * 1024];
        while (!worker.Stopping)
        {
            var started = Stopwatch.GetTimestamp();
            int length;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                using var response = await invoker.SendAsync(request, abort);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {uri} answered {(int)response.StatusCode}.");
                }

                await using var body = await response.Content.ReadAsStreamAsync(abort);
                length = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, abort)) > 0)
                {
                    length += read;
                }
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return;
            }

            worker.Completed(started);
            if (length != QuoteUpstream.BodyLength)
            {
                throw new InvalidOperationException($"GET {uri} returned {length} bytes; the endpoint writes {QuoteUpstream.BodyLength}.");
            }
        }
    }

    // Lets in-flight requests finish (the connections close from this side first), then gives up on stragglers.
    private static async Task StopAsync(Task workers, CancellationTokenSource abort)
    {
        if (await Task.WhenAny(workers, Task.Delay(StopGrace)) != workers)
        {
            await abort.CancelAsync();
        }

        try
        {
            await workers;
        }
        catch (Exception) when (abort.IsCancellationRequested)
        {
            // Abandoned after the grace period; the measurement was already taken.
        }
    }

    // Returns after the delay, or throws at once when a worker failed (a broken run must not report a number).
    private static async Task WaitOrFailAsync(Task workers, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.WhenAny(workers, Task.Delay(delay));
        }

        if (workers.IsCompleted)
        {
            await workers;
            throw new InvalidOperationException("Every worker stopped before the run ended.");
        }
    }

    /// <summary>One worker: where it counts and records.</summary>
    private sealed class Worker(int index, LoadRunState run)
    {
        private readonly LatencyHistogram _histogram = run.Histograms[index];
        private readonly int _slot = index * LoadRunState.CounterStride;
        private long _done;

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

    private readonly record struct Measurement(
        long Requests,
        double RequestsPerSecond,
        double P50Microseconds,
        double P99Microseconds,
        HttpServerStats Server,
        HttpServerStats Window,
        double ServerCpuMicrosecondsPerRequest,
        double ServerAllocatedBytesPerRequest,
        double ClientCpuMicrosecondsPerRequest);
}
