using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Redis.AspNetCore;

namespace Strata.Redis.Tests.OutputCache;

/// <summary>
/// An in-memory ASP.NET Core app (TestHost) with output caching on Redis and one cached endpoint, <c>/trips</c>
/// (tag <c>trips</c>), that counts how often it runs.
/// </summary>
internal sealed class OutputCacheTestApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly StrongBox<int> _invocations;

    private OutputCacheTestApp(IHost host, StrongBox<int> invocations)
    {
        _host = host;
        _invocations = invocations;
        Client = host.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    public IOutputCacheStore Store => _host.Services.GetRequiredService<IOutputCacheStore>();

    /// <summary>How many times the endpoint ran (not served from the cache).</summary>
    public int Invocations => Volatile.Read(ref _invocations.Value);

    /// <param name="connectionString">The Redis server.</param>
    /// <param name="keyPrefix">The store's prefix.</param>
    /// <param name="outputCacheFirst">Whether <c>AddOutputCache()</c> is called before <c>AddStrataRedisOutputCache</c>.</param>
    /// <param name="operationTimeout">The store's timeout; by default <see cref="OutputCacheTestTimeouts.Generous"/>.</param>
    public static async Task<OutputCacheTestApp> StartAsync(string connectionString, string keyPrefix, bool outputCacheFirst = false, TimeSpan? operationTimeout = null)
    {
        var invocations = new StrongBox<int>();
        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(services =>
                {
                    services.AddRouting();
                    if (outputCacheFirst)
                    {
                        services.AddOutputCache();
                    }

                    services.AddStrataRedisOutputCache(options =>
                    {
                        options.ConnectionString = connectionString;
                        options.KeyPrefix = keyPrefix;
                        options.OperationTimeout = operationTimeout ?? OutputCacheTestTimeouts.Generous;
                    });
                    if (!outputCacheFirst)
                    {
                        services.AddOutputCache();
                    }
                })
                .Configure(builder =>
                {
                    builder.UseRouting();
                    builder.UseOutputCache();
                    builder.UseEndpoints(endpoints => endpoints
                        .MapGet("/trips", () => $"trips #{Interlocked.Increment(ref invocations.Value)} {Guid.NewGuid():N}")
                        .CacheOutput(policy => policy.Tag("trips").Expire(TimeSpan.FromMinutes(1))));
                }))
            .Build();
        await host.StartAsync();
        return new OutputCacheTestApp(host, invocations);
    }

    public async Task<string> GetTripsAsync()
    {
        using var response = await Client.GetAsync(new Uri("/trips", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        // Async disposal, as a real host does: it disposes the store (and the client it owns).
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
