using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Strata.Redis;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>Two app nodes over one real redis-server: a response produced on one is served by the other.</summary>
public sealed class ResponseCachingRedisTests : IClassFixture<RedisServerFixture>
{
    private readonly RedisServerFixture _redis;

    public ResponseCachingRedisTests(RedisServerFixture redis)
    {
        _redis = redis;
    }

    [Fact]
    public async Task Get_TwoNodesSharingRedis_SecondNodeServesFirstNodesResponseAndETag()
    {
        var time = new ManualTimeProvider();
        var prefix = "rc-" + Guid.NewGuid().ToString("N")[..12];
        var calls = new EndpointCalls();
        await using var nodeA = await StartNodeAsync(time, prefix, calls);
        await using var nodeB = await StartNodeAsync(time, prefix, calls);
        var written = nodeA.Services.GetRequiredService<L2WriteSignal>().NextWriteAsync();

        using var fromA = await nodeA.GetAsync("/trips/7");
        await written;
        time.Advance(TimeSpan.FromSeconds(3));
        using var fromB = await nodeB.GetAsync("/trips/7");
        var etag = fromA.Headers.ETag!.Tag;
        using var conditionalOnB = await nodeB.GetAsync("/trips/7", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));

        ResponseCacheTestApp.XCache(fromA).ShouldBe("MISS");
        ResponseCacheTestApp.XCache(fromB).ShouldBe("HIT");
        (await fromB.Content.ReadAsStringAsync()).ShouldBe(await fromA.Content.ReadAsStringAsync());
        fromB.Headers.ETag!.Tag.ShouldBe(etag);
        ResponseCacheTestApp.Header(fromB, "Age").ShouldBe("3");
        conditionalOnB.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        calls.Count.ShouldBe(1);
    }

    private Task<ResponseCacheTestApp> StartNodeAsync(ManualTimeProvider time, string prefix, EndpointCalls calls) =>
        ResponseCacheTestApp.StartAsync(
            e => e.MapGet("/trips/{id}", (string id) => $"trip {id} #{calls.Next()}").CacheResponse(p => p.Tags.Add("trip:{id}")),
            services: s => s.PostConfigure<StrataCacheOptions>(o => o.KeyPrefix = prefix),
            time: time,
            strata: builder =>
            {
                builder.WithRedis(o => o.ConnectionString = _redis.ConnectionString);
                builder.Services.AddSingleton(static p => new L2WriteSignal(p.GetRequiredService<RedisDistributedTier>()));
                builder.WithDistributedTier(static p => p.GetRequiredService<L2WriteSignal>());
            });
}
