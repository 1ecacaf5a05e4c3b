using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strata.AspNetCore;
using Strata.Engine;
using Strata.Redis;

namespace Strata.Benchmarks.Http;

/// <summary>
/// The server side of the <c>http</c> benchmark (mode <c>http-server</c>, started by <see cref="HttpServerProcess"/>):
/// Kestrel on the given loopback port serving <c>GET /quote</c> (<see cref="QuoteUpstream"/>) in one
/// <see cref="HttpServerConfiguration"/>, plus the uncached <c>GET /_stats</c>. It prints
/// <see cref="ReadyLine"/> once it accepts connections, and stops when its standard input closes.
/// </summary>
internal static class HttpBenchServer
{
    public const string QuotePath = "/quote";
    public const string StatsPath = "/_stats";
    public const string ReadyLine = "http-server: listening";

    // Longer than any run: no configuration may expire the entry mid-measurement.
    private static readonly TimeSpan EntryLifetime = TimeSpan.FromMinutes(30);

    public static async Task<int> RunAsync(string[] args)
    {
        HttpServerConfiguration? configuration = null;
        var host = IPAddress.Loopback;
        var port = 0;
        int? redisPort = null;
        try
        {
            for (var i = 0; i < args.Length; i += 2)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--config":
                        configuration = HttpServerConfiguration.Parse(value);
                        break;
                    case "--host":
                        host = IPAddress.Parse(value);
                        break;
                    case "--port":
                        port = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                        break;
                    case "--redis-port":
                        redisPort = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                        break;
                    default:
                        throw new ArgumentException($"unknown argument '{args[i]}'.");
                }
            }

            if (configuration is null || port is <= 0 or > 65535)
            {
                throw new ArgumentException("--config and --port are required.");
            }

            if (configuration.NeedsRedis && redisPort is null)
            {
                throw new ArgumentException($"--config {configuration} needs --redis-port.");
            }
        }
        catch (Exception error) when (error is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"http-server: {error.Message}");
            return 2;
        }

        await using var app = Build(configuration, host, port, redisPort);
        await app.StartAsync();
        if (configuration.NeedsRedis)
        {
            // Fail here, not on the first request, when Redis is not there.
            await app.Services.GetRequiredService<RedisDistributedTier>().WhenCoherentAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        Console.WriteLine(ReadyLine);
        await Console.Out.FlushAsync();

        // The parent stops this server by closing standard input; if the parent dies, the pipe closes too.
        await Task.Run(static () =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }
        });
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stopTimeout.Token);
        return 0;
    }

    private static WebApplication Build(HttpServerConfiguration configuration, IPAddress host, int port, int? redisPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(host, port));

        // Per-request logging would be the benchmark; warnings and errors only, on stderr (stdout is the ready line).
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(static o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        var upstream = new QuoteUpstream();
        if (configuration == HttpServerConfiguration.OutputCache)
        {
            builder.Services.AddOutputCache();
        }
        else if (configuration == HttpServerConfiguration.StrataL1)
        {
            builder.Services.AddStrata();
            builder.Services.AddStrataResponseCaching();
        }
        else if (configuration == HttpServerConfiguration.StrataRedisL2)
        {
            // The response-cache policy has no L1 switch; the entries it writes take the cache's default flags, so
            // L1 is disabled here for every entry of this cache (the only entries are the responses).
            builder.Services.AddStrata(static o => o.DefaultEntryOptions = new StrataEntryOptions
                {
                    Duration = EntryLifetime,
                    Flags = HybridCacheEntryFlags.DisableLocalCache,
                })
                .WithRedis(string.Create(CultureInfo.InvariantCulture, $"redis://127.0.0.1:{redisPort}"));
            builder.Services.AddStrataResponseCaching();
        }

        var app = builder.Build();
        var requests = new StrongBox<long>();
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref requests.Value);
            return next(context);
        });
        app.UseRouting();
        if (configuration == HttpServerConfiguration.OutputCache)
        {
            app.UseOutputCache();
        }
        else if (configuration != HttpServerConfiguration.Uncached)
        {
            app.UseStrataResponseCaching();
        }

        var quote = app.MapGet(QuotePath, (RequestDelegate)upstream.HandleAsync);
        if (configuration == HttpServerConfiguration.OutputCache)
        {
            quote.CacheOutput(static p => p.Expire(EntryLifetime));
        }
        else if (configuration != HttpServerConfiguration.Uncached)
        {
            quote.CacheResponse(static p => p.Duration = EntryLifetime);
        }

        var engine = (app.Services.GetService<StrataCache>() as NamespacedCache)?.Engine;
        app.MapGet(StatsPath, () => Stats(Volatile.Read(ref requests.Value), upstream, engine).ToLine());
        return app;
    }

    private static HttpServerStats Stats(long requests, QuoteUpstream upstream, CacheEngine? engine)
    {
        using var process = Process.GetCurrentProcess();
        return new HttpServerStats(
            requests,
            upstream.Calls,
            (long)process.TotalProcessorTime.TotalMicroseconds,
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0),
            GC.CollectionCount(2),
            engine?.Metrics.L1Hits ?? 0,
            engine?.Metrics.L2Hits ?? 0,
            engine?.Metrics.Misses ?? 0);
    }
}
