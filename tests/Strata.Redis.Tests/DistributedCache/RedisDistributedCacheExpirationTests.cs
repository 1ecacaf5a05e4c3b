using Microsoft.Extensions.Caching.Distributed;
using Strata.Redis.DistributedCache;
using Strata.Redis.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>
/// Expirations as Redis sees them. Most tests read the key's TTL (PTTL) and simulate elapsed time by shortening it on
/// the server, so they never sleep; the few that check Redis really removes an entry wait once, briefly, since real
/// expiry is the behaviour under test.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisDistributedCacheExpirationTests(RedisFixture redis)
{
    // PTTL is read a moment after the write; allow for a slow machine between the two.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private readonly string _prefix = RedisFixture.NewPrefix("dc-expiry") + ":";

    [Fact]
    public async Task SetAsync_NoExpiration_StoresWithoutTtl()
    {
        await using var cache = NewCache();

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions());

        (await TtlAsync("k")).ShouldBe(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public async Task SetAsync_AbsoluteExpirationRelativeToNow_TtlIsTheDuration()
    {
        await using var cache = NewCache();

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });

        ShouldBeNear(await TtlAsync("k"), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task SetAsync_AbsoluteExpiration_ConvertedWithTheTimeProviderAtCallTime()
    {
        // The manual clock is far from the real one: only a conversion on the TimeProvider gives a 10-minute TTL.
        var clock = new ManualTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cache = NewCache(clock);

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpiration = clock.GetUtcNow().AddMinutes(10) });

        ShouldBeNear(await TtlAsync("k"), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task SetAsync_AbsoluteExpirationPastOnTheTimeProvider_ThrowsAndStoresNothing()
    {
        // An hour ahead of the real clock, but a day behind the cache's clock.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        await using var cache = NewCache(clock);
        var options = new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddHours(1) };

        var error = await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await cache.SetAsync("k", [1], options));

        error.ParamName.ShouldBe(nameof(DistributedCacheEntryOptions.AbsoluteExpiration));
        error.Message.ShouldStartWith("The absolute expiration value must be in the future.");
        (await redis.Client.ExistsAsync(_prefix + "k")).ShouldBeFalse();
    }

    [Fact]
    public async Task SetAsync_PastAbsoluteWithRelativeAlsoSet_ThrowsLikeMicrosoftsRedisCache()
    {
        await using var cache = NewCache();
        var options = new DistributedCacheEntryOptions
        {
            AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1),
        };

        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await cache.SetAsync("k", [1], options));

        (await redis.Client.ExistsAsync(_prefix + "k")).ShouldBeFalse();
    }

    [Fact]
    public async Task Set_PastAbsoluteExpiration_ThrowsSynchronouslyToo()
    {
        await using var cache = NewCache();
        var options = new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddSeconds(-1) };

        Should.Throw<ArgumentOutOfRangeException>(() => cache.Set("k", [1], options));

        (await redis.Client.ExistsAsync(_prefix + "k")).ShouldBeFalse();
    }

    [Fact]
    public async Task SetAsync_AbsoluteExpirationRelativeToNow_EntryGoneAfterIt()
    {
        await using var cache = NewCache();
        var lifetime = TimeSpan.FromMilliseconds(500);

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime });
        var ttl = await TtlAsync("k");
        await Task.Delay(lifetime + TimeSpan.FromMilliseconds(200));

        ttl.ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromMilliseconds(1), lifetime);
        (await cache.GetAsync("k")).ShouldBeNull();
        (await redis.Client.ExistsAsync(_prefix + "k")).ShouldBeFalse();
    }

    [Fact]
    public async Task SetAsync_AbsoluteExpiration_EntryGoneAfterIt()
    {
        await using var cache = NewCache();
        var lifetime = TimeSpan.FromMilliseconds(500);

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow + lifetime });
        var ttl = await TtlAsync("k");
        await Task.Delay(lifetime + TimeSpan.FromMilliseconds(200));

        ttl.ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromMilliseconds(1), lifetime);
        (await cache.GetAsync("k")).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_SlidingNotTouched_EntryGoneAfterIt()
    {
        await using var cache = NewCache();
        var sliding = TimeSpan.FromMilliseconds(500);

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { SlidingExpiration = sliding });
        var ttl = await TtlAsync("k");
        await Task.Delay(sliding + TimeSpan.FromMilliseconds(200));

        ttl.ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromMilliseconds(1), sliding);
        (await cache.GetAsync("k")).ShouldBeNull();
    }

    [Theory]
    [InlineData("GetAsync")]
    [InlineData("Get")]
    [InlineData("TryGetAsync")]
    [InlineData("TryGet")]
    [InlineData("RefreshAsync")]
    [InlineData("Refresh")]
    public async Task Touch_SlidingEntry_RearmsTheTtl(string touch)
    {
        await using var cache = NewCache();
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });
        await ElapseOnServerAsync("k", remaining: TimeSpan.FromSeconds(5));

        await TouchAsync(cache, touch, "k");

        ShouldBeNear(await TtlAsync("k"), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task GetAsync_SlidingWithFartherAbsolute_RearmsToTheSliding()
    {
        await using var cache = NewCache();
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromSeconds(10),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1),
        });
        ShouldBeNear(await TtlAsync("k"), TimeSpan.FromSeconds(10));
        await ElapseOnServerAsync("k", remaining: TimeSpan.FromSeconds(1));

        (await cache.GetAsync("k")).ShouldBe(new byte[] { 1 });

        ShouldBeNear(await TtlAsync("k"), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("GetAsync")]
    [InlineData("RefreshAsync")]
    public async Task Touch_SlidingWithNearerAbsolute_NeverRearmsPastTheAbsolute(string touch)
    {
        await using var cache = NewCache();
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(1),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(10),
        });
        ShouldBeNear(await TtlAsync("k"), TimeSpan.FromSeconds(10));

        // As if 8 of the 10 seconds had passed: the absolute time is 2 s away on the server's clock.
        var now = await redis.Client.TimeAsync();
        await redis.Client.ExecuteAsync("HSET", _prefix + "k", "a", (now + TimeSpan.FromSeconds(2)).ToUnixTimeMilliseconds());
        await TouchAsync(cache, touch, "k");

        ShouldBeNear(await TtlAsync("k"), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GetAsync_SlidingEntryPastItsAbsoluteTime_ReturnsNullAndRemovesIt()
    {
        // Only millisecond rounding can leave an entry alive past its absolute time; the read must still not serve it.
        await using var cache = NewCache();
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(1),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1),
        });
        var now = await redis.Client.TimeAsync();
        await redis.Client.ExecuteAsync("HSET", _prefix + "k", "a", (now - TimeSpan.FromSeconds(1)).ToUnixTimeMilliseconds());

        (await cache.GetAsync("k")).ShouldBeNull();

        (await redis.Client.ExistsAsync(_prefix + "k")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("GetAsync")]
    [InlineData("RefreshAsync")]
    public async Task Touch_AbsoluteOnlyEntry_LeavesTheTtlAlone(string touch)
    {
        await using var cache = NewCache();
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        await ElapseOnServerAsync("k", remaining: TimeSpan.FromSeconds(5));

        await TouchAsync(cache, touch, "k");

        (await TtlAsync("k")).ShouldNotBeNull().ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RefreshAsync_AbsentKey_CreatesNothing()
    {
        await using var cache = NewCache();

        await cache.RefreshAsync("k");

        (await redis.Client.ExistsAsync(_prefix + "k")).ShouldBeFalse();
    }

    [Fact]
    public async Task SetAsync_OverwriteWithoutExpiration_ClearsThePreviousTtl()
    {
        await using var cache = NewCache();
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });

        await cache.SetAsync("k", [2], new DistributedCacheEntryOptions());

        (await TtlAsync("k")).ShouldBe(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public async Task SetAsync_OverwriteSlidingWithAbsolute_ReadsNoLongerRearm()
    {
        await using var cache = NewCache();
        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });
        await cache.SetAsync("k", [2], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        await ElapseOnServerAsync("k", remaining: TimeSpan.FromSeconds(5));

        (await cache.GetAsync("k")).ShouldBe(new byte[] { 2 });

        (await TtlAsync("k")).ShouldNotBeNull().ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(5));
    }

    private static async Task TouchAsync(RedisDistributedCache cache, string touch, string key)
    {
        switch (touch)
        {
            case "GetAsync":
                (await cache.GetAsync(key)).ShouldNotBeNull();
                break;
            case "Get":
                cache.Get(key).ShouldNotBeNull();
                break;
            case "TryGetAsync":
                (await cache.TryGetAsync(key, new System.Buffers.ArrayBufferWriter<byte>())).ShouldBeTrue();
                break;
            case "TryGet":
                cache.TryGet(key, new System.Buffers.ArrayBufferWriter<byte>()).ShouldBeTrue();
                break;
            case "RefreshAsync":
                await cache.RefreshAsync(key);
                break;
            case "Refresh":
                cache.Refresh(key);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(touch), touch, "Unknown touch.");
        }
    }

    private static void ShouldBeNear(TimeSpan? ttl, TimeSpan expected) =>
        ttl.ShouldNotBeNull().ShouldBeInRange(expected - Slack, expected);

    private RedisDistributedCache NewCache(TimeProvider? time = null) => new(new RedisDistributedCacheOptions
    {
        Client = redis.Client,
        KeyPrefix = _prefix,
        TimeProvider = time,
    });

    private ValueTask<TimeSpan?> TtlAsync(string key) => redis.Client.TimeToLiveAsync(_prefix + key);

    /// <summary>Shortens the key's TTL on the server, as if time had passed since it was last armed.</summary>
    private async Task ElapseOnServerAsync(string key, TimeSpan remaining)
    {
        (await redis.Client.ExpireAsync(_prefix + key, remaining)).ShouldBeTrue();
        (await TtlAsync(key)).ShouldNotBeNull().ShouldBeLessThanOrEqualTo(remaining);
    }
}
