using BenchmarkDotNet.Running;
using Strata.Benchmarks.Load;
using Strata.Benchmarks.RateLimiting;

namespace Strata.Benchmarks;

/// <summary>
/// <c>resp-load</c>: the macro load runner scripts/bench.sh compares with redis-benchmark.
/// <c>bdn</c>: the BenchmarkDotNet micro-benchmarks (the remaining arguments go to BenchmarkDotNet).
/// </summary>
internal static class Program
{
    private const string Usage =
        """
        usage: Strata.Benchmarks <mode> [args]
          resp-load --port P [--host 127.0.0.1] [--clients 50] [--op get|set] [--seconds 5] [--warmup 1] [--value-size 100] [--key key:__rand_int__]
              One RespClient (one connection), N concurrent callers looping awaited GET (GetLeaseAsync) or SET;
              prints one line: ops_per_sec=... ops=... seconds=... clients=... op=... cpu_us_per_op=...
          ratelimit-load --port P [--host 127.0.0.1] [--clients 50] [--seconds 5] [--warmup 1]
              Decisions per second of each Redis rate limiter vs a raw INCR round trip (the floor), same client, same run;
              prints one line per case: case=... ops_per_sec=... ratio_vs_incr=... cpu_us_per_op=...
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

            case "bdn":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
                return 0;

            default:
                await Console.Error.WriteLineAsync($"unknown mode '{args[0]}'");
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }
}
