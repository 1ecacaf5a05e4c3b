using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Strata.Redis.DistributedCache;
using Strata.Redis.Tests.Infrastructure;
using Strata.Resp;
using Strata.Testing;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>
/// What is particular to Strata's Redis cache beyond the shared contract: the data layout on the server, the key
/// prefix, expirations computed on the server's clock, stricter key checks, and ownership of the client.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisDistributedCacheTests(RedisFixture redis)
{
    private static readonly DistributedCacheEntryOptions NoExpiry = new();

    private readonly string _prefix = RedisFixture.NewPrefix("dc") + ":";

    [Fact]
    public async Task SetAsync_WithKeyPrefix_StoresOneHashUnderThePrefixedKey()
    {
        await using var cache = NewCache();

        await cache.SetAsync("k", "v"u8.ToArray(), NoExpiry);

        (await redis.KeysAsync(_prefix)).ShouldBe([_prefix + "k"]);
        (await redis.Client.ExecuteAsync("TYPE", _prefix + "k")).AsString().ShouldBe("hash");
        var fields = await HashAsync(_prefix + "k");
        fields.Keys.Order().ShouldBe(["a", "d", "s"]);
        fields["d"].ShouldBe("v");
        fields["a"].ShouldBe("-1");
        fields["s"].ShouldBe("-1");
    }

    [Fact]
    public async Task SetAsync_EmptyKeyPrefix_StoresTheKeyAsGiven()
    {
        await using var cache = new RedisDistributedCache(new RedisDistributedCacheOptions { Client = redis.Client });
        var key = _prefix + "raw";

        await cache.SetAsync(key, [1], NoExpiry);

        (await redis.KeysAsync(_prefix)).ShouldBe([key]);
    }

    [Fact]
    public async Task RemoveAsync_WithKeyPrefix_RemovesThePrefixedKeyOnly()
    {
        await using var cache = NewCache();
        await cache.SetAsync("k", [1], NoExpiry);
        // The unprefixed neighbour still needs a name no other test uses.
        var neighbour = "k-" + _prefix;
        await redis.Client.SetAsync(neighbour, "other");

        await cache.RemoveAsync("k");

        (await redis.KeysAsync(_prefix)).ShouldBeEmpty();
        (await redis.Client.GetAsync(neighbour)).ShouldBe("other");
        await redis.Client.DeleteAsync(neighbour);
    }

    [Fact]
    public async Task SetAsync_ClientClockFarFromTheServers_ExpirationsUseTheServerClock()
    {
        // A client clock decades off must not move the stored absolute time: relative durations are anchored on TIME.
        var clock = new ManualTimeProvider(new DateTimeOffset(2090, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var cache = NewCache(clock);
        var before = await redis.Client.TimeAsync();

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1),
            SlidingExpiration = TimeSpan.FromSeconds(30),
        });

        var after = await redis.Client.TimeAsync();
        var fields = await HashAsync(_prefix + "k");
        long.Parse(fields["a"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(
            (before + TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds(),
            (after + TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds());
        fields["s"].ShouldBe("30000");
    }

    [Fact]
    public async Task SetAsync_FractionalMillisecondExpirations_RoundUp()
    {
        // Rounding down could turn a sub-millisecond remainder into PEXPIRE 0, which deletes the entry at once.
        await using var cache = NewCache();

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromTicks(TimeSpan.TicksPerMinute + 1),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromTicks(TimeSpan.TicksPerMinute * 2 + 1),
        });

        (await HashAsync(_prefix + "k"))["s"].ShouldBe("60001");
        (await TtlAsync("k")).ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromSeconds(58), TimeSpan.FromMilliseconds(60001));
    }

    [Fact]
    public async Task SetAsync_KeyHoldingAnotherType_ReplacesIt()
    {
        await using var cache = NewCache();
        await redis.Client.SetAsync(_prefix + "k", "a plain string");

        await cache.SetAsync("k", [1], NoExpiry);

        (await cache.GetAsync("k")).ShouldBe(new byte[] { 1 });
    }

    [Fact]
    public async Task GetAsync_KeyHoldingAnotherType_PropagatesTheServerError()
    {
        await using var cache = NewCache();
        await redis.Client.SetAsync(_prefix + "k", "a plain string");

        var error = await Should.ThrowAsync<RespServerException>(() => cache.GetAsync("k"));

        error.ErrorCode.ShouldBe("WRONGTYPE");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task AnyOperation_NullKey_ThrowsArgumentNullException(string name)
    {
        await using var cache = NewCache();

        var error = await Should.ThrowAsync<ArgumentNullException>(() => Run(cache, name, null!));

        error.ParamName.ShouldBe("key");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task AnyOperation_EmptyKey_ThrowsArgumentException(string name)
    {
        await using var cache = NewCache();

        var error = await Should.ThrowAsync<ArgumentException>(() => Run(cache, name, string.Empty));

        error.ShouldNotBeOfType<ArgumentNullException>();
        error.ParamName.ShouldBe("key");
    }

    [Fact]
    public async Task DisposeAsync_SharedClient_LeavesItOpen()
    {
        var cache = NewCache();
        await cache.SetAsync("k", [1], NoExpiry);

        await cache.DisposeAsync();

        redis.Client.IsConnected.ShouldBeTrue();
        (await redis.Client.ExistsAsync(_prefix + "k")).ShouldBeTrue();
    }

    [Fact]
    public async Task GetAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var cache = new RedisDistributedCache(new RedisDistributedCacheOptions { ConnectionString = redis.ConnectionString, KeyPrefix = _prefix });
        await cache.SetAsync("k", [1], NoExpiry);

        await cache.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(() => cache.GetAsync("k"));
    }

    [Fact]
    public async Task Dispose_CalledTwiceAndAfterDisposeAsync_DoesNotThrow()
    {
        var cache = new RedisDistributedCache(new RedisDistributedCacheOptions { ConnectionString = redis.ConnectionString });

        await cache.DisposeAsync();

        Should.NotThrow(cache.Dispose);
        Should.NotThrow(cache.Dispose);
    }

    public static TheoryData<string> Operations() =>
        ["Get", "GetAsync", "TryGetAsync", "Set", "SetAsync", "SetSequenceAsync", "Refresh", "RefreshAsync", "Remove", "RemoveAsync"];

    private static async Task Run(RedisDistributedCache cache, string name, string key)
    {
        switch (name)
        {
            case "Get":
                cache.Get(key);
                break;
            case "GetAsync":
                await cache.GetAsync(key);
                break;
            case "TryGetAsync":
                await cache.TryGetAsync(key, new System.Buffers.ArrayBufferWriter<byte>());
                break;
            case "Set":
                cache.Set(key, [1], NoExpiry);
                break;
            case "SetAsync":
                await cache.SetAsync(key, [1], NoExpiry);
                break;
            case "SetSequenceAsync":
                await cache.SetAsync(key, SegmentedSequence.Create([1], [2]), NoExpiry);
                break;
            case "Refresh":
                cache.Refresh(key);
                break;
            case "RefreshAsync":
                await cache.RefreshAsync(key);
                break;
            case "Remove":
                cache.Remove(key);
                break;
            case "RemoveAsync":
                await cache.RemoveAsync(key);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown operation.");
        }
    }

    private RedisDistributedCache NewCache(TimeProvider? time = null) => new(new RedisDistributedCacheOptions
    {
        Client = redis.Client,
        KeyPrefix = _prefix,
        TimeProvider = time,
    });

    private ValueTask<TimeSpan?> TtlAsync(string key) => redis.Client.TimeToLiveAsync(_prefix + key);

    private async Task<Dictionary<string, string>> HashAsync(string key)
    {
        var reply = await redis.Client.ExecuteAsync("HGETALL", key);
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < reply.Items.Count; i += 2)
        {
            fields[reply.Items[i].AsString()!] = Encoding.UTF8.GetString(reply.Items[i + 1].Bytes.Span);
        }

        return fields;
    }
}
