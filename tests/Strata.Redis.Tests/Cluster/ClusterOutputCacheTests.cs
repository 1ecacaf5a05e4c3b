using Strata.Redis.AspNetCore;
using Strata.Redis.AspNetCore.OutputCaching;
using Strata.Redis.Tests.Infrastructure;
using Strata.Redis.Tests.OutputCache;
using Strata.Resp;
using Strata.Resp.Cluster;
using Strata.Testing;

namespace Strata.Redis.Tests.Cluster;

/// <summary>The output-cache store on a cluster: an entry and its tag sets live in different slots (usually on different
/// primaries), so storing, tag eviction and expiry must work without cross-slot scripts.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterOutputCacheTests(RedisClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    // Thirty tags (plus even/odd) so that, whatever the random key prefix, their sets land on every primary: the chance
    // that 32 sets miss one of three primaries is about 3 x (2/3)^32, under one in 100,000. Six were not enough.
    private static readonly string[] Tags = ["red", .. Enumerable.Range(1, 29).Select(static i => $"colour{i}")];

    private readonly string _prefix = RedisFixture.NewPrefix("oc") + ":";
    private RespClient _inspector = null!;
    private RedisOutputCacheStore _store = null!;

    public async Task InitializeAsync()
    {
        _inspector = await RespClient.ConnectAsync(fixture.ConnectionString);
        // A shared client that has finished its handshake, so the store knows from the first call that it is on a cluster.
        _store = new RedisOutputCacheStore(new RedisOutputCacheOptions
        {
            Client = _inspector,
            KeyPrefix = _prefix,
            OperationTimeout = OutputCacheTestTimeouts.Generous,
        });
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _inspector.DisposeAsync();
    }

    [Fact]
    public async Task SetAsync_TaggedEntriesOnEveryPrimary_GetAsyncReturnsThemAndEvictByTagRemovesExactlyTheTagged()
    {
        _inspector.IsCluster.ShouldBeTrue();
        for (var i = 0; i < 60; i++)
        {
            await _store.SetAsync($"page/{i}", [(byte)i], [Tags[i % Tags.Length], i % 2 == 0 ? "even" : "odd"], Minute, default);
        }

        await _store.SetAsync("untagged", [255], null, Minute, default);
        (await fixture.Cluster.PrimariesHoldingAsync(Enumerable.Range(0, 60).Select(i => $"{_prefix}e:page/{i}"))).ShouldBe(3, "entries on every primary");
        (await fixture.Cluster.PrimariesHoldingAsync(Tags.Append("even").Append("odd").Select(t => $"{_prefix}tag:{t}"))).ShouldBe(3, "tag sets on every primary");
        for (var i = 0; i < 60; i++)
        {
            (await _store.GetAsync($"page/{i}", default)).ShouldBe([(byte)i]);
        }

        await _store.EvictByTagAsync("even", default);
        await _store.EvictByTagAsync("red", default);

        for (var i = 0; i < 60; i++)
        {
            var evicted = i % 2 == 0 || i % Tags.Length == 0;
            var value = await _store.GetAsync($"page/{i}", default);
            if (evicted)
            {
                value.ShouldBeNull($"page/{i} carried an evicted tag");
            }
            else
            {
                value.ShouldBe([(byte)i], $"page/{i} carried no evicted tag");
            }
        }

        (await _store.GetAsync("untagged", default)).ShouldBe([255]);
        (await _inspector.ExistsAsync($"{_prefix}tag:even")).ShouldBeFalse("an evicted tag's set is emptied");
        (await _inspector.ExistsAsync($"{_prefix}tag:red")).ShouldBeFalse();
    }

    [Fact]
    public async Task EvictByTagAsync_MoreEntriesThanOnePageAcrossSlots_RemovesThemAll()
    {
        var count = RedisOutputCacheStore.EvictionPageSize + 37;
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => _store.SetAsync($"k{i}", [1], ["bulk"], Minute, default).AsTask()));
        await _store.SetAsync("survivor", [2], ["other"], Minute, default);

        await _store.EvictByTagAsync("bulk", default);

        (await ClusterKeys.ListAsync(_inspector, $"{_prefix}e:k")).ShouldBeEmpty();
        (await _inspector.ExistsAsync($"{_prefix}tag:bulk")).ShouldBeFalse();
        (await _store.GetAsync("survivor", default)).ShouldBe([2]);
    }

    [Fact]
    public async Task SetAsync_ShortValidFor_EntryExpiresAndTagSetOutlivesItByTheGraceOnly()
    {
        await _store.SetAsync("brief", [1], ["t1", "t2"], TimeSpan.FromMilliseconds(300), default);

        var entryTtl = await _inspector.TimeToLiveAsync($"{_prefix}e:brief");
        entryTtl.ShouldNotBeNull();
        entryTtl.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromMilliseconds(300));
        foreach (var tag in new[] { "t1", "t2" })
        {
            var ttl = await _inspector.TimeToLiveAsync($"{_prefix}tag:{tag}");
            ttl.ShouldNotBeNull();
            ttl.Value.ShouldBeInRange(RedisOutputCacheStore.ClusterTagGrace, RedisOutputCacheStore.ClusterTagGrace + TimeSpan.FromMilliseconds(300));
        }

        // Real Redis expiry: bounded polling, not a fixed sleep.
        var gone = false;
        for (var i = 0; i < 100 && !gone; i++)
        {
            gone = await _store.GetAsync("brief", default) is null;
            if (!gone)
            {
                await Task.Delay(20);
            }
        }

        gone.ShouldBeTrue("the entry expires after its validFor");
        await _store.EvictByTagAsync("t1", default); // memberships of expired entries are harmless
        (await _inspector.ExistsAsync($"{_prefix}tag:t1")).ShouldBeFalse();
    }

    [Fact]
    public async Task EvictByTagAsync_MemberRefiledAfterThePageWasRead_KeepsItsMembership()
    {
        var tagKey = $"{_prefix}tag:t";
        await _store.SetAsync("k", [1], ["t"], Minute, default);
        var page = await _inspector.EvaluateAsync(RedisOutputCacheScripts.ReadPage, [tagKey], [RedisOutputCacheStore.EvictionPageSize]);
        var member = page.Items[0].AsString()!;
        var score = page.Items[1].AsString()!;

        // A concurrent store of the same key, between the eviction's read and its removal of the memberships.
        await _store.SetAsync("k", [2], ["t"], Minute, default);
        var removed = await _inspector.EvaluateAsync(RedisOutputCacheScripts.RemoveUnchanged, [tagKey], [member, score]);

        removed.AsInt64().ShouldBe(0);
        (await _inspector.ExecuteAsync("ZCARD", tagKey)).AsInt64().ShouldBe(1, "the re-stored entry stays evictable");
        await _store.EvictByTagAsync("t", default);
        (await _store.GetAsync("k", default)).ShouldBeNull();
    }

    [Fact]
    public async Task OutputCacheMiddleware_OwnClientOnTheCluster_ServesFromRedisAndEvictsByTag()
    {
        // A connection string: the store's own client connects in the background, so the first store happens before
        // the client knows it is on a cluster.
        await using var app = await OutputCacheTestApp.StartAsync(fixture.ConnectionString, _prefix);

        var first = await app.GetTripsAsync();
        var second = await app.GetTripsAsync();
        await app.Store.EvictByTagAsync("trips", default);
        var fresh = await app.GetTripsAsync();

        second.ShouldBe(first);
        fresh.ShouldNotBe(first);
        app.Invocations.ShouldBe(2);
    }
}
