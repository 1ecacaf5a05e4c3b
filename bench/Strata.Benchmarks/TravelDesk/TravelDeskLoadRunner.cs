using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

using Strata.Benchmarks.Load;

namespace Strata.Benchmarks.TravelDesk;

/// <summary>
/// The TravelDesk macro benchmark (mode <c>traveldesk-load</c>): the same deterministic workload
/// (<see cref="TravelWorkload"/>) against TravelDesk with its cache off, then on (then on with Redis as L2 when a
/// redis-server is given), each run with a fresh supplier process and a fresh SQLite file, so every run starts cold and
/// sees the same supplier; the first <see cref="TravelDeskLoadOptions.Warmup"/> requests warm it and are not measured. Prints one line per run, a comparison, the seeds' targets next to ours, and last
/// <c>traveldesk: p50_reduction=XX% supplier_calls_saved=XX%</c>. Exit code 1 when any request failed.
/// </summary>
internal static class TravelDeskLoadRunner
{
    // Faster than any supplier answer (its fastest is 150 ms at scale 1): a hit or a database read.
    private const double FastMs = 20;

    private static readonly TimeSpan SupplierStart = TimeSpan.FromSeconds(60);

    // Creating and seeding the SQLite file, then warming up, on a loaded 2-core machine.
    private static readonly TimeSpan TravelDeskStart = TimeSpan.FromSeconds(180);

    public static async Task<int> RunAsync(TravelDeskLoadOptions options, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var workload = new TravelWorkload(options.Seed, today);
        var sequence = workload.Generate(options.Warmup + options.Requests, options.Seed);
        var warmup = sequence[..options.Warmup];
        var requests = sequence[options.Warmup..];

        Console.WriteLine(Invariant($"# machine: {Environment.ProcessorCount} cores, load average {MachineLoad.Average()}; supplier, TravelDesk and this load generator share them, loopback only"));
        Console.WriteLine(Invariant($"# workload: {warmup.Length} warm-up requests (not measured), then {requests.Length} measured (seed {options.Seed}), {options.Concurrency} connections, closed loop; {workload.Describe()}"));
        Console.WriteLine(Invariant($"# each run: a fresh supplier process (latency scale {options.LatencyScale}, errors 0, search limit raised) and a fresh SQLite file; TravelDesk's outgoing limit and search quota raised; every cache starts cold, then the warm-up requests run"));

        var configurations = new List<(string Name, bool Cache, int? Redis)> { ("cache_off", false, null), ("cache_on", true, null) };
        if (options.RedisPort is { } redis)
        {
            configurations.Add(("cache_on_redis", true, redis));
        }

        var results = new Dictionary<string, RunResult>(StringComparer.Ordinal);
        foreach (var (name, cache, redisPort) in configurations)
        {
            RunResult result;
            try
            {
                result = await RunOnceAsync(options, warmup, requests, name, cache, redisPort, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"traveldesk-load: run {name} failed: {error.Message}").ConfigureAwait(false);
                return 1;
            }

            results[name] = result;
            Print(result);
        }

        var off = results["cache_off"];
        var on = results["cache_on"];
        var p50 = OutcomeStats.Reduction(off.P50, on.P50);
        var p95 = OutcomeStats.Reduction(off.P95, on.P95);
        var p99 = OutcomeStats.Reduction(off.P99, on.P99);
        var mean = OutcomeStats.Reduction(off.Mean, on.Mean);
        var calls = OutcomeStats.Reduction(off.SupplierCalls, on.SupplierCalls);
        var queries = OutcomeStats.Reduction(off.DatabaseQueries, on.DatabaseQueries);
        var resources = on.Outcomes.Where(static o => !o.Request.Kind.IsSearch()).ToArray();
        var lists = on.Outcomes.Where(static o => o.Request.Kind == RequestKind.ResourceList);
        Console.WriteLine(Invariant(
            $"compare: p50_reduction={Percent(p50)} mean_reduction={Percent(mean)} p95_reduction={Percent(p95)} p99_reduction={Percent(p99)} supplier_calls_saved={Percent(calls)} db_queries_saved={Percent(queries)} resource_hit_ratio={Percent(OutcomeStats.HitRatio(resources))} search_hit_ratio={Percent(on.SearchHitRatio)} rps_ratio={on.RequestsPerSecond / off.RequestsPerSecond:F2}"));
        Console.WriteLine(Invariant($"# the seeds' headline targets next to ours (cache_on vs cache_off, same requests, same run, after {warmup.Length} warm-up requests):"));
        Console.WriteLine(Invariant($"#   50-90% lower response time     ours: p50 {Percent(p50)} lower, mean {Percent(mean)}, p95 {Percent(p95)}, p99 {Percent(p99)}"));
        var fast = on.ShareUnder(FastMs);
        if (fast is > 0.4 and < 0.6)
        {
            Console.WriteLine(Invariant(
                $"#                                  (with the cache {Percent(fast)} of answers take under {FastMs:0} ms, hits and database reads, the rest wait for the supplier: the median sits on that edge and swings between runs; the mean is the steadier figure)"));
        }

        Console.WriteLine(Invariant($"#   80-95% hit rate on resources   ours: {Percent(OutcomeStats.HitRatio(resources))} of all {resources.Length} database reads (resource lists {Percent(OutcomeStats.HitRatio(lists))}, {KindHits(on, RequestKind.Template)}, {KindHits(on, RequestKind.User)}, {KindHits(on, RequestKind.Recommendation)})"));
        Console.WriteLine(Invariant($"#   40-60% less database load      ours: {Percent(queries)} fewer SQL statements ({off.DatabaseQueries:0} -> {on.DatabaseQueries:0})"));
        Console.WriteLine(Invariant($"#   (not a seed target)            supplier calls {off.SupplierCalls} -> {on.SupplierCalls}: {Percent(calls)} saved; the flight key space is {workload.FlightKeys:N0} keys, so {warmup.Length + requests.Length:N0} requests repeat only the popular head"));

        var failed = results.Values.Sum(static r => r.Errors.Count);
        if (failed > 0)
        {
            Console.WriteLine(Invariant($"# {failed} requests failed (see the error lines above): the numbers are not comparable"));
        }

        Console.WriteLine(Invariant($"traveldesk: p50_reduction={Percent(p50)} supplier_calls_saved={Percent(calls)}"));
        return failed > 0 ? 1 : 0;
    }

