using Strata.Redis.AspNetCore.OutputCaching;
using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.OutputCache;

/// <summary>ASP.NET Core's output-cache middleware, in TestHost, keeping its entries on the real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisOutputCacheIntegrationTests
{
    private readonly RedisFixture _redis;
    private readonly string _prefix = RedisFixture.NewPrefix("oc-app") + ":";

    public RedisOutputCacheIntegrationTests(RedisFixture redis) => _redis = redis;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CachedEndpoint_SecondRequest_ServedFromRedisWithoutRunningTheEndpoint(bool outputCacheFirst)
    {
        await using var app = await OutputCacheTestApp.StartAsync(_redis.ConnectionString, _prefix, outputCacheFirst);

        var first = await app.GetTripsAsync();
        var second = await app.GetTripsAsync();

        app.Store.ShouldBeOfType<RedisOutputCacheStore>();
        second.ShouldBe(first);
        app.Invocations.ShouldBe(1);
        var entries = await _redis.KeysAsync($"{_prefix}e:");
        entries.Count.ShouldBe(1);
        var members = await _redis.Client.ExecuteAsync("ZRANGE", $"{_prefix}tag:trips", 0, -1);
        members.Items.Select(static m => m.AsString()).ShouldBe(entries);
    }

    [Fact]
    public async Task EvictByTagAsync_ThenRequest_RunsTheEndpointAgain()
    {
        await using var app = await OutputCacheTestApp.StartAsync(_redis.ConnectionString, _prefix);
        var cached = await app.GetTripsAsync();

        await app.Store.EvictByTagAsync("trips", default);
        (await _redis.KeysAsync(_prefix)).ShouldBeEmpty();
        var fresh = await app.GetTripsAsync();
        var again = await app.GetTripsAsync();

        fresh.ShouldNotBe(cached);
        again.ShouldBe(fresh);
        app.Invocations.ShouldBe(2);
    }

    [Fact]
    public async Task TwoApps_SharingRedis_SecondServesTheFirstsResponseWithoutRunningItsEndpoint()
    {
        await using var first = await OutputCacheTestApp.StartAsync(_redis.ConnectionString, _prefix);
        await using var second = await OutputCacheTestApp.StartAsync(_redis.ConnectionString, _prefix);

        var fromFirst = await first.GetTripsAsync();
        var fromSecond = await second.GetTripsAsync();

        fromSecond.ShouldBe(fromFirst);
        first.Invocations.ShouldBe(1);
        second.Invocations.ShouldBe(0);
    }

    [Fact]
    public async Task TwoApps_EvictionInOne_IsSeenByTheOther()
    {
        await using var first = await OutputCacheTestApp.StartAsync(_redis.ConnectionString, _prefix);
        await using var second = await OutputCacheTestApp.StartAsync(_redis.ConnectionString, _prefix);
        var cached = await first.GetTripsAsync();

        await first.Store.EvictByTagAsync("trips", default);
        var fromSecond = await second.GetTripsAsync();

        fromSecond.ShouldNotBe(cached);
        second.Invocations.ShouldBe(1);
    }

    [Fact]
    public async Task Request_RedisSilent_ServedByTheEndpointAfterTheOperationTimeout()
    {
        // Real time, bounded by the store's 200 ms timeout: the middleware's own clock and Redis cannot share a fake one.
        await using var app = await OutputCacheTestApp.StartAsync(_redis.ConnectionString, _prefix, operationTimeout: TimeSpan.FromMilliseconds(200));
        var cached = await app.GetTripsAsync();

        _redis.Server.Pause();
        string duringOutage;
        try
        {
            // The read times out (logged, treated as a miss), the endpoint runs, the write times out (logged, ignored).
            duringOutage = await app.GetTripsAsync();
        }
        finally
        {
            _redis.Server.Resume();
        }

        duringOutage.ShouldNotBe(cached);
        app.Invocations.ShouldBe(2);
    }
}
