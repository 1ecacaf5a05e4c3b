using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strata.AspNetCore;

namespace Strata.Benchmarks.Http;

/// <summary>
/// The cache-hit path of one <c>GET /quote</c> without sockets: each request goes through
/// <see cref="TestServer.SendAsync"/> (hosting, routing, the cache middleware, the body write). The baseline is the
/// same pipeline with no cache middleware and an endpoint that writes the body at once, so each cache's own cost is
/// its difference from it (time and bytes; the test server's share is the same in all three).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class HttpHitPathBenchmarks
{
    private static readonly byte[] Body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(QuoteBody.Sample, QuoteJsonContext.Default.QuoteBody);

    private readonly List<WebApplication> _apps = [];
    private TestServer _floor = null!;
    private TestServer _outputCache = null!;
    private TestServer _strata = null!;

    [GlobalSetup]
    public void Setup()
    {
        _floor = Start(null);
        _outputCache = Start(HttpServerConfiguration.OutputCache);
        _strata = Start(HttpServerConfiguration.StrataL1);

        // The first request of each cache runs the 20 ms upstream and stores the response.
        foreach (var server in new[] { _floor, _outputCache, _strata })
        {
            GetAsync(server).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var app in _apps)
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, Description = "no cache, body written at once (floor)")]
    public Task<int> Floor() => GetAsync(_floor);

    [Benchmark(Description = "ASP.NET Core output cache hit")]
    public Task<int> OutputCacheHit() => GetAsync(_outputCache);

    [Benchmark(Description = "Strata response cache L1 hit")]
    public Task<int> StrataHit() => GetAsync(_strata);

    private static async Task<int> GetAsync(TestServer server)
    {
        var context = await server.SendAsync(static c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = HttpBenchServer.QuotePath;
        });
        return context.Response.StatusCode == StatusCodes.Status200OK && context.Response.ContentLength == Body.Length
            ? context.Response.StatusCode
            : throw new InvalidOperationException($"GET {HttpBenchServer.QuotePath} answered {context.Response.StatusCode} with {context.Response.ContentLength} bytes.");
    }

    private TestServer Start(HttpServerConfiguration? configuration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (configuration == HttpServerConfiguration.OutputCache)
        {
            builder.Services.AddOutputCache();
        }
        else if (configuration == HttpServerConfiguration.StrataL1)
        {
            builder.Services.AddStrata();
            builder.Services.AddStrataResponseCaching();
        }

        var app = builder.Build();
        app.UseRouting();
        var upstream = new QuoteUpstream();
        if (configuration == HttpServerConfiguration.OutputCache)
        {
            app.UseOutputCache();
            app.MapGet(HttpBenchServer.QuotePath, (RequestDelegate)upstream.HandleAsync).CacheOutput(static p => p.Expire(TimeSpan.FromHours(1)));
        }
        else if (configuration == HttpServerConfiguration.StrataL1)
        {
            app.UseStrataResponseCaching();
            app.MapGet(HttpBenchServer.QuotePath, (RequestDelegate)upstream.HandleAsync).CacheResponse(static p => p.Duration = TimeSpan.FromHours(1));
        }
        else
        {
            app.MapGet(HttpBenchServer.QuotePath, static context =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = Body.Length;
                return context.Response.Body.WriteAsync(Body).AsTask();
            });
        }

        app.StartAsync().GetAwaiter().GetResult();
        _apps.Add(app);
        return app.GetTestServer();
    }
}