    private static async Task<RunResult> RunOnceAsync(
        TravelDeskLoadOptions options, TravelRequest[] warmup, TravelRequest[] requests, string name, bool cache, int? redisPort, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("strata-traveldesk-bench-");
        try
        {
            await using var supplier = await ServiceProcess.StartAsync(
                "supplier", options.SupplierAssembly, ServiceSettings.Supplier(options.LatencyScale), ServiceSettings.SupplierReady,
                directory.FullName, SupplierStart, cancellationToken).ConfigureAwait(false);
            var adminKey = RandomNumberGenerator.GetHexString(32, lowercase: true);
            var arguments = ServiceSettings.TravelDesk(
                cache, supplier.BaseAddress, Path.Combine(directory.FullName, "traveldesk.db"), adminKey, redisPort, "bench-" + name);
            await using var travelDesk = await ServiceProcess.StartAsync(
                "traveldesk", options.TravelDeskAssembly, arguments, ServiceSettings.TravelDeskReady,
                directory.FullName, TravelDeskStart, cancellationToken).ConfigureAwait(false);

            using var probe = ServiceProbe.CreateClient();
            await ServiceProbe.WaitReadyAsync(probe, travelDesk.BaseAddress, TravelDeskStart, cancellationToken).ConfigureAwait(false);
            using var client = LoadDriver.CreateClient(options.Concurrency);
            if (warmup.Length > 0)
            {
                // Same sequence, same connections; its outcomes, supplier calls and queries are left out of the numbers.
                await LoadDriver.RunAsync(
                    client, warmup, [travelDesk.BaseAddress], static _ => 0, options.Concurrency, name + " warm-up", cancellationToken).ConfigureAwait(false);
            }

            var callsBefore = await ServiceProbe.ReadSupplierCallsAsync(probe, supplier.BaseAddress, cancellationToken).ConfigureAwait(false);
            var queriesBefore = await ServiceProbe.ReadMetricSumAsync(probe, travelDesk.BaseAddress, ServiceProbe.DatabaseQueries, cancellationToken).ConfigureAwait(false);

            var started = Stopwatch.GetTimestamp();
            var outcomes = await LoadDriver.RunAsync(
                client, requests, [travelDesk.BaseAddress], static _ => 0, options.Concurrency, name, cancellationToken).ConfigureAwait(false);
            var wall = Stopwatch.GetElapsedTime(started);

            foreach (var service in new[] { travelDesk, supplier })
            {
                if (service.HasExited)
                {
                    throw new InvalidOperationException($"{service.Name} exited during the run; its last output:{Environment.NewLine}{service.LastOutput()}");
                }
            }

            var calls = (await ServiceProbe.ReadSupplierCallsAsync(probe, supplier.BaseAddress, cancellationToken).ConfigureAwait(false)).Since(callsBefore);
            var queries = await ServiceProbe.ReadMetricSumAsync(probe, travelDesk.BaseAddress, ServiceProbe.DatabaseQueries, cancellationToken).ConfigureAwait(false) - queriesBefore;

            return new RunResult(name, outcomes, wall, calls.Total, callsBefore.Total, calls.RateLimited, queries);
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a process that has not quite exited; the temp folder is cleaned eventually.
            }
        }
    }

    private static void Print(RunResult run)
    {
        Console.WriteLine(Invariant(
            $"run={run.Name} requests={run.Outcomes.Length} wall_s={run.Wall.TotalSeconds:F1} rps={run.RequestsPerSecond:F1} mean_ms={run.Mean:F1} p50_ms={run.P50:F1} p95_ms={run.P95:F1} p99_ms={run.P99:F1} hit_ratio={Percent(run.HitRatio)} search_hit={Percent(run.SearchHitRatio)} resource_hit={Percent(run.ResourceHitRatio)} supplier_calls={run.SupplierCalls} db_queries={run.DatabaseQueries:0} errors={run.Errors.Count}"));
        var kinds = RequestKinds.All
            .Select(kind => (kind, outcomes: run.Outcomes.Where(o => o.Request.Kind == kind).ToArray()))
            .Where(static k => k.outcomes.Length > 0)
            .Select(static k => Invariant($"{k.kind.Name()} n={k.outcomes.Length} hit={Percent(OutcomeStats.HitRatio(k.outcomes))} p50={OutcomeStats.PercentileMs(k.outcomes, 50):F0}ms"));
        Console.WriteLine($"#   {run.Name} by kind: {string.Join(", ", kinds)}");
        var lastThird = run.Outcomes[(run.Outcomes.Length * 2 / 3)..];
        if (run.HitRatio > 0)
        {
            Console.WriteLine(Invariant(
                $"#   {run.Name} last third of the run (warmer cache): hit ratio {Percent(OutcomeStats.HitRatio(lastThird))} (searches {Percent(OutcomeStats.HitRatio(lastThird.Where(static o => o.Request.Kind.IsSearch())))}, database reads {Percent(OutcomeStats.HitRatio(lastThird.Where(static o => !o.Request.Kind.IsSearch())))}), p50 {OutcomeStats.PercentileMs(lastThird, 50):F1} ms"));
        }

        if (run.SupplierCallsBefore > 0 || run.SupplierRateLimited > 0)
        {
            Console.WriteLine(Invariant(
                $"#   {run.Name}: not counted above, {run.SupplierCallsBefore} supplier calls before the measured requests (TravelDesk's start-up warm-up of popular airports and the warm-up requests); {run.SupplierRateLimited} refused by the supplier's limit"));
        }

        foreach (var error in run.Errors.Take(10))
        {
            Console.WriteLine(Invariant(
                $"#   error: {(error.Status == 0 ? "no response" : error.Status.ToString(CultureInfo.InvariantCulture))} {error.Request.Method} {error.Request.PathAndQuery} {error.Error ?? error.Body}"));
        }
    }

    private static string KindHits(RunResult run, RequestKind kind) =>
        Invariant($"{kind.Name()} {Percent(OutcomeStats.HitRatio(run.Outcomes.Where(o => o.Request.Kind == kind)))}");

    private static string Percent(double share) => Invariant($"{share * 100:F0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
