using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Redis;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.Invalidation;

/// <summary>
/// Two nodes (two TestHost applications) sharing a real redis-server: a successful write on node A evicts node B's
/// L1 copy, through the engine's tag and namespace stamps. B's change feed is awaited, never slept on.
/// </summary>
public sealed class TwoNodeInvalidationTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _prefix = $"inv-{Guid.NewGuid():N}";
    private RedisServer _redis = null!;
    private IHost _a = null!;
    private IHost _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _a = await StartNodeAsync();
        _b = await StartNodeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _a, _b })
        {
            if (host is not null)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task PutOnA_Answers200_BStopsServingItsL1CopyOfThatTripOnly()
    {
        var b = _b.Cache();
        await b.SeedAsync("trip-7", "trip:7");
        await b.SeedAsync("trip-8", "trip:8");
        (await b.HasAsync("trip-7")).ShouldBeTrue();
        var heard = _b.Services.GetRequiredService<HeardTier>().WhenHeardAsync(static k => k.EndsWith(":tag:trip:7", StringComparison.Ordinal));

        using var client = _a.GetTestClient();
        using var response = await client.PutAsync("/trips/7", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await heard.WaitAsync(Bound);
        (await b.HasAsync("trip-7")).ShouldBeFalse();
        (await b.HasAsync("trip-8")).ShouldBeTrue();
        (await _a.Cache().HasAsync("trip-7")).ShouldBeFalse();
    }

    [Fact]
    public async Task PutOnA_Answers409_BKeepsServingItsCopy()
    {
        var b = _b.Cache();
        await b.SeedAsync("trip-7", "trip:7");

        using var client = _a.GetTestClient();
        using var response = await client.PutAsync("/trips/7?status=409", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // Nothing to await on B when nothing was sent; A's own view proves the stamp was never raised.
        (await _a.Cache().HasAsync("trip-7")).ShouldBeTrue();
        (await b.HasAsync("trip-7")).ShouldBeTrue();
    }

    [Fact]
    public async Task PostOnA_NamespaceRule_BStopsServingThatNamespace()
    {
        var recommendations = _b.Cache().Namespace("recommendations");
        await recommendations.SetAsync("for:ana", "cached", InvalidationApp.Long);
        var heard = _b.Services.GetRequiredService<HeardTier>().WhenHeardAsync(static k => k.EndsWith(":ns:recommendations", StringComparison.Ordinal));

        using var client = _a.GetTestClient();
        using var response = await client.PostAsync("/recommendations/rebuild", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await heard.WaitAsync(Bound);
        (await recommendations.TryGetAsync<string>("for:ana")).ShouldBeNull();
    }

    private async Task<IHost> StartNodeAsync()
    {
        var host = await InvalidationApp.StartAsync(
            e =>
            {
                e.MapPut("/trips/{id}", (string id, int? status) => Results.StatusCode(status ?? 200)).InvalidatesTags("trip:{id}");
                e.MapPost("/recommendations/rebuild", () => Results.Ok());
            },
            s =>
            {
                s.AddStrata(o => o.KeyPrefix = _prefix)
                    .WithRedis(_redis.ConnectionString)
                    .WithDistributedTier(static p => p.GetRequiredService<HeardTier>());
                s.AddSingleton(static p => new HeardTier(p.GetRequiredService<RedisDistributedTier>()));
                s.AddStrataInvalidation(o => o.AddRule("POST", "/recommendations/*", namespaces: ["recommendations"]));
            });
        // Reads wait for coherence anyway; waiting here keeps the tests' first steps simple.
        await host.Services.GetRequiredService<RedisDistributedTier>().WhenCoherentAsync().WaitAsync(Bound);
        return host;
    }
}
