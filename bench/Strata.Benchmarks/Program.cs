using BenchmarkDotNet.Running;
using Strata.Benchmarks.Http;
using Strata.Benchmarks.Load;
using Strata.Benchmarks.RateLimiting;
using Strata.Benchmarks.Tier;
using Strata.Benchmarks.TravelDesk;

namespace Strata.Benchmarks;

/// <summary>
/// <c>resp-load</c>: the macro load runner scripts/bench.sh compares with redis-benchmark.
/// <c>ratelimit-load</c> and <c>tier-load</c>: the rate-limit and Redis-tier macro runners, each against a raw round trip
/// through Strata.Resp in the same run.
/// <c>http-load</c>: HTTP response caching (uncached, ASP.NET Core output cache, Strata L1, Strata over Redis) with one
/// load generator, each server in its own <c>http-server</c> process.
/// <c>traveldesk-load</c>: the TravelDesk sample with its cache off, then on, under one deterministic travel workload,
/// each run with its own supplier process; <c>traveldesk-demo</c>: the narrated two-instance demo (scripts/demo.sh).
/// <c>bdn</c>: the BenchmarkDotNet micro-benchmarks (the remaining arguments go to BenchmarkDotNet).
/// </summary>
internal static class Program
{
    private const string Usage =
        """
        usage: Strata.Benchmarks <mode> [args]
          resp-load --port P [--host 127.0.0.1] [--clients 50] [--op get|set] [--seconds 5] [--warmup 1] [--value-size 100] [--key key:__rand_int__]
                    [--keyspace 1] [--cluster false]
              One RespClient (one connection), N concurrent callers looping awaited GET (GetLeaseAsync) or SET;
              prints one line: ops_per_sec=... ops=... seconds=... clients=... op=... cpu_us_per_op=...
          ratelimit-load --port P [--host 127.0.0.1] [--clients 50] [--seconds 5] [--warmup 1]
              Decisions per second of each Redis rate limiter vs a raw INCR round trip (the floor), same client, same run;
              prints one line per case: case=... ops_per_sec=... ratio_vs_incr=... cpu_us_per_op=...
          tier-load --port P [--host 127.0.0.1] [--clients 50] [--seconds 5] [--warmup 1] [--keys 10000] [--zipf-keys 100000]
                    [--zipf-s 1.0] [--l1-bytes 8388608] [--seed 42]
              The Strata cache over the Redis tier: GetOrCreateAsync with L1 disabled vs a raw GET of the same envelopes,
              then L1 + L2 under a Zipf key distribution; prints case=... ops_per_sec=... p50_us=... p99_us=... lines
              (hit ratios per tier on the Zipf case), then overhead_vs_raw_get=X.XX
          http-load --port P [--host 127.0.0.1] [--connections 50] [--duration 5] [--warmup 1] [--redis-port R]
              Kestrel on P serving GET /quote (20 ms upstream + ~2 KB JSON), uncached / output cache / Strata L1 /
              Strata over Redis with L1 disabled (needs --redis-port), each in its own http-server process, driven by one
              closed-loop HttpClient generator (--connections and --duration are --clients and --seconds);
              prints config=... rps=... p50_ms=... p99_ms=... upstream_calls=... lines, then strata_vs_outputcache_rps=X.XX
          http-server --config uncached|outputcache|strata_l1|strata_redis_l2 --port P [--host 127.0.0.1] [--redis-port R]
              One benchmark server (http-load starts these); prints "http-server: listening", stops when stdin closes
          traveldesk-load [--requests 3000] [--concurrency 16] [--seed 42] [--latency-scale 1.0] [--redis-port R]
                          [--traveldesk path/TravelDesk.dll] [--supplier path/TravelDesk.Supplier.dll]
              Starts a supplier and a TravelDesk (cache off, then cache on, then cache on over Redis with --redis-port),
              each run fresh (own supplier process, own SQLite file), sends the same Zipf(1.0) travel workload to each;
              prints run=... lines (rps, p50/p95/p99 ms, hit ratios, supplier calls, database queries, errors), the
              comparison and the seeds' targets, then "traveldesk: p50_reduction=XX% supplier_calls_saved=XX%"
          traveldesk-demo --a URL --b URL --supplier URL --admin-key KEY [--redis yes|no] [--requests 800] [--concurrency 12]
                          [--replay 120] [--seed 7] [--template 42]
              Drives two running TravelDesk instances (scripts/demo.sh starts them) and tells what happened: hit ratios per
              instance and tier, supplier calls saved, searches with and without the cache, an edit on A seen on B
          bdn [BenchmarkDotNet args]
              Runs the BenchmarkDotNet classes, e.g. bdn --filter '*'
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        switch (args[0])
        {
            case "resp-load":
                RespLoadOptions options;
                try
                {
                    options = RespLoadOptions.Parse(args.AsSpan(1));
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync($"resp-load: {exception.Message}");
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
                }

                var result = await RespLoadRunner.RunAsync(options);
                Console.WriteLine(result.ToLine());
                return 0;

            case "ratelimit-load":
                RateLimitLoadOptions rateLimitOptions;
                try
                {
                    rateLimitOptions = RateLimitLoadOptions.Parse(args.AsSpan(1));
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync($"ratelimit-load: {exception.Message}");
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
                }

                return await RateLimitLoadRunner.RunAsync(rateLimitOptions);

            case "tier-load":
                TierLoadOptions tierOptions;
                try
                {
                    tierOptions = TierLoadOptions.Parse(args.AsSpan(1));
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync($"tier-load: {exception.Message}");
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
                }

                return await TierLoadRunner.RunAsync(tierOptions);

            case "http-load":
                HttpLoadOptions httpOptions;
                try
                {
                    httpOptions = HttpLoadOptions.Parse(args.AsSpan(1));
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync($"http-load: {exception.Message}");
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
                }

                return await HttpLoadRunner.RunAsync(httpOptions);

            case "http-server":
                return await HttpBenchServer.RunAsync(args[1..]);

            case "traveldesk-load":
                TravelDeskLoadOptions travelOptions;
                try
                {
                    travelOptions = TravelDeskLoadOptions.Parse(args.AsSpan(1));
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync($"traveldesk-load: {exception.Message}");
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
                }

                return await RunUntilCtrlCAsync("traveldesk-load", token => TravelDeskLoadRunner.RunAsync(travelOptions, token));

            case "traveldesk-demo":
                TravelDeskDemoOptions demoOptions;
                try
                {
                    demoOptions = TravelDeskDemoOptions.Parse(args.AsSpan(1));
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync($"traveldesk-demo: {exception.Message}");
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
                }

                return await RunUntilCtrlCAsync("traveldesk-demo", token => TravelDeskDemoRunner.RunAsync(demoOptions, token));

            case "bdn":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
                return 0;

            default:
                await Console.Error.WriteLineAsync($"unknown mode '{args[0]}'");
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    // The TravelDesk runners start processes: the first Ctrl-C cancels the run so they are stopped (by process id) on
    // the way out, and the runner exits with 130 like a shell; a second one ends it at once (its exit handler still
    // kills them).
    private static async Task<int> RunUntilCtrlCAsync(string mode, Func<CancellationToken, Task<int>> run)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };
        Console.CancelKeyPress += handler;
        try
        {
            return await run(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{mode}: interrupted");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }
}
