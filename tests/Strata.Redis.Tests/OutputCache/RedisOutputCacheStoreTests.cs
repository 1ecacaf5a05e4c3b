using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using Strata.Redis.AspNetCore;
using Strata.Redis.AspNetCore.OutputCaching;
using Strata.Redis.Tests.Infrastructure;
using Strata.Resp;
using Strata.Testing;

namespace Strata.Redis.Tests.OutputCache;

[Collection(RedisCollection.Name)]
public sealed class RedisOutputCacheStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly RedisFixture _redis;
    private readonly string _prefix = RedisFixture.NewPrefix("oc") + ":";
    private RedisOutputCacheStore _store = null!;

    public RedisOutputCacheStoreTests(RedisFixture redis) => _redis = redis;

    private RespClient Inspect => _redis.Client;

    public Task InitializeAsync()
    {
        // The store gets a client of its own (and owns it); the fixture's client only inspects.
        _store = new RedisOutputCacheStore(new RedisOutputCacheOptions
        {
            ConnectionString = _redis.ConnectionString,
            KeyPrefix = _prefix,
            OperationTimeout = OutputCacheTestTimeouts.Generous,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task SetAsync_ThenGetAsync_ReturnsTheSameBytes()
    {
        byte[] value = [0, 1, 0xFF, (byte)'\r', (byte)'\n', (byte)'$', 0x80, 0];

        await _store.SetAsync("GET\u001eHTTP\u001eLOCALHOST/trips?x=1", value, null, Minute, default);

        (await _store.GetAsync("GET\u001eHTTP\u001eLOCALHOST/trips?x=1", default)).ShouldBe(value);
        (await _redis.KeysAsync(_prefix)).ShouldBe([$"{_prefix}e:GET\u001eHTTP\u001eLOCALHOST/trips?x=1"]);
    }

    [Fact]
    public async Task GetAsync_AbsentKey_ReturnsNull()
    {
        (await _store.GetAsync("absent", default)).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_EmptyValue_RoundTripsAsEmpty()
    {
        await _store.SetAsync("empty", [], null, Minute, default);

        (await _store.GetAsync("empty", default)).ShouldBe([]);
    }

    [Fact]
    public async Task SetAsync_MultiSegmentSequence_StoresTheConcatenatedBytes()
    {
        var first = new Segment([1, 2, 3]);
        var last = first.Append([4, 5]).Append([]).Append([6]);
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        await _store.SetAsync("multi", sequence, ReadOnlyMemory<string>.Empty, Minute, default);

        (await _store.GetAsync("multi", default)).ShouldBe([1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public async Task TryGetAsync_Present_WritesTheBytesToThePipe()
    {
        await _store.SetAsync("piped", new ReadOnlySequence<byte>([7, 8, 9]), new[] { "t" }, Minute, default);
        var pipe = new Pipe();

        var found = await _store.TryGetAsync("piped", pipe.Writer, default);
        await pipe.Writer.CompleteAsync();

        found.ShouldBeTrue();
        (await ReadAllAsync(pipe.Reader)).ShouldBe([7, 8, 9]);
    }

    [Fact]
    public async Task TryGetAsync_Absent_ReturnsFalseAndWritesNothing()
    {
        var pipe = new Pipe();

        var found = await _store.TryGetAsync("absent", pipe.Writer, default);
        await pipe.Writer.CompleteAsync();

        found.ShouldBeFalse();
        (await ReadAllAsync(pipe.Reader)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetAsync_ValidFor_EntryTtlWithinBounds()
    {
        await _store.SetAsync("ttl", [1], null, TimeSpan.FromSeconds(30), default);

        var ttl = await Inspect.TimeToLiveAsync($"{_prefix}e:ttl");

        ttl.ShouldNotBeNull();
        ttl.Value.ShouldBeInRange(TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task SetAsync_SubMillisecondValidFor_RoundsUpToOneMillisecond()
    {
        // Must not become PX 0 (which Redis rejects) or an entry that never expires.
        await _store.SetAsync("tiny", [1], ["t"], TimeSpan.FromTicks(1), default);

        var ttl = await Inspect.TimeToLiveAsync($"{_prefix}e:tiny");
        (ttl is null || ttl.Value <= TimeSpan.FromMilliseconds(1)).ShouldBeTrue();
    }

    [Fact]
    public async Task SetAsync_WithTags_FilesTheEntryScoredByServerExpiry_AndTagSetExpiresWithIt()
    {
        var before = await Inspect.TimeAsync();

        await _store.SetAsync("tagged", [1], ["trips", "flights", "trips"], TimeSpan.FromSeconds(30), default);

        var after = await Inspect.TimeAsync();
        foreach (var tag in new[] { "trips", "flights" })
        {
            var members = await MembersWithScoresAsync($"{_prefix}tag:{tag}");
            members.Count.ShouldBe(1, $"tag {tag}: one member, duplicates collapsed");
            members[0].Member.ShouldBe($"{_prefix}e:tagged");
            var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)members[0].Score);
            expiresAt.ShouldBeInRange(before.AddSeconds(30).AddMilliseconds(-1), after.AddSeconds(30).AddMilliseconds(1));
            var ttl = await Inspect.TimeToLiveAsync($"{_prefix}tag:{tag}");
            ttl.ShouldNotBeNull();
            ttl.Value.ShouldBeInRange(TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task SetAsync_ValidForTimeSpanMaxValue_StoresAFiniteExpiryOnEntryAndTag()
    {
        // A 15-digit expiry in Unix ms: Lua would hand it to Redis in exponent notation unless formatted explicitly.
        await _store.SetAsync("forever", [1], ["t"], TimeSpan.MaxValue, default);

        var years = TimeSpan.FromDays(365 * 29_000);
        foreach (var key in new[] { $"{_prefix}e:forever", $"{_prefix}tag:t" })
        {
            var ttl = await Inspect.TimeToLiveAsync(key);
            ttl.ShouldNotBeNull();
            ttl.Value.ShouldNotBe(Timeout.InfiniteTimeSpan);
            ttl.Value.ShouldBeGreaterThan(years);
        }

        (await _store.GetAsync("forever", default)).ShouldBe([1]);
    }

    [Fact]
    public async Task SetAsync_SeveralEntriesOneTag_TagSetTtlFollowsTheLongestLivedEntry()
    {
        await _store.SetAsync("medium", [1], ["t"], TimeSpan.FromSeconds(60), default);
        await _store.SetAsync("long", [1], ["t"], TimeSpan.FromSeconds(300), default);
        await _store.SetAsync("short", [1], ["t"], TimeSpan.FromSeconds(10), default);

        var ttl = await Inspect.TimeToLiveAsync($"{_prefix}tag:t");

        ttl.ShouldNotBeNull();
        ttl.Value.ShouldBeInRange(TimeSpan.FromSeconds(299), TimeSpan.FromSeconds(300));
        (await Inspect.ExecuteAsync("ZCARD", $"{_prefix}tag:t")).AsInt64().ShouldBe(3);
    }

    [Fact]
    public async Task SetAsync_TagSetHoldsExpiredMembers_PrunesThemAndLowersTheTtl()
    {
        var tagKey = $"{_prefix}tag:t";
        // Memberships whose entries expired long ago (score = expiry in Unix ms), as a store that was never pruned would hold.
        await Inspect.ExecuteAsync("ZADD", tagKey, 1, $"{_prefix}e:gone-1", 2, $"{_prefix}e:gone-2");

        await _store.SetAsync("live", [1], ["t"], TimeSpan.FromSeconds(30), default);

        var members = await Inspect.ExecuteAsync("ZRANGE", tagKey, 0, -1);
        members.Items.Select(static m => m.AsString()).ShouldBe([$"{_prefix}e:live"]);
        var ttl = await Inspect.TimeToLiveAsync(tagKey);
        ttl.ShouldNotBeNull();
        ttl.Value.ShouldBeInRange(TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task SetAsync_AllEntriesExpire_EveryStoreKeyDisappears()
    {
        await _store.SetAsync("a", [1], ["t1", "t2"], TimeSpan.FromMilliseconds(300), default);
        await _store.SetAsync("b", [2], ["t2"], TimeSpan.FromMilliseconds(300), default);
        (await _redis.KeysAsync(_prefix)).Count.ShouldBe(4);

        // Real Redis expiry: bounded polling (SCAN also expires the keys it meets), not a fixed sleep.
        var remaining = await WaitForKeysAsync(_prefix, expected: 0, TimeSpan.FromSeconds(5));

        remaining.ShouldBeEmpty();
    }

    [Fact]
    public async Task EvictByTagAsync_RemovesExactlyTheTaggedEntries()
    {
        await _store.SetAsync("x-only", [1], ["x"], Minute, default);
        await _store.SetAsync("x-and-y", [2], ["x", "y"], Minute, default);
        await _store.SetAsync("y-only", [3], ["y"], Minute, default);
        await _store.SetAsync("untagged", [4], null, Minute, default);

        await _store.EvictByTagAsync("x", default);

        (await _store.GetAsync("x-only", default)).ShouldBeNull();
        (await _store.GetAsync("x-and-y", default)).ShouldBeNull();
        (await _store.GetAsync("y-only", default)).ShouldBe([3]);
        (await _store.GetAsync("untagged", default)).ShouldBe([4]);
        (await Inspect.ExistsAsync($"{_prefix}tag:x")).ShouldBeFalse();
    }

    [Fact]
    public async Task EvictByTagAsync_EntryWithSeveralTags_IsEvictedByAnyOfThem()
    {
        await _store.SetAsync("multi", [1], ["a", "b", "c"], Minute, default);
        await _store.SetAsync("other", [2], ["a"], Minute, default);

        await _store.EvictByTagAsync("c", default);

        (await _store.GetAsync("multi", default)).ShouldBeNull();
        (await _store.GetAsync("other", default)).ShouldBe([2]);
    }

    [Fact]
    public async Task EvictByTagAsync_UnknownTag_IsANoOp()
    {
        await _store.SetAsync("kept", [1], ["known"], Minute, default);
        var before = await _redis.KeysAsync(_prefix);

        await _store.EvictByTagAsync("unknown", default);

        (await _redis.KeysAsync(_prefix)).Order().ShouldBe(before.Order());
        (await _store.GetAsync("kept", default)).ShouldBe([1]);
    }

    [Theory]
    [InlineData(RedisOutputCacheStore.EvictionPageSize * 2)] // a full last page: one more call finds the set empty
    [InlineData((RedisOutputCacheStore.EvictionPageSize * 2) + 37)]
    public async Task EvictByTagAsync_MoreEntriesThanOnePage_RemovesThemAll(int count)
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => _store.SetAsync($"k{i}", [1], ["bulk"], Minute, default).AsTask()));
        await _store.SetAsync("survivor", [2], ["other"], Minute, default);

        await _store.EvictByTagAsync("bulk", default);

        (await _redis.KeysAsync($"{_prefix}e:k")).ShouldBeEmpty();
        (await Inspect.ExistsAsync($"{_prefix}tag:bulk")).ShouldBeFalse();
        (await _store.GetAsync("survivor", default)).ShouldBe([2]);
    }

    [Fact]
    public async Task EvictByTagAsync_EntryStoredAgainAfterEviction_IsKeptAndTaggedAgain()
    {
        await _store.SetAsync("k", [1], ["t"], Minute, default);
        await _store.EvictByTagAsync("t", default);

        await _store.SetAsync("k", [2], ["t"], Minute, default);

        (await _store.GetAsync("k", default)).ShouldBe([2]);
        (await Inspect.ExecuteAsync("ZCARD", $"{_prefix}tag:t")).AsInt64().ShouldBe(1);
    }

    public static TheoryData<string?, int, string?, Type, string> BadSets => new()
    {
        { null, 60_000, "t", typeof(ArgumentNullException), "key" },
        { "", 60_000, "t", typeof(ArgumentException), "key" },
        { "k", 0, "t", typeof(ArgumentOutOfRangeException), "validFor" },
        { "k", -5, "t", typeof(ArgumentOutOfRangeException), "validFor" },
        { "k", 60_000, null, typeof(ArgumentException), "tags" },
    };

    [Theory]
    [MemberData(nameof(BadSets))]
    public async Task SetAsync_BadInput_ThrowsAndStoresNothing(string? key, int validForMs, string? secondTag, Type expected, string parameter)
    {
        var validFor = TimeSpan.FromMilliseconds(validForMs);
        string[] tags = ["first", secondTag!];

        var fromArray = await Should.ThrowAsync<ArgumentException>(() => _store.SetAsync(key!, [1], tags, validFor, default).AsTask());
        var fromSequence = await Should.ThrowAsync<ArgumentException>(
            () => _store.SetAsync(key!, new ReadOnlySequence<byte>([1]), tags, validFor, default).AsTask());

        foreach (var error in new[] { fromArray, fromSequence })
        {
            error.GetType().ShouldBe(expected);
            error.ParamName.ShouldBe(parameter);
        }

        (await _redis.KeysAsync(_prefix)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SetAsync_NullValue_ThrowsArgumentNullException()
    {
        var error = await Should.ThrowAsync<ArgumentNullException>(() => _store.SetAsync("k", null!, null, Minute, default).AsTask());

        error.ParamName.ShouldBe("value");
        (await _redis.KeysAsync(_prefix)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadsAndEviction_BadInput_Throw()
    {
        await Should.ThrowAsync<ArgumentNullException>(() => _store.GetAsync(null!, default).AsTask());
        await Should.ThrowAsync<ArgumentException>(() => _store.GetAsync("", default).AsTask());
        await Should.ThrowAsync<ArgumentException>(() => _store.TryGetAsync("", new Pipe().Writer, default).AsTask());
        await Should.ThrowAsync<ArgumentNullException>(() => _store.TryGetAsync("k", null!, default).AsTask());
        await Should.ThrowAsync<ArgumentNullException>(() => _store.EvictByTagAsync(null!, default).AsTask());
    }

    [Fact]
    public async Task GetAsync_ServerSilentPastOperationTimeout_ThrowsRespTimeoutExceptionNamingTheOption()
    {
        var clock = new ManualTimeProvider();
        await using var store = new RedisOutputCacheStore(new RedisOutputCacheOptions
        {
            ConnectionString = _redis.ConnectionString,
            KeyPrefix = _prefix,
            OperationTimeout = TimeSpan.FromMilliseconds(200),
            TimeProvider = clock,
        });
        await store.SetAsync("k", [1], null, Minute, default); // connected before the server stops

        _redis.Server.Pause();
        try
        {
            var pending = store.GetAsync("k", default).AsTask();
            clock.Advance(TimeSpan.FromMilliseconds(200));

            var error = await Should.ThrowAsync<RespTimeoutException>(pending);
            error.Message.ShouldContain("RedisOutputCacheOptions.OperationTimeout");
        }
        finally
        {
            _redis.Server.Resume();
        }

        (await store.GetAsync("k", default)).ShouldBe([1]);
    }

    [Fact]
    public async Task GetAsync_CallerCancels_ThrowsOperationCanceledWithTheCallersToken()
    {
        await _store.SetAsync("k", [1], null, Minute, default);
        using var cancellation = new CancellationTokenSource();

        _redis.Server.Pause();
        try
        {
            var pending = _store.GetAsync("k", cancellation.Token).AsTask();
            await cancellation.CancelAsync();

            var error = await Should.ThrowAsync<OperationCanceledException>(pending);
            error.ShouldNotBeOfType<RespTimeoutException>();
            error.CancellationToken.ShouldBe(cancellation.Token);
        }
        finally
        {
            _redis.Server.Resume();
        }
    }

    [Fact]
    public async Task DisposeAsync_ThenUse_ThrowsObjectDisposedException()
    {
        await _store.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(() => _store.GetAsync("k", default).AsTask());
        _store.Client.IsConnected.ShouldBeFalse();
    }

    /// <summary>ZRANGE WITHSCORES: RESP3 replies with [member, score] pairs, RESP2 with a flat list.</summary>
    private async Task<List<(string Member, double Score)>> MembersWithScoresAsync(string key)
    {
        var reply = await Inspect.ExecuteAsync("ZRANGE", key, 0, -1, "WITHSCORES");
        var flat = reply.Items.SelectMany(static item => item.Items.Count == 2 ? item.Items : [item]).ToList();
        return [.. flat.Chunk(2).Select(static pair => (pair[0].AsString()!, pair[1].AsDouble()))];
    }

    private async Task<List<string>> WaitForKeysAsync(string prefix, int expected, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var keys = await _redis.KeysAsync(prefix);
            if (keys.Count == expected || Stopwatch.GetElapsedTime(started) > limit)
            {
                return keys;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                await reader.CompleteAsync();
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
